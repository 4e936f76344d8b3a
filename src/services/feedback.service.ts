import { DeliveryKind, deliveryKeyString } from '../domain/delivery.js';
import {
  FEEDBACK_EXAMPLE,
  FEEDBACK_REPLY_MAX_LENGTH,
  type FeedbackView,
  parseFeedbackForm,
  parseReminderEvery,
  REMINDER_EXAMPLE,
  reminderDayDue,
} from '../domain/feedback.js';
import { formatDayLabel, localToday, safeZone } from '../domain/local-date.js';
import { parseProjectKey } from '../domain/projects.js';
import { type DomainError, fail, ok, quoted, type Result } from '../domain/result.js';
import { parseUserMention } from '../domain/slack-mentions.js';
import { slackLength } from '../domain/text-length.js';
import { scheduledInstant } from '../domain/time-of-day.js';
import type { MemberService } from './members.service.js';
import type { Due, Outbox, Sender } from './outbox/outbox.js';
import type { ChannelMessenger, Clock, FeedbackPort, ProjectPeoplePort, ProjectsPort } from './ports.js';
import { requireProjectManager } from './projects/access.js';
import { projectWithKey } from './projects/common.js';

export const FEEDBACK_REMINDER = DeliveryKind.feedbackReminder;
/** When a feedback reminder goes out, in the manager's zone (as they were when they set it). */
const REMINDER_TIME = '09:00';
/** A reminder missed during an outage still goes out within this window. */
const CATCH_UP_MS = 24 * 3600_000;
/** The most people one reminder names (it says how many more). */
const REMINDER_LIST_LIMIT = 40;

export interface FeedbackReminderOutcome {
  kind: typeof FEEDBACK_REMINDER;
  teamId: string;
  /** The project's id. */
  subjectId: string;
  /** The manager reminded. */
  memberId: string;
  result: 'sent' | 'missed' | 'retry' | 'failed' | 'skipped';
  detail?: string;
}

/** The form's errors, by the block they belong under. */
export type FeedbackFormErrors = Partial<Record<'went_well' | 'to_improve' | 'rating', string>>;

const NOT_THEIR_MANAGER = (personId: string) =>
  fail(
    'feedback.forbidden',
    `Only a manager of a project <@${personId}> is on (or a workspace admin) can give them feedback.`,
    '`/punchcard project members acme-web` shows who is on a project and who manages it.',
  );

export function createFeedbackService(deps: {
  repos: { feedback: FeedbackPort; projects: ProjectsPort; projectPeople: ProjectPeoplePort };
  members: MemberService;
  channels: ChannelMessenger;
  clock: Clock;
  outbox: Outbox;
}) {
  const { repos, members, channels, clock, outbox } = deps;
  const access = { members, projectPeople: repos.projectPeople };

  /**
   * The one permission rule for feedback: admins may give anyone feedback; anyone else only a
   * person who is a member of a project they manage.
   */
  async function mayGiveFeedback(teamId: string, managerId: string, personId: string): Promise<boolean> {
    const actor = await members.actor(teamId, managerId);
    if (actor.role === 'admin') return true;
    const [managed, theirs] = await Promise.all([
      repos.projectPeople.projectsOf(teamId, managerId),
      repos.projectPeople.projectsOf(teamId, personId),
    ]);
    const mine = new Set(managed.filter((p) => p.manager).map((p) => p.project.id));
    return theirs.some((p) => p.member && mine.has(p.project.id));
  }

  /** Who `/feedback` names: one person Slack knows, not yourself, not a bot, and yours to give feedback to. */
  async function checkPerson(
    teamId: string,
    managerId: string,
    slackText: string,
  ): Promise<Result<{ personId: string }>> {
    const words = slackText.trim().split(/\s+/).filter(Boolean);
    const [first] = words;
    const personId = first ? parseUserMention(first) : null;
    if (!first) return fail('feedback.no_person', 'Name who the feedback is for, with @.', FEEDBACK_EXAMPLE);
    if (!personId)
      return fail(
        'feedback.unknown_user',
        `I don't know \`${quoted(first)}\`: name one person in this workspace with @.`,
        FEEDBACK_EXAMPLE,
      );
    if (words.length > 1)
      return fail(
        'feedback.one_person',
        'Name one person: the feedback itself goes in the form that opens.',
        FEEDBACK_EXAMPLE,
      );
    if (personId === managerId)
      return fail(
        'feedback.self',
        "Feedback is for someone else: you can't send it to yourself.",
        FEEDBACK_EXAMPLE,
      );
    const person = await members.lookup(teamId, personId);
    if (!person || person.deleted)
      return fail(
        'feedback.unknown_user',
        `I can't find <@${personId}> in this workspace.`,
        FEEDBACK_EXAMPLE,
      );
    if (person.isBot)
      return fail('feedback.bot', `<@${personId}> is a bot: feedback is for people.`, FEEDBACK_EXAMPLE);
    if (!(await mayGiveFeedback(teamId, managerId, personId))) return NOT_THEIR_MANAGER(personId);
    return ok({ personId });
  }

  return {
    mayGiveFeedback,

    /** `/feedback @user`: whether the form may open for this person. */
    checkPerson,

    /**
     * The form submitted: checked again (roles and membership may have changed while it was open),
     * saved, and delivered by DM at once. A DM that cannot be sent leaves nothing saved.
     */
    async send(input: {
      teamId: string;
      managerId: string;
      personId: string;
      wentWell: string | null | undefined;
      toImprove: string | null | undefined;
      rating: string | null | undefined;
    }): Promise<
      | { ok: true; value: FeedbackView }
      | { ok: false; fields: FeedbackFormErrors }
      | { ok: false; error: DomainError }
    > {
      const form = parseFeedbackForm(input);
      if (!form.ok) return { ok: false, fields: { [form.field ?? 'went_well']: form.error.message } };
      if (!(await mayGiveFeedback(input.teamId, input.managerId, input.personId)))
        return NOT_THEIR_MANAGER(input.personId);
      const created = await repos.feedback.create({
        teamId: input.teamId,
        managerId: input.managerId,
        personId: input.personId,
        ...form.value,
        createdAt: clock.now(),
      });
      try {
        const sent = await channels.feedback({ feedback: created });
        await repos.feedback.delivered(created.id, sent.channelId, sent.ts);
        return ok({ ...created, dmChannelId: sent.channelId, messageTs: sent.ts });
      } catch (error) {
        await repos.feedback.remove(created.id);
        throw error;
      }
    },

    /** The Acknowledge button: only the person it was for; the DM is redrawn and the manager told. */
    async acknowledge(input: {
      teamId: string;
      userId: string;
      feedbackId: number;
    }): Promise<Result<{ feedback: FeedbackView; changed: boolean }>> {
      const found = await repos.feedback.find(input.teamId, input.feedbackId);
      if (!found || found.personId !== input.userId)
        return fail('feedback.not_yours', 'That feedback is not yours to acknowledge.', FEEDBACK_EXAMPLE);
      const changed = await repos.feedback.acknowledge(input.teamId, found.id, clock.now());
      const feedback = (await repos.feedback.find(input.teamId, found.id)) ?? found;
      if (changed) {
        await channels.feedbackUpdate({ feedback });
        await channels.feedbackNotice({
          managerId: feedback.managerId,
          personId: feedback.personId,
          reply: null,
          when: formatDayLabel(feedback.createdAt.toISOString().slice(0, 10)),
        });
      }
      return ok({ feedback, changed });
    },

    /**
     * A message in a DM thread: kept when its parent is a feedback DM and it is the person's, and
     * passed on to the manager at once. 'ignored' when the thread is no feedback's.
     */
    async reply(input: {
      teamId: string;
      userId: string;
      channelId: string;
      threadTs: string;
      ts: string;
      text: string;
    }): Promise<'recorded' | 'repeat' | 'ignored' | 'too_long'> {
      const found = await repos.feedback.findByMessage(input.channelId, input.threadTs);
      if (!found || found.teamId !== input.teamId || found.personId !== input.userId) return 'ignored';
      if (slackLength(input.text) > FEEDBACK_REPLY_MAX_LENGTH) return 'too_long';
      const added = await repos.feedback.addReply({
        teamId: input.teamId,
        feedbackId: found.id,
        userId: input.userId,
        text: input.text,
        ts: input.ts,
        createdAt: clock.now(),
      });
      if (!added) return 'repeat';
      await channels.feedbackNotice({
        managerId: found.managerId,
        personId: found.personId,
        reply: input.text,
        when: formatDayLabel(found.createdAt.toISOString().slice(0, 10)),
      });
      return 'recorded';
    },

    /**
     * `/punchcard feedback-reminder <key> every <N> weeks` (or `off`): for the project's managers.
     * The first reminder comes N weeks after today, at 09:00 in the manager's zone.
     */
    async setReminder(input: {
      teamId: string;
      userId: string;
      args: readonly string[];
    }): Promise<Result<{ projectKey: string; everyWeeks: number; first: string | null; removed: boolean }>> {
      const [rawKey, ...rest] = input.args;
      if (!rawKey?.trim())
        return fail('reminder.key_missing', 'Name the project key first, like `acme-web`.', REMINDER_EXAMPLE);
      const key = parseProjectKey(rawKey);
      if (!key.ok) return fail(key.error.code, key.error.message, REMINDER_EXAMPLE);
      const found = await projectWithKey(repos.projects, input.teamId, key.value);
      if (!found.ok) return found;
      const project = await requireProjectManager(
        access,
        input.teamId,
        input.userId,
        found.value,
        'set its feedback reminders',
      );
      if (!project.ok) return project;
      const every = parseReminderEvery(rest);
      if (!every.ok) return every;
      if (every.value === 0) {
        const removed = await repos.feedback.removeReminder(input.teamId, project.value.id, input.userId);
        return ok({ projectKey: project.value.key, everyWeeks: 0, first: null, removed });
      }
      const actor = await members.actor(input.teamId, input.userId);
      const tz = safeZone(actor.member.tz);
      const startDate = localToday(clock.now(), tz);
      await repos.feedback.upsertReminder({
        teamId: input.teamId,
        projectId: project.value.id,
        managerId: input.userId,
        everyWeeks: every.value,
        startDate,
        tz,
      });
      const first = addWeeks(startDate, every.value);
      return ok({ projectKey: project.value.key, everyWeeks: every.value, first, removed: false });
    },

    /**
     * Each reminder on its day at 09:00 in the manager's zone, exactly once (claimed in the outbox):
     * a DM listing the project's members with no feedback from anyone in the last N weeks.
     */
    async runTick(now: Date = clock.now()): Promise<FeedbackReminderOutcome[]> {
      const reminders = await repos.feedback.allReminders();
      const dues: Array<Due & { managerId: string }> = [];
      const senders = new Map<string, Sender & { managerId: string }>();
      for (const r of reminders) {
        const zone = safeZone(r.tz);
        const day = reminderDayDue(r.startDate, r.everyWeeks, localToday(now, zone));
        if (day === null) continue;
        const scheduledAt = scheduledInstant(day, REMINDER_TIME, zone);
        const deadline = new Date(scheduledAt.getTime() + CATCH_UP_MS);
        // Only inside its window: a reminder day long past is neither sent nor recorded missed again.
        if (scheduledAt > now || now > deadline) continue;
        const sender = {
          managerId: r.managerId,
          deadline,
          send: async () => {
            const memberIds = (await repos.projectPeople.members(r.teamId, r.projectId)).filter(
              (id) => id !== r.managerId,
            );
            const since = new Date(now.getTime() - r.everyWeeks * 7 * 24 * 3600_000);
            const due = (await repos.feedback.lastFeedback(r.teamId, memberIds)).filter(
              (p) => p.last === null || p.last < since,
            );
            if (due.length === 0) return { skip: 'everyone had feedback' };
            const listed = due.slice(0, REMINDER_LIST_LIMIT);
            return channels.feedbackReminder({
              managerId: r.managerId,
              projectKey: r.projectKey,
              everyWeeks: r.everyWeeks,
              due: listed.map((p) => ({
                userId: p.userId,
                last: p.last === null ? null : formatDayLabel(localToday(p.last, zone)),
              })),
              more: due.length - listed.length,
            });
          },
        };
        const key = {
          teamId: r.teamId,
          kind: FEEDBACK_REMINDER,
          subjectId: String(r.projectId),
          memberId: r.managerId,
          localDate: day,
        };
        dues.push({ key, scheduledAt, ...sender });
        senders.set(deliveryKeyString(key), sender);
      }
      const outcomes: FeedbackReminderOutcome[] = [];
      const report = (
        key: { teamId: string; subjectId: string; memberId: string },
        delivered: { result: FeedbackReminderOutcome['result']; detail?: string },
      ) =>
        outcomes.push({
          kind: FEEDBACK_REMINDER,
          teamId: key.teamId,
          subjectId: key.subjectId,
          memberId: key.memberId,
          ...delivered,
        });
      for (const { due, outcome } of await outbox.deliver(dues, now)) report(due.key, outcome);
      const retried = await outbox.retry([FEEDBACK_REMINDER], now, async (delivery) => {
        const sender = senders.get(deliveryKeyString(delivery));
        return sender ?? { skip: 'reminder removed' };
      });
      for (const { delivery, outcome } of retried) report(delivery, outcome);
      return outcomes;
    },
  };
}

function addWeeks(date: string, weeks: number): string {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + weeks * 7)).toISOString().slice(0, 10);
}

export type FeedbackService = ReturnType<typeof createFeedbackService>;
