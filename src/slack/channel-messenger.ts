import type { WebClient } from '@slack/web-api';
import type { ChannelMessenger } from '../services/ports.js';
import { DeliveryError } from '../services/ports.js';
import { digestMessages } from './blocks/digest.blocks.js';
import type { SlackMessage } from './blocks/message.js';
import {
  budgetMessage,
  milestoneUpdateMessage,
  overdueMessage,
  silentMessage,
} from './blocks/milestone.blocks.js';
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
    budget: (input) => post(input.channelId, budgetMessage(input)),
    silent: (input) => post(input.channelId, silentMessage(input)),
    async digest(input) {
      const [first, ...rest] = digestMessages(input.digest);
      if (!first) throw new DeliveryError('empty_digest', false);
      const sent = await post(input.channelId, first);
      // Once the first part is in, the digest counts as sent (a retry would post it twice), so a
      // continuation gets one more try and the rest is not allowed to fail the whole digest.
      for (const message of rest) {
        try {
          await post(input.channelId, message);
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 1000));
          await post(input.channelId, message).catch(() => undefined);
        }
      }
      return sent;
    },
    async tell(input) {
      await post(input.userId, {
        text: input.text,
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: input.text } }],
      });
    },
  };
}
