import type { Middleware, SlackEventMiddlewareArgs } from '@slack/bolt';
import {
  DM_ANSWER_FAILED_TEXT,
  dmAnswerRefusedText,
  NO_CHECKIN_WAITING_TEXT,
} from '../../blocks/checkin/prompt.blocks.js';
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
