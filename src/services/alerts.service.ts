import {
  type DeliveryKey,
  type DeliveryRow,
  deliveryKeyString,
} from '../db/repositories/deliveries.repository.js';
import type { Repositories } from '../db/repositories/index.js';
import type { MilestoneWithProject } from '../db/repositories/milestones.repository.js';
import { addDays, daysBetween, localToday, safeZone } from '../domain/local-date.js';
import { crossedThresholds, overdueAlertDates } from '../domain/projects.js';
import { scheduledInstant } from '../domain/standup.js';
import type { Logger } from '../logger.js';
import { TIME_OFF } from './checkin-scheduler.service.js';
import { attemptDelivery } from './delivery-outcome.js';
import type { ChannelMessenger, Clock, MilestoneView, SentMessage } from './ports.js';

export const OVERDUE = 'milestone_overdue';
export const BUDGET = 'budget_alert';
export const SILENT = 'silent_contractor';
const ALERT_KINDS = ['milestone_overdue', 'budget_alert', 'silent_contractor'] as const;
/** Alerts that are not about one member carry this in the member column of their claim key. */
const NOBODY = '-';
/** Budget alerts happen once per threshold, not per day: their claim key's date is fixed. */
const ONCE = '2000-01-01';
const ALERT_HOUR = '09:00';
const LEASE_MS = 2 * 60_000;
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
  repos: Repositories;
  channels: ChannelMessenger;
  clock: Clock;
  logger: Logger;
  defaultTz: string;
  milestoneView: (m: MilestoneWithProject) => Promise<MilestoneView>;
}) {
  const { repos, channels, logger } = deps;
  const zone = safeZone(deps.defaultTz);
  type Sender = { channelId: string; send: () => Promise<SentMessage> };
  /** One pass's memory: how to resend each alert, and the claim keys already taken. */
  type TickState = { senders: Map<string, Sender>; taken: Set<string> };

  /** Claims one alert and sends it; a claim lost to another process (or an earlier tick) sends nothing. */
  async function claimAndSend(
    key: DeliveryKey,
    scheduledAt: Date,
    now: Date,
    channelId: string,
    outcomes: AlertOutcome[],
    send: () => Promise<SentMessage>,
    state: TickState,
  ): Promise<void> {
    // Remembered so a pending retry of this alert (from an earlier tick) is rebuilt from today's data.
    state.senders.set(deliveryKeyString(key), { channelId, send });
    // Most alerts that still apply were claimed on an earlier tick: skip them without a write.
    if (state.taken.has(deliveryKeyString(key))) return;
    const late = now.getTime() - scheduledAt.getTime() > CATCH_UP_MS;
    const claimed = await repos.deliveries.claim(key, {
      scheduledAt,
      status: late ? 'missed' : 'pending',
      leaseUntil: late ? null : new Date(now.getTime() + LEASE_MS),
    });
    if (!claimed) return;
    const base = { kind: key.kind, teamId: key.teamId, channelId, subject: key.subjectId };
    if (late) {
      outcomes.push({ ...base, result: 'missed' });
      return;
    }
    await attempt(claimed, now, channelId, outcomes, send);
  }

  async function attempt(
    delivery: DeliveryRow,
    now: Date,
    channelId: string,
    outcomes: AlertOutcome[],
    send: () => Promise<SentMessage>,
  ) {
    const base = { kind: delivery.kind, teamId: delivery.teamId, channelId, subject: delivery.subjectId };
    const deadline = new Date(delivery.scheduledAt.getTime() + CATCH_UP_MS);
    outcomes.push({
      ...base,
      ...(await attemptDelivery({ deliveries: repos.deliveries, logger }, delivery, now, deadline, send)),
    });
  }

  async function overdue(now: Date, outcomes: AlertOutcome[], state: TickState) {
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
      await claimAndSend(key, scheduledAt, now, channelId, outcomes, send, state);
    }
  }

  async function budgets(now: Date, outcomes: AlertOutcome[], state: TickState) {
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
        await claimAndSend(
          key,
          now,
          now,
          channelId,
          outcomes,
          () =>
            channels.budget({
              channelId,
              projectKey: p.key,
              threshold,
              usedMinutes: p.usedMinutes,
              budgetMinutes,
            }),
          state,
        );
      }
    }
  }

  /**
   * A participant who missed their last 3 check-ins in a row (days off don't count either way)
   * and logged no time on those days: one alert per streak, keyed by the streak's first day.
   */
  async function silent(now: Date, outcomes: AlertOutcome[], state: TickState) {
    const since = addDays(localToday(now, 'UTC'), -21);
    const [prompts, submitted, logged, participants] = await Promise.all([
      repos.deliveries.promptsSinceAllTeams(since),
      repos.standupResponses.submittedSinceAllTeams(since),
      repos.timeEntries.loggedDaysSinceAllTeams(since),
      repos.standups.scheduled(),
    ]);
    const answered = new Set(submitted.map((r) => `${r.teamId}|${r.standupId}|${r.userId}|${r.localDate}`));
    const worked = new Set(logged.map((e) => `${e.teamId}|${e.userId}|${e.workDate}`));
    for (const p of participants) {
      const tz = safeZone(p.standup.fixedTz ?? p.tz);
      const today = localToday(now, tz);
      // Finished check-in days only (before the member's today), newest first.
      const days = prompts
        .filter(
          (d) =>
            d.teamId === p.standup.teamId && d.subjectId === String(p.standup.id) && d.memberId === p.userId,
        )
        .filter((d) => d.localDate < today && d.status !== 'pending' && d.status !== 'failed')
        .sort((a, b) => b.localDate.localeCompare(a.localDate));
      const streak: string[] = [];
      for (const d of days) {
        // A day off (skipped without an answer) neither breaks nor extends a streak.
        if (d.status === 'skipped' && d.lastError === TIME_OFF) continue;
        const key = `${p.standup.teamId}|${p.standup.id}|${p.userId}|${d.localDate}`;
        if (answered.has(key) || worked.has(`${p.standup.teamId}|${p.userId}|${d.localDate}`)) break;
        streak.push(d.localDate);
      }
      if (streak.length < SILENT_STREAK) continue;
      const start = streak[streak.length - 1] as string;
      const key = {
        teamId: p.standup.teamId,
        kind: SILENT,
        subjectId: String(p.standup.id),
        memberId: p.userId,
        localDate: start,
      };
      await claimAndSend(
        key,
        now,
        now,
        p.standup.channelId,
        outcomes,
        () =>
          channels.silent({
            channelId: p.standup.channelId,
            userId: p.userId,
            missed: streak.length,
            since: start,
          }),
        state,
      );
    }
  }

  return {
    async runTick(now: Date = deps.clock.now()): Promise<AlertOutcome[]> {
      const outcomes: AlertOutcome[] = [];
      // Overdue alerts span 10 days after a due date and silent streaks start up to 3 weeks back.
      const taken = await repos.deliveries.keysSince(ALERT_KINDS, addDays(localToday(now, 'UTC'), -30), [
        ONCE,
      ]);
      const state: TickState = { senders: new Map(), taken };
      await overdue(now, outcomes, state);
      await budgets(now, outcomes, state);
      await silent(now, outcomes, state);
      // Earlier failures whose retry time has come, sent with today's data; an alert whose cause
      // went away meanwhile (milestone done, project archived) is closed instead.
      for (const retry of await repos.deliveries.leaseRetries(
        [OVERDUE, BUDGET, SILENT],
        now,
        new Date(now.getTime() + LEASE_MS),
      )) {
        const sender = state.senders.get(deliveryKeyString(retry));
        if (!sender) {
          await repos.deliveries.markFinal(retry.id, 'skipped', 'no longer applies');
          continue;
        }
        await attempt(retry, now, sender.channelId, outcomes, sender.send);
      }
      return outcomes;
    },
  };
}

export type AlertsService = ReturnType<typeof createAlertsService>;
