import type { AlertOutcome, AlertsService } from './alerts.service.js';
import type { CheckinScheduler, TickOutcome } from './checkin-scheduler.service.js';
import type { DigestOutcome, DigestService } from './digest.service.js';

export type AnyOutcome = TickOutcome | AlertOutcome | DigestOutcome;

/**
 * The scheduler's one pass: check-in prompts and reminders, then milestone, budget and silence
 * alerts, then weekly digests. Each part claims its sends in the database before sending.
 */
export function createTick(deps: {
  checkins: CheckinScheduler;
  alerts: AlertsService;
  digests: DigestService;
}) {
  return {
    async runTick(now: Date): Promise<AnyOutcome[]> {
      const checkins = await deps.checkins.runTick(now);
      const alerts = await deps.alerts.runTick(now);
      const digests = await deps.digests.runTick(now);
      return [...checkins, ...alerts, ...digests];
    },
  };
}
