import { type DeliveryKey, DeliveryKind, deliveryKeyString, NOBODY } from '../domain/delivery.js';
import { addDays, daysBetween, localToday, safeZone } from '../domain/local-date.js';
import {
  BUDGET_THRESHOLDS,
  highestCrossedThreshold,
  type MilestoneWithProject,
  OVERDUE_ALERT_OFFSETS,
  overdueAlertDates,
} from '../domain/projects.js';
import { scheduledInstant } from '../domain/time-of-day.js';
import type { Due, Outbox } from './outbox/outbox.js';
import type {
  ChannelMessenger,
  Clock,
  DeliveryHistoryPort,
  MilestonesPort,
  MilestoneView,
  ProjectsPort,
  SentMessage,
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

/**
 * A silent streak grows only when a check-in day ends, at a participant's local midnight, and every
 * zone's midnight falls on a quarter hour UTC: the streaks are looked for then (and their retries
 * taken up then), not every minute. A tick missed at a midnight costs at most 15 minutes.
 */
export function silentCheckDue(now: Date): boolean {
  return now.getUTCMinutes() % 15 === 0;
}

export interface AlertOutcome {
  kind: string;
  teamId: string;
  /** Where it went: the project's or check-in's channel, or the person DMed (budget alerts). */
  channelId: string;
  subject: string;
  result: 'sent' | 'missed' | 'retry' | 'failed' | 'skipped';
  detail?: string;
}

export function createAlertsService(deps: {
  repos: {
    milestones: Pick<MilestonesPort, 'overdueToAlert'>;
    projects: Pick<ProjectsPort, 'budgetUseToAlert'>;
    deliveries: Pick<DeliveryHistoryPort, 'silentStreaks'>;
  };
  channels: ChannelMessenger;
  clock: Clock;
  outbox: Outbox;
  defaultTz: string;
  /** ADMIN_USER_IDS: admins whatever their role, told of budgets on projects with no named manager. */
  adminUserIds: readonly string[];
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
    // Only milestones whose latest alert day has not been alerted yet (or is waiting for a retry).
    const milestones = await repos.milestones.overdueToAlert({
      today,
      offsets: OVERDUE_ALERT_OFFSETS,
      alertKind: OVERDUE,
    });
    for (const m of milestones) {
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

  /**
   * Budget alerts go by DM, one to each of the project's named managers (to the workspace's admins
   * when it has none), each claimed once: its hours and budget are not for everyone in its channel.
   */
  async function budgets(now: Date, state: TickState) {
    // Only projects with a threshold not alerted yet to someone it tells are summed.
    const projects = await repos.projects.budgetUseToAlert({
      thresholds: BUDGET_THRESHOLDS,
      alertKind: BUDGET,
      adminUserIds: deps.adminUserIds,
    });
    for (const p of projects) {
      if (!p.budgetMinutes) continue;
      const budgetMinutes = p.budgetMinutes;
      // One alert, for the highest threshold reached: a project that passed 80% and 100% between two
      // ticks gets the 100% alert only. Its key stands for the thresholds below it too (see
      // budgetUseToAlert), so the 80% alert never follows it.
      const threshold = highestCrossedThreshold(p.usedMinutes, budgetMinutes);
      if (threshold === null) continue;
      for (const userId of p.recipients) {
        // The budget is part of the key: raising a budget re-arms its alerts.
        const key = {
          teamId: p.teamId,
          kind: BUDGET,
          subjectId: `${p.id}:${budgetMinutes}:${threshold}`,
          memberId: userId,
          localDate: ONCE,
        };
        due(state, key, now, userId, () =>
          channels.budget({
            userId,
            asAdmin: p.toAdmins,
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
   * and logged no time on those days: one alert per streak, keyed by the streak's first day. The
   * database finds the streaks not yet alerted; only those are built here.
   */
  async function silent(now: Date, state: TickState) {
    const streaks = await repos.deliveries.silentStreaks({
      sinceDate: addDays(localToday(now, 'UTC'), -21),
      threshold: SILENT_STREAK,
      alertKind: SILENT,
      todayIn: (tz) => localToday(now, safeZone(tz)),
    });
    for (const s of streaks) {
      const key = {
        teamId: s.teamId,
        kind: SILENT,
        subjectId: String(s.checkinId),
        memberId: s.userId,
        localDate: s.since,
      };
      due(state, key, now, s.channelId, () =>
        channels.silent({ channelId: s.channelId, userId: s.userId, missed: s.missed, since: s.since }),
      );
    }
  }

  return {
    async runTick(now: Date = deps.clock.now()): Promise<AlertOutcome[]> {
      const state: TickState = { dues: [], senders: new Map() };
      await overdue(now, state);
      await budgets(now, state);
      const withSilent = silentCheckDue(now);
      if (withSilent) await silent(now, state);
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
      const kinds = withSilent ? ALERT_KINDS : ALERT_KINDS.filter((k) => k !== SILENT);
      const retried = await outbox.retry(kinds, now, async (delivery) => {
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
