import type { App, BlockButtonAction } from '@slack/bolt';
import { formatMinutes } from '../../../domain/duration.js';
import { formatDayLabel } from '../../../domain/local-date.js';
import { ActionId, decodeSheetRef } from '../../blocks/ids.js';
import { afterChange, answer, type ListenerDeps, problem, teamIdOf } from '../context.js';
import { redrawTimesheet } from './timesheet-redraw.js';

/** Undo after a delete in the timesheet: the entry comes back (if the day still has room). */
export function registerEntryRestoreAction(app: App, deps: ListenerDeps): void {
  app.action<BlockButtonAction>(
    ActionId.entryRestore,
    async ({ ack, body, action, respond, client, context }) => {
      await ack();
      await answer(deps, respond, 'action:entry_restore', async () => {
        const teamId = teamIdOf(context);
        const decoded = decodeSheetRef(action.value ?? '');
        if (!decoded || decoded.entryId === null) {
          return problem({
            message: 'That button is out of date.',
            hint: 'open your timesheet again with `/timesheet`.',
          });
        }
        const restored = await deps.services.timeLog.restoreEntry({
          teamId,
          userId: body.user.id,
          entryId: decoded.entryId,
        });
        if (!restored.ok) return problem(restored.error);
        const { entry } = restored.value;
        await afterChange(deps, client, teamId, body.user.id);
        return redrawTimesheet(deps, {
          teamId,
          userId: body.user.id,
          ref: decoded.ref,
          notice: {
            text: `Restored ${formatMinutes(entry.minutes)} of ${entry.category} on ${formatDayLabel(entry.workDate)}.`,
          },
        });
      });
    },
  );
}
