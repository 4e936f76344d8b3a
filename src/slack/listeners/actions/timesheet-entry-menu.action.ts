import type { BlockAction, Middleware, OverflowAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { STALE_TIMESHEET } from '../../blocks/errors.blocks.js';
import { logModalView } from '../../blocks/log-modal.blocks.js';
import { deletedNotice } from '../../blocks/timesheet.blocks.js';
import { parseEntryMenuValue } from '../../payloads.js';
import { afterChange, answer, type ListenerDeps, problem, refuseUntrusted, teamIdOf } from '../context.js';
import { redrawTimesheet } from './timesheet-redraw.js';

/** The ⋯ menu on each timesheet entry: Edit (the modal) or Delete (with Undo in the redrawn sheet). */
export function timesheetEntryMenuAction(
  deps: ListenerDeps,
): Middleware<SlackActionMiddlewareArgs<BlockAction<OverflowAction>>> {
  return async ({ ack, body, action, respond, client, context }) => {
    await ack();
    await answer(deps, respond, 'action:timesheet_entry_menu', async () => {
      const teamId = teamIdOf(context);
      const userId = body.user.id;
      const chosen = parseEntryMenuValue(action.selected_option?.value);
      if (!chosen) return refuseUntrusted(deps, 'action:timesheet_entry_menu', STALE_TIMESHEET);
      const { verb, ref, entryId } = chosen;

      if (verb === 'edit') {
        const entry = await deps.services.timeLog.entryForEdit({ teamId, userId, entryId });
        if (!entry.ok) return problem(entry.error);
        const { today } = await deps.services.timeLog.memberToday(teamId, userId);
        await client.views.open({
          trigger_id: body.trigger_id,
          view: logModalView({
            today,
            entry: entry.value,
            metadata: {
              responseUrl: body.response_url,
              channelId: body.channel?.id ?? null,
              entryId,
              sheet: ref,
            },
          }),
        });
        return null;
      }
      const deleted = await deps.services.timeLog.deleteEntry({ teamId, userId, entryId });
      if (!deleted.ok) return problem(deleted.error);
      const { entry, alreadyDeleted } = deleted.value;
      if (!alreadyDeleted) afterChange(deps, teamId, userId);
      return redrawTimesheet(deps, {
        teamId,
        userId,
        ref,
        notice: deletedNotice(entry),
      });
    });
  };
}
