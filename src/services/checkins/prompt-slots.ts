import type { Checkin } from '../../domain/checkin.js';
import { candidateDates, checkinZone, promptDue } from '../../domain/checkin-schedule.js';
import type { PromptSlot } from '../ports.js';

/**
 * Prompt due-ness per (check-in, zone), not per person: everyone in a check-in whose member rows
 * hold the same zone shares each local date's prompt time, so the domain rule (promptDue) runs once
 * for the group. What differs per person (when they joined, time off, what was already claimed)
 * is left to the query that reads the group's participants.
 */
export interface PromptGroupSlot extends PromptSlot {
  checkin: Checkin;
  state: 'due' | 'missed';
}

/** The slots whose prompt is due at `now` or past its catch-up window, for these check-ins and zones. */
export function promptSlots(
  now: Date,
  groups: ReadonlyArray<{ checkin: Checkin; tzs: readonly string[] }>,
): PromptGroupSlot[] {
  const slots: PromptGroupSlot[] = [];
  for (const { checkin, tzs } of groups) {
    // A fixed zone applies to every member, whatever their own: one group, no zone filter.
    const zones: Array<string | null> = checkin.fixedTz !== null ? [null] : [...new Set(tzs)];
    for (const tz of zones) {
      const zone = checkinZone(checkin, tz ?? 'UTC');
      for (const localDate of candidateDates(now, zone)) {
        const due = promptDue({
          now,
          localDate,
          timeOfDay: checkin.timeOfDay,
          zone,
          days: checkin.days,
          catchUpMinutes: checkin.catchUpMinutes,
          timeOff: [],
          // Each person's join time is compared in the query (joined_at <= scheduled_at).
          notBefore: checkin.createdAt,
        });
        if (due.state !== 'due' && due.state !== 'missed') continue;
        slots.push({
          checkin,
          checkinId: checkin.id,
          tz,
          localDate,
          scheduledAt: due.scheduledAt,
          state: due.state,
        });
      }
    }
  }
  return slots;
}

/** Lets the event loop run between chunks of a long loop: call with the loop index. */
export async function yieldEvery(index: number, every = 500): Promise<void> {
  if (index > 0 && index % every === 0) await new Promise<void>((resolve) => setImmediate(resolve));
}
