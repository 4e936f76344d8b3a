import { checkinZone } from '../domain/checkin-schedule.js';
import type { Contract } from '../domain/contracts.js';
import type { FeedbackView } from '../domain/feedback.js';
import type { KudosView } from '../domain/kudos.js';
import { addDays, localToday, safeZone, weekStartMonday } from '../domain/local-date.js';
import type { MilestoneWithProject } from '../domain/projects.js';
import { canManageCheckins } from '../domain/roles.js';
import { scheduledInstant } from '../domain/time-of-day.js';
import { summarizeTimesheet } from '../domain/timesheet.js';
import { isoWeekday } from '../domain/weekdays.js';
import type { InvoiceService } from './invoices.service.js';
import type { MemberService } from './members.service.js';
import type { OnboardingService } from './onboarding.service.js';
import type {
  CheckinsPort,
  Clock,
  ContractsPort,
  FeedbackPort,
  HomePort,
  KudosPort,
  MilestonesPort,
  MilestoneView,
  OnboardingProgress,
  OnboardingView,
  PersonProject,
  ProjectPeoplePort,
  TimeEntriesPort,
  TimeOffPort,
} from './ports.js';
import { figuresFor } from './projects/milestones.service.js';
import { managesAnyone, viewerOf } from './projects/visibility.js';

/** The invoices part of Home (see InvoiceService.overviewWithTotals). */
export type InvoiceOverview = Awaited<ReturnType<InvoiceService['overviewWithTotals']>>;

export type CheckinState = 'answered' | 'in_progress' | 'waiting' | 'off' | 'not_today';

export interface HomeModel {
  userId: string;
  today: string;
  week: { from: string; to: string };
  byDay: Array<{ date: string; minutes: number }>;
  totalMinutes: number;
  checkins: Array<{ channelId: string; timeOfDay: string; state: CheckinState }>;
  milestones: MilestoneView[];
  /** Kudos received since the first of this month (the person's own zone): the latest, and how many. */
  kudos: { rows: KudosView[]; total: number };
  /** Feedback the person received or gave, newest first. */
  feedback: FeedbackView[];
  /** Only for admins: the workspace's latest feedback, whoever gave it. */
  allFeedback: FeedbackView[] | null;
  /** The projects the person is on or manages. */
  projects: PersonProject[];
  /** Their invoices, those waiting for their approval, and (admins) approved ones not yet paid. */
  invoices: InvoiceOverview;
  /** Their own contracts (the workspace one first), at most {@link HOME_CONTRACTS_LIMIT}; whole count in `contractCount`. */
  contracts: Contract[];
  contractCount: number;
  /** Their own checklists not finished yet, tickable here. */
  onboarding: OnboardingView[];
  /**
   * Everyone still onboarding on the projects they manage (every project for an admin); null when
   * they manage none. At most {@link HOME_LIST_LIMIT} people; `onboardingCount` is whole.
   */
  onboardingProgress: OnboardingProgress[] | null;
  /**
   * Only for admins (everyone) and a project's managers (the members of the projects they manage, and
   * those projects' overdue milestones): contractors never receive anyone else's data. Each list
   * holds at most {@link HOME_LIST_LIMIT} people or milestones; the counts are whole.
   */
  team: null | {
    /** Whose: the whole workspace (an admin), or the members of the projects they manage. */
    scope: 'workspace' | 'managed';
    checkedIn: Array<{
      channelId: string;
      done: string[];
      pending: string[];
      doneCount: number;
      pendingCount: number;
    }>;
    hours: Array<{ userId: string; minutes: number }>;
    /** How many people logged time this week. */
    hoursPeople: number;
    overdue: MilestoneView[];
    overdueCount: number;
  };
  /** A manager who manages no project yet: told how to see their team, instead of the team part. */
  managesNoProject: boolean;
}

/** The most people (or milestones) one list of the team's Home part holds: more than the tab can draw. */
export const HOME_LIST_LIMIT = 500;
/** Kudos and feedback shown on the Home tab: the latest few (the rest is in Slack, where they were sent). */
export const HOME_KUDOS_LIMIT = 20;
export const HOME_FEEDBACK_LIMIT = 10;
/** Contracts listed on the Home tab (one per project at most, and the workspace one). */
export const HOME_CONTRACTS_LIMIT = 20;

export function createHomeService(deps: {
  repos: {
    timeEntries: TimeEntriesPort;
    checkins: CheckinsPort;
    timeOff: TimeOffPort;
    milestones: MilestonesPort;
    home: HomePort;
    kudos: KudosPort;
    feedback: FeedbackPort;
    contracts: Pick<ContractsPort, 'forPerson'>;
  };
  members: MemberService;
  clock: Clock;
  milestoneViews: (ms: readonly MilestoneWithProject[]) => Promise<MilestoneView[]>;
  projectPeople: Pick<ProjectPeoplePort, 'projectsOf' | 'peopleManagedBy'>;
  onboarding: Pick<OnboardingService, 'openViews' | 'progressFor'>;
  invoices: Pick<InvoiceService, 'overviewWithTotals'>;
}) {
  const { repos, members, clock } = deps;

  async function myCheckins(
    teamId: string,
    userId: string,
    memberTz: string,
    now: Date,
    today: string,
  ): Promise<HomeModel['checkins']> {
    const [mine, responses] = await Promise.all([
      repos.checkins.forMember(teamId, userId),
      repos.home.memberResponses(teamId, userId, addDays(today, -1), addDays(today, 1)),
    ]);
    return Promise.all(
      mine.map(async (s) => {
        const day = localToday(now, checkinZone(s, memberTz));
        const response = responses.find((r) => r.checkinId === s.id && r.localDate === day);
        let state: CheckinState = 'waiting';
        if (response?.status === 'submitted') state = 'answered';
        else if (!s.days.includes(isoWeekday(day))) state = 'not_today';
        else if (await repos.timeOff.coversDate(teamId, userId, day)) state = 'off';
        else if (response) state = 'in_progress';
        return { channelId: s.channelId, timeOfDay: s.timeOfDay, state };
      }),
    );
  }

  /** The team part of a manager's Home: its three lists read side by side. */
  async function teamPart(
    teamId: string,
    now: Date,
    today: string,
    week: HomeModel['week'],
    /** null: the whole workspace (an admin); else the members and projects this person manages. */
    managerId: string | null,
  ): Promise<NonNullable<HomeModel['team']>> {
    const [checkedIn, hours, overdue] = await Promise.all([
      // Each participant's today depends on their zone: one date per zone, then counted in SQL.
      repos.home.participantZones(teamId).then(async (zones) => {
        const todayIn = zones.map((zone) => ({
          zone,
          date: localToday(now, checkinZone({ fixedTz: null }, zone)),
        }));
        const rows = await repos.home.checkedIn(teamId, todayIn, HOME_LIST_LIMIT, managerId);
        return rows.map(({ checkinId: _, ...c }) => c);
      }),
      repos.home.topHours(teamId, week.from, week.to, HOME_LIST_LIMIT, managerId),
      repos.home
        .overdue(teamId, today, HOME_LIST_LIMIT, managerId)
        .then(async (o) => ({ rows: await deps.milestoneViews(o.rows), total: o.total })),
    ]);
    return {
      scope: managerId === null ? 'workspace' : 'managed',
      checkedIn,
      hours: hours.rows,
      hoursPeople: hours.people,
      overdue: overdue.rows,
      overdueCount: overdue.total,
    };
  }

  return {
    /** What one person's Home tab shows; the team part only when they may see it. */
    async forUser(teamId: string, userId: string): Promise<HomeModel> {
      const { actor, scope } = await viewerOf({ members, projectPeople: deps.projectPeople }, teamId, userId);
      // The team part: everyone for an admin, the members of their projects for a project's manager.
      const seesTeam = managesAnyone(scope);
      const now = clock.now();
      const today = localToday(now, safeZone(actor.member.tz));
      const week = { from: weekStartMonday(today), to: addDays(weekStartMonday(today), 6) };
      // The parts read nothing of each other: their queries go out side by side.
      const monthStart = scheduledInstant(`${today.slice(0, 8)}01`, '00:00', safeZone(actor.member.tz));
      const [
        summary,
        checkins,
        milestones,
        team,
        projects,
        onboarding,
        kudos,
        feedback,
        allFeedback,
        invoices,
        contracts,
      ] = await Promise.all([
        repos.timeEntries
          .listForMember(teamId, userId, week.from, week.to)
          .then((entries) => summarizeTimesheet(entries, week)),
        myCheckins(teamId, userId, actor.member.tz, now, today),
        // Hours and budget on their own milestones only where they manage the project.
        repos.milestones.forOwner(teamId, userId).then(async (ms) => {
          const views = await deps.milestoneViews(ms);
          return figuresFor(scope, views, (v) => ms.find((m) => m.id === v.id)?.projectId ?? -1);
        }),
        seesTeam ? teamPart(teamId, now, today, week, scope.all ? null : userId) : null,
        deps.projectPeople.projectsOf(teamId, userId),
        deps.onboarding.openViews(teamId, userId),
        repos.kudos.received(teamId, userId, monthStart, HOME_KUDOS_LIMIT),
        repos.feedback.history(teamId, userId, HOME_FEEDBACK_LIMIT),
        // Feedback is private to the two people in it, and to admins.
        actor.role === 'admin' ? repos.feedback.recent(teamId, HOME_FEEDBACK_LIMIT) : null,
        deps.invoices.overviewWithTotals(teamId, userId),
        repos.contracts.forPerson(teamId, userId),
      ]);
      // Progress for whoever manages a project (a contractor named its manager too), never for others.
      const managesAny = actor.role === 'admin' || projects.some((p) => p.manager);
      const onboardingProgress = managesAny
        ? await deps.onboarding.progressFor(teamId, userId, HOME_LIST_LIMIT)
        : null;
      return {
        userId,
        today,
        week,
        byDay: summary.byDay,
        totalMinutes: summary.totalMinutes,
        checkins,
        milestones,
        kudos,
        feedback,
        allFeedback,
        projects,
        invoices,
        contracts: contracts.slice(0, HOME_CONTRACTS_LIMIT),
        contractCount: contracts.length,
        onboarding,
        onboardingProgress,
        team,
        managesNoProject: !seesTeam && canManageCheckins(actor),
      };
    },
  };
}

export type HomeService = ReturnType<typeof createHomeService>;
