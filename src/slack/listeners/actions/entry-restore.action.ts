import type { BlockButtonAction, Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';
import { restoredNotice } from '../../blocks/timesheet.blocks.js';
import { parseSheetRef, STALE_BUTTON } from '../../payloads.js';
import { afterChange, answer, type ListenerDeps, problem, refuseUntrusted, teamIdOf } from '../context.js';
import { redrawTimesheet } from './timesheet-redraw.js';

/** Undo after a delete in the timesheet: the entry comes back (if the day still has room). */
export function entryRestoreAction(
  deps: ListenerDeps,
): Middleware<SlackActionMiddlewareArgs<BlockButtonAction>> {
  return async ({ ack, body, action, respond, context }) => {
    await ack();
    await answer(deps, respond, 'action:entry_restore', async () => {
      const teamId = teamIdOf(context);
      const decoded = parseSheetRef(action.value);
      if (!decoded || decoded.entryId === null)
        return refuseUntrusted(deps, 'action:entry_restore', STALE_BUTTON);
      const restored = await deps.services.timeLog.restoreEntry({
        teamId,
        userId: body.user.id,
        entryId: decoded.entryId,
      });
      if (!restored.ok) return problem(restored.error);
      const { entry } = restored.value;
      afterChange(deps, teamId, body.user.id);
      return redrawTimesheet(deps, {
        teamId,
        userId: body.user.id,
        ref: decoded.ref,
        notice: restoredNotice(entry),
      });
    });
  };
}
