import { type Delivery, type DeliveryKey, deliveryKeyString } from '../../domain/delivery.js';
import type { Logger } from '../../logger.js';
import { type DeliveriesPort, DeliveryError, type SentMessage } from '../ports.js';
import { sendPool } from './send-pool.js';

/**
 * The one place that turns "this is due" into "this was sent exactly once": claim → send → record →
 * retry. A feature (check-ins, alerts, digests…) declares what is due and how to send it; the outbox
 * claims each key once across ticks, restarts and replicas, sends what it won, records sent / retry
 * (with backoff and Retry-After) / missed / failed, looks for a send cut off before it was recorded,
 * and takes up due retries. Nothing else writes the deliveries table.
 */

/** How long a claimer holds a pending row before another process may take it over and retry it. */
export const LEASE_MS = 2 * 60_000;
/**
 * Claims are made this many at a time (one statement each), then sent: the lease of a claimed row
 * must outlast the sends queued ahead of it in the same process.
 */
const CLAIM_BATCH = 25;
/**
 * Sends in flight at once. Each send is a few database round trips and a Slack call; Slack's limits
 * (about 100 messages a second across a workspace, paced by the Web API client) are the real bound,
 * and this many keeps that budget busy without queueing more claims than a lease covers.
 */
export const SEND_CONCURRENCY = 32;

export type DeliveryResult = 'sent' | 'missed' | 'skipped' | 'retry' | 'failed';
export interface Delivered {
  result: DeliveryResult;
  detail?: string;
}

/** What sending found instead of sending: the send no longer applies (answered meanwhile…). */
export interface NotSent {
  skip: string;
}

export interface Sender {
  /** Past this instant a failed send is not retried but recorded as missed. */
  deadline: Date;
  send(delivery: Delivery): Promise<SentMessage | NotSent>;
  /**
   * Looks for this delivery's message where it would be (a DM's history): a send cut off between
   * Slack's answer and our record. Asked before any retry; found means sent.
   */
  findSent?(delivery: Delivery): Promise<SentMessage | null>;
}

/** One scheduled send a feature declares due now. */
export interface Due extends Sender {
  key: DeliveryKey;
  scheduledAt: Date;
  /** Record the key without sending: too late (missed) or not wanted (a day off). */
  close?: { status: 'missed' | 'skipped'; note?: string };
}

/** Retry backoff: 1, 2, 4, 8, then every 15 minutes, or later when Slack says so (Retry-After). */
export function retryDelayMs(attempts: number, retryAfterSeconds?: number): number {
  const backoff = Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 15 * 60_000);
  return Math.max(backoff, (retryAfterSeconds ?? 0) * 1000);
}

/** Told each outcome as it is recorded (GET /metrics counts them): `retry` is said `retried`. */
export type DeliveryObserver = (
  kind: string,
  result: 'sent' | 'missed' | 'skipped' | 'retried' | 'failed',
) => void;

export function createOutbox(deps: {
  deliveries: DeliveriesPort;
  logger: Logger;
  observe?: DeliveryObserver | undefined;
  /**
   * Aborted when the process is stopping (SIGTERM): no further batch is claimed and no retry is
   * leased; the sends already claimed finish and are recorded. What was left unclaimed is the next
   * tick's, here or in another replica, so a big tick does not hold a stop past `docker stop`'s
   * grace period (10 s) and get killed with its claims under lease.
   */
  draining?: AbortSignal;
}) {
  const { deliveries, logger, draining } = deps;
  const stopping = () => draining?.aborted === true;
  const observed = (kind: string, outcome: Delivered): Delivered => {
    deps.observe?.(kind, outcome.result === 'retry' ? 'retried' : outcome.result);
    return outcome;
  };

  /** A failed send: retryable ones stay pending until their deadline; past it, or final, it is closed. */
  async function recordFailure(
    delivery: Delivery,
    error: unknown,
    now: Date,
    deadline: Date,
  ): Promise<Delivered> {
    const failure =
      error instanceof DeliveryError ? error : new DeliveryError('unexpected', true, { cause: error });
    const retryAfter = (failure.cause as { retryAfter?: number } | undefined)?.retryAfter;
    const next = new Date(now.getTime() + retryDelayMs(delivery.attempts, retryAfter));
    logger.warn(
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
      await deliveries.markRetry(delivery.id, { nextAttemptAt: next, error: failure.code });
      return { result: 'retry', detail: failure.code };
    }
    const status = failure.retryable ? 'missed' : 'failed';
    await deliveries.markFinal(delivery.id, status, failure.code);
    return { result: status, detail: failure.code };
  }

  /** Sends a claimed (or leased) row and records what happened. A failure never marks anything sent. */
  async function attempt(delivery: Delivery, sender: Sender, now: Date): Promise<Delivered> {
    try {
      if (delivery.attempts > 1 && sender.findSent) {
        const found = await sender.findSent(delivery);
        if (found) {
          await deliveries.markSent(delivery.id, {
            channelId: found.channelId,
            messageTs: found.ts,
            sentAt: now,
          });
          return { result: 'sent', detail: 'found already delivered' };
        }
      }
      const sent = await sender.send(delivery);
      if ('skip' in sent) {
        await deliveries.markFinal(delivery.id, 'skipped', sent.skip);
        return { result: 'skipped', detail: sent.skip };
      }
      await deliveries.markSent(delivery.id, { channelId: sent.channelId, messageTs: sent.ts, sentAt: now });
      return { result: 'sent' };
    } catch (error) {
      return recordFailure(delivery, error, now, sender.deadline);
    }
  }

  return {
    /**
     * Claims each due key that no one has claimed yet and sends the ones this process won, up to
     * SEND_CONCURRENCY at once (claiming stops once `draining` is aborted). Returns what happened to each claim it won, in the order of `dues`
     * (keys claimed earlier, here or elsewhere, are left out).
     */
    async deliver<D extends Due>(
      dues: readonly D[],
      now: Date,
    ): Promise<Array<{ due: D; outcome: Delivered }>> {
      if (dues.length === 0) return [];
      // Most due keys were claimed on an earlier tick: one read finds them, so only new ones are written.
      const taken = await deliveries.takenAmong(dues.map((d) => d.key));
      const unique = new Map<string, D>();
      for (const due of dues) {
        const id = deliveryKeyString(due.key);
        if (!taken.has(id) && !unique.has(id)) unique.set(id, due);
      }
      const fresh = [...unique.values()];
      const out: Array<{ due: D; outcome: Delivered } | undefined> = [];
      const sends = sendPool(SEND_CONCURRENCY);
      for (let i = 0; i < fresh.length && !sends.failed() && !stopping(); i += CLAIM_BATCH) {
        // The next batch is claimed only once this one's sends have all started: a claim never waits
        // behind more than a batch and the sends in flight, well inside its lease.
        await sends.started();
        const batch = fresh.slice(i, i + CLAIM_BATCH);
        const leaseUntil = new Date(now.getTime() + LEASE_MS);
        const won = await deliveries.claimMany(
          batch.map((due) => {
            const status =
              due.close?.status ?? (now.getTime() > due.deadline.getTime() ? 'missed' : 'pending');
            return {
              key: due.key,
              scheduledAt: due.scheduledAt,
              status,
              leaseUntil: status === 'pending' ? leaseUntil : null,
              note: due.close?.note ?? null,
            };
          }),
        );
        const byKey = new Map(won.map((row) => [deliveryKeyString(row), row]));
        batch.forEach((due, j) => {
          const row = byKey.get(deliveryKeyString(due.key));
          if (!row) return; // another process claimed it between our read and our insert
          const at = i + j;
          if (row.status !== 'pending') {
            out[at] = {
              due,
              outcome: observed(row.kind, {
                result: row.status as DeliveryResult,
                ...(due.close?.note ? { detail: due.close.note } : {}),
              }),
            };
            return;
          }
          sends.add(async () => {
            out[at] = { due, outcome: observed(row.kind, await attempt(row, due, now)) };
          });
        });
      }
      await sends.finished();
      return out.filter((o) => o !== undefined);
    },

    /**
     * Takes up earlier failures whose retry time has come, and claims whose sender died (their lease ran
     * out), up to SEND_CONCURRENCY at once. `resolve` rebuilds how to send each from today's data, or says
     * why it no longer applies.
     */
    async retry(
      kinds: readonly string[],
      now: Date,
      resolve: (delivery: Delivery) => Promise<Sender | NotSent>,
    ): Promise<Array<{ delivery: Delivery; outcome: Delivered }>> {
      const out: Array<{ delivery: Delivery; outcome: Delivered } | undefined> = [];
      if (stopping()) return [];
      const leased = await deliveries.leaseRetries(kinds, now, new Date(now.getTime() + LEASE_MS));
      const sends = sendPool(SEND_CONCURRENCY);
      for (const [at, delivery] of leased.entries()) {
        if (sends.failed()) break;
        await sends.started();
        sends.add(async () => {
          const sender = await resolve(delivery);
          if ('skip' in sender) {
            await deliveries.markFinal(delivery.id, 'skipped', sender.skip);
            observed(delivery.kind, { result: 'skipped', detail: sender.skip });
            return;
          }
          out[at] = { delivery, outcome: observed(delivery.kind, await attempt(delivery, sender, now)) };
        });
      }
      await sends.finished();
      return out.filter((o) => o !== undefined);
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
