import type { Middleware, SlackViewMiddlewareArgs } from '@slack/bolt';
import { FORM_SAVE_FAILED } from '../../blocks/errors.blocks.js';
import { LogField } from '../../blocks/ids.js';
import { logConfirmationMessage } from '../../blocks/log-confirmation.blocks.js';
import { parseLogFormState, parseLogModalMetadata, STALE_FORM } from '../../payloads.js';
import { replyAfterModal } from '../../respond.js';
import { afterChange, answer, type ListenerDeps, teamIdOf } from '../context.js';
import { errorsByBlock } from './log-form-state.js';

/**
 * The log modal's submission. Validation and the insert happen before the ack so mistakes can be
 * shown under their inputs (both are one short transaction); the confirmation goes out after it.
 */
export function logModalSubmission(deps: ListenerDeps): Middleware<SlackViewMiddlewareArgs> {
  return async ({ ack, body, view, client, context }) => {
    const metadata = parseLogModalMetadata(view.private_metadata, deps.responseUrlHosts);
    const form = parseLogFormState(view.state.values);
    if (!metadata || !form) {
      deps.logger.warn({ where: 'view:log_modal', viewId: view.id }, 'log modal payload refused');
      await ack({ response_action: 'errors', errors: { [LogField.duration]: STALE_FORM } });
      return;
    }
    const userId = body.user.id;
    const teamId = teamIdOf(context);
    let result: Awaited<ReturnType<typeof deps.services.timeLog.logFromForm>>;
    try {
      result = await deps.services.timeLog.logFromForm({
        teamId,
        userId,
        form,
        // The same view submitted twice (a double click) logs once.
        idempotencyKey: `view:${view.id}`,
      });
    } catch (error) {
      deps.logger.error({ where: 'view:log_modal', err: error }, 'log modal failed');
      await ack({
        response_action: 'errors',
        errors: { duration: FORM_SAVE_FAILED },
      });
      return;
    }
    if (!result.ok) {
      await ack({ response_action: 'errors', errors: errorsByBlock(result.fieldErrors) });
      return;
    }
    await ack();
    if (result.value.created) afterChange(deps, teamId, userId);
    const confirmation = logConfirmationMessage(result.value);
    await answer(
      deps,
      async (message) => replyAfterModal(client, { responseUrl: metadata.responseUrl, userId }, message),
      'view:log_modal',
      async () => confirmation,
    );
  };
}
