import type { Checkin } from '../../domain/checkin.js';
import { askedQuestions } from '../../domain/checkin-questions.js';
import { checkinZone, reminderDue } from '../../domain/checkin-schedule.js';
import { type Delivery, type DeliveryKey, DeliveryKind, TIME_OFF } from '../../domain/delivery.js';
import { addDays, localToday } from '../../domain/local-date.js';
import { MINUTE_MS } from '../../domain/time-of-day.js';
import type { Delivered, Due, Outbox, Sender } from '../outbox/outbox.js';
import type {
  CheckinMessenger,
  CheckinResponsesPort,
  CheckinSchedulePort,
  CheckinsPort,
  Clock,
} from '../ports.js';
import { type PromptGroupSlot, promptSlots, yieldEvery } from './prompt-slots.js';

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

type ZoneGroups = Awaited<ReturnType<CheckinSchedulePort['zoneGroups']>>;

/** A prompt or reminder due now, before the outbox is told how to send it. */
export interface PromptDue {
  checkin: Checkin;
  key: DeliveryKey;
  scheduledAt: Date;
  close?: Due['close'];
}

/**
 * Check-in prompts and reminders: what is due each minute, and how to send it. Claiming, retries and
 * the lookup for a send cut off before it was recorded are the outbox's.
 */
export function createCheckinPrompts(deps: {
  repos: {
    checkins: CheckinsPort;
    checkinResponses: CheckinResponsesPort;
    checkinSchedule: CheckinSchedulePort;
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

  /** The prompts due at `now` (or past their catch-up window) that nobody has claimed yet. */
  async function duePrompts(now: Date, groups?: ZoneGroups): Promise<PromptDue[]> {
    const slots = promptSlots(now, groups ?? (await repos.checkinSchedule.zoneGroups()));
    if (slots.length === 0) return [];
    const dues: PromptDue[] = [];
    const found = await repos.checkinSchedule.unclaimedInSlots(PROMPT, slots);
    for (const [i, { slot: index, userId, off }] of found.entries()) {
      await yieldEvery(i);
      const slot = slots[index] as PromptGroupSlot;
      dues.push({
        checkin: slot.checkin,
        key: {
          teamId: slot.checkin.teamId,
          kind: PROMPT,
          subjectId: String(slot.checkin.id),
          memberId: userId,
          localDate: slot.localDate,
        },
        scheduledAt: slot.scheduledAt,
        ...(off
          ? { close: { status: 'skipped' as const, note: TIME_OFF } }
          : slot.state === 'missed'
            ? { close: { status: 'missed' as const } }
            : {}),
      });
    }
    return dues;
  }

  /** The reminders due at `now` that nobody has claimed yet. */
  async function dueReminders(now: Date, live: readonly Checkin[]): Promise<PromptDue[]> {
    // Reminders: one, counted from when the prompt was actually sent, only on the same local day.
    // Only prompts sent between the longest delay plus catch-up and the shortest delay ago can be due.
    const windows = live.flatMap((c) => (c.reminderMinutes === null ? [] : [c]));
    if (windows.length === 0) return [];
    const longest = Math.max(...windows.map((c) => (c.reminderMinutes ?? 0) + c.catchUpMinutes));
    const shortest = Math.min(...windows.map((c) => c.reminderMinutes ?? 0));
    const candidates = await repos.checkinSchedule.reminderCandidates({
      promptKind: PROMPT,
      reminderKind: REMINDER,
      now,
      sentSince: new Date(now.getTime() - Math.min(26 * 60, longest) * MINUTE_MS),
      sentUntil: new Date(now.getTime() - shortest * MINUTE_MS),
      sinceDate: addDays(localToday(now, 'UTC'), -2),
    });
    const dues: PromptDue[] = [];
    for (const [i, { prompt, checkin, tz }] of candidates.entries()) {
      await yieldEvery(i);
      if (!prompt.sentAt) continue;
      const due = reminderDue({
        now,
        sentAt: prompt.sentAt,
        localDate: prompt.localDate,
        zone: checkinZone(checkin, tz),
        reminderMinutes: checkin.reminderMinutes,
        catchUpMinutes: checkin.catchUpMinutes,
      });
      if (due.state !== 'due') continue;
      dues.push({
        checkin,
        key: {
          teamId: prompt.teamId,
          kind: REMINDER,
          subjectId: prompt.subjectId,
          memberId: prompt.memberId,
          localDate: prompt.localDate,
        },
        scheduledAt: due.scheduledAt,
      });
    }
    return dues;
  }

  const withSender = (due: PromptDue): PromptDue & Sender => ({
    ...due,
    ...sender(due.checkin, due.scheduledAt),
  });

  return {
    duePrompts,
    dueReminders,

    /**
     * One pass as if the clock read `now`: every prompt and reminder due is handed to the outbox,
     * which sends what this process claims, retries what failed before, and records what is too late.
     * Due-ness is worked out per check-in and zone; only people with something unclaimed are read.
     */
    async runTick(now: Date = deps.clock.now()): Promise<TickOutcome[]> {
      const outcomes: TickOutcome[] = [];
      const groups = await repos.checkinSchedule.zoneGroups();
      const prompts = (await duePrompts(now, groups)).map(withSender);
      for (const { due, outcome: delivered } of await outbox.deliver(prompts, now)) {
        outcomes.push(outcome(PROMPT, due.checkin, due.key, delivered));
      }
      const reminders = (
        await dueReminders(
          now,
          groups.map((g) => g.checkin),
        )
      ).map(withSender);
      for (const { due, outcome: delivered } of await outbox.deliver(reminders, now)) {
        outcomes.push(outcome(REMINDER, due.checkin, due.key, delivered));
      }

      // Earlier failures whose retry time has come (and claims whose sender died).
      const retriedCheckin = new Map<number, Checkin>();
      const lookups = new Map<string, Promise<Checkin | null>>();
      const retried = await outbox.retry(KINDS, now, async (delivery) => {
        const id = `${delivery.teamId}|${delivery.subjectId}`;
        if (!lookups.has(id))
          lookups.set(id, repos.checkins.find(delivery.teamId, Number(delivery.subjectId)));
        const checkin = await lookups.get(id);
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
