import type { AlertOutcome, AlertsService } from './alerts.service.js';
import type { CheckinPrompts, TickOutcome } from './checkins/prompts.service.js';
import type { DigestOutcome, DigestService } from './digest.service.js';
import type { EventService } from './events.service.js';
import type { DeliveryPrune } from './outbox/prune.js';

export interface DirectorySweep {
  runTick(now: Date): Promise<void>;
}

export type AnyOutcome = TickOutcome | AlertOutcome | DigestOutcome;

/**
 * The scheduler's one pass: check-in prompts and reminders, then milestone, budget and silence
 * alerts, then weekly digests. Each part claims its sends in the database before sending.
 */
export function createTick(deps: {
  checkins: CheckinPrompts;
  alerts: AlertsService;
  digests: DigestService;
  events: Pick<EventService, 'forgetOld'>;
  deliveries: Pick<DeliveryPrune, 'forgetOld'>;
  directory: DirectorySweep;
}) {
  return {
    async runTick(now: Date): Promise<AnyOutcome[]> {
      // Once an hour is plenty to keep the event dedupe table small.
      if (now.getUTCMinutes() === 0) {
        await deps.events.forgetOld(now);
        await deps.deliveries.forgetOld(now);
      }
      await deps.directory.runTick(now);
      const checkins = await deps.checkins.runTick(now);
      const alerts = await deps.alerts.runTick(now);
      const digests = await deps.digests.runTick(now);
      return [...checkins, ...alerts, ...digests];
    },
  };
}
