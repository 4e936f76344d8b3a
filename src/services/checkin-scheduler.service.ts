import type { Repositories } from '../db/repositories/index.js';
import type { ScheduledParticipant, StandupRow } from '../db/repositories/standups.repository.js';
import { type Delivery, DeliveryKind, TIME_OFF } from '../domain/delivery.js';
import { addDays, localToday } from '../domain/local-date.js';
import { askedQuestions, candidateDates, checkinZone, promptDue, reminderDue } from '../domain/standup.js';

import type { Delivered, Due, Outbox, Sender } from './outbox/outbox.js';
import type { CheckinMessenger, Clock } from './ports.js';

export const PROMPT = DeliveryKind.checkinPrompt;
export const REMINDER = DeliveryKind.checkinReminder;
const KINDS = [PROMPT, REMINDER] as const;

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

/**
 * Check-in prompts and reminders: what is due each minute, and how to send it. Claiming, retries and
 * the lookup for a send cut off before it was recorded are the outbox's.
 */
export function createCheckinScheduler(deps: {
  repos: Pick<Repositories, 'standups' | 'standupResponses' | 'timeOff' | 'deliveries'>;
  messenger: CheckinMessenger;
  clock: Clock;
  outbox: Outbox;
}) {
  const { repos, messenger, outbox } = deps;

  /** How to send a prompt or reminder of `standup`: the current question, unless answered meanwhile. */
  function sender(standup: StandupRow, scheduledAt: Date): Sender {
    return {
      deadline: new Date(scheduledAt.getTime() + standup.catchUpMinutes * 60_000),
      findSent: (delivery) =>
        messenger.findDelivery({
          userId: delivery.memberId,
          deliveryId: delivery.id,
          since: new Date(delivery.createdAt.getTime() - 60_000),
        }),
      async send(delivery: Delivery) {
        const response = await repos.standupResponses.ensure({
          teamId: delivery.teamId,
          standupId: standup.id,
          userId: delivery.memberId,
          localDate: delivery.localDate,
          questions: askedQuestions(standup.questions),
        });
        if (response.status === 'submitted') return { skip: 'already answered' };
        const index = Math.min(response.answers.length, response.questions.length - 1);
        const sent = await messenger.sendPrompt({
          userId: delivery.memberId,
          channelId: standup.channelId,
          question: response.questions[index] ?? '',
          index,
          total: response.questions.length,
          responseId: response.id,
          deliveryId: delivery.id,
          reminder: delivery.kind === REMINDER,
        });
        if (delivery.kind === PROMPT && !response.dmChannelId) {
          await repos.standupResponses.update(response.id, { dmChannelId: sent.channelId });
        }
        return sent;
      },
    };
  }

  const outcome = (
    kind: TickOutcome['kind'],
    standup: StandupRow,
    key: { teamId: string; memberId: string; localDate: string },
    delivered: Delivered,
  ): TickOutcome => ({
    kind,
    teamId: key.teamId,
    userId: key.memberId,
    standupId: standup.id,
    channelId: standup.channelId,
    localDate: key.localDate,
    ...delivered,
  });

  return {
    /**
     * One pass as if the clock read `now`: every prompt and reminder due is handed to the outbox,
     * which sends what this process claims, retries what failed before, and records what is too late.
     */
    async runTick(now: Date = deps.clock.now()): Promise<TickOutcome[]> {
      const outcomes: TickOutcome[] = [];
      const participants = await repos.standups.scheduled();
      if (participants.length === 0) {
        return outcomes;
      }
      const utcToday = localToday(now, 'UTC');
      const dates = [addDays(utcToday, -2), addDays(utcToday, -1), utcToday, addDays(utcToday, 1)];
      const [timeOff, open] = await Promise.all([
        repos.timeOff.overlappingAllTeams(dates[0] as string, dates[3] as string),
        repos.standupResponses.inProgressSinceAllTeams(dates[0] as string),
      ]);
      const standupsById = new Map<number, StandupRow>();
      const zoneOf = new Map<string, string>();

      const prompts: Array<Due & { standup: StandupRow }> = [];
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
          const off = ranges.some((r) => r.from <= localDate && localDate <= r.to);
          prompts.push({
            standup: p.standup,
            key: {
              teamId: p.standup.teamId,
              kind: PROMPT,
              subjectId: String(p.standup.id),
              memberId: p.userId,
              localDate,
            },
            scheduledAt: due.scheduledAt,
            ...sender(p.standup, due.scheduledAt),
            ...(off
              ? { close: { status: 'skipped' as const, note: TIME_OFF } }
              : due.state === 'missed'
                ? { close: { status: 'missed' as const } }
                : {}),
          });
        }
      }
      for (const { due, outcome: delivered } of await outbox.deliver(prompts, now)) {
        outcomes.push(outcome(PROMPT, due.standup, due.key, delivered));
      }

      // Reminders: one, counted from when the prompt was actually sent, only on the same local day.
      const sentPrompts = await repos.deliveries.sentPromptsSince(
        PROMPT,
        new Date(now.getTime() - 26 * 3600_000),
      );
      const unanswered = new Set(open.map((r) => `${r.teamId}|${r.standupId}|${r.userId}|${r.localDate}`));
      const reminders: Array<Due & { standup: StandupRow }> = [];
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
        reminders.push({
          standup,
          key: {
            teamId: prompt.teamId,
            kind: REMINDER,
            subjectId: prompt.subjectId,
            memberId: prompt.memberId,
            localDate: prompt.localDate,
          },
          scheduledAt: due.scheduledAt,
          ...sender(standup, due.scheduledAt),
        });
      }
      for (const { due, outcome: delivered } of await outbox.deliver(reminders, now)) {
        outcomes.push(outcome(REMINDER, due.standup, due.key, delivered));
      }

      // Earlier failures whose retry time has come (and claims whose sender died).
      const retriedStandup = new Map<number, StandupRow>();
      const retried = await outbox.retry(KINDS, now, async (delivery) => {
        const standup =
          standupsById.get(Number(delivery.subjectId)) ??
          (await repos.standups.find(delivery.teamId, Number(delivery.subjectId)));
        if (!standup || standup.archivedAt) return { skip: 'check-in deleted' };
        retriedStandup.set(delivery.id, standup);
        return sender(standup, delivery.scheduledAt);
      });
      for (const { delivery, outcome: delivered } of retried) {
        const standup = retriedStandup.get(delivery.id) as StandupRow;
        outcomes.push(outcome(delivery.kind as TickOutcome['kind'], standup, delivery, delivered));
      }
      return outcomes;
    },
  };
}

export type CheckinScheduler = ReturnType<typeof createCheckinScheduler>;
