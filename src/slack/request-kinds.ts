import { ActionId, ViewId } from './blocks/ids.js';
import { COMMANDS } from './listeners/commands/index.js';

/** What a request from Slack is, as `GET /metrics` labels it: a closed set of names, never free text. */
export interface RequestKind {
  kind: 'command' | 'action' | 'view' | 'event' | 'options' | 'shortcut';
  /** The command, the action id's family, the view's callback id or the event type; `other` when unknown. */
  listener: string;
}

const ACTIONS: readonly string[] = Object.values(ActionId);
const VIEWS: readonly string[] = Object.values(ViewId);
const EVENT_TYPES: readonly string[] = ['user_change', 'message', 'app_home_opened'];
const KNOWN_COMMANDS: readonly string[] = COMMANDS;

const known = (value: unknown, names: readonly string[]): string =>
  typeof value === 'string' && names.includes(value) ? value : 'other';

/** `timesheet_page_next` → `timesheet_page`: an action id is named by its family (the ids in blocks/ids.ts). */
export function actionFamily(actionId: unknown): string {
  if (typeof actionId !== 'string') return 'other';
  if (ACTIONS.includes(actionId)) return actionId;
  return ACTIONS.find((id) => actionId.startsWith(`${id}_`)) ?? 'other';
}

const record = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};

/**
 * The kind of a parsed request body, the way Bolt tells them apart (a `command`, or a payload `type`),
 * or null for a body Bolt would not route to any listener: a `type` it does not know, or none at all.
 */
export function requestKind(body: Record<string, unknown>): RequestKind | null {
  if (typeof body.command === 'string')
    return { kind: 'command', listener: known(body.command, KNOWN_COMMANDS) };
  switch (body.type) {
    case 'block_actions': {
      const actions = Array.isArray(body.actions) ? body.actions : [];
      return { kind: 'action', listener: actionFamily(record(actions[0]).action_id) };
    }
    case 'interactive_message':
    case 'dialog_submission':
    case 'dialog_cancellation':
      return { kind: 'action', listener: 'other' };
    case 'view_submission':
    case 'view_closed':
      return { kind: 'view', listener: known(record(body.view).callback_id, VIEWS) };
    case 'event_callback': {
      const event = body.event;
      if (event === null || typeof event !== 'object') return null;
      return { kind: 'event', listener: known(record(event).type, EVENT_TYPES) };
    }
    case 'block_suggestion':
    case 'dialog_suggestion':
      return { kind: 'options', listener: 'other' };
    case 'shortcut':
    case 'message_action':
      return { kind: 'shortcut', listener: 'other' };
    default:
      return null;
  }
}
