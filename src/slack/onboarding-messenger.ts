import type { WebClient } from '@slack/web-api';
import { DeliveryError, type OnboardingMessenger } from '../services/ports.js';
import type { SlackMessage } from './blocks/message.js';
import {
  allSetMessage,
  checklistMessage,
  itemReminderMessage,
  untouchedMessage,
} from './blocks/onboarding.blocks.js';
import { toDeliveryError } from './checkin-messenger.js';

/** Onboarding's DMs and its "all set" post, over the Web API. */
export function createOnboardingMessenger(client: WebClient): OnboardingMessenger {
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
    sendChecklist: (view) => post(view.userId, checklistMessage(view)),
    async updateChecklist(view, dm) {
      const message = checklistMessage(view);
      try {
        await client.chat.update({
          channel: dm.channelId,
          ts: dm.ts,
          text: message.text,
          blocks: message.blocks,
        });
      } catch (error) {
        throw toDeliveryError(error);
      }
    },
    remindItem: (input) => post(input.view.userId, itemReminderMessage(input.view, input.itemId)),
    flagUntouched: (input) => post(input.managerId, untouchedMessage(input)),
    announce: (input) => post(input.channelId, allSetMessage(input)),
  };
}
