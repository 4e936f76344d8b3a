import type { WebClient } from '@slack/web-api';
import { DeliveryError, type OnboardingMessenger } from '../services/ports.js';
import type { SlackMessage } from './blocks/message.js';
import {
  allSetMessage,
  checklistMessage,
  itemReminderMessage,
  untouchedMessage,
} from './blocks/onboarding.blocks.js';
import { createCheckinMessenger, DELIVERY_EVENT, toDeliveryError } from './checkin-messenger.js';

/** Onboarding's DMs and its "all set" post, over the Web API. */
export function createOnboardingMessenger(client: WebClient): OnboardingMessenger {
  // Scheduled DMs carry their delivery id, so a retry can find one that landed (as check-in prompts do).
  const finder = createCheckinMessenger(client);
  const post = async (channel: string, message: SlackMessage, deliveryId?: number) => {
    try {
      const res = await client.chat.postMessage({
        channel,
        text: message.text,
        blocks: message.blocks,
        ...(deliveryId === undefined
          ? {}
          : { metadata: { event_type: DELIVERY_EVENT, event_payload: { delivery_id: deliveryId } } }),
      });
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
    remindItem: (input) =>
      post(input.view.userId, itemReminderMessage(input.view, input.itemId), input.deliveryId),
    flagUntouched: (input) => post(input.managerId, untouchedMessage(input), input.deliveryId),
    findDelivery: (input) => finder.findDelivery(input),
    announce: (input) => post(input.channelId, allSetMessage(input)),
  };
}
