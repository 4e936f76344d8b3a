/**
 * Sends requests to the app the way Slack does: slash commands, block_actions, view_submissions and
 * Events API callbacks, either as signed HTTP requests (`appUrl`) or as Socket Mode envelopes
 * (`socketMode`). Plain Node (node:crypto + global fetch); no vitest.
 */
import { createHmac } from 'node:crypto';
import { blockActionsPayload, type PayloadContext, viewSubmissionPayload } from './payloads.js';
import type { FakeSlack } from './server.js';
import type { SocketModeServer } from './socket-mode.js';

/** How a request is signed: correctly (default), not at all, with a wrong secret, or with an old timestamp. */
export type SignMode = 'valid' | 'none' | 'wrong' | { ageSeconds: number };

export interface SlackSignatureHeaders {
  'x-slack-signature': string;
  'x-slack-request-timestamp': string;
}

/** `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}`, as Slack signs requests. */
export function signSlackRequest(
  signingSecret: string,
  rawBody: string,
  timestampSec: number,
): SlackSignatureHeaders {
  const digest = createHmac('sha256', signingSecret).update(`v0:${timestampSec}:${rawBody}`).digest('hex');
  return { 'x-slack-signature': `v0=${digest}`, 'x-slack-request-timestamp': String(timestampSec) };
}

/**
 * What the sender needs from the fake. A `FakeSlack` fits; from another process pass `{ url, botUserId }`
 * (response URLs and trigger ids are then minted locally; the fake accepts ids it did not mint).
 */
export type FakeSlackLike = Pick<FakeSlack, 'url' | 'botUserId'> &
  Partial<
    Pick<
      FakeSlack,
      'teamId' | 'botId' | 'responseUrl' | 'triggerId' | 'findMessage' | 'getView' | 'getUser' | 'commandAck'
    >
  >;

export interface SlackSenderOptions {
  /** The app's request URL, e.g. `http://127.0.0.1:3000/slack/events` (HTTP mode). */
  appUrl?: string;
  /** Signs HTTP requests; unused over Socket Mode. */
  signingSecret?: string;
  /** Send everything as Socket Mode envelopes over this connection instead of HTTP (`raw` stays HTTP). */
  socketMode?: SocketModeServer;
  fake: FakeSlackLike;
  teamId?: string;
  /** Clock in milliseconds (for signature timestamps, action_ts, event_time). Default `Date.now`. */
  now?: () => number;
  /** Abort a request to the app after this long (default 10 000 ms). */
  timeoutMs?: number;
}

export interface SendResult {
  status: number;
  /** Parsed JSON if the app answered JSON, else the text ('' for an empty ack). */
  // biome-ignore lint/suspicious/noExplicitAny: tests assert freely on the app's ack
  body: any;
  headers: Headers;
}

export interface CommandInput {
  command: string;
  text?: string;
  userId: string;
  channelId?: string;
  channelName?: string;
  userName?: string;
  /** Defaults to a fresh URL on the fake. */
  responseUrl?: string;
  triggerId?: string;
  sign?: SignMode;
}

export interface SelectedOption {
  value: string;
  text?: string | { type: 'plain_text'; text: string; emoji?: boolean };
}

export interface ActionInput {
  userId: string;
  actionId: string;
  value?: string;
  selectedOption?: SelectedOption;
  /** Defaults to 'overflow' when `selectedOption` is given, else 'button'. */
  actionType?: string;
  /** Defaults to the block containing `actionId` in the message/view, else `block-<actionId>`. */
  blockId?: string;
  channelId?: string;
  channelName?: string;
  /** The message the button is on (looked up in the fake for its blocks). */
  messageTs?: string;
  /** The action came from an ephemeral message (no `message` in the payload, as Slack does). */
  ephemeral?: boolean;
  /** The action came from a modal or the home tab (looked up in the fake for its blocks and metadata). */
  viewId?: string;
  /** Defaults to a fresh URL for message actions; none for view actions. */
  responseUrl?: string;
  container?: Record<string, unknown>;
  /** `state.values` of the surface (inputs next to the button). */
  stateValues?: Record<string, Record<string, unknown>>;
  /** Extra fields merged into the action object (e.g. `selected_date`, `selected_user`). */
  extra?: Record<string, unknown>;
  triggerId?: string;
  sign?: SignMode;
}

export interface ViewSubmissionInput {
  userId: string;
  view: {
    id?: string;
    callback_id: string;
    private_metadata?: string;
    state: { values: Record<string, Record<string, unknown>> };
    hash?: string;
    title?: Record<string, unknown>;
    blocks?: unknown[];
    external_id?: string;
  };
  triggerId?: string;
  sign?: SignMode;
}

export interface EventOptions {
  eventId?: string;
  retryNum?: number;
  retryReason?: string;
  sign?: SignMode;
}

export interface SlackSender {
  command(input: CommandInput): Promise<SendResult & { responseUrl: string; triggerId: string }>;
  action(input: ActionInput): Promise<SendResult & { responseUrl: string | undefined; triggerId: string }>;
  viewSubmission(input: ViewSubmissionInput): Promise<SendResult & { triggerId: string }>;
  event(event: Record<string, unknown>, opts?: EventOptions): Promise<SendResult & { eventId: string }>;
  /** Any interactivity payload (shortcut, view_closed, block_suggestion…), form-encoded as `payload=`. */
  interactive(payload: Record<string, unknown>, opts?: { sign?: SignMode }): Promise<SendResult>;
  /** Posts `body` with exactly these headers (plus Content-Type): nothing is signed for you. */
  raw(body: string, headers?: Record<string, string>, contentType?: string): Promise<SendResult>;
}

export function createSlackSender(opts: SlackSenderOptions): SlackSender {
  const { appUrl, signingSecret = '', fake, socketMode } = opts;
  const now = opts.now ?? (() => Date.now());
  const teamId = opts.teamId ?? fake.teamId ?? 'T0001';
  const teamDomain = 'punchcard-test';
  const apiAppId = 'A0001';
  const verificationToken = 'fake-verification-token';
  const timeoutMs = opts.timeoutMs ?? 10_000;
  let seq = 0;
  const local = Math.random().toString(36).slice(2, 8);

  const mintResponseUrl = (): string => {
    if (fake.responseUrl) return fake.responseUrl();
    seq += 1;
    return `${fake.url}/response/x${local}${seq}`;
  };
  const mintTriggerId = (): string => {
    if (fake.triggerId) return fake.triggerId();
    seq += 1;
    return `123.456.abc${local}${seq}`;
  };
  const userName = (userId: string, given?: string): string => {
    if (given) return given;
    const name = fake.getUser?.(userId)?.name;
    return typeof name === 'string' ? name : userId.toLowerCase();
  };

  const signHeaders = (body: string, sign: SignMode = 'valid'): Record<string, string> => {
    if (sign === 'none') return {};
    const nowSec = Math.floor(now() / 1000);
    if (sign === 'wrong') return { ...signSlackRequest(`${signingSecret}-wrong`, body, nowSec) };
    if (sign === 'valid') return { ...signSlackRequest(signingSecret, body, nowSec) };
    return { ...signSlackRequest(signingSecret, body, nowSec - sign.ageSeconds) };
  };

  const post = async (
    body: string,
    contentType: string,
    headers: Record<string, string>,
  ): Promise<SendResult> => {
    if (!appUrl) throw new Error('slack sender: no appUrl to POST to');
    const res = await fetch(appUrl, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
        ...headers,
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let parsed: unknown = text;
    if (text !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };

  /** Over Socket Mode the ack's payload stands for the HTTP response body ('' when it is empty). */
  const envelope = async (
    type: 'slash_commands' | 'interactive' | 'events_api',
    payload: Record<string, unknown>,
    extra?: { retry_attempt?: number; retry_reason?: string },
  ): Promise<SendResult> => {
    if (!socketMode) throw new Error('slack sender: no socket mode connection');
    const ack = await socketMode.send(type, payload, extra);
    return { status: 200, body: Object.keys(ack).length > 0 ? ack : '', headers: new Headers() };
  };

  const postForm = (fields: Record<string, string>, sign?: SignMode): Promise<SendResult> => {
    if (socketMode) return envelope('slash_commands', fields);
    const body = new URLSearchParams(fields).toString();
    return post(body, 'application/x-www-form-urlencoded', signHeaders(body, sign));
  };

  const postPayload = (payload: Record<string, unknown>, sign?: SignMode): Promise<SendResult> =>
    socketMode ? envelope('interactive', payload) : postForm({ payload: JSON.stringify(payload) }, sign);

  const userObj = (userId: string) => ({
    id: userId,
    username: userName(userId),
    name: userName(userId),
    team_id: teamId,
  });

  const ctx: PayloadContext = { fake, teamId, teamDomain, apiAppId, verificationToken, now, userObj };

  return {
    async command(input) {
      const responseUrl = input.responseUrl ?? mintResponseUrl();
      const triggerId = input.triggerId ?? mintTriggerId();
      const channelId = input.channelId ?? 'C0GENERAL';
      const res = await postForm(
        {
          token: verificationToken,
          team_id: teamId,
          team_domain: teamDomain,
          channel_id: channelId,
          channel_name: input.channelName ?? (channelId.startsWith('D') ? 'directmessage' : 'general'),
          user_id: input.userId,
          user_name: userName(input.userId, input.userName),
          command: input.command,
          text: input.text ?? '',
          api_app_id: apiAppId,
          is_enterprise_install: 'false',
          response_url: responseUrl,
          trigger_id: triggerId,
        },
        input.sign,
      );
      // A message in the ack is the command's answer, shown as a response_url post would be.
      if (res.status === 200) fake.commandAck?.(responseUrl, res.body);
      return { ...res, responseUrl, triggerId };
    },

    async action(input) {
      const triggerId = input.triggerId ?? mintTriggerId();
      const responseUrl = input.responseUrl ?? (input.viewId ? undefined : mintResponseUrl());
      const payload = blockActionsPayload(ctx, input, triggerId, responseUrl);
      const res = await postPayload(payload, input.sign);
      return { ...res, responseUrl, triggerId };
    },

    async viewSubmission(input) {
      const triggerId = input.triggerId ?? mintTriggerId();
      const res = await postPayload(viewSubmissionPayload(ctx, input, triggerId), input.sign);
      return { ...res, triggerId };
    },

    async event(event, eventOpts = {}) {
      seq += 1;
      const eventId = eventOpts.eventId ?? `Ev${local.toUpperCase()}${String(seq).padStart(6, '0')}`;
      const nowMs = now();
      const body = JSON.stringify({
        token: verificationToken,
        team_id: teamId,
        context_team_id: teamId,
        context_enterprise_id: null,
        api_app_id: apiAppId,
        event: { event_ts: (nowMs / 1000).toFixed(6), ...event },
        type: 'event_callback',
        event_id: eventId,
        event_time: Math.floor(nowMs / 1000),
        authorizations: [
          {
            enterprise_id: null,
            team_id: teamId,
            user_id: fake.botUserId,
            is_bot: true,
            is_enterprise_install: false,
          },
        ],
        is_ext_shared_channel: false,
        event_context: `4-fake-${eventId}`,
      });
      if (socketMode) {
        const res = await envelope('events_api', JSON.parse(body) as Record<string, unknown>, {
          ...(eventOpts.retryNum !== undefined ? { retry_attempt: eventOpts.retryNum } : {}),
          ...(eventOpts.retryReason !== undefined ? { retry_reason: eventOpts.retryReason } : {}),
        });
        return { ...res, eventId };
      }
      const headers = signHeaders(body, eventOpts.sign);
      if (eventOpts.retryNum !== undefined) {
        headers['x-slack-retry-num'] = String(eventOpts.retryNum);
        headers['x-slack-retry-reason'] = eventOpts.retryReason ?? 'http_timeout';
      }
      const res = await post(body, 'application/json', headers);
      return { ...res, eventId };
    },

    interactive(payload, interactiveOpts = {}) {
      return postPayload(
        {
          api_app_id: apiAppId,
          token: verificationToken,
          team: { id: teamId, domain: teamDomain },
          ...payload,
        },
        interactiveOpts.sign,
      );
    },

    raw(body, headers = {}, contentType = 'application/json') {
      return post(body, contentType, headers);
    },
  };
}
