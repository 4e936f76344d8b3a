import type { Middleware, SlackViewMiddlewareArgs } from '@slack/bolt';
import { parseAnswer } from '../../../domain/checkin.js';
import { hintLine } from '../../blocks/errors.blocks.js';
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
      r.ok
        ? []
        : [
            [
              id,
              r.error.code === 'answer.empty' ? 'Please answer this one (a dash is fine).' : r.error.message,
            ],
          ],
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
          text: `${result.error.message} ${hintLine(result.error.hint)}`,
        });
      } else {
        afterChange(deps, teamIdOf(context), body.user.id);
      }
    } catch (error) {
      deps.logger.error({ where: 'view:checkin_answers', err: error }, 'check-in submission failed');
      await client.chat
        .postMessage({
          channel: body.user.id,
          text: 'Something went wrong on our side while posting your check-in. Your answers were not posted; please try again with `/standup`.',
        })
        .catch(() => undefined);
    }
  };
}
