/**
 * Scheduled sends and their claim keys. A key names one send exactly once across ticks, restarts and
 * replicas: whoever inserts its row first sends it (see services/outbox).
 */

/** Every kind of scheduled send. A new kind is added here and declared to the outbox by its feature. */
export const DeliveryKind = {
  checkinPrompt: 'checkin_prompt',
  checkinReminder: 'checkin_reminder',
  milestoneOverdue: 'milestone_overdue',
  budgetAlert: 'budget_alert',
  silentContractor: 'silent_contractor',
  digest: 'weekly_digest',
  directorySweep: 'directory_sweep',
  onboardingItemDue: 'onboarding_item_due',
  onboardingUntouched: 'onboarding_untouched',
  feedbackReminder: 'feedback_reminder',
  contractEnding: 'contract_ending',
  retention: 'retention',
  invoiceApproval: 'invoice_approval',
  invoiceOverdue: 'invoice_overdue',
} as const;
export type DeliveryKindName = (typeof DeliveryKind)[keyof typeof DeliveryKind];

/** The member column of a key for sends that are not about one person (alerts, digests). */
export const NOBODY = '-';
/** The note on a check-in prompt skipped for time off (digests and silent-contractor streaks read it). */
export const TIME_OFF = 'time off';

/**
 * Kinds whose claim key is dated the day the send was due, and never claimed again once that day is
 * older than its catch-up window (a day at most) and the look-backs that read them (silent streaks: 21
 * days, digests: a week). Their closed rows can be pruned after `PRUNE_AFTER_DAYS`. Not listed, so
 * kept: budget alerts (keyed by a fixed date, re-derived whenever a budget is over a threshold),
 * overdue alerts (re-derived for as long as a milestone stays overdue; a few rows per milestone) and
 * onboarding reminders and flags (keyed by the day a checklist started or was last touched, re-derived
 * for as long as it stays unfinished).
 */
export const PRUNABLE_KINDS: readonly string[] = [
  DeliveryKind.checkinPrompt,
  DeliveryKind.checkinReminder,
  DeliveryKind.silentContractor,
  DeliveryKind.digest,
  DeliveryKind.directorySweep,
  DeliveryKind.feedbackReminder,
  DeliveryKind.retention,
];
export const PRUNE_AFTER_DAYS = 35;
/** Rows in these states are finished: nothing retries or leases them again. */
export const CLOSED_STATUSES = ['sent', 'missed', 'skipped', 'failed'] as const;

export interface DeliveryKey {
  teamId: string;
  kind: string;
  subjectId: string;
  memberId: string;
  localDate: string;
}

export type DeliveryStatus = 'pending' | 'sent' | 'missed' | 'skipped' | 'failed';

/** One claimed send, as the outbox records it. */
export interface Delivery extends DeliveryKey {
  id: number;
  scheduledAt: Date;
  status: DeliveryStatus;
  /** How many times a process has taken this row to send it (1 on the first claim). */
  attempts: number;
  sentAt: Date | null;
  lastError: string | null;
  createdAt: Date;
}

export function deliveryKeyString(key: DeliveryKey): string {
  return [key.teamId, key.kind, key.subjectId, key.memberId, key.localDate].join('|');
}
