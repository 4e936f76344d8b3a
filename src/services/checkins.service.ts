import type { Repositories } from '../db/repositories/index.js';
import type { StandupResponseRow } from '../db/repositories/standup-responses.repository.js';
import type { StandupRow } from '../db/repositories/standups.repository.js';
import {
  addDays,
  daysBetween,
  formatDayLabel,
  isIsoDate,
  localToday,
  safeZone,
} from '../domain/local-date.js';
import { type DomainError, fail, ok, type Result } from '../domain/result.js';
import { canManageCheckins } from '../domain/roles.js';
import { typedText } from '../domain/slack-message-text.js';
import {
  askedQuestions,
  blockerQuestionIndex,
  DEFAULT_QUESTIONS,
  isBlocker,
  isoWeekday,
  parseAnswer,
  parseDays,
  parseQuestions,
  parseTimeOfDay,
} from '../domain/standup.js';
import type { Member, MemberService } from './members.service.js';
import type { CheckinAnswersView, CheckinMessenger, Clock } from './ports.js';
import { DeliveryError } from './ports.js';

export interface StandupSettings {
  questions: string[];
  timeOfDay: string;
  days: number[];
  participantIds: string[];
  reminderMinutes: number | null;
  catchUpMinutes: number;
  fixedTz: string | null;
}

export type SettingsField = 'questions' | 'time' | 'days' | 'participants' | 'reminder' | 'catch_up' | 'zone';

const MANAGERS_ONLY = (what: string) =>
  fail(
    'standup.forbidden',
    `Only managers and admins can ${what} check-ins.`,
    'ask a manager, or join an existing check-in with `/standup join #team`.',
  );
const NO_STANDUP = (channelId: string) =>
  fail(
    'standup.not_found',
    `There is no check-in in <#${channelId}>.`,
    '`/standup create #team 09:30` (managers), or `/standup list`.',
  );

/** The zone a check-in uses for a person: their own Slack zone unless the check-in fixes one. */
export function checkinZone(standup: Pick<StandupRow, 'fixedTz'>, memberTz: string): string {
  return safeZone(standup.fixedTz ?? memberTz);
}

export function createCheckinService(deps: {
  repos: Repositories;
  members: MemberService;
  messenger: CheckinMessenger;
  clock: Clock;
}) {
  const { repos, members, messenger, clock } = deps;

  function answersView(
    standup: StandupRow,
    response: StandupResponseRow,
    member: Member,
  ): CheckinAnswersView {
    const blockerIndex = blockerQuestionIndex(response.questions);
    return {
      responseId: response.id,
      userId: response.userId,
      displayName: member.displayName || response.userId,
      channelId: standup.channelId,
      localDate: response.localDate,
      questions: response.questions,
      answers: response.answers,
      blockerIndex,
      hasBlocker: response.hasBlocker,
    };
  }

  /**
   * Posts submitted answers to the check-in's channel (or updates the post in place) and confirms
   * in the DM. A private channel the bot is not in is reported to the person and the check-in's
   * owner as "invite @Punchcard", not swallowed in a log.
   */
  async function publish(standup: StandupRow, response: StandupResponseRow, member: Member): Promise<void> {
    const view = answersView(standup, response, member);
    const updated = response.channelMessageTs !== null;
    let posted = true;
    try {
      const sent = await messenger.publishAnswers(view, response.channelMessageTs);
      if (!updated)
        await repos.standupResponses.update(response.id, {
          channelId: sent.channelId,
          channelMessageTs: sent.ts,
        });
    } catch (error) {
      if (!(error instanceof DeliveryError) || error.retryable) throw error;
      posted = false;
      if (
        error.code === 'not_in_channel' ||
        error.code === 'channel_not_found' ||
        error.code === 'is_archived'
      ) {
        await messenger.tell({
          userId: standup.createdBy,
          text: `I couldn't post check-in answers in <#${standup.channelId}> (${error.code}). Invite me with \`/invite @Punchcard\` in that channel, or change the check-in's channel.`,
        });
      }
    }
    await messenger.confirm({ userId: response.userId, view, posted, updated });
  }

  async function managerActor(teamId: string, userId: string) {
    const actor = await members.actor(teamId, userId);
    return { actor, allowed: canManageCheckins(actor) };
  }

  async function ensureMembers(teamId: string, userIds: readonly string[]): Promise<Member[]> {
    const out: Member[] = [];
    for (const id of userIds) out.push(await members.ensure(teamId, id));
    return out;
  }

  function validateSettings(input: {
    questions: string[];
    time: string;
    days: number[];
    reminderMinutes: number | null;
    catchUpMinutes: number;
    fixedTz: string | null;
  }):
    | { ok: true; value: Omit<StandupSettings, 'participantIds'> }
    | { ok: false; fieldErrors: Partial<Record<SettingsField, string>> } {
    const errors: Partial<Record<SettingsField, string>> = {};
    const questions = parseQuestions(input.questions);
    if (!questions.ok) errors.questions = questions.error.message;
    const time = parseTimeOfDay(input.time);
    if (!time.ok) errors.time = time.error.message;
    if (input.days.length === 0) errors.days = 'Pick at least one day.';
    if (input.fixedTz !== null && safeZone(input.fixedTz) !== input.fixedTz) {
      errors.zone = `\`${input.fixedTz}\` is not a time zone I know. Use an IANA name like Europe/Berlin.`;
    }
    if (!questions.ok || !time.ok || Object.keys(errors).length > 0)
      return { ok: false, fieldErrors: errors };
    return {
      ok: true,
      value: {
        questions: questions.value,
        timeOfDay: time.value,
        days: [...input.days].sort(),
        reminderMinutes: input.reminderMinutes,
        catchUpMinutes: input.catchUpMinutes,
        fixedTz: input.fixedTz,
      },
    };
  }

  /** Today's check-in for a person, in the zone the check-in uses for them. */
  async function todaysResponse(standup: StandupRow, member: Member): Promise<StandupResponseRow> {
    const today = localToday(clock.now(), checkinZone(standup, member.tz));
    return repos.standupResponses.ensure({
      teamId: standup.teamId,
      standupId: standup.id,
      userId: member.userId,
      localDate: today,
      questions: askedQuestions(standup.questions),
    });
  }

  /** The submitted state of a response: answers, time and whether it reports a blocker. */
  function submission(response: StandupResponseRow, answers: string[]) {
    const blockerIndex = blockerQuestionIndex(response.questions);
    const blockerAnswer = blockerIndex >= 0 ? answers[blockerIndex] : undefined;
    return {
      answers,
      status: 'submitted' as const,
      submittedAt: response.submittedAt ?? clock.now(),
      hasBlocker: blockerAnswer !== undefined && isBlocker(blockerAnswer),
    };
  }

  async function finish(
    standup: StandupRow,
    response: StandupResponseRow,
    answers: string[],
    member: Member,
  ) {
    const saved = await repos.standupResponses.update(response.id, submission(response, answers));
    await publish(standup, saved, member);
    return saved;
  }

  const service = {
    async create(input: {
      teamId: string;
      actorId: string;
      channelId: string;
      time: string;
      days: string | null;
      userIds: string[];
    }): Promise<Result<{ standup: StandupRow; participants: string[] }>> {
      const { allowed } = await managerActor(input.teamId, input.actorId);
      if (!allowed) return MANAGERS_ONLY('create');
      const time = parseTimeOfDay(input.time);
      if (!time.ok) return time;
      const days = parseDays(input.days ?? 'mon-fri');
      if (!days.ok) return days;
      const people = (await ensureMembers(input.teamId, input.userIds)).filter((m) => !m.isBot);
      const now = clock.now();
      const standup = await repos.transaction(async (tx) => {
        const created = await tx.standups.create({
          teamId: input.teamId,
          channelId: input.channelId,
          timeOfDay: time.value,
          days: days.value,
          questions: [...DEFAULT_QUESTIONS],
          createdBy: input.actorId,
          // From the service clock: nothing before this instant is ever prompted or marked missed.
          createdAt: now,
        });
        if (created)
          await tx.standups.addParticipants(
            input.teamId,
            created.id,
            people.map((p) => p.userId),
            now,
          );
        return created;
      });
      if (!standup) {
        return fail(
          'standup.exists',
          `<#${input.channelId}> already has a check-in.`,
          `change it with \`/standup edit <#${input.channelId}>\`.`,
        );
      }
      return ok({ standup, participants: people.map((p) => p.userId) });
    },

    async forEdit(input: {
      teamId: string;
      actorId: string;
      channelId: string;
    }): Promise<Result<StandupRow & { participants: string[] }>> {
      const { allowed } = await managerActor(input.teamId, input.actorId);
      if (!allowed) return MANAGERS_ONLY('edit');
      const standup = await repos.standups.findByChannel(input.teamId, input.channelId);
      if (!standup) return NO_STANDUP(input.channelId);
      return ok({ ...standup, participants: await repos.standups.participants(standup.id) });
    },

    async saveSettings(input: {
      teamId: string;
      actorId: string;
      standupId: number;
      questions: string[];
      time: string;
      days: number[];
      participantIds: string[];
      reminderMinutes: number | null;
      catchUpMinutes: number;
      fixedTz: string | null;
    }): Promise<
      | { ok: true; value: StandupRow & { participants: string[] } }
      | { ok: false; fieldErrors: Partial<Record<SettingsField, string>> }
      | { ok: false; error: { code: string; message: string; hint: string } }
    > {
      const { allowed } = await managerActor(input.teamId, input.actorId);
      if (!allowed) return MANAGERS_ONLY('edit');
      const settings = validateSettings(input);
      if (!settings.ok) return settings;
      const people = (await ensureMembers(input.teamId, input.participantIds)).filter((m) => !m.isBot);
      const now = clock.now();
      const result = await repos.transaction(async (tx) => {
        const updated = await tx.standups.update(input.teamId, input.standupId, settings.value);
        if (!updated) return null;
        const current = await tx.standups.participants(updated.id);
        const wanted = people.map((p) => p.userId);
        await tx.standups.removeParticipants(
          updated.id,
          current.filter((id) => !wanted.includes(id)),
        );
        await tx.standups.addParticipants(
          input.teamId,
          updated.id,
          wanted.filter((id) => !current.includes(id)),
          now,
        );
        return { ...updated, participants: await tx.standups.participants(updated.id) };
      });
      if (!result)
        return fail('standup.not_found', 'That check-in was deleted meanwhile.', '`/standup list`');
      return ok(result);
    },

    async list(teamId: string) {
      return repos.standups.list(teamId);
    },

    async remove(input: { teamId: string; actorId: string; channelId: string }): Promise<Result<StandupRow>> {
      const { allowed } = await managerActor(input.teamId, input.actorId);
      if (!allowed) return MANAGERS_ONLY('delete');
      const standup = await repos.standups.findByChannel(input.teamId, input.channelId);
      if (!standup) return NO_STANDUP(input.channelId);
      await repos.standups.archive(input.teamId, standup.id, clock.now());
      return ok(standup);
    },

    async join(input: {
      teamId: string;
      userId: string;
      channelId: string;
    }): Promise<Result<{ standup: StandupRow; changed: boolean }>> {
      await members.ensure(input.teamId, input.userId);
      const standup = await repos.standups.findByChannel(input.teamId, input.channelId);
      if (!standup) return NO_STANDUP(input.channelId);
      const added = await repos.standups.addParticipants(
        input.teamId,
        standup.id,
        [input.userId],
        clock.now(),
      );
      return ok({ standup, changed: added.length > 0 });
    },

    async leave(input: {
      teamId: string;
      userId: string;
      channelId: string;
    }): Promise<Result<{ standup: StandupRow; changed: boolean }>> {
      const standup = await repos.standups.findByChannel(input.teamId, input.channelId);
      if (!standup) return NO_STANDUP(input.channelId);
      const removed = await repos.standups.removeParticipants(standup.id, [input.userId]);
      return ok({ standup, changed: removed.length > 0 });
    },

    /** `/standup skip` and `/standup off FROM [TO]`: no prompt on those member-local days. */
    async addTimeOff(input: {
      teamId: string;
      userId: string;
      from: string | null;
      to: string | null;
    }): Promise<Result<{ from: string; to: string }>> {
      const member = await members.ensure(input.teamId, input.userId);
      const today = localToday(clock.now(), safeZone(member.tz));
      const from = input.from ?? today;
      const to = input.to ?? from;
      const hint = `\`/standup off ${addDays(today, 7)} ${addDays(today, 11)}\``;
      if (!isIsoDate(from) || !isIsoDate(to)) {
        return fail('timeoff.invalid', 'Give dates as YYYY-MM-DD.', hint);
      }
      if (daysBetween(from, to) < 0)
        return fail('timeoff.reversed', 'The first date must not be after the second.', hint);
      if (daysBetween(today, to) < 0) return fail('timeoff.past', 'That time off is already over.', hint);
      if (daysBetween(from, to) > 366)
        return fail('timeoff.too_long', 'Time off can span at most a year at once.', hint);
      await repos.timeOff.add(input.teamId, input.userId, from, to);
      return ok({ from, to });
    },

    async listTimeOff(input: { teamId: string; userId: string }) {
      const member = await members.ensure(input.teamId, input.userId);
      return repos.timeOff.upcoming(input.teamId, input.userId, localToday(clock.now(), safeZone(member.tz)));
    },

    async clearTimeOff(input: { teamId: string; userId: string }): Promise<number> {
      const member = await members.ensure(input.teamId, input.userId);
      return repos.timeOff.clearUpcoming(
        input.teamId,
        input.userId,
        localToday(clock.now(), safeZone(member.tz)),
      );
    },

    /**
     * A DM reply: the answer to the current question of the newest check-in in progress. The next
     * question follows; after the last, the answers go to the channel.
     */
    async recordDmAnswer(input: {
      teamId: string;
      userId: string;
      text: string;
    }): Promise<'answered' | 'no_checkin' | DomainError> {
      const member = await members.ensure(input.teamId, input.userId);
      const since = addDays(localToday(clock.now(), safeZone(member.tz)), -1);
      const open = await repos.standupResponses.latestInProgress(input.teamId, input.userId, since);
      if (!open) return 'no_checkin';
      // Stored as the person typed it (Slack's markup decoded, broadcasts defused); escaped when drawn.
      const answer = parseAnswer(typedText(input.text));
      if (!answer.ok) return answer.error;
      const step = await repos.transaction(async (tx) => {
        const response = await tx.standupResponses.lock(open.id);
        if (response?.status !== 'in_progress') return null;
        const answers = [...response.answers, answer.value];
        if (answers.length < response.questions.length) {
          await tx.standupResponses.update(response.id, { answers });
          return { response, answers, done: false };
        }
        // Submitted under the row lock: two last answers arriving together post once.
        const saved = await tx.standupResponses.update(response.id, submission(response, answers));
        return { response: saved, answers, done: true };
      });
      if (!step) return 'no_checkin';
      const standup = await repos.standups.find(input.teamId, step.response.standupId);
      if (!standup) return 'no_checkin';
      if (!step.done) {
        const index = step.answers.length;
        await messenger.askNext({
          userId: input.userId,
          question: step.response.questions[index] ?? '',
          index,
          total: step.response.questions.length,
          responseId: step.response.id,
        });
        return 'answered';
      }
      await publish(standup, step.response, member);
      return 'answered';
    },

    /**
     * What the answer form needs: today's check-in (or the one a button names). `/standup` alone
     * picks the first of the person's check-ins that has today as a check-in day.
     */
    async openForm(input: { teamId: string; userId: string; responseId?: number }): Promise<
      Result<{
        responseId: number;
        channelId: string;
        localDate: string;
        questions: string[];
        answers: string[];
      }>
    > {
      const member = await members.ensure(input.teamId, input.userId);
      let response: StandupResponseRow | null = null;
      let standup: StandupRow | null = null;
      if (input.responseId !== undefined) {
        response = await repos.standupResponses.findById(input.teamId, input.responseId);
        if (!response || response.userId !== input.userId) {
          return fail(
            'standup.not_yours',
            'That check-in belongs to someone else.',
            '`/standup` to answer your own.',
          );
        }
        standup = await repos.standups.find(input.teamId, response.standupId);
      } else {
        const mine = await repos.standups.forMember(input.teamId, input.userId);
        if (mine.length === 0) {
          return fail(
            'standup.none',
            "You're not in any check-in yet.",
            '`/standup join #team`, or `/standup list` to see them.',
          );
        }
        standup =
          mine.find((s) => s.days.includes(isoWeekday(localToday(clock.now(), checkinZone(s, member.tz))))) ??
          null;
        if (!standup) {
          return fail(
            'standup.not_today',
            'None of your check-ins runs today.',
            '`/standup list` shows their days.',
          );
        }
        response = await todaysResponse(standup, member);
      }
      if (!standup || !response)
        return fail('standup.not_found', 'That check-in no longer exists.', '`/standup list`');
      const today = localToday(clock.now(), checkinZone(standup, member.tz));
      if (response.localDate !== today) {
        return fail(
          'standup.past_day',
          `That check-in was for ${formatDayLabel(response.localDate)}; answers can be changed only on the same day.`,
          "`/standup` to answer today's.",
        );
      }
      return ok({
        responseId: response.id,
        channelId: standup.channelId,
        localDate: response.localDate,
        questions: response.questions,
        answers: response.answers,
      });
    },

    /** The answer form's submission: a first answer or an edit (same local day), posted or updated in place. */
    async submitForm(input: {
      teamId: string;
      userId: string;
      responseId: number;
      answers: string[];
    }): Promise<Result<{ updated: boolean }>> {
      const form = await service.openForm(input);
      if (!form.ok) return form;
      const member = await members.ensure(input.teamId, input.userId);
      const response = await repos.standupResponses.findById(input.teamId, input.responseId);
      const standup = response ? await repos.standups.find(input.teamId, response.standupId) : null;
      if (!response || !standup)
        return fail('standup.not_found', 'That check-in no longer exists.', '`/standup list`');
      const answers: string[] = [];
      for (const [i, question] of response.questions.entries()) {
        const answer = parseAnswer(input.answers[i] ?? '');
        if (!answer.ok)
          return fail(answer.error.code, `${question} — ${answer.error.message}`, answer.error.hint);
        answers.push(answer.value);
      }
      const updated = response.status === 'submitted';
      await finish(standup, response, answers, member);
      return ok({ updated });
    },
  };
  return service;
}

export type CheckinService = ReturnType<typeof createCheckinService>;
