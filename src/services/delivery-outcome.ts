import type { DeliveriesRepository, DeliveryRow } from '../db/repositories/deliveries.repository.js';
import type { Logger } from '../logger.js';
import { DeliveryError, type SentMessage } from './ports.js';

/** Retry backoff: 1, 2, 4, 8, then every 15 minutes, or later when Slack says so (Retry-After). */
export function retryDelayMs(attempts: number, retryAfterSeconds?: number): number {
  const backoff = Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 15 * 60_000);
  return Math.max(backoff, (retryAfterSeconds ?? 0) * 1000);
}

export type FailureResult = { result: 'retry' | 'missed' | 'failed'; detail: string };

/**
 * Records a failed send of a claimed delivery: a retryable failure (429, 5xx, timeout) stays
 * pending until a retry time within `deadline`; past it, or for a final error, it is closed. A
 * failure never marks anything sent.
 */
export async function recordFailure(
  deps: { deliveries: DeliveriesRepository; logger: Logger },
  delivery: DeliveryRow,
  error: unknown,
  now: Date,
  deadline: Date,
): Promise<FailureResult> {
  const failure =
    error instanceof DeliveryError ? error : new DeliveryError('unexpected', true, { cause: error });
  const retryAfter = (failure.cause as { retryAfter?: number } | undefined)?.retryAfter;
  const next = new Date(now.getTime() + retryDelayMs(delivery.attempts, retryAfter));
  deps.logger.warn(
    {
      deliveryId: delivery.id,
      kind: delivery.kind,
      code: failure.code,
      retryable: failure.retryable,
      err: error,
    },
    'scheduled send failed',
  );
  if (failure.retryable && next.getTime() <= deadline.getTime()) {
    await deps.deliveries.markRetry(delivery.id, { nextAttemptAt: next, error: failure.code });
    return { result: 'retry', detail: failure.code };
  }
  const status = failure.retryable ? 'missed' : 'failed';
  await deps.deliveries.markFinal(delivery.id, status, failure.code);
  return { result: status, detail: failure.code };
}

/** Sends a claimed delivery and records what happened: sent (with its ts), or a failure as above. */
export async function attemptDelivery(
  deps: { deliveries: DeliveriesRepository; logger: Logger },
  delivery: DeliveryRow,
  now: Date,
  deadline: Date,
  send: () => Promise<SentMessage>,
): Promise<{ result: 'sent' } | FailureResult> {
  try {
    const sent = await send();
    await deps.deliveries.markSent(delivery.id, {
      channelId: sent.channelId,
      messageTs: sent.ts,
      sentAt: now,
    });
    return { result: 'sent' };
  } catch (error) {
    return recordFailure(deps, delivery, error, now, deadline);
  }
}
