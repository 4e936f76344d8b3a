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
} as const;
export type DeliveryKindName = (typeof DeliveryKind)[keyof typeof DeliveryKind];

/** The member column of a key for sends that are not about one person (alerts, digests). */
export const NOBODY = '-';
/** The note on a check-in prompt skipped for time off (digests and silent-contractor streaks read it). */
export const TIME_OFF = 'time off';

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
