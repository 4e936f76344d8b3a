import { addDays, localToday, safeZone } from './local-date.js';
import { MINUTE_MS, scheduledInstant } from './time-of-day.js';
import { isoWeekday } from './weekdays.js';

/*
 * When a check-in prompt and its reminder are due for one person: their zone, the dates a tick
 * looks at, the catch-up window after an outage, and the reminder's same-day rule.
 */

/** The zone a check-in uses for a person: their own Slack zone unless the check-in fixes one. */
export function checkinZone(checkin: { fixedTz: string | null }, memberTz: string): string {
  return safeZone(checkin.fixedTz ?? memberTz);
}

/** Member-local dates to look at on a tick: yesterday and today in `zone`. Oldest first. */
export function candidateDates(now: Date, zone: string): string[] {
  const today = localToday(now, zone);
  return [addDays(today, -1), today];
}

export type Due =
  | { state: 'not_yet' }
  | { state: 'due'; scheduledAt: Date }
  | { state: 'missed'; scheduledAt: Date }
  | { state: 'not_scheduled' };

function timing(now: Date, scheduledAt: Date, windowEnd: number): Due {
  if (now.getTime() < scheduledAt.getTime()) return { state: 'not_yet' };
  if (now.getTime() <= windowEnd) return { state: 'due', scheduledAt };
  return { state: 'missed', scheduledAt };
}

/** Whether the check-in prompt for `localDate` is due at `now`. */
export function promptDue(input: {
  now: Date;
  localDate: string;
  timeOfDay: string;
  zone: string;
  days: readonly number[];
  catchUpMinutes: number;
  timeOff: ReadonlyArray<{ from: string; to: string }>;
  notBefore: Date;
}): Due {
  const { now, localDate } = input;
  if (!input.days.includes(isoWeekday(localDate))) return { state: 'not_scheduled' };
  // ISO dates compare correctly as strings.
  if (input.timeOff.some((off) => off.from <= localDate && localDate <= off.to))
    return { state: 'not_scheduled' };
  const scheduledAt = scheduledInstant(localDate, input.timeOfDay, input.zone);
  if (scheduledAt.getTime() < input.notBefore.getTime()) return { state: 'not_scheduled' };
  return timing(now, scheduledAt, scheduledAt.getTime() + input.catchUpMinutes * MINUTE_MS);
}

/**
 * The reminder for a prompt actually sent at `sentAt`: due `reminderMinutes` after it, while `localDate`
 * is still the member's local today and within `catchUpMinutes` of its due time.
 * not_scheduled when reminders are off or the due time already falls on a later local day.
 */
export function reminderDue(input: {
  now: Date;
  sentAt: Date;
  localDate: string;
  zone: string;
  reminderMinutes: number | null;
  catchUpMinutes: number;
}): Due {
  if (input.reminderMinutes === null) return { state: 'not_scheduled' };
  const scheduledAt = new Date(input.sentAt.getTime() + input.reminderMinutes * MINUTE_MS);
  const dayEnd = scheduledInstant(addDays(input.localDate, 1), '00:00', input.zone).getTime();
  if (scheduledAt.getTime() >= dayEnd) return { state: 'not_scheduled' };
  const windowEnd = Math.min(scheduledAt.getTime() + input.catchUpMinutes * MINUTE_MS, dayEnd - 1);
  return timing(input.now, scheduledAt, windowEnd);
}
