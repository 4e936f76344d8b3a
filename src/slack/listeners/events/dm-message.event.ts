import type { Middleware, SlackEventMiddlewareArgs } from '@slack/bolt';
import { FEEDBACK_REPLY_MAX_LENGTH } from '../../../domain/feedback.js';
import { typedText } from '../../../domain/slack-message-text.js';
import { characters } from '../../../domain/text-length.js';
import { AnswerSavedError } from '../../../services/checkins/checkin-answers.service.js';
import {
  DM_ANSWER_FAILED_TEXT,
  dmAnswerRefusedText,
  dmAnswerSavedText,
  NO_CHECKIN_WAITING_TEXT,
} from '../../blocks/checkin/prompt.blocks.js';
import { slackWillRetry } from '../../event-delivery.js';
import { parseThreadReply } from '../../payloads.js';
import { afterChange, type ListenerDeps, teamIdOf } from '../context.js';

/**
 * A reply in the app's DM: the answer to the current check-in question. When saving it fails, the
 * listener throws, so the event is not recorded as handled and Slack sends it again; only when Slack
 * will not (its last retry, or the event was answered while still running) is the person asked to
 * send it again. Once the answer is saved nothing throws: a retry would save it twice.
 */
export function dmMessageEvent(deps: ListenerDeps): Middleware<SlackEventMiddlewareArgs<'message'>> {
  return async ({ event, context, client }) => {
    // Only people's own new messages in the DM: no bots, edits, deletions or joins.
    if (event.channel_type !== 'im' || ('subtype' in event && event.subtype !== undefined)) return;
    if ('bot_id' in event && event.bot_id) return;
    const userId = 'user' in event ? event.user : undefined;
    const text = 'text' in event ? (event.text ?? '') : '';
    if (!userId || !text.trim()) return;
    // A reply in a feedback DM's thread: kept and passed on to the manager; not a check-in answer.
    const thread = parseThreadReply(event);
    if (thread) {
      try {
        const teamId = teamIdOf(context);
        const result = await deps.services.feedback.reply({
          teamId,
          userId,
          ...thread,
          text: typedText(text),
        });
        if (result === 'recorded') afterChange(deps, teamId, userId);
        if (result === 'too_long')
          await client.chat.postMessage({
            channel: event.channel,
            thread_ts: thread.threadTs,
            text: `That reply is too long to keep: at most ${characters(FEEDBACK_REPLY_MAX_LENGTH)}. Nothing was passed on.`,
          });
        if (result !== 'ignored') return;
      } catch (error) {
        deps.logger.error({ where: 'event:message.im', err: error }, 'feedback reply failed');
        await client.chat
          .postMessage({
            channel: event.channel,
            thread_ts: thread.threadTs,
            text: 'Something went wrong on our side and your reply was not passed on. Please send it again.',
          })
          .catch(() => undefined);
        return;
      }
    }
    const teamId = teamIdOf(context);
    let result: Awaited<ReturnType<typeof deps.services.checkins.recordDmAnswer>>;
    try {
      result = await deps.services.checkins.recordDmAnswer({ teamId, userId, text });
    } catch (error) {
      if (error instanceof AnswerSavedError) {
        deps.logger.error(
          { where: 'event:message.im', err: error },
          'check-in answer saved, follow-up failed',
        );
        afterChange(deps, teamId, userId);
        await client.chat
          .postMessage({ channel: event.channel, text: dmAnswerSavedText(error.missing) })
          .catch(() => undefined);
        return;
      }
      if (slackWillRetry(context)) {
        deps.logger.warn(
          { where: 'event:message.im', err: error },
          'check-in answer failed; Slack sends it again',
        );
        throw error;
      }
      deps.logger.error({ where: 'event:message.im', err: error }, 'check-in answer failed');
      await client.chat
        .postMessage({ channel: event.channel, text: DM_ANSWER_FAILED_TEXT })
        .catch(() => undefined);
      return;
    }
    if (result === 'answered') afterChange(deps, teamId, userId);
    // A reply that fails to go out throws: nothing was saved, so Slack's retry sends it again.
    if (typeof result === 'object') {
      // Not recorded: the same question is still open, so the person can simply send it again.
      await client.chat.postMessage({ channel: event.channel, text: dmAnswerRefusedText(result) });
    } else if (result === 'no_checkin') {
      await client.chat.postMessage({ channel: event.channel, text: NO_CHECKIN_WAITING_TEXT });
    }
  };
}
