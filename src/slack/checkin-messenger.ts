import { ErrorCode, type WebClient } from '@slack/web-api';
import { type CheckinMessenger, DeliveryError, type SentMessage } from '../services/ports.js';
import { answersMessage } from './blocks/checkin/post.blocks.js';
import { confirmationMessage, nextQuestionMessage, promptMessage } from './blocks/checkin/prompt.blocks.js';

/** Metadata event type on every scheduled DM, so a resend can check whether it already landed. */
export const DELIVERY_EVENT = 'punchcard_delivery';

const RETRYABLE_PLATFORM_ERRORS = new Set([
  'ratelimited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'team_added_to_org',
]);

/** Slack's failures sorted into "try again later" (429, 5xx, timeouts) and "final". */
export function toDeliveryError(error: unknown): DeliveryError {
  const e = error as { code?: string; retryAfter?: number; statusCode?: number; data?: { error?: string } };
  switch (e.code) {
    case ErrorCode.RateLimitedError:
      return new DeliveryError('ratelimited', true, { cause: error });
    case ErrorCode.HTTPError:
      return new DeliveryError(
        `http_${e.statusCode ?? 'error'}`,
        (e.statusCode ?? 500) >= 500 || e.statusCode === 429,
        {
          cause: error,
        },
      );
    case ErrorCode.RequestError:
      return new DeliveryError('request_failed', true, { cause: error });
    case ErrorCode.PlatformError: {
      const code = e.data?.error ?? 'platform_error';
      return new DeliveryError(code, RETRYABLE_PLATFORM_ERRORS.has(code), { cause: error });
    }
    default:
      return new DeliveryError('unexpected', true, { cause: error });
  }
}

async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw toDeliveryError(error);
  }
}

export function createCheckinMessenger(client: WebClient): CheckinMessenger {
  const post = async (
    channel: string,
    message: { text: string; blocks: unknown[] },
    metadata?: Record<string, unknown>,
  ) => {
    const res = await call(() =>
      client.chat.postMessage({
        channel,
        text: message.text,
        blocks: message.blocks as never,
        ...(metadata ? { metadata: { event_type: DELIVERY_EVENT, event_payload: metadata as never } } : {}),
      }),
    );
    if (!res.ts || !res.channel) throw new DeliveryError('no_ts', true);
    return { channelId: res.channel, ts: res.ts };
  };

  return {
    async sendPrompt(input) {
      return post(input.userId, promptMessage(input), { delivery_id: input.deliveryId });
    },

    async findDelivery(input): Promise<SentMessage | null> {
      const open = await call(() => client.conversations.open({ users: input.userId }));
      const channel = open.channel?.id;
      if (!channel) return null;
      const history = await call(() =>
        client.conversations.history({
          channel,
          oldest: String(Math.floor(input.since.getTime() / 1000)),
          limit: 50,
          include_all_metadata: true,
        }),
      );
      const hit = history.messages?.find((m) => {
        const meta = m.metadata as
          | { event_type?: string; event_payload?: { delivery_id?: unknown } }
          | undefined;
        return (
          meta?.event_type === DELIVERY_EVENT && Number(meta.event_payload?.delivery_id) === input.deliveryId
        );
      });
      return hit?.ts ? { channelId: channel, ts: hit.ts } : null;
    },

    async askNext(input) {
      await post(input.userId, nextQuestionMessage(input));
    },

    async publishAnswers(view, ts) {
      const message = answersMessage(view);
      if (ts) {
        await call(() =>
          client.chat.update({ channel: view.channelId, ts, text: message.text, blocks: message.blocks }),
        );
        return { channelId: view.channelId, ts };
      }
      return post(view.channelId, message);
    },

    async confirm(input) {
      await post(input.userId, confirmationMessage(input));
    },

    async tell(input) {
      await post(input.userId, {
        text: input.text,
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: input.text } }],
      });
    },
  };
}
