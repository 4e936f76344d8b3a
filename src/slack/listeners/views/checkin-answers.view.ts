import type { Middleware, SlackViewMiddlewareArgs } from '@slack/bolt';
import { parseAnswer } from '../../../domain/checkin-questions.js';
import { ANSWER_MISSING } from '../../blocks/checkin/answers-modal.blocks.js';
import { POST_FAILED_TEXT, submitRefusedText } from '../../blocks/checkin/prompt.blocks.js';
import { parseCheckinAnswersMetadata, parseCheckinAnswersState, STALE_FORM } from '../../payloads.js';
import { afterChange, type ListenerDeps, teamIdOf } from '../context.js';

/** The answer form: a first submission posts to the channel, a same-day edit updates the post. */
export function checkinAnswersSubmission(deps: ListenerDeps): Middleware<SlackViewMiddlewareArgs> {
  return async ({ ack, body, view, client, context }) => {
    const meta = parseCheckinAnswersMetadata(view.private_metadata);
    const state = parseCheckinAnswersState(view.state.values);
    if (!meta || !state) {
      deps.logger.warn({ where: 'view:checkin_answers', viewId: view.id }, 'answer form payload refused');
      await ack({ response_action: 'errors', errors: { [state?.[0]?.blockId ?? 'q_0']: STALE_FORM } });
      return;
    }
    // Stored as typed and escaped once, when drawn.
    const parsed = state.map(({ blockId, text }) => [blockId, parseAnswer(text)] as const);
    const errors = parsed.flatMap(([id, r]) =>
      r.ok ? [] : [[id, r.error.code === 'answer.empty' ? ANSWER_MISSING : r.error.message]],
    );
    if (errors.length > 0) {
      await ack({ response_action: 'errors', errors: Object.fromEntries(errors) });
      return;
    }
    const answers = parsed.map(([, r]) => (r.ok ? r.value : ''));
    // Posting to the channel is a Slack call that may be slow: ack first, then publish.
    await ack();
    try {
      const result = await deps.services.checkins.submitForm({
        teamId: teamIdOf(context),
        userId: body.user.id,
        responseId: meta.responseId,
        answers,
      });
      if (!result.ok) {
        await client.chat.postMessage({
          channel: body.user.id,
          text: submitRefusedText(result.error),
        });
      } else {
        afterChange(deps, teamIdOf(context), body.user.id);
      }
    } catch (error) {
      deps.logger.error({ where: 'view:checkin_answers', err: error }, 'check-in submission failed');
      await client.chat
        .postMessage({
          channel: body.user.id,
          text: POST_FAILED_TEXT,
        })
        .catch(() => undefined);
    }
  };
}
