import type { Middleware, SlackEventMiddlewareArgs } from '@slack/bolt';
import { FEEDBACK_REPLY_MAX_LENGTH } from '../../../domain/feedback.js';
import { typedText } from '../../../domain/slack-message-text.js';
import { characters } from '../../../domain/text-length.js';
import {
  DM_ANSWER_FAILED_TEXT,
  dmAnswerRefusedText,
  NO_CHECKIN_WAITING_TEXT,
} from '../../blocks/checkin/prompt.blocks.js';
import { parseThreadReply } from '../../payloads.js';
import { afterChange, type ListenerDeps, teamIdOf } from '../context.js';

/** A reply in the app's DM: the answer to the current check-in question. */
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
    try {
      const result = await deps.services.checkins.recordDmAnswer({ teamId: teamIdOf(context), userId, text });
      if (result === 'answered') afterChange(deps, teamIdOf(context), userId);
      if (typeof result === 'object') {
        // Not recorded: the same question is still open, so the person can simply send it again.
        await client.chat.postMessage({
          channel: event.channel,
          text: dmAnswerRefusedText(result),
        });
      } else if (result === 'no_checkin') {
        await client.chat.postMessage({
          channel: event.channel,
          text: NO_CHECKIN_WAITING_TEXT,
        });
      }
    } catch (error) {
      deps.logger.error({ where: 'event:message.im', err: error }, 'check-in answer failed');
      await client.chat
        .postMessage({
          channel: event.channel,
          text: DM_ANSWER_FAILED_TEXT,
        })
        .catch(() => undefined);
    }
  };
}
