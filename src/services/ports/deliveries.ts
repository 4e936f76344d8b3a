import type { Delivery, DeliveryKey, DeliveryStatus } from '../../domain/delivery.js';

/** The deliveries table, as the outbox (and only the outbox) uses it. */
export interface DeliveriesPort {
  /** Of these keys, the ones already claimed, as deliveryKeyString values. */
  takenAmong(keys: readonly DeliveryKey[]): Promise<Set<string>>;
  /** Inserts these claims in one statement; returns the rows this call inserted (the claims it won). */
  claimMany(
    claims: ReadonlyArray<{
      key: DeliveryKey;
      scheduledAt: Date;
      status: DeliveryStatus;
      leaseUntil: Date | null;
      note: string | null;
    }>,
  ): Promise<Delivery[]>;
  /** Pending rows of these kinds whose retry time has come and whose lease ran out, leased until `leaseUntil`. */
  leaseRetries(kinds: readonly string[], now: Date, leaseUntil: Date): Promise<Delivery[]>;
  markSent(id: number, input: { channelId: string; messageTs: string; sentAt: Date }): Promise<void>;
  markRetry(id: number, input: { nextAttemptAt: Date; error: string }): Promise<void>;
  markFinal(id: number, status: 'missed' | 'failed' | 'skipped', error: string | null): Promise<void>;
}

/** What was sent before, read by features that look back (reminders, silent-contractor streaks). */
export interface DeliveryHistoryPort {
  /** Every workspace's check-in prompt rows from a local date on. */
  promptsSinceAllTeams(sinceDate: string): Promise<Delivery[]>;
  /** Every workspace's rows of one kind sent since an instant. */
  sentPromptsSince(kind: string, since: Date): Promise<Delivery[]>;
}
