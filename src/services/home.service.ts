import { checkinZone } from '../domain/checkin-schedule.js';
import { addDays, localToday, safeZone, weekStartMonday } from '../domain/local-date.js';
import type { MilestoneWithProject } from '../domain/projects.js';
import { canManageCheckins } from '../domain/roles.js';
import { summarizeTimesheet } from '../domain/timesheet.js';
import { isoWeekday } from '../domain/weekdays.js';
import type { MemberService } from './members.service.js';
import type {
  CheckinResponsesPort,
  CheckinsPort,
  Clock,
  MembersPort,
  MilestonesPort,
  MilestoneView,
  TimeEntriesPort,
  TimeOffPort,
} from './ports.js';

export type CheckinState = 'answered' | 'in_progress' | 'waiting' | 'off' | 'not_today';

export interface HomeModel {
  userId: string;
  today: string;
  week: { from: string; to: string };
  byDay: Array<{ date: string; minutes: number }>;
  totalMinutes: number;
  checkins: Array<{ channelId: string; timeOfDay: string; state: CheckinState }>;
  milestones: MilestoneView[];
  /** Only for managers and admins: contractors never receive anyone else's data. */
  team: null | {
    checkedIn: Array<{ channelId: string; done: string[]; pending: string[] }>;
    hours: Array<{ userId: string; minutes: number }>;
    overdue: MilestoneView[];
  };
}

export function createHomeService(deps: {
  repos: {
    timeEntries: TimeEntriesPort;
    checkins: CheckinsPort;
    checkinResponses: CheckinResponsesPort;
    timeOff: TimeOffPort;
    milestones: MilestonesPort;
    members: MembersPort;
  };
  members: MemberService;
  clock: Clock;
  milestoneView: (m: MilestoneWithProject) => Promise<MilestoneView>;
}) {
  const { repos, members, clock } = deps;
  return {
    /** What one person's Home tab shows; the team part only when they may see it. */
    async forUser(teamId: string, userId: string): Promise<HomeModel> {
      const actor = await members.actor(teamId, userId);
      const now = clock.now();
      const today = localToday(now, safeZone(actor.member.tz));
      const week = { from: weekStartMonday(today), to: addDays(weekStartMonday(today), 6) };
      const entries = await repos.timeEntries.listForMember(teamId, userId, week.from, week.to);
      const summary = summarizeTimesheet(entries, week);

      const mine = await repos.checkins.forMember(teamId, userId);
      const responses = await repos.checkinResponses.forTeamBetween(
        teamId,
        addDays(today, -1),
        addDays(today, 1),
      );
      const checkins = [];
      for (const s of mine) {
        const day = localToday(now, checkinZone(s, actor.member.tz));
        const response = responses.find(
          (r) => r.checkinId === s.id && r.userId === userId && r.localDate === day,
        );
        let state: CheckinState = 'waiting';
        if (response?.status === 'submitted') state = 'answered';
        else if (!s.days.includes(isoWeekday(day))) state = 'not_today';
        else if (await repos.timeOff.coversDate(teamId, userId, day)) state = 'off';
        else if (response) state = 'in_progress';
        checkins.push({ channelId: s.channelId, timeOfDay: s.timeOfDay, state });
      }
      const milestones = await Promise.all(
        (await repos.milestones.forOwner(teamId, userId)).map(deps.milestoneView),
      );

      let team: HomeModel['team'] = null;
      if (canManageCheckins(actor)) {
        const teamCheckins = await repos.checkins.list(teamId);
        // Participants always have member rows (they are created on joining): one read for all zones.
        const participantIds = [...new Set(teamCheckins.flatMap((s) => s.participants))];
        const tzOf = new Map(
          (await repos.members.findMany(teamId, participantIds)).map((m) => [m.userId, m.tz]),
        );
        const checkedIn = teamCheckins.map((s) => {
          const done: string[] = [];
          const pending: string[] = [];
          for (const id of s.participants) {
            const day = localToday(now, checkinZone(s, tzOf.get(id) ?? 'UTC'));
            const submitted = responses.some(
              (r) =>
                r.checkinId === s.id && r.userId === id && r.localDate === day && r.status === 'submitted',
            );
            (submitted ? done : pending).push(id);
          }
          return { channelId: s.channelId, done, pending };
        });
        const hours = (await repos.timeEntries.minutesByMember(teamId, week.from, week.to)).sort(
          (a, b) => b.minutes - a.minutes || a.userId.localeCompare(b.userId),
        );
        const overdueRows = (await repos.milestones.list(teamId)).filter(
          (m) => m.status !== 'done' && m.dueDate < today,
        );
        team = { checkedIn, hours, overdue: await Promise.all(overdueRows.map(deps.milestoneView)) };
      }
      return {
        userId,
        today,
        week,
        byDay: summary.byDay,
        totalMinutes: summary.totalMinutes,
        checkins,
        milestones,
        team,
      };
    },
  };
}

export type HomeService = ReturnType<typeof createHomeService>;
