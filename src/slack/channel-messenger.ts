import type { WebClient } from '@slack/web-api';
import type { ChannelMessenger } from '../services/ports.js';
import { DeliveryError } from '../services/ports.js';
import { contractEndingMessage } from './blocks/contract.blocks.js';
import { digestMessage } from './blocks/digest.blocks.js';
import type { SlackMessage } from './blocks/message.js';
import {
  budgetMessage,
  milestoneUpdateMessage,
  overdueMessage,
  silentMessage,
} from './blocks/milestone.blocks.js';
import {
  feedbackDm,
  feedbackNotice,
  feedbackReminderMessage,
  kudosDm,
  kudosPost,
} from './blocks/recognition.blocks.js';
import { toDeliveryError } from './checkin-messenger.js';

export function createChannelMessenger(client: WebClient): ChannelMessenger {
  const post = async (channel: string, message: SlackMessage) => {
    try {
      const res = await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks });
      if (!res.ts || !res.channel) throw new DeliveryError('no_ts', true);
      return { channelId: res.channel, ts: res.ts };
    } catch (error) {
      throw error instanceof DeliveryError ? error : toDeliveryError(error);
    }
  };

  return {
    milestoneUpdate: (input) => post(input.channelId, milestoneUpdateMessage(input)),
    overdue: (input) => post(input.channelId, overdueMessage(input)),
    // A DM: the budget's hours are for the project's managers (admins when it has none).
    budget: (input) => post(input.userId, budgetMessage(input)),
    silent: (input) => post(input.channelId, silentMessage(input)),
    // One message, summarised when the whole digest would not fit: never a series of posts. Everyone
    // in the channel reads it, contractors too: no hours, amounts or budgets (the preview has them).
    digest: (input) => post(input.channelId, digestMessage(input.digest, { figures: false })),
    async tell(input) {
      await post(input.userId, {
        text: input.text,
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: input.text } }],
      });
    },
    kudos: (input) => post(input.channelId, kudosPost(input)),
    kudosDm: (input) => post(input.userId, kudosDm(input)),
    feedback: (input) => post(input.feedback.personId, feedbackDm(input.feedback)),
    async feedbackUpdate({ feedback }) {
      if (!feedback.dmChannelId || !feedback.messageTs) return;
      const message = feedbackDm(feedback);
      try {
        await client.chat.update({
          channel: feedback.dmChannelId,
          ts: feedback.messageTs,
          text: message.text,
          blocks: message.blocks,
        });
      } catch (error) {
        throw toDeliveryError(error);
      }
    },
    async feedbackNotice(input) {
      const text = feedbackNotice(input);
      await post(input.managerId, { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] });
    },
    feedbackReminder: (input) => post(input.managerId, feedbackReminderMessage(input)),
    contractEnding: (input) => post(input.managerId, contractEndingMessage(input)),
  };
}
