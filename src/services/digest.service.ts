import { blockerQuestionIndex } from '../domain/checkin-questions.js';
import { DeliveryKind, NOBODY } from '../domain/delivery.js';
import { buildDigest, type Digest } from '../domain/digest.js';
import { type DigestSchedule, lastFullWeek } from '../domain/digest-schedule.js';
import { addDays, eachDay, localToday, safeZone } from '../domain/local-date.js';
import { fail, ok, type Result } from '../domain/result.js';
import { canManageCheckins } from '../domain/roles.js';
import { parseTimeOfDay, scheduledInstant } from '../domain/time-of-day.js';
import { isOffOn } from '../domain/time-off.js';
import { isoWeekday, parseDays } from '../domain/weekdays.js';
import type { MemberService } from './members.service.js';
import type { Due, Outbox, Sender } from './outbox/outbox.js';
import type {
  ChannelMessenger,
  CheckinsPort,
  Clock,
  DigestsPort,
  MilestonesPort,
  ProjectsPort,
  TimeOffPort,
} from './ports.js';

export const DIGEST = DeliveryKind.digest;
/** A digest missed during an outage still goes out within this window, like a check-in. */
const CATCH_UP_MS = 12 * 3600_000;

export interface DigestOutcome {
  kind: typeof DIGEST;
  teamId: string;
  channelId: string;
  week: string;
  result: 'sent' | 'missed' | 'retry' | 'failed' | 'skipped';
  detail?: string;
}

export function createDigestService(deps: {
  repos: {
    digests: DigestsPort;
    projects: ProjectsPort;
    checkins: CheckinsPort;
    milestones: MilestonesPort;
    timeOff: TimeOffPort;
  };
  members: MemberService;
  channels: ChannelMessenger;
  clock: Clock;
  outbox: Outbox;
  defaultTz: string;
}) {
  const { repos, members, channels, clock, outbox } = deps;

  /** Gathers a channel's week (its projects and its check-in) and computes the digest. */
  async function build(teamId: string, channelId: string, today: string): Promise<Digest> {
    const week = lastFullWeek(today);
    const projects = await repos.projects.inChannel(teamId, channelId);
    const projectIds = projects.map((p) => p.id);
    const checkin = await repos.checkins.findByChannel(teamId, channelId);
    const participants = checkin ? await repos.checkins.participantsSince(checkin.id) : [];
    const participantIds = participants.map((p) => p.userId);
    const entries = await repos.digests.entries(teamId, week.from, week.to, projectIds, participantIds);
    const userIds = [...new Set([...participantIds, ...entries.map((e) => e.userId)])];
    const names = await repos.digests.names(teamId, userIds);
    // Every (person, day) answered in the week, and each person's latest check-in if it reports a
    // blocker: both uncapped and read in one query each, so participation stays exact for 10,000 people.
    const answered = checkin
      ? await repos.digests.answeredDays(teamId, checkin.id, week.from, week.to)
      : new Set<string>();
    const blocked = checkin ? await repos.digests.openBlockers(teamId, checkin.id, week.to) : [];
    const timeOff = await repos.timeOff.forUsers(teamId, participantIds, week.from, week.to);

    const checkins = participants.map((p) => {
      let expected = 0;
      let answeredDays = 0;
      let skipped = 0;
      const joined = localToday(p.joinedAt, 'UTC');
      const mine = timeOff.filter((t) => t.userId === p.userId);
      for (const day of eachDay(week.from, week.to)) {
        if (!checkin?.days.includes(isoWeekday(day)) || day < joined) continue;
        if (isOffOn(mine, day)) {
          skipped += 1;
          continue;
        }
        expected += 1;
        if (answered.has(`${p.userId}|${day}`)) answeredDays += 1;
      }
      return { userId: p.userId, expected, answered: answeredDays, missed: expected - answeredDays, skipped };
    });

    // A person's blocker is open while their latest submitted check-in still reports one.
    const openBlockers = blocked.map((r) => ({
      userId: r.userId,
      localDate: r.localDate,
      text: r.answers[blockerQuestionIndex(r.questions)] ?? '',
    }));

    const milestoneRows = (
      await Promise.all(projectIds.map((id) => repos.milestones.list(teamId, id)))
    ).flat();
    const use = await repos.digests.projectUse(projects.filter((p) => p.budgetMinutes).map((p) => p.id));
    const zone = safeZone(deps.defaultTz);
    return buildDigest({
      channelId,
      week,
      entries,
      members: names,
      checkins,
      openBlockers,
      milestones: milestoneRows.map((m) => ({
        id: m.id,
        projectKey: m.projectKey,
        title: m.title,
        dueDate: m.dueDate,
        status: m.status,
        percent: m.percent,
        ownerId: m.ownerId,
        doneAt: m.doneAt ? localToday(m.doneAt, zone) : null,
      })),
      budgets: projects
        .filter((p) => p.budgetMinutes)
        .map((p) => ({
          projectKey: p.key,
          budgetMinutes: p.budgetMinutes ?? 0,
          usedMinutes: use.get(p.id) ?? 0,
        })),
      today,
    });
  }

  /** How to send a channel's digest for the week before `localDate`, due at `scheduledAt`. */
  function sender(row: DigestSchedule, localDate: string, scheduledAt: Date): Sender {
    return {
      deadline: new Date(scheduledAt.getTime() + CATCH_UP_MS),
      send: async () =>
        channels.digest({
          channelId: row.channelId,
          digest: await build(row.teamId, row.channelId, localDate),
        }),
    };
  }

  const outcome = (
    row: DigestSchedule,
    week: string,
    delivered: Omit<DigestOutcome, 'kind' | 'teamId' | 'channelId' | 'week'>,
  ): DigestOutcome => ({
    kind: DIGEST,
    teamId: row.teamId,
    channelId: row.channelId,
    week,
    ...delivered,
  });

  return {
    build,

    /** `/punchcard digest #channel <day> <HH:MM> [zone]`. */
    async schedule(input: {
      teamId: string;
      userId: string;
      channelId: string;
      day: string | undefined;
      time: string | undefined;
      zone: string | undefined;
    }): Promise<Result<DigestSchedule>> {
      const hint = '`/punchcard digest #team mon 09:00 Europe/Berlin`';
      const actor = await members.actor(input.teamId, input.userId);
      if (!canManageCheckins(actor))
        return fail(
          'digest.forbidden',
          'Only managers and admins can schedule digests.',
          'ask a manager or an admin.',
        );
      const days = parseDays(input.day ?? '');
      if (!days.ok || days.value.length !== 1)
        return fail('digest.day_invalid', 'Name one day of the week, like `mon`.', hint);
      const time = parseTimeOfDay(input.time ?? '');
      if (!time.ok) return fail('digest.time_invalid', 'Give the time as HH:MM, like `09:00`.', hint);
      const zone = input.zone ?? deps.defaultTz;
      if (safeZone(zone) !== zone)
        return fail('digest.zone_invalid', `\`${zone.slice(0, 40)}\` is not a time zone I know.`, hint);
      const row = await repos.digests.upsert({
        teamId: input.teamId,
        channelId: input.channelId,
        weekday: days.value[0] as number,
        timeOfDay: time.value,
        tz: zone,
        createdBy: input.userId,
      });
      return ok(row);
    },

    /** `/punchcard digest preview [#channel]`: the digest as it would go out now, for managers. */
    async preview(input: { teamId: string; userId: string; channelId: string }): Promise<Result<Digest>> {
      const actor = await members.actor(input.teamId, input.userId);
      if (!canManageCheckins(actor)) {
        return fail(
          'digest.forbidden',
          "Digests show everyone's hours, so only managers and admins can preview them.",
          '`/timesheet` shows your own week.',
        );
      }
      const row = await repos.digests.findByChannel(input.teamId, input.channelId);
      const zone = safeZone(row?.tz ?? deps.defaultTz);
      return ok(await build(input.teamId, input.channelId, localToday(clock.now(), zone)));
    },

    async list(teamId: string) {
      return repos.digests.list(teamId);
    },

    /** Exactly one digest per channel per week, claimed before it is built and sent. */
    async runTick(now: Date = clock.now()): Promise<DigestOutcome[]> {
      const outcomes: DigestOutcome[] = [];
      const rows = await repos.digests.allTeams();
      const dues: Array<Due & { row: DigestSchedule }> = [];
      for (const row of rows) {
        const zone = safeZone(row.tz);
        const today = localToday(now, zone);
        for (const day of [addDays(today, -1), today]) {
          if (isoWeekday(day) !== row.weekday) continue;
          const scheduledAt = scheduledInstant(day, row.timeOfDay, zone);
          if (scheduledAt > now) continue;
          const key = {
            teamId: row.teamId,
            kind: DIGEST,
            subjectId: row.channelId,
            memberId: NOBODY,
            localDate: lastFullWeek(day).from,
          };
          dues.push({ row, key, scheduledAt, ...sender(row, day, scheduledAt) });
        }
      }
      for (const { due, outcome: delivered } of await outbox.deliver(dues, now)) {
        outcomes.push(outcome(due.row, due.key.localDate, delivered));
      }
      const retriedRow = new Map<number, DigestSchedule>();
      const retried = await outbox.retry([DIGEST], now, async (delivery) => {
        const row = rows.find((r) => r.teamId === delivery.teamId && r.channelId === delivery.subjectId);
        if (!row) return { skip: 'digest removed' };
        retriedRow.set(delivery.id, row);
        return sender(row, localToday(delivery.scheduledAt, safeZone(row.tz)), delivery.scheduledAt);
      });
      for (const { delivery, outcome: delivered } of retried) {
        outcomes.push(outcome(retriedRow.get(delivery.id) as DigestSchedule, delivery.localDate, delivered));
      }
      return outcomes;
    },
  };
}

export type DigestService = ReturnType<typeof createDigestService>;
