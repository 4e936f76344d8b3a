import { PRUNABLE_KINDS, PRUNE_AFTER_DAYS } from '../../domain/delivery.js';
import { addDays, localToday } from '../../domain/local-date.js';
import type { DeliveriesPort } from '../ports.js';

/** Rows deleted per statement, and statements per pass: a long backlog is cleared over several hours. */
const BATCH = 5000;
const BATCHES_PER_PASS = 10;

/**
 * Forgets closed deliveries (sent, missed, skipped, failed) keyed more than `PRUNE_AFTER_DAYS` days
 * ago, of the kinds whose keys are never claimed again by then (`PRUNABLE_KINDS`). Pending rows are
 * never touched: a lease or a retry may still be working on them. Returns how many rows went.
 */
export function createDeliveryPrune(deps: { deliveries: Pick<DeliveriesPort, 'pruneClosed'> }) {
  return {
    async forgetOld(now: Date): Promise<number> {
      const before = addDays(localToday(now, 'UTC'), -PRUNE_AFTER_DAYS);
      let pruned = 0;
      for (let i = 0; i < BATCHES_PER_PASS; i++) {
        const gone = await deps.deliveries.pruneClosed(PRUNABLE_KINDS, before, BATCH);
        pruned += gone;
        if (gone < BATCH) break;
      }
      return pruned;
    },
  };
}

export type DeliveryPrune = ReturnType<typeof createDeliveryPrune>;
