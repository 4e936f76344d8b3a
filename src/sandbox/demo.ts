/**
 * `--demo`: a week and a half of a small team's work, entered the way people enter it, as Slack
 * commands and DM replies through the app, while the sandbox clock runs from yesterday morning to
 * now (so prompts, reminders and alerts go out on the way): two projects with rates and budgets
 * (Acme at 85%), three milestones (one overdue), a daily check-in answered by two people (one
 * blocked), a weekly digest, and time logged on the last eight weekdays.
 */
import { addDays, localToday, weekStartMonday } from '../domain/local-date.js';
import { isoWeekday } from '../domain/weekdays.js';
import type { RunningPunchcard } from '../server.js';
import type { CheckinsPort } from '../services/ports.js';
import { advanceTo, nextCheckin, type SandboxClock } from './clock.js';
import type { Workspace } from './workspace.js';

const DAY_MS = 86_400_000;

/** Where a demo run starts: yesterday 06:00 UTC (01:00 in New York, so every zone is on the same date). */
export function demoStart(now: Date): Date {
  const start = new Date(now.getTime() - DAY_MS);
  start.setUTCHours(6, 0, 0, 0);
  return start;
}

export async function seedDemo(deps: {
  workspace: Workspace;
  clock: SandboxClock;
  app: RunningPunchcard;
  repos: { checkins: CheckinsPort };
  teamId: string;
  /** The real time to end at (default: now). */
  until?: Date;
}): Promise<void> {
  const { workspace, clock, app } = deps;
  const until = deps.until ?? new Date();
  const run = async (userId: string, channel: string, line: string) => {
    await workspace.command(userId, channel, line);
    await app.idle();
  };
  const say = async (userId: string, text: string) => {
    await workspace.dm(userId, text);
    await app.idle();
  };
  const today = localToday(clock.now(), 'UTC');
  const date = (days: number) => addDays(today, days);

  // Both projects report to #team, the check-in's channel, so its digest covers everything.
  await run('UMAYA', 'C0TEAM', '/punchcard project add acme-web #team Acme website');
  await run('UMAYA', 'C0TEAM', '/punchcard project rate acme-web 85 USD');
  await run('UMAYA', 'C0TEAM', '/punchcard project budget acme-web 40h');
  await run('UMAYA', 'C0TEAM', '/punchcard project add globex #team Globex mobile app');
  await run('UMAYA', 'C0TEAM', '/punchcard project rate globex 95 EUR');
  await run('UMAYA', 'C0TEAM', '/punchcard project budget globex 120h');
  // Maya manages both (she added them): their members are the people she sees, in the digest and on Home.
  await run('UMAYA', 'C0TEAM', '/punchcard project member add acme-web @nora @lena');
  await run('UMAYA', 'C0TEAM', '/punchcard project member add globex @lena @ravi');
  // Due on the Friday of last week (the digest's week), and overdue since.
  const lastFriday = addDays(weekStartMonday(today), -3);
  await run('UMAYA', 'C0TEAM', `/milestone add acme-web ${lastFriday} Homepage redesign @nora`);
  await run('UMAYA', 'C0TEAM', `/milestone add acme-web ${date(5)} Checkout flow @lena`);
  await run('UMAYA', 'C0TEAM', `/milestone add globex ${date(10)} Beta release @ravi`);
  await run('ULENA', 'C0TEAM', '/milestone update 2 in-progress API contract agreed with Acme');
  await run('UMAYA', 'C0TEAM', '/standup create #team 09:30 daily @nora @lena @ravi');
  await run('UMAYA', 'C0TEAM', '/punchcard digest #team mon 09:00 Europe/London');

  // The last eight weekdays before today: Acme gets 8 × (2h30m + 1h45m) = 34h of its 40h budget.
  const days: string[] = [];
  for (let d = -1; days.length < 8; d -= 1) if (isoWeekday(date(d)) <= 5) days.push(date(d));
  const notes = ['homepage layout', 'pricing page', 'review with Acme', 'responsive fixes'];
  for (const [i, day] of days.entries()) {
    await run('UNORA', 'DUNORA', `/log 2h30m acme-web ${notes[i % notes.length]} ${day}`);
    await run('ULENA', 'DULENA', `/log 1h45m acme-web checkout API ${day}`);
    await run('ULENA', 'DULENA', `/log 4h globex payments screen ${day}`);
    await run('URAVI', 'DURAVI', `/log 6h globex ${i % 2 ? 'offline sync' : 'push notifications'} ${day}`);
    if (i % 3 === 0) await run('UNORA', 'DUNORA', `/log 45m meetings sprint planning ${day}`);
  }

  // The check-in: Lena (Berlin) answers first, then Nora (New York), who is blocked; Ravi's waits.
  const answers: Record<string, string[]> = {
    ULENA: ['Finished the payments screen', 'Checkout flow: wiring the API', 'none'],
    UNORA: [
      'Homepage hero and pricing sections',
      'Responsive fixes for the homepage',
      'Still waiting on the brand assets from Acme: the homepage cannot ship without them',
    ],
  };
  const zoneOf = (id: string) => workspace.person(id)?.tz ?? 'UTC';
  for (const userId of ['ULENA', 'UNORA']) {
    const next = nextCheckin(clock.now(), await deps.repos.checkins.list(deps.teamId), zoneOf);
    if (!next || next >= until) break;
    await advanceTo(clock, app, next);
    for (const answer of answers[userId] ?? []) await say(userId, answer);
  }
  if (until > clock.now()) await advanceTo(clock, app, until);
}
