import type { Middleware, SlackViewMiddlewareArgs } from '@slack/bolt';
import { FORM_SAVE_FAILED } from '../../blocks/errors.blocks.js';
import { LogField } from '../../blocks/ids.js';
import { logConfirmationMessage } from '../../blocks/log-confirmation.blocks.js';
import { editSavedNotice } from '../../blocks/timesheet.blocks.js';
import { parseLogFormState, parseLogModalMetadata, STALE_FORM } from '../../payloads.js';
import { replyAfterModal } from '../../respond.js';
import { redrawTimesheet } from '../actions/timesheet-redraw.js';
import { afterChange, answer, type ListenerDeps, problem, teamIdOf } from '../context.js';
import { errorsByBlock } from './log-form-state.js';

/** Saving an edited entry: then the confirmation or the timesheet it came from is redrawn in place. */
export function entryEditSubmission(deps: ListenerDeps): Middleware<SlackViewMiddlewareArgs> {
  return async ({ ack, body, view, client, context }) => {
    const metadata = parseLogModalMetadata(view.private_metadata, deps.responseUrlHosts);
    const form = parseLogFormState(view.state.values);
    if (!metadata || metadata.entryId === undefined || !form) {
      deps.logger.warn({ where: 'view:entry_edit_modal', viewId: view.id }, 'edit modal payload refused');
      await ack({ response_action: 'errors', errors: { [LogField.duration]: STALE_FORM } });
      return;
    }
    const userId = body.user.id;
    const teamId = teamIdOf(context);
    let result: Awaited<ReturnType<typeof deps.services.timeLog.editEntry>>;
    try {
      result = await deps.services.timeLog.editEntry({ teamId, userId, entryId: metadata.entryId, form });
    } catch (error) {
      deps.logger.error({ where: 'view:entry_edit_modal', err: error }, 'edit failed');
      await ack({
        response_action: 'errors',
        errors: { duration: FORM_SAVE_FAILED },
      });
      return;
    }
    if (!result.ok && 'fieldErrors' in result) {
      await ack({ response_action: 'errors', errors: errorsByBlock(result.fieldErrors) });
      return;
    }
    await ack();
    if (result.ok) afterChange(deps, teamId, userId);
    const send = (message: Parameters<typeof replyAfterModal>[2]) =>
      replyAfterModal(client, { responseUrl: metadata.responseUrl, userId }, message);
    await answer(deps, send, 'view:entry_edit_modal', async () => {
      if (!result.ok) return problem(result.error);
      if (metadata.sheet) {
        const { entry } = result.value;
        return redrawTimesheet(deps, {
          teamId,
          userId,
          ref: metadata.sheet,
          notice: editSavedNotice(entry),
        });
      }
      return { ...logConfirmationMessage({ ...result.value, verb: 'Updated' }), replace_original: true };
    });
  };
}
