import type { Middleware, SlackViewMiddlewareArgs } from '@slack/bolt';
import { parseFeedbackForm } from '../../../domain/feedback.js';
import { FeedbackIds } from '../../blocks/ids.js';
import { feedbackSent } from '../../blocks/recognition.blocks.js';
import { parseFeedbackMetadata, parseFeedbackState, STALE_FORM } from '../../payloads.js';
import { replyAfterModal } from '../../respond.js';
import { afterChange, answer, type ListenerDeps, problem, teamIdOf } from '../context.js';

/**
 * The feedback form sent: a mistake is shown under its field (the form stays open); otherwise the
 * form closes at once and the feedback is saved and delivered by DM, the manager told where they began.
 */
export function feedbackSubmission(deps: ListenerDeps): Middleware<SlackViewMiddlewareArgs> {
  return async ({ ack, body, view, client, context }) => {
    const meta = parseFeedbackMetadata(view.private_metadata, deps.responseUrlHosts);
    const state = parseFeedbackState(view.state.values);
    if (!meta || !state) {
      deps.logger.warn({ where: 'view:feedback', viewId: view.id }, 'feedback payload refused');
      await ack({ response_action: 'errors', errors: { [FeedbackIds.wentWell]: STALE_FORM } });
      return;
    }
    const form = parseFeedbackForm(state);
    if (!form.ok) {
      await ack({
        response_action: 'errors',
        errors: { [form.field ?? FeedbackIds.wentWell]: form.error.message },
      });
      return;
    }
    await ack();
    const teamId = teamIdOf(context);
    const managerId = body.user.id;
    const send = (message: Parameters<typeof replyAfterModal>[2]) =>
      replyAfterModal(client, { responseUrl: meta.responseUrl, userId: managerId }, message);
    await answer(deps, send, 'view:feedback', async () => {
      const result = await deps.services.feedback.send({
        teamId,
        managerId,
        personId: meta.personId,
        ...state,
      });
      if (!result.ok)
        return 'error' in result
          ? problem(result.error)
          : problem({ message: Object.values(result.fields)[0] ?? '', hint: '`/feedback @ada`' });
      afterChange(deps, teamId, managerId);
      afterChange(deps, teamId, meta.personId);
      return feedbackSent(meta.personId);
    });
  };
}
