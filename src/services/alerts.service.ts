import { type DeliveryKey, DeliveryKind, deliveryKeyString, NOBODY, TIME_OFF } from '../domain/delivery.js';
import { addDays, daysBetween, localToday, safeZone } from '../domain/local-date.js';
import { crossedThresholds, type MilestoneWithProject, overdueAlertDates } from '../domain/projects.js';
import { scheduledInstant } from '../domain/time-of-day.js';
import type { Due, Outbox } from './outbox/outbox.js';
import type {
  ChannelMessenger,
  CheckinResponsesPort,
  CheckinsPort,
  Clock,
  DeliveryHistoryPort,
  MilestonesPort,
  MilestoneView,
  ProjectsPort,
  SentMessage,
  TimeEntriesPort,
} from './ports.js';

export const OVERDUE = DeliveryKind.milestoneOverdue;
export const BUDGET = DeliveryKind.budgetAlert;
export const SILENT = DeliveryKind.silentContractor;
const ALERT_KINDS = [OVERDUE, BUDGET, SILENT] as const;
/** Budget alerts happen once per threshold, not per day: their claim key's date is fixed. */
const ONCE = '2000-01-01';
const ALERT_HOUR = '09:00';
const CATCH_UP_MS = 24 * 3600_000;
export const SILENT_STREAK = 3;

export interface AlertOutcome {
  kind: string;
  teamId: string;
  channelId: string;
  subject: string;
  result: 'sent' | 'missed' | 'retry' | 'failed' | 'skipped';
  detail?: string;
}

export function createAlertsService(deps: {
  repos: {
    milestones: MilestonesPort;
    projects: ProjectsPort;
    deliveries: DeliveryHistoryPort;
    checkinResponses: CheckinResponsesPort;
    timeEntries: TimeEntriesPort;
    checkins: CheckinsPort;
  };
  channels: ChannelMessenger;
  clock: Clock;
  outbox: Outbox;
  defaultTz: string;
  milestoneView: (m: MilestoneWithProject) => Promise<MilestoneView>;
}) {
  const { repos, channels, outbox } = deps;
  const zone = safeZone(deps.defaultTz);
  /** One pass's alerts: what is due, and how to send each (also what a pending retry of it sends). */
  type TickState = {
    dues: Array<Due & { channelId: string }>;
    senders: Map<string, Due & { channelId: string }>;
  };

  /** Declares one alert due; the outbox claims it once and sends it, or records it missed when late. */
  function due(
    state: TickState,
    key: DeliveryKey,
    scheduledAt: Date,
    channelId: string,
    send: () => Promise<SentMessage>,
  ): void {
    const alert = {
      key,
      scheduledAt,
      channelId,
      deadline: new Date(scheduledAt.getTime() + CATCH_UP_MS),
      send,
    };
    state.dues.push(alert);
    // Remembered so a pending retry of this alert (from an earlier tick) is rebuilt from today's data.
    state.senders.set(deliveryKeyString(key), alert);
  }

  async function overdue(now: Date, state: TickState) {
    const today = localToday(now, zone);
    for (const m of await repos.milestones.overdueAllTeams(today)) {
      if (!m.projectChannelId) continue;
      const channelId = m.projectChannelId;
      // The latest alert day that has come: the first the morning after the due date, then every 3 days.
      const dates = overdueAlertDates(m.dueDate).filter((d) => daysBetween(d, today) >= 0);
      const index = dates.length - 1;
      const date = dates[index];
      if (date === undefined) continue;
      const scheduledAt = scheduledInstant(date, ALERT_HOUR, zone);
      if (scheduledAt > now) continue;
      const send = async () =>
        channels.overdue({
          channelId,
          milestone: await deps.milestoneView(m),
          daysOverdue: daysBetween(m.dueDate, today),
          reminder: index,
        });
      const key = {
        teamId: m.teamId,
        kind: OVERDUE,
        subjectId: String(m.id),
        memberId: NOBODY,
        localDate: date,
      };
      due(state, key, scheduledAt, channelId, send);
    }
  }

  async function budgets(now: Date, state: TickState) {
    for (const p of await repos.projects.budgetUseAllTeams()) {
      if (!p.channelId || !p.budgetMinutes) continue;
      const channelId = p.channelId;
      const budgetMinutes = p.budgetMinutes;
      for (const threshold of crossedThresholds(p.usedMinutes, budgetMinutes)) {
        // The budget is part of the key: raising a budget re-arms its alerts.
        const key = {
          teamId: p.teamId,
          kind: BUDGET,
          subjectId: `${p.id}:${budgetMinutes}:${threshold}`,
          memberId: NOBODY,
          localDate: ONCE,
        };
        due(state, key, now, channelId, () =>
          channels.budget({
            channelId,
            projectKey: p.key,
            threshold,
            usedMinutes: p.usedMinutes,
            budgetMinutes,
          }),
        );
      }
    }
  }

  /**
   * A participant who missed their last 3 check-ins in a row (days off don't count either way)
   * and logged no time on those days: one alert per streak, keyed by the streak's first day.
   */
  async function silent(now: Date, state: TickState) {
    const since = addDays(localToday(now, 'UTC'), -21);
    const [prompts, submitted, logged, participants] = await Promise.all([
      repos.deliveries.promptsSinceAllTeams(since),
      repos.checkinResponses.submittedSinceAllTeams(since),
      repos.timeEntries.loggedDaysSinceAllTeams(since),
      repos.checkins.scheduledAllTeams(),
    ]);
    const answered = new Set(submitted.map((r) => `${r.teamId}|${r.checkinId}|${r.userId}|${r.localDate}`));
    const worked = new Set(logged.map((e) => `${e.teamId}|${e.userId}|${e.workDate}`));
    for (const p of participants) {
      const tz = safeZone(p.checkin.fixedTz ?? p.tz);
      const today = localToday(now, tz);
      // Finished check-in days only (before the member's today), newest first.
      const days = prompts
        .filter(
          (d) =>
            d.teamId === p.checkin.teamId && d.subjectId === String(p.checkin.id) && d.memberId === p.userId,
        )
        .filter((d) => d.localDate < today && d.status !== 'pending' && d.status !== 'failed')
        .sort((a, b) => b.localDate.localeCompare(a.localDate));
      const streak: string[] = [];
      for (const d of days) {
        // A day off (skipped without an answer) neither breaks nor extends a streak.
        if (d.status === 'skipped' && d.lastError === TIME_OFF) continue;
        const key = `${p.checkin.teamId}|${p.checkin.id}|${p.userId}|${d.localDate}`;
        if (answered.has(key) || worked.has(`${p.checkin.teamId}|${p.userId}|${d.localDate}`)) break;
        streak.push(d.localDate);
      }
      if (streak.length < SILENT_STREAK) continue;
      const start = streak[streak.length - 1] as string;
      const key = {
        teamId: p.checkin.teamId,
        kind: SILENT,
        subjectId: String(p.checkin.id),
        memberId: p.userId,
        localDate: start,
      };
      due(state, key, now, p.checkin.channelId, () =>
        channels.silent({
          channelId: p.checkin.channelId,
          userId: p.userId,
          missed: streak.length,
          since: start,
        }),
      );
    }
  }

  return {
    async runTick(now: Date = deps.clock.now()): Promise<AlertOutcome[]> {
      const state: TickState = { dues: [], senders: new Map() };
      await overdue(now, state);
      await budgets(now, state);
      await silent(now, state);
      const outcomes: AlertOutcome[] = [];
      const report = (
        key: DeliveryKey,
        channelId: string,
        delivered: Omit<AlertOutcome, 'kind' | 'teamId' | 'channelId' | 'subject'>,
      ) =>
        outcomes.push({
          kind: key.kind,
          teamId: key.teamId,
          channelId,
          subject: key.subjectId,
          ...delivered,
        });
      for (const { due: alert, outcome } of await outbox.deliver(state.dues, now)) {
        report(alert.key, alert.channelId, outcome);
      }
      // Earlier failures whose retry time has come, sent with today's data; an alert whose cause
      // went away meanwhile (milestone done, project archived) is closed instead.
      const retried = await outbox.retry(ALERT_KINDS, now, async (delivery) => {
        const alert = state.senders.get(deliveryKeyString(delivery));
        if (!alert) return { skip: 'no longer applies' };
        // Retried until a day after it was first due, not a day after today's recomputation.
        return { ...alert, deadline: new Date(delivery.scheduledAt.getTime() + CATCH_UP_MS) };
      });
      for (const { delivery, outcome } of retried) {
        report(delivery, state.senders.get(deliveryKeyString(delivery))?.channelId ?? '', outcome);
      }
      return outcomes;
    },
  };
}

export type AlertsService = ReturnType<typeof createAlertsService>;
