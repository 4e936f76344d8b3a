import type { BlockButtonAction, Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';
import { undoneMessage } from '../../blocks/log-confirmation.blocks.js';
import { parseRowIdValue, STALE_BUTTON } from '../../payloads.js';
import { afterChange, answer, type ListenerDeps, problem, refuseUntrusted, teamIdOf } from '../context.js';

/** Undo on the `/log` confirmation: removes the entry and says so in place of the confirmation. */
export function entryUndoAction(
  deps: ListenerDeps,
): Middleware<SlackActionMiddlewareArgs<BlockButtonAction>> {
  return async ({ ack, body, action, respond, context }) => {
    await ack();
    await answer(deps, respond, 'action:entry_undo', async () => {
      const entryId = parseRowIdValue(action.value);
      if (entryId === null) return refuseUntrusted(deps, 'action:entry_undo', STALE_BUTTON);
      const teamId = teamIdOf(context);
      const result = await deps.services.timeLog.deleteEntry({ teamId, userId: body.user.id, entryId });
      if (!result.ok) return problem(result.error);
      if (!result.value.alreadyDeleted) afterChange(deps, teamId, body.user.id);
      return { ...undoneMessage(result.value.entry, result.value.alreadyDeleted), replace_original: true };
    });
  };
}
