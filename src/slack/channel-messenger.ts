import type { WebClient } from '@slack/web-api';
import type { ChannelMessenger } from '../services/ports.js';
import { DeliveryError } from '../services/ports.js';
import { digestMessage } from './blocks/digest.blocks.js';
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
    // One message, summarised when the whole digest would not fit: never a series of posts.
    digest: (input) => post(input.channelId, digestMessage(input.digest)),
    async tell(input) {
      await post(input.userId, {
        text: input.text,
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: input.text } }],
      });
    },
  };
}
