/**
 * The sandbox's clock is the app's clock (`startPunchcard({ clock })`) and the fake Slack's: it runs
 * at the real pace from an offset, and only moves forward. Moving it runs the app's own tick
 * (`RunningPunchcard.tick`, what `cli tick --at` runs) at every step on the way, so prompts,
 * reminders, alerts and digests go out as they would have while the time passed.
 */
import type { Checkin } from '../domain/checkin.js';
import { checkinZone } from '../domain/checkin-schedule.js';
import { addDays, localToday } from '../domain/local-date.js';
import { scheduledInstant } from '../domain/time-of-day.js';
import { isoWeekday } from '../domain/weekdays.js';
import type { RunningPunchcard } from '../server.js';
import type { Clock } from '../services/ports.js';
import type { AnyOutcome } from '../services/tick.js';

/** Ticks every half hour on the way: inside every catch-up window (a check-in's is 3 h by default). */
const STEP_MS = 30 * 60_000;
const DAY_MS = 24 * 60 * 60_000;

export class SandboxClock implements Clock {
  private offsetMs = 0;

  /** Starts at `start` (a demo run starts in the past), else now. */
  constructor(start?: Date) {
    if (start) this.offsetMs = start.getTime() - Date.now();
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Sets the time; never backwards (claims and message order assume time moves on). */
  set(to: Date): void {
    this.offsetMs = Math.max(this.offsetMs, to.getTime() - Date.now());
  }
}

/** Moves the clock to `to`, ticking the app at each half hour on the way and at `to`; what all those ticks did. */
export async function advanceTo(clock: SandboxClock, app: Pick<RunningPunchcard, 'tick' | 'idle'>, to: Date) {
  const outcomes: AnyOutcome[] = [];
  const tickAt = async (at: Date) => {
    clock.set(at);
    outcomes.push(...(await app.tick(at)));
    await app.idle();
    // A tick with nothing to send is embedded-database work alone: promises that never leave the
    // microtask queue. Between ticks the event loop gets its turn, or a long jump would starve it
    // (Socket Mode's pings go unanswered and Bolt's client drops the connection with events in it).
    await new Promise((resolve) => setImmediate(resolve));
  };
  for (let at = clock.now().getTime() + STEP_MS; at < to.getTime(); at += STEP_MS) await tickAt(new Date(at));
  await tickAt(to);
  return outcomes;
}

/** The next 09:00 on a Monday in `zone` (a week on when it is Monday 09:00 or later). */
export function nextMondayNine(now: Date, zone: string): Date {
  const today = localToday(now, zone);
  for (let i = 0; i <= 7; i += 1) {
    const date = addDays(today, i);
    if (isoWeekday(date) !== 1) continue;
    const at = scheduledInstant(date, '09:00', zone);
    if (at.getTime() > now.getTime()) return at;
  }
  return new Date(now.getTime() + 7 * DAY_MS);
}

/** When the next check-in prompt after `now` is due, for anyone; null when no check-in has people. */
export function nextCheckin(
  now: Date,
  checkins: ReadonlyArray<Checkin & { participants: string[] }>,
  zoneOf: (userId: string) => string,
): Date | null {
  let next: Date | null = null;
  for (const checkin of checkins) {
    for (const userId of checkin.participants) {
      const zone = checkinZone(checkin, zoneOf(userId));
      const today = localToday(now, zone);
      for (let i = -1; i <= 8; i += 1) {
        const date = addDays(today, i);
        if (!checkin.days.includes(isoWeekday(date))) continue;
        const at = scheduledInstant(date, checkin.timeOfDay, zone);
        if (at <= now || at < checkin.createdAt) continue;
        if (!next || at < next) next = at;
        break;
      }
    }
  }
  return next;
}
