import { blockerQuestionIndex } from '../domain/checkin-questions.js';
import { DeliveryKind, NOBODY } from '../domain/delivery.js';
import { assembleDigest, type Digest, NO_PROJECT } from '../domain/digest.js';
import { type DigestSchedule, lastFullWeek } from '../domain/digest-schedule.js';
import { addDays, localToday, safeZone } from '../domain/local-date.js';
import { fail, ok, quoted, type Result } from '../domain/result.js';
import { canManageCheckins } from '../domain/roles.js';
import { parseTimeOfDay, scheduledInstant } from '../domain/time-of-day.js';

/** The most open invoices a digest reads (it lists them summarised like any other list). */
const DIGEST_INVOICE_LIMIT = 500;
/** The most kudos a digest lists (it says how many more there were). */
export const DIGEST_KUDOS_LIMIT = 200;

import { isoWeekday, parseDays } from '../domain/weekdays.js';
import type { MemberService } from './members.service.js';
import type { Due, Outbox, Sender } from './outbox/outbox.js';
import type {
  ChannelMessenger,
  CheckinsPort,
  Clock,
  DigestsPort,
  InvoicesPort,
  KudosPort,
  OnboardingPort,
  ProjectPeoplePort,
  ProjectsPort,
} from './ports.js';
import { seesPerson, seesProjectFigures, viewerOf } from './projects/visibility.js';

export const DIGEST = DeliveryKind.digest;

/** A preview refused to a manager: the digest would show time they may not see. */
const NOT_YOUR_DIGEST = (channelId: string) =>
  fail(
    'digest.not_yours',
    `The digest of <#${channelId}> shows hours of people or projects you don't manage: only admins, and whoever manages every project in it and everyone in its check-in, can preview it.`,
    "`/punchcard digest preview #channel` in a channel of a project you manage, or `/timesheet export last week all` for your projects' people.",
  );
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
    kudos: KudosPort;
    onboarding: OnboardingPort;
    invoices: InvoicesPort;
    projectPeople: ProjectPeoplePort;
  };
  members: MemberService;
  channels: ChannelMessenger;
  clock: Clock;
  outbox: Outbox;
  defaultTz: string;
}) {
  const { repos, members, channels, clock, outbox } = deps;

  /** Gathers a channel's week (its projects and its check-in), summed in the store, and computes the digest. */
  async function build(teamId: string, channelId: string, today: string): Promise<Digest> {
    const week = lastFullWeek(today);
    const checkin = await repos.checkins.findByChannel(teamId, channelId);
    const hours = await repos.digests.hours(teamId, channelId, checkin?.id ?? null, week.from, week.to);
    // Expected, answered and off days per participant, counted in one grouped query: exact for any number of people.
    const checkins = checkin ? await repos.digests.participation(teamId, checkin.id, week.from, week.to) : [];
    // A person's blocker is open while their latest submitted check-in still reports one.
    const blocked = checkin ? await repos.digests.openBlockers(teamId, checkin.id, week.to) : [];
    const openBlockers = blocked.map((r) => ({
      userId: r.userId,
      localDate: r.localDate,
      text: r.answers[blockerQuestionIndex(r.questions)] ?? '',
    }));
    const zone = safeZone(deps.defaultTz);
    const milestones = await repos.digests.channelMilestones(teamId, channelId, zone);
    // The week's kudos: typed in this channel, or given to anyone the digest lists.
    const kudos = await repos.kudos.forDigest({
      teamId,
      channelId,
      userIds: hours.people.map((p) => p.userId),
      from: scheduledInstant(week.from, '00:00', zone),
      to: scheduledInstant(addDays(week.to, 1), '00:00', zone),
      limit: DIGEST_KUDOS_LIMIT,
    });
    const channelProjects = await repos.projects.inChannel(teamId, channelId);
    const budgeted = channelProjects.filter((p) => p.budgetMinutes);
    const use = await repos.digests.projectUse(budgeted.map((p) => p.id));
    const onboarding = await repos.onboarding.progressInChannel(teamId, channelId);
    const offProject = await repos.digests.offProjectHours(teamId, channelId, week.from, week.to);
    // Invoices waiting for approval or payment with time on the channel's projects.
    const open = await repos.invoices.onProjects(
      teamId,
      channelProjects.map((p) => p.id),
      ['submitted', 'approved'],
      DIGEST_INVOICE_LIMIT,
    );
    const invoices = open.map((i) => ({
      number: i.number,
      userId: i.userId,
      status: i.status as 'submitted' | 'approved',
      dueOn: i.dueOn,
    }));
    return assembleDigest({
      channelId,
      week,
      hours,
      checkins,
      openBlockers,
      milestones,
      budgets: budgeted.map((p) => ({
        projectKey: p.key,
        budgetMinutes: p.budgetMinutes ?? 0,
        usedMinutes: use.get(p.id) ?? 0,
      })),
      today,
      kudos,
      onboarding: onboarding.map((o) => ({
        userId: o.userId,
        name: o.name,
        projectKey: o.projectKey,
        done: o.done,
        total: o.total,
      })),
      offProject,
      invoices,
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
        return fail('digest.zone_invalid', `\`${quoted(zone)}\` is not a time zone I know.`, hint);
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

    /**
     * `/punchcard digest preview [#channel]`: the digest as it would go out now. It shows everyone's
     * hours in the channel, so only admins, and a manager of every project in the channel whose
     * check-in's people are all members of projects they manage, may preview it.
     */
    async preview(input: { teamId: string; userId: string; channelId: string }): Promise<Result<Digest>> {
      const { actor, scope } = await viewerOf(
        { members, projectPeople: repos.projectPeople },
        input.teamId,
        input.userId,
      );
      if (!canManageCheckins(actor) && scope.all === false && scope.managedProjectIds.size === 0) {
        return fail(
          'digest.forbidden',
          "Digests show everyone's hours, so only managers and admins can preview them.",
          '`/timesheet` shows your own week.',
        );
      }
      if (!scope.all) {
        const [projects, checkin] = await Promise.all([
          repos.projects.inChannel(input.teamId, input.channelId),
          repos.checkins.findByChannel(input.teamId, input.channelId),
        ]);
        const people = checkin ? await repos.checkins.participants(checkin.id) : [];
        const covered =
          (projects.length > 0 || people.length > 0) &&
          projects.every((p) => seesProjectFigures(scope, p.id)) &&
          people.every((userId) => seesPerson(scope, userId));
        if (!covered) return NOT_YOUR_DIGEST(input.channelId);
      }
      const row = await repos.digests.findByChannel(input.teamId, input.channelId);
      const zone = safeZone(row?.tz ?? deps.defaultTz);
      const digest = await build(input.teamId, input.channelId, localToday(clock.now(), zone));
      if (!scope.all) {
        // The check-in's people may have logged on projects of other managers: their hours and
        // amounts would show under *Hours by project*.
        const managed = new Set(
          (await repos.projectPeople.projectsOf(input.teamId, input.userId))
            .filter((p) => p.manager)
            .map((p) => p.project.key),
        );
        if (digest.byProject.some((p) => p.key !== NO_PROJECT && !managed.has(p.key)))
          return NOT_YOUR_DIGEST(input.channelId);
      }
      return ok(digest);
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
