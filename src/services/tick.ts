import type { AlertOutcome, AlertsService } from './alerts.service.js';
import type { CheckinPrompts, TickOutcome } from './checkins/prompts.service.js';
import type { ContractAlertOutcome, ContractsService } from './contracts.service.js';
import type { DigestOutcome, DigestService } from './digest.service.js';
import type { EventService } from './events.service.js';
import type { FeedbackReminderOutcome, FeedbackService } from './feedback.service.js';
import type { InvoiceOutcome, InvoiceService } from './invoices.service.js';
import type { OnboardingOutcome, OnboardingService } from './onboarding.service.js';
import type { DeliveryPrune } from './outbox/prune.js';
import type { Retention } from './privacy.service.js';

export interface DirectorySweep {
  runTick(now: Date): Promise<void>;
}

const settled = <T>(part: PromiseSettledResult<T[]>): T[] => (part.status === 'fulfilled' ? part.value : []);

export type AnyOutcome =
  | TickOutcome
  | AlertOutcome
  | DigestOutcome
  | OnboardingOutcome
  | FeedbackReminderOutcome
  | InvoiceOutcome
  | ContractAlertOutcome;

/**
 * The scheduler's one pass: check-in prompts and reminders, milestone, budget and silence alerts,
 * weekly digests, onboarding reminders and flags, feedback reminders, invoice approvals and overdue
 * alerts, contract-ending alerts, and the housekeeping (the daily users.list sweep, hourly pruning, daily retention). Each part claims
 * its sends in the database before sending. The parts run side by side, so that sends waiting on
 * Slack's rate limits, a slow report query or a paced users.list sweep hold up none of the others.
 */
export function createTick(deps: {
  checkins: CheckinPrompts;
  alerts: AlertsService;
  digests: DigestService;
  onboarding: Pick<OnboardingService, 'runTick'>;
  feedback: Pick<FeedbackService, 'runTick'>;
  /** Approval requests still to send; overdue invoice alerts and their reminders. */
  invoices: Pick<InvoiceService, 'runTick'>;
  contracts: Pick<ContractsService, 'runTick'>;
  events: Pick<EventService, 'forgetOld'>;
  deliveries: Pick<DeliveryPrune, 'forgetOld'>;
  directory: DirectorySweep;
  /** RETENTION_DAYS: old answers, event ids and send records, once a day. */
  retention: Pick<Retention, 'runTick'>;
}) {
  return {
    async runTick(now: Date): Promise<AnyOutcome[]> {
      const housekeeping = async () => {
        // Once an hour is plenty to keep the event dedupe and delivery tables small.
        if (now.getUTCMinutes() === 0) {
          await deps.events.forgetOld(now);
          await deps.deliveries.forgetOld(now);
        }
        await deps.directory.runTick(now);
        await deps.retention.runTick(now);
      };
      // Every part finishes before the tick does, even when one fails (its error is then thrown).
      const [checkins, alerts, digests, onboarding, feedback, invoices, contracts, swept] =
        await Promise.allSettled([
          deps.checkins.runTick(now),
          deps.alerts.runTick(now),
          deps.digests.runTick(now),
          deps.onboarding.runTick(now),
          deps.feedback.runTick(now),
          deps.invoices.runTick(now),
          deps.contracts.runTick(now),
          housekeeping(),
        ]);
      for (const part of [checkins, alerts, digests, onboarding, feedback, invoices, contracts, swept])
        if (part.status === 'rejected') throw part.reason;
      return [
        ...settled(checkins),
        ...settled(alerts),
        ...settled(digests),
        ...settled(onboarding),
        ...settled(feedback),
        ...settled(invoices),
        ...settled(contracts),
      ];
    },
  };
}
