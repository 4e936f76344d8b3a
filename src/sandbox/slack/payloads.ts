/**
 * The interactivity payloads the sender (requests.ts) posts: block_actions, filled from the message or view
 * the fake holds, and view_submission. Plain Node; no vitest.
 */
import type { ActionInput, FakeSlackLike, ViewSubmissionInput } from './requests.js';

/** What the payloads say about the workspace and the app. */
export interface PayloadContext {
  fake: FakeSlackLike;
  teamId: string;
  teamDomain: string;
  apiAppId: string;
  verificationToken: string;
  now: () => number;
  userObj(userId: string): Record<string, unknown>;
}

type Blocks = unknown[] | undefined;

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}

/** The block holding an element with `actionId` (section accessory, actions/input element), and that element. */
function findElement(
  blocks: Blocks,
  actionId: string,
): { blockId: string | undefined; element: Record<string, unknown> } | undefined {
  for (const b of blocks ?? []) {
    const block = asRecord(b);
    if (!block) continue;
    const candidates = [
      ...(Array.isArray(block.elements) ? block.elements : []),
      block.accessory,
      block.element,
    ];
    for (const c of candidates) {
      const element = asRecord(c);
      if (element?.action_id === actionId) {
        return { blockId: typeof block.block_id === 'string' ? block.block_id : undefined, element };
      }
    }
  }
  return undefined;
}

/** The block_actions payload Slack sends when someone clicks `input.actionId` (on a message or a view). */
export function blockActionsPayload(
  ctx: PayloadContext,
  input: ActionInput,
  triggerId: string,
  responseUrl: string | undefined,
): Record<string, unknown> {
  const { fake, teamId, teamDomain, apiAppId, verificationToken, now } = ctx;
  const channelId = input.channelId ?? (input.viewId ? undefined : 'C0GENERAL');
  const view = input.viewId ? fake.getView?.(input.viewId) : undefined;
  const stored =
    channelId && input.messageTs && !input.ephemeral
      ? fake.findMessage?.(channelId, input.messageTs)
      : undefined;
  const actionType = input.actionType ?? (input.selectedOption ? 'overflow' : 'button');
  const blocks: Blocks = view ? (view.blocks as Blocks) : stored?.blocks;
  const found = findElement(blocks, input.actionId);
  const blockId = input.blockId ?? found?.blockId ?? `block-${input.actionId}`;
  const value = input.value ?? (typeof found?.element.value === 'string' ? found.element.value : undefined);

  const action: Record<string, unknown> = {
    type: actionType,
    action_id: input.actionId,
    block_id: blockId,
    action_ts: (now() / 1000).toFixed(6),
  };
  if (actionType === 'button') {
    action.text = found?.element.text ?? { type: 'plain_text', text: input.actionId, emoji: true };
  }
  if (value !== undefined) action.value = value;
  if (input.selectedOption) {
    const t = input.selectedOption.text ?? input.selectedOption.value;
    action.selected_option = {
      text: typeof t === 'string' ? { type: 'plain_text', text: t, emoji: true } : t,
      value: input.selectedOption.value,
    };
  }
  Object.assign(action, input.extra);

  const container =
    input.container ??
    (input.viewId
      ? { type: 'view', view_id: input.viewId }
      : {
          type: 'message',
          ...(input.messageTs ? { message_ts: input.messageTs } : {}),
          channel_id: channelId,
          is_ephemeral: input.ephemeral ?? false,
        });

  const payload: Record<string, unknown> = {
    type: 'block_actions',
    user: ctx.userObj(input.userId),
    api_app_id: apiAppId,
    token: verificationToken,
    container,
    trigger_id: triggerId,
    team: { id: teamId, domain: teamDomain },
    enterprise: null,
    is_enterprise_install: false,
  };
  if (channelId) {
    payload.channel = {
      id: channelId,
      name: input.channelName ?? (channelId.startsWith('D') ? 'directmessage' : 'general'),
    };
  }
  if (input.messageTs && !input.ephemeral) {
    payload.message = {
      type: 'message',
      user: stored?.user ?? fake.botUserId,
      ...(stored?.bot_id ? { bot_id: stored.bot_id } : {}),
      ts: input.messageTs,
      text: stored?.text ?? '',
      ...(stored?.blocks ? { blocks: stored.blocks } : {}),
      ...(stored?.metadata ? { metadata: stored.metadata } : {}),
      ...(stored?.thread_ts ? { thread_ts: stored.thread_ts } : {}),
      team: teamId,
    };
  }
  if (input.viewId) {
    payload.view = {
      ...(view ?? { id: input.viewId, type: 'modal', callback_id: '', private_metadata: '', blocks: [] }),
      state: { values: input.stateValues ?? {} },
    };
  } else {
    payload.state = { values: input.stateValues ?? {} };
  }
  if (responseUrl) payload.response_url = responseUrl;
  payload.actions = [action];
  return payload;
}

/** The view_submission payload Slack sends when someone submits a modal. */
export function viewSubmissionPayload(
  ctx: PayloadContext,
  input: ViewSubmissionInput,
  triggerId: string,
): Record<string, unknown> {
  const { fake, teamId, teamDomain, apiAppId, verificationToken, now } = ctx;
  const known = input.view.id ? fake.getView?.(input.view.id) : undefined;
  const id = input.view.id ?? known?.id ?? `V${(now() % 1e10).toFixed(0).padStart(10, '0')}`;
  return {
    type: 'view_submission',
    team: { id: teamId, domain: teamDomain },
    user: ctx.userObj(input.userId),
    api_app_id: apiAppId,
    token: verificationToken,
    trigger_id: triggerId,
    view: {
      id,
      team_id: teamId,
      type: 'modal',
      blocks: input.view.blocks ?? known?.blocks ?? [],
      private_metadata: input.view.private_metadata ?? known?.private_metadata ?? '',
      callback_id: input.view.callback_id,
      state: input.view.state,
      hash: input.view.hash ?? known?.hash ?? `${Math.floor(now() / 1000)}.fakehash`,
      title: input.view.title ?? known?.title ?? { type: 'plain_text', text: 'Modal', emoji: true },
      clear_on_close: known?.clear_on_close ?? false,
      notify_on_close: known?.notify_on_close ?? false,
      close: known?.close ?? null,
      submit: known?.submit ?? { type: 'plain_text', text: 'Submit', emoji: true },
      previous_view_id: known?.previous_view_id ?? null,
      root_view_id: known?.root_view_id ?? id,
      app_id: apiAppId,
      external_id: input.view.external_id ?? known?.external_id ?? '',
      app_installed_team_id: teamId,
      bot_id: known?.bot_id ?? fake.botId ?? 'BBOT',
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}
