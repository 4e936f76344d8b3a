import type { DeliveryKey, DeliveryRow } from '../db/repositories/deliveries.repository.js';
import { deliveryKeyString } from '../db/repositories/deliveries.repository.js';
import type { Repositories } from '../db/repositories/index.js';
import type { ScheduledParticipant, StandupRow } from '../db/repositories/standups.repository.js';
import { addDays, localToday } from '../domain/local-date.js';
import { askedQuestions, candidateDates, promptDue, reminderDue } from '../domain/standup.js';
import type { Logger } from '../logger.js';
import { checkinZone } from './checkins.service.js';
import { recordFailure } from './delivery-outcome.js';
import type { CheckinMessenger, Clock } from './ports.js';

export const PROMPT = 'standup_prompt';
export const REMINDER = 'standup_reminder';
/** The note on a prompt skipped for time off (digests and silent-contractor streaks read it). */
export const TIME_OFF = 'time off';
const KINDS = [PROMPT, REMINDER] as const;

/** How long a claimer holds a pending row before another process may retry it. */
const LEASE_MS = 2 * 60_000;

export interface TickOutcome {
  kind: typeof PROMPT | typeof REMINDER;
  teamId: string;
  userId: string;
  standupId: number;
  channelId: string;
  localDate: string;
  result: 'sent' | 'missed' | 'skipped' | 'retry' | 'failed';
  detail?: string;
}

export function createCheckinScheduler(deps: {
  repos: Repositories;
  messenger: CheckinMessenger;
  clock: Clock;
  logger: Logger;
}) {
  const { repos, messenger, logger } = deps;

  async function send(
    delivery: DeliveryRow,
    standup: StandupRow,
    now: Date,
    outcomes: TickOutcome[],
  ): Promise<void> {
    const kind = delivery.kind as typeof PROMPT | typeof REMINDER;
    const base = {
      kind,
      teamId: delivery.teamId,
      userId: delivery.memberId,
      standupId: standup.id,
      channelId: standup.channelId,
      localDate: delivery.localDate,
    };
    const response = await repos.standupResponses.ensure({
      teamId: delivery.teamId,
      standupId: standup.id,
      userId: delivery.memberId,
      localDate: delivery.localDate,
      questions: askedQuestions(standup.questions),
    });
    if (response.status === 'submitted') {
      await repos.deliveries.markFinal(delivery.id, 'skipped', 'already answered');
      outcomes.push({ ...base, result: 'skipped', detail: 'already answered' });
      return;
    }
    try {
      // A retry may follow a send whose answer we never recorded (killed process, lost
      // connection): look for the delivery id in the DM before sending again.
      if (delivery.attempts > 1) {
        const found = await messenger.findDelivery({
          userId: delivery.memberId,
          deliveryId: delivery.id,
          since: new Date(delivery.createdAt.getTime() - 60_000),
        });
        if (found) {
          await repos.deliveries.markSent(delivery.id, {
            channelId: found.channelId,
            messageTs: found.ts,
            sentAt: now,
          });
          outcomes.push({ ...base, result: 'sent', detail: 'found already delivered' });
          return;
        }
      }
      const index = Math.min(response.answers.length, response.questions.length - 1);
      const sent = await messenger.sendPrompt({
        userId: delivery.memberId,
        channelId: standup.channelId,
        question: response.questions[index] ?? '',
        index,
        total: response.questions.length,
        responseId: response.id,
        deliveryId: delivery.id,
        reminder: kind === REMINDER,
      });
      await repos.deliveries.markSent(delivery.id, {
        channelId: sent.channelId,
        messageTs: sent.ts,
        sentAt: now,
      });
      if (kind === PROMPT && !response.dmChannelId) {
        await repos.standupResponses.update(response.id, { dmChannelId: sent.channelId });
      }
      outcomes.push({ ...base, result: 'sent' });
    } catch (error) {
      const deadline = new Date(delivery.scheduledAt.getTime() + standup.catchUpMinutes * 60_000);
      outcomes.push({
        ...base,
        ...(await recordFailure({ deliveries: repos.deliveries, logger }, delivery, error, now, deadline)),
      });
    }
  }

  return {
    /**
     * One scheduler pass as if the clock read `now`: claims every prompt and reminder due, sends
     * what it won, retries what failed before, and records what is too late as missed.
     */
    async runTick(now: Date = deps.clock.now()): Promise<TickOutcome[]> {
      const outcomes: TickOutcome[] = [];
      const participants = await repos.standups.scheduled();
      if (participants.length === 0) {
        return outcomes;
      }
      const utcToday = localToday(now, 'UTC');
      const dates = [addDays(utcToday, -2), addDays(utcToday, -1), utcToday, addDays(utcToday, 1)];
      const [taken, timeOff, open] = await Promise.all([
        repos.deliveries.keysOn(KINDS, dates),
        repos.timeOff.overlappingAllTeams(dates[0] as string, dates[3] as string),
        repos.standupResponses.inProgressSinceAllTeams(dates[0] as string),
      ]);
      const leaseUntil = new Date(now.getTime() + LEASE_MS);
      const standupsById = new Map<number, StandupRow>();
      const zoneOf = new Map<string, string>();

      const claim = async (
        key: DeliveryKey,
        scheduledAt: Date,
        status: 'pending' | 'missed' | 'skipped',
        note?: string,
      ) => {
        if (taken.has(deliveryKeyString(key))) return null;
        taken.add(deliveryKeyString(key));
        return repos.deliveries.claim(key, {
          scheduledAt,
          status,
          leaseUntil: status === 'pending' ? leaseUntil : null,
          ...(note ? { note } : {}),
        });
      };

      for (const p of participants as ScheduledParticipant[]) {
        standupsById.set(p.standup.id, p.standup);
        const zone = checkinZone(p.standup, p.tz);
        zoneOf.set(`${p.standup.id}|${p.userId}`, zone);
        const ranges = timeOff
          .filter((t) => t.teamId === p.standup.teamId && t.userId === p.userId)
          .map((t) => ({ from: t.fromDate, to: t.toDate }));
        const notBefore = new Date(Math.max(p.joinedAt.getTime(), p.standup.createdAt.getTime()));
        for (const localDate of candidateDates(now, zone)) {
          const due = promptDue({
            now,
            localDate,
            timeOfDay: p.standup.timeOfDay,
            zone,
            days: p.standup.days,
            catchUpMinutes: p.standup.catchUpMinutes,
            timeOff: [],
            notBefore,
          });
          if (due.state !== 'due' && due.state !== 'missed') continue;
          const key = {
            teamId: p.standup.teamId,
            kind: PROMPT,
            subjectId: String(p.standup.id),
            memberId: p.userId,
            localDate,
          };
          const off = ranges.some((r) => r.from <= localDate && localDate <= r.to);
          const base = {
            kind: PROMPT,
            teamId: key.teamId,
            userId: p.userId,
            standupId: p.standup.id,
            channelId: p.standup.channelId,
            localDate,
          } as const;
          if (off || due.state === 'missed') {
            const status = off ? 'skipped' : 'missed';
            if (await claim(key, due.scheduledAt, status, off ? TIME_OFF : undefined))
              outcomes.push({ ...base, result: status, ...(off ? { detail: 'time off' } : {}) });
            continue;
          }
          const won = await claim(key, due.scheduledAt, 'pending');
          if (won) await send(won, p.standup, now, outcomes);
        }
      }

      // Reminders: one, counted from when the prompt was actually sent, only on the same local day.
      const sentPrompts = await repos.deliveries.sentPromptsSince(
        PROMPT,
        new Date(now.getTime() - 26 * 3600_000),
      );
      const unanswered = new Set(open.map((r) => `${r.teamId}|${r.standupId}|${r.userId}|${r.localDate}`));
      for (const prompt of sentPrompts) {
        const standup = standupsById.get(Number(prompt.subjectId));
        const zone = zoneOf.get(`${prompt.subjectId}|${prompt.memberId}`);
        if (!standup || !zone || !prompt.sentAt) continue;
        if (!unanswered.has(`${prompt.teamId}|${prompt.subjectId}|${prompt.memberId}|${prompt.localDate}`))
          continue;
        const due = reminderDue({
          now,
          sentAt: prompt.sentAt,
          localDate: prompt.localDate,
          zone,
          reminderMinutes: standup.reminderMinutes,
          catchUpMinutes: standup.catchUpMinutes,
        });
        if (due.state !== 'due') continue;
        const key = {
          teamId: prompt.teamId,
          kind: REMINDER,
          subjectId: prompt.subjectId,
          memberId: prompt.memberId,
          localDate: prompt.localDate,
        };
        const won = await claim(key, due.scheduledAt, 'pending');
        if (won) await send(won, standup, now, outcomes);
      }

      // Earlier failures whose retry time has come (and claims whose sender died).
      for (const retry of await repos.deliveries.leaseRetries(KINDS, now, leaseUntil)) {
        const standup =
          standupsById.get(Number(retry.subjectId)) ??
          (await repos.standups.find(retry.teamId, Number(retry.subjectId)));
        if (!standup || standup.archivedAt) {
          await repos.deliveries.markFinal(retry.id, 'skipped', 'check-in deleted');
          continue;
        }
        await send(retry, standup, now, outcomes);
      }
      return outcomes;
    },
  };
}

export type CheckinScheduler = ReturnType<typeof createCheckinScheduler>;
