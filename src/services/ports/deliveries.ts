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
  /**
   * Deletes up to `limit` closed rows (never pending ones) of these kinds keyed before a local date,
   * oldest first; returns how many.
   */
  pruneClosed(kinds: readonly string[], beforeDate: string, limit: number): Promise<number>;
}

/** A participant whose run of unanswered check-ins, with no time logged on those days, is long enough. */
export interface SilentStreak {
  teamId: string;
  checkinId: number;
  channelId: string;
  userId: string;
  /** Check-in days in the run (days off left out). */
  missed: number;
  /** The run's first day: the silent alert's claim key date. */
  since: string;
}

/** What was sent before, read by features that look back (reminders, silent-contractor streaks). */
export interface DeliveryHistoryPort {
  /**
   * Every live check-in participant whose finished check-in days (before their own today, which
   * `todayIn` gives for the zone the check-in is read in: its fixed zone, else the member's) since
   * `sinceDate` end in at least `threshold` prompts in a row that were not answered and on whose days
   * no time was logged. Prompts still pending or failed are not days; days off (skipped for time off)
   * neither break nor extend a run. Runs already alerted (a closed `alertKind` row keyed by the run's
   * first day) are left out; one with a pending alert is kept, so its retry can be rebuilt.
   */
  silentStreaks(input: {
    sinceDate: string;
    threshold: number;
    alertKind: string;
    todayIn: (zone: string) => string;
  }): Promise<SilentStreak[]>;
}
