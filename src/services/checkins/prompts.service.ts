import type { Checkin } from '../../domain/checkin.js';
import { askedQuestions } from '../../domain/checkin-questions.js';
import { candidateDates, checkinZone, promptDue, reminderDue } from '../../domain/checkin-schedule.js';
import { type Delivery, DeliveryKind, TIME_OFF } from '../../domain/delivery.js';
import { addDays, localToday } from '../../domain/local-date.js';
import { isOffOn } from '../../domain/time-off.js';
import type { Delivered, Due, Outbox, Sender } from '../outbox/outbox.js';
import type {
  CheckinMessenger,
  CheckinResponsesPort,
  CheckinsPort,
  Clock,
  DeliveryHistoryPort,
  TimeOffPort,
} from '../ports.js';

export const PROMPT = DeliveryKind.checkinPrompt;
export const REMINDER = DeliveryKind.checkinReminder;
const KINDS = [PROMPT, REMINDER] as const;

export interface TickOutcome {
  kind: typeof PROMPT | typeof REMINDER;
  teamId: string;
  userId: string;
  checkinId: number;
  channelId: string;
  localDate: string;
  result: 'sent' | 'missed' | 'skipped' | 'retry' | 'failed';
  detail?: string;
}

/**
 * Check-in prompts and reminders: what is due each minute, and how to send it. Claiming, retries and
 * the lookup for a send cut off before it was recorded are the outbox's.
 */
export function createCheckinPrompts(deps: {
  repos: {
    checkins: CheckinsPort;
    checkinResponses: CheckinResponsesPort;
    timeOff: TimeOffPort;
    deliveries: DeliveryHistoryPort;
  };
  messenger: CheckinMessenger;
  clock: Clock;
  outbox: Outbox;
}) {
  const { repos, messenger, outbox } = deps;

  /** How to send a prompt or reminder of `checkin`: the current question, unless answered meanwhile. */
  function sender(checkin: Checkin, scheduledAt: Date): Sender {
    return {
      deadline: new Date(scheduledAt.getTime() + checkin.catchUpMinutes * 60_000),
      findSent: (delivery) =>
        messenger.findDelivery({
          userId: delivery.memberId,
          deliveryId: delivery.id,
          since: new Date(delivery.createdAt.getTime() - 60_000),
        }),
      async send(delivery: Delivery) {
        const response = await repos.checkinResponses.ensure({
          teamId: delivery.teamId,
          checkinId: checkin.id,
          userId: delivery.memberId,
          localDate: delivery.localDate,
          questions: askedQuestions(checkin.questions),
        });
        if (response.status === 'submitted') return { skip: 'already answered' };
        const index = Math.min(response.answers.length, response.questions.length - 1);
        const sent = await messenger.sendPrompt({
          userId: delivery.memberId,
          channelId: checkin.channelId,
          question: response.questions[index] ?? '',
          index,
          total: response.questions.length,
          responseId: response.id,
          deliveryId: delivery.id,
          reminder: delivery.kind === REMINDER,
        });
        if (delivery.kind === PROMPT && !response.dmChannelId) {
          await repos.checkinResponses.update(response.id, { dmChannelId: sent.channelId });
        }
        return sent;
      },
    };
  }

  const outcome = (
    kind: TickOutcome['kind'],
    checkin: Checkin,
    key: { teamId: string; memberId: string; localDate: string },
    delivered: Delivered,
  ): TickOutcome => ({
    kind,
    teamId: key.teamId,
    userId: key.memberId,
    checkinId: checkin.id,
    channelId: checkin.channelId,
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
      const participants = await repos.checkins.scheduledAllTeams();
      if (participants.length === 0) {
        return outcomes;
      }
      const utcToday = localToday(now, 'UTC');
      const dates = [addDays(utcToday, -2), addDays(utcToday, -1), utcToday, addDays(utcToday, 1)];
      const [timeOff, open] = await Promise.all([
        repos.timeOff.overlappingAllTeams(dates[0] as string, dates[3] as string),
        repos.checkinResponses.inProgressSinceAllTeams(dates[0] as string),
      ]);
      const checkinsById = new Map<number, Checkin>();
      const zoneOf = new Map<string, string>();

      const prompts: Array<Due & { checkin: Checkin }> = [];
      for (const p of participants) {
        checkinsById.set(p.checkin.id, p.checkin);
        const zone = checkinZone(p.checkin, p.tz);
        zoneOf.set(`${p.checkin.id}|${p.userId}`, zone);
        const ranges = timeOff.filter((t) => t.teamId === p.checkin.teamId && t.userId === p.userId);
        const notBefore = new Date(Math.max(p.joinedAt.getTime(), p.checkin.createdAt.getTime()));
        for (const localDate of candidateDates(now, zone)) {
          const due = promptDue({
            now,
            localDate,
            timeOfDay: p.checkin.timeOfDay,
            zone,
            days: p.checkin.days,
            catchUpMinutes: p.checkin.catchUpMinutes,
            timeOff: [],
            notBefore,
          });
          if (due.state !== 'due' && due.state !== 'missed') continue;
          const off = isOffOn(ranges, localDate);
          prompts.push({
            checkin: p.checkin,
            key: {
              teamId: p.checkin.teamId,
              kind: PROMPT,
              subjectId: String(p.checkin.id),
              memberId: p.userId,
              localDate,
            },
            scheduledAt: due.scheduledAt,
            ...sender(p.checkin, due.scheduledAt),
            ...(off
              ? { close: { status: 'skipped' as const, note: TIME_OFF } }
              : due.state === 'missed'
                ? { close: { status: 'missed' as const } }
                : {}),
          });
        }
      }
      for (const { due, outcome: delivered } of await outbox.deliver(prompts, now)) {
        outcomes.push(outcome(PROMPT, due.checkin, due.key, delivered));
      }

      // Reminders: one, counted from when the prompt was actually sent, only on the same local day.
      const sentPrompts = await repos.deliveries.sentPromptsSince(
        PROMPT,
        new Date(now.getTime() - 26 * 3600_000),
      );
      const unanswered = new Set(open.map((r) => `${r.teamId}|${r.checkinId}|${r.userId}|${r.localDate}`));
      const reminders: Array<Due & { checkin: Checkin }> = [];
      for (const prompt of sentPrompts) {
        const checkin = checkinsById.get(Number(prompt.subjectId));
        const zone = zoneOf.get(`${prompt.subjectId}|${prompt.memberId}`);
        if (!checkin || !zone || !prompt.sentAt) continue;
        if (!unanswered.has(`${prompt.teamId}|${prompt.subjectId}|${prompt.memberId}|${prompt.localDate}`))
          continue;
        const due = reminderDue({
          now,
          sentAt: prompt.sentAt,
          localDate: prompt.localDate,
          zone,
          reminderMinutes: checkin.reminderMinutes,
          catchUpMinutes: checkin.catchUpMinutes,
        });
        if (due.state !== 'due') continue;
        reminders.push({
          checkin,
          key: {
            teamId: prompt.teamId,
            kind: REMINDER,
            subjectId: prompt.subjectId,
            memberId: prompt.memberId,
            localDate: prompt.localDate,
          },
          scheduledAt: due.scheduledAt,
          ...sender(checkin, due.scheduledAt),
        });
      }
      for (const { due, outcome: delivered } of await outbox.deliver(reminders, now)) {
        outcomes.push(outcome(REMINDER, due.checkin, due.key, delivered));
      }

      // Earlier failures whose retry time has come (and claims whose sender died).
      const retriedCheckin = new Map<number, Checkin>();
      const retried = await outbox.retry(KINDS, now, async (delivery) => {
        const checkin =
          checkinsById.get(Number(delivery.subjectId)) ??
          (await repos.checkins.find(delivery.teamId, Number(delivery.subjectId)));
        if (!checkin || checkin.archivedAt) return { skip: 'check-in deleted' };
        retriedCheckin.set(delivery.id, checkin);
        return sender(checkin, delivery.scheduledAt);
      });
      for (const { delivery, outcome: delivered } of retried) {
        const checkin = retriedCheckin.get(delivery.id) as Checkin;
        outcomes.push(outcome(delivery.kind as TickOutcome['kind'], checkin, delivery, delivered));
      }
      return outcomes;
    },
  };
}

export type CheckinPrompts = ReturnType<typeof createCheckinPrompts>;
