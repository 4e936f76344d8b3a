/**
 * What the fake Slack knows and remembers: the workspace (users, channels), what the app did (calls,
 * messages, ephemerals, views, files, response_url posts) and the small helpers the Web API handlers
 * share. No HTTP here (http.ts), no method handlers (methods/).
 */
import { type BlockKitRejection, checkMessage } from './block-kit.js';
import type {
  BlockKitViolation,
  FakeChannelInput,
  FakeSlackOptions,
  FakeUserInput,
  FakeView,
  Fault,
  RateLimitedCall,
  RecordedCall,
  RecordedResponse,
  Result,
  StoredEphemeral,
  StoredMessage,
  UploadedFile,
} from './types.js';
import { isRecord, tzOffsetSeconds } from './util.js';

/** Told of each Web API call once answered, and of each delivered response_url POST (the sandbox draws them). */
export interface FakeObserver {
  call?(call: RecordedCall): void;
  response?(record: RecordedResponse): void;
}

export abstract class FakeSlackState {
  readonly teamId: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly appId = 'A0001';
  readonly teamName = 'Punchcard Test';
  readonly teamDomain = 'punchcard-test';
  readonly workspaceUrl = 'https://punchcard-test.slack.com/';

  /** Every Web API call, in arrival order (including calls answered by an injected fault). */
  readonly calls: RecordedCall[] = [];
  /** Calls to methods the fake does not model (they are answered `{ ok: true }`). */
  readonly unknownCalls: RecordedCall[] = [];
  /** POSTs to response URLs that were delivered (not swallowed by a fault). */
  readonly responses: RecordedResponse[] = [];
  /** POSTs to response URLs that an injected fault answered. */
  readonly rejectedResponses: Array<RecordedResponse & { fault: Fault }> = [];
  /** Payloads refused because real Slack would refuse them (Block Kit and message limits), in order. */
  readonly violations: BlockKitViolation[] = [];
  /** Calls answered 429 because they went past a rate limit (only with the `rateLimits` option), in order. */
  readonly rateLimited: RateLimitedCall[] = [];
  /** Messages currently in conversations (deleted ones are removed; updates are applied in place). */
  readonly messages: StoredMessage[] = [];
  readonly ephemerals: StoredEphemeral[] = [];
  readonly uploadedFiles: UploadedFile[] = [];
  /** Modals and home tabs by view id. */
  readonly views = new Map<string, FakeView>();
  /** Published home tab per user id. */
  readonly homeViews = new Map<string, FakeView>();
  readonly users = new Map<string, Record<string, unknown>>();
  readonly channels = new Map<string, FakeChannelInput>();
  readonly observers = new Set<FakeObserver>();

  // Shared with the Web API handlers (methods/*) and the HTTP surface; not for tests.
  readonly opts: FakeSlackOptions;
  readonly now: () => number;
  /** Messages by conversation, oldest first. */
  readonly byChannel = new Map<string, StoredMessage[]>();
  /** Files between files.getUploadURLExternal and files.completeUploadExternal, by file id. */
  readonly pendingUploads = new Map<
    string,
    { filename: string; length: number; content: Buffer | undefined }
  >();
  private readonly triggers = new Map<string, { at: number; used: boolean }>();
  private lastTsMicros = 0;
  private seq = 0;

  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  abstract get url(): string;

  constructor(opts: FakeSlackOptions = {}) {
    this.opts = opts;
    this.teamId = opts.teamId ?? 'T0001';
    this.botUserId = opts.botUserId ?? 'UBOT';
    this.botId = opts.botId ?? 'BBOT';
    this.now = opts.now ?? (() => Date.now());
    if (opts.seedDefaultUsers !== false) {
      this.addUser({ id: this.botUserId, name: 'punchcard', real_name: 'Punchcard', is_bot: true });
      this.addUser({ id: 'USLACKBOT', name: 'slackbot', real_name: 'Slackbot' });
    }
  }

  /** Clears calls, messages, ephemerals, responses, files, views and triggers. Keeps users and channels. */
  reset(): void {
    this.calls.length = 0;
    this.unknownCalls.length = 0;
    this.responses.length = 0;
    this.rejectedResponses.length = 0;
    this.violations.length = 0;
    this.rateLimited.length = 0;
    this.messages.length = 0;
    this.ephemerals.length = 0;
    this.uploadedFiles.length = 0;
    this.views.clear();
    this.homeViews.clear();
    this.byChannel.clear();
    this.triggers.clear();
    this.pendingUploads.clear();
  }

  // ----- inspection -------------------------------------------------------------------------------------

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /**
   * A message for the person who ran a command, as Slack takes it on the command's response_url or
   * in the command's ack: checked as chat.postMessage checks one, then delivered (null) or refused
   * (the error Slack answers with).
   */
  acceptResponse(record: RecordedResponse, method: 'response_url' | 'command ack'): Result | null {
    const { body } = record;
    if (isRecord(body) && (body.text !== undefined || body.blocks !== undefined)) {
      const invalid = this.blockKit(method, checkMessage(body));
      if (invalid) return invalid;
    }
    this.responses.push(record);
    for (const observer of this.observers) observer.response?.(record);
    return null;
  }

  /** A command's ack with a message in it: Slack shows it as it shows a post to the command's response_url. */
  commandAck(responseUrl: string, body: unknown): void {
    if (!isRecord(body)) return;
    const id = responseUrl.slice(responseUrl.lastIndexOf('/') + 1);
    this.acceptResponse({ id, url: responseUrl, body, at: this.now() }, 'command ack');
  }

  /** Delivered responses to a response URL (full URL or its id). */
  responsesTo(url: string): RecordedResponse[] {
    return this.responses.filter((r) => r.url === url || r.id === url);
  }

  /** Messages in one conversation, oldest first (thread replies included). */
  messagesIn(channel: string): StoredMessage[] {
    return [...(this.byChannel.get(channel) ?? [])];
  }

  findMessage(channel: string, ts: string): StoredMessage | undefined {
    return this.byChannel.get(channel)?.find((m) => m.ts === ts);
  }

  getView(id: string): FakeView | undefined {
    return this.views.get(id);
  }

  /** The most recently opened/pushed/updated modal with that callback_id. */
  findView(callbackId: string): FakeView | undefined {
    let found: FakeView | undefined;
    for (const v of this.views.values()) if (v.callback_id === callbackId) found = v;
    return found;
  }

  getUser(id: string): Record<string, unknown> | undefined {
    return this.users.get(id);
  }

  // ----- setup ------------------------------------------------------------------------------------------

  addUser(user: FakeUserInput): Record<string, unknown> {
    const name = user.name ?? user.id.toLowerCase();
    const realName = user.real_name ?? name;
    const tz = user.tz ?? 'UTC';
    const obj: Record<string, unknown> = {
      id: user.id,
      team_id: this.teamId,
      name,
      deleted: user.deleted ?? false,
      color: '9f69e7',
      real_name: realName,
      tz,
      tz_label: tz,
      tz_offset: user.tz_offset ?? tzOffsetSeconds(tz),
      profile: {
        real_name: realName,
        real_name_normalized: realName,
        display_name: user.display_name ?? name,
        display_name_normalized: user.display_name ?? name,
        email: user.email ?? `${name}@example.com`,
        image_48: `https://avatars.example.com/${user.id}_48.png`,
        image_72: `https://avatars.example.com/${user.id}_72.png`,
        team: this.teamId,
        ...(user.is_bot ? { bot_id: user.id === this.botUserId ? this.botId : `B${user.id.slice(1)}` } : {}),
      },
      is_admin: user.is_admin ?? false,
      is_owner: user.is_owner ?? false,
      is_primary_owner: false,
      is_restricted: user.is_restricted ?? false,
      is_ultra_restricted: false,
      is_bot: user.is_bot ?? false,
      is_app_user: false,
      updated: Math.floor(this.now() / 1000),
    };
    this.users.set(user.id, obj);
    return obj;
  }

  /** Shallow-merges `patch` into a user (top-level fields; `profile` merged one level deeper). */
  updateUser(id: string, patch: Partial<FakeUserInput> & Record<string, unknown>): Record<string, unknown> {
    const current = this.users.get(id);
    if (!current) throw new Error(`fake-slack: updateUser: no user ${id}`);
    const { profile, ...rest } = patch as Record<string, unknown>;
    const next: Record<string, unknown> = { ...current, ...rest };
    if (patch.tz !== undefined && patch.tz_offset === undefined) next.tz_offset = tzOffsetSeconds(patch.tz);
    if (patch.tz !== undefined) next.tz_label = patch.tz;
    const prof = { ...(current.profile as Record<string, unknown>) };
    if (patch.real_name !== undefined) prof.real_name = prof.real_name_normalized = patch.real_name;
    if (patch.display_name !== undefined)
      prof.display_name = prof.display_name_normalized = patch.display_name;
    if (patch.email !== undefined) prof.email = patch.email;
    if (isRecord(profile)) Object.assign(prof, profile);
    next.profile = prof;
    next.updated = Math.floor(this.now() / 1000);
    this.users.set(id, next);
    return next;
  }

  addChannel(channel: FakeChannelInput): void {
    this.channels.set(channel.id, channel);
  }

  /** Puts a message into a conversation as if someone else had posted it (e.g. a user, for history tests). */
  addMessage(msg: Partial<StoredMessage> & { channel: string; text?: string; user: string }): StoredMessage {
    const stored: StoredMessage = {
      channel: msg.channel,
      ts: msg.ts ?? this.nextTs(),
      text: msg.text ?? '',
      blocks: msg.blocks,
      metadata: msg.metadata,
      user: msg.user,
      ...(msg.bot_id ? { bot_id: msg.bot_id } : {}),
      ...(msg.thread_ts ? { thread_ts: msg.thread_ts } : {}),
    };
    this.storeMessage(stored);
    return stored;
  }

  /** A fresh response URL on this fake: `${url}/response/<n>`. */
  responseUrl(): string {
    return `${this.url}/response/${this.nextSeq()}`;
  }

  /** A fresh trigger id, remembered so that views.open can reject it once expired or reused. */
  triggerId(): string {
    const seq = this.nextSeq();
    const id = `${seq}.${seq * 7 + 1000}.${(seq * 2654435761).toString(16).padStart(8, '0')}`;
    this.triggers.set(id, { at: this.now(), used: false });
    return id;
  }

  // ----- model, shared by the Web API handlers ----------------------------------------------------------

  /** One counter for response URLs, trigger ids, object ids and view hashes. */
  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  /** Strictly increasing message ts from the clock: `<seconds>.<microseconds>`. */
  nextTs(): string {
    let micros = Math.floor(this.now() * 1000);
    if (micros <= this.lastTsMicros) micros = this.lastTsMicros + 1;
    this.lastTsMicros = micros;
    const s = Math.floor(micros / 1_000_000);
    return `${s}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }

  nextId(prefix: string): string {
    return `${prefix}${this.nextSeq().toString(36).toUpperCase().padStart(10, '0')}`;
  }

  storeMessage(m: StoredMessage): void {
    this.messages.push(m);
    const list = this.byChannel.get(m.channel);
    if (list) list.push(m);
    else this.byChannel.set(m.channel, [m]);
  }

  removeMessage(m: StoredMessage): void {
    const i = this.messages.indexOf(m);
    if (i !== -1) this.messages.splice(i, 1);
    const list = this.byChannel.get(m.channel);
    const j = list ? list.indexOf(m) : -1;
    if (list && j !== -1) list.splice(j, 1);
  }

  /** `U…`/`W…` → the DM with that user, as Slack does for chat.postMessage. */
  resolveChannel(channel: string): string {
    return channel.startsWith('U') || channel.startsWith('W') ? `D${channel}` : channel;
  }

  /** Returns an error code if the bot cannot post in `channel` (only with strictChannels). */
  channelError(channel: string): string | null {
    if (!this.opts.strictChannels || channel.startsWith('D')) return null;
    const known = this.channels.get(channel);
    if (!known) return 'channel_not_found';
    if (known.is_member === false) return 'not_in_channel';
    return null;
  }

  /** Null when views.open/push may use `triggerId`, else Slack's error (expired or already used). */
  checkTrigger(triggerId: string): string | null {
    const t = this.triggers.get(triggerId);
    if (!t) return null;
    if (t.used) return 'exchanged_trigger_id';
    const ttl = this.opts.triggerTtlMs ?? 3000;
    if (ttl > 0 && this.now() - t.at > ttl) return 'expired_trigger_id';
    t.used = true;
    return null;
  }

  /** Records a Block Kit refusal and turns it into Slack's answer; null when there is none (or checks are off). */
  blockKit(method: string, rejection: BlockKitRejection | null): Result | null {
    if (!rejection || this.opts.validateBlockKit === false) return null;
    this.violations.push({ ...rejection, method, at: this.now() });
    return { ok: false, error: rejection.error, response_metadata: { messages: rejection.messages } };
  }
}
