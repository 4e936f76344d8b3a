import type { Checkin, CheckinResponse } from '../../domain/checkin.js';
import {
  askedQuestions,
  blockerQuestionIndex,
  isBlocker,
  parseAnswer,
} from '../../domain/checkin-questions.js';
import { checkinZone } from '../../domain/checkin-schedule.js';
import { addDays, formatDayLabel, localToday, safeZone } from '../../domain/local-date.js';
import { type DomainError, fail, ok, type Result } from '../../domain/result.js';
import { typedText } from '../../domain/slack-message-text.js';
import { isoWeekday } from '../../domain/weekdays.js';
import type { MemberService, MemberWithRole } from '../members.service.js';
import {
  type CheckinAnswersView,
  type CheckinMessenger,
  type CheckinResponsesPort,
  type CheckinsPort,
  type Clock,
  DeliveryError,
  type UnitOfWork,
} from '../ports.js';

/**
 * A DM answer was saved, but what follows it (the next question, or the post in the channel after
 * the last one) failed. The answer must not be sent again: it would be saved twice.
 */
export class AnswerSavedError extends Error {
  readonly code = 'checkin.answer_saved';
  constructor(
    readonly missing: 'next_question_not_sent' | 'answers_not_posted',
    options: { cause: unknown },
  ) {
    super(`check-in answer saved, but ${missing.replaceAll('_', ' ')}`, options);
    this.name = 'AnswerSavedError';
  }
}

/** Answers to a check-in, by DM or in the form, posted to its channel (and edited the same day). */
export function createCheckinAnswersService(deps: {
  repos: { checkins: CheckinsPort; checkinResponses: CheckinResponsesPort } & UnitOfWork<{
    checkinResponses: CheckinResponsesPort;
  }>;
  members: MemberService;
  messenger: CheckinMessenger;
  clock: Clock;
}) {
  const { repos, members, messenger, clock } = deps;

  function answersView(
    checkin: Checkin,
    response: CheckinResponse,
    member: MemberWithRole,
  ): CheckinAnswersView {
    const blockerIndex = blockerQuestionIndex(response.questions);
    return {
      responseId: response.id,
      userId: response.userId,
      displayName: member.displayName || response.userId,
      channelId: checkin.channelId,
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
  async function publish(checkin: Checkin, response: CheckinResponse, member: MemberWithRole): Promise<void> {
    const view = answersView(checkin, response, member);
    const updated = response.channelMessageTs !== null;
    let posted = true;
    try {
      const sent = await messenger.publishAnswers(view, response.channelMessageTs);
      if (!updated)
        await repos.checkinResponses.update(response.id, {
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
          userId: checkin.createdBy,
          text: `I couldn't post check-in answers in <#${checkin.channelId}> (${error.code}). Invite me with \`/invite @Punchcard\` in that channel, or change the check-in's channel.`,
        });
      }
    }
    await messenger.confirm({ userId: response.userId, view, posted, updated });
  }

  /** Today's check-in for a person, in the zone the check-in uses for them. */
  async function todaysResponse(checkin: Checkin, member: MemberWithRole): Promise<CheckinResponse> {
    const today = localToday(clock.now(), checkinZone(checkin, member.tz));
    return repos.checkinResponses.ensure({
      teamId: checkin.teamId,
      checkinId: checkin.id,
      userId: member.userId,
      localDate: today,
      questions: askedQuestions(checkin.questions),
    });
  }

  /** The submitted state of a response: answers, time and whether it reports a blocker. */
  function submission(response: CheckinResponse, answers: string[]) {
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
    checkin: Checkin,
    response: CheckinResponse,
    answers: string[],
    member: MemberWithRole,
  ) {
    const saved = await repos.checkinResponses.update(response.id, submission(response, answers));
    await publish(checkin, saved, member);
    return saved;
  }

  const service = {
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
      const open = await repos.checkinResponses.latestInProgress(input.teamId, input.userId, since);
      if (!open) return 'no_checkin';
      // Stored as the person typed it (Slack's markup decoded, broadcasts defused); escaped when drawn.
      const answer = parseAnswer(typedText(input.text));
      if (!answer.ok) return answer.error;
      const step = await repos.transaction(async (tx) => {
        const response = await tx.checkinResponses.lock(open.id);
        if (response?.status !== 'in_progress') return null;
        const answers = [...response.answers, answer.value];
        if (answers.length < response.questions.length) {
          await tx.checkinResponses.update(response.id, { answers });
          return { response, answers, done: false };
        }
        // Submitted under the row lock: two last answers arriving together post once.
        const saved = await tx.checkinResponses.update(response.id, submission(response, answers));
        return { response: saved, answers, done: true };
      });
      if (!step) return 'no_checkin';
      // The answer is committed: a failure from here on must not make it be sent, and saved, again.
      try {
        const checkin = await repos.checkins.find(input.teamId, step.response.checkinId);
        if (!checkin) return 'no_checkin';
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
        await publish(checkin, step.response, member);
        return 'answered';
      } catch (error) {
        throw new AnswerSavedError(step.done ? 'answers_not_posted' : 'next_question_not_sent', {
          cause: error,
        });
      }
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
      let response: CheckinResponse | null = null;
      let checkin: Checkin | null = null;
      if (input.responseId !== undefined) {
        response = await repos.checkinResponses.findById(input.teamId, input.responseId);
        if (!response || response.userId !== input.userId) {
          return fail(
            'checkin.not_yours',
            'That check-in belongs to someone else.',
            '`/standup` to answer your own.',
          );
        }
        checkin = await repos.checkins.find(input.teamId, response.checkinId);
      } else {
        const mine = await repos.checkins.forMember(input.teamId, input.userId);
        if (mine.length === 0) {
          return fail(
            'checkin.none',
            "You're not in any check-in yet.",
            '`/standup join #team`, or `/standup list` to see them.',
          );
        }
        checkin =
          mine.find((s) => s.days.includes(isoWeekday(localToday(clock.now(), checkinZone(s, member.tz))))) ??
          null;
        if (!checkin) {
          return fail(
            'checkin.not_today',
            'None of your check-ins runs today.',
            '`/standup list` shows their days.',
          );
        }
        response = await todaysResponse(checkin, member);
      }
      if (!checkin || !response)
        return fail('checkin.not_found', 'That check-in no longer exists.', '`/standup list`');
      const today = localToday(clock.now(), checkinZone(checkin, member.tz));
      if (response.localDate !== today) {
        return fail(
          'checkin.past_day',
          `That check-in was for ${formatDayLabel(response.localDate)}; answers can be changed only on the same day.`,
          "`/standup` to answer today's.",
        );
      }
      return ok({
        responseId: response.id,
        channelId: checkin.channelId,
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
      const response = await repos.checkinResponses.findById(input.teamId, input.responseId);
      const checkin = response ? await repos.checkins.find(input.teamId, response.checkinId) : null;
      if (!response || !checkin)
        return fail('checkin.not_found', 'That check-in no longer exists.', '`/standup list`');
      const answers: string[] = [];
      for (const [i, question] of response.questions.entries()) {
        const answer = parseAnswer(input.answers[i] ?? '');
        if (!answer.ok)
          return fail(answer.error.code, `${question} — ${answer.error.message}`, answer.error.hint);
        answers.push(answer.value);
      }
      const updated = response.status === 'submitted';
      await finish(checkin, response, answers, member);
      return ok({ updated });
    },
  };
  return service;
}
