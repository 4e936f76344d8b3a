import type { App, BlockButtonAction } from '@slack/bolt';
import { ActionId } from '../../blocks/ids.js';
import { undoneMessage } from '../../blocks/log-confirmation.blocks.js';
import { afterChange, answer, type ListenerDeps, problem, teamIdOf } from '../context.js';

/** Undo on the `/log` confirmation: removes the entry and says so in place of the confirmation. */
export function registerEntryUndoAction(app: App, deps: ListenerDeps): void {
  app.action<BlockButtonAction>(
    ActionId.entryUndo,
    async ({ ack, body, action, respond, client, context }) => {
      await ack();
      await answer(deps, respond, 'action:entry_undo', async () => {
        const result = await deps.services.timeLog.deleteEntry({
          teamId: teamIdOf(context),
          userId: body.user.id,
          entryId: Number(action.value),
        });
        if (!result.ok) return problem(result.error);
        return { ...undoneMessage(result.value.entry, result.value.alreadyDeleted), replace_original: true };
      });
      await afterChange(deps, client, teamIdOf(context), body.user.id);
    },
  );
}
