import type { DomainError } from '../../../domain/result.js';
import type { CheckinAnswersView } from '../../../services/ports.js';
import { hintLine } from '../errors.blocks.js';
import { ActionId } from '../ids.js';
import type { SlackMessage } from '../message.js';
import { escapeMrkdwn } from '../text.js';

/* The check-in's DMs: the prompt (or reminder), each next question, and the thanks once posted. */

/** The DM that opens (or reminds about) a check-in: the current question, or a form instead. */
export function promptMessage(input: {
  channelId: string;
  question: string;
  index: number;
  total: number;
  responseId: number;
  reminder: boolean;
}): SlackMessage {
  const intro = input.reminder
    ? `Reminder: your check-in for <#${input.channelId}> is still open.`
    : `Time for your check-in for <#${input.channelId}>.`;
  const question = `*${escapeMrkdwn(input.question)}* (${input.index + 1}/${input.total})`;
  return {
    text: `${intro} ${escapeMrkdwn(input.question)}`,
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: `${intro}\nReply here, one message per question.\n\n${question}` },
      },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: ActionId.checkinOpenForm,
            text: { type: 'plain_text', text: 'Answer in a form' },
            value: String(input.responseId),
          },
        ],
      },
    ],
  };
}

export function nextQuestionMessage(input: { question: string; index: number; total: number }): SlackMessage {
  const text = `*${escapeMrkdwn(input.question)}* (${input.index + 1}/${input.total})`;
  return {
    text: escapeMrkdwn(input.question),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
  };
}

export function confirmationMessage(input: {
  view: CheckinAnswersView;
  posted: boolean;
  updated: boolean;
}): SlackMessage {
  const where = `<#${input.view.channelId}>`;
  const text = !input.posted
    ? `Thanks, your answers are saved, but I couldn't post them in ${where}: I've asked the check-in's owner to invite me.`
    : input.updated
      ? `Updated your check-in in ${where}.`
      : `Thanks! Your check-in is posted in ${where}.`;
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: ActionId.checkinEditAnswers,
            text: { type: 'plain_text', text: 'Edit answers' },
            value: String(input.view.responseId),
          },
          {
            type: 'button',
            action_id: ActionId.openLogModal,
            text: { type: 'plain_text', text: 'Log time' },
            value: 'standup',
          },
        ],
      },
    ],
  };
}

/* Plain DM replies about answers. */

/** An answer sent by DM that was not recorded: the same question stays open. */
export function dmAnswerRefusedText(problem: Pick<DomainError, 'message' | 'hint'>): string {
  return `${problem.message} Nothing was saved, and the question is still open. ${hintLine(problem.hint)}`;
}

export const NO_CHECKIN_WAITING_TEXT =
  'No check-in is waiting for you right now. `/standup` answers today’s check-in early; `/log 2h design` logs time.';

export const DM_ANSWER_FAILED_TEXT =
  'Something went wrong on our side and that answer was not saved. Please send it again.';

/** A DM answer that was saved, though what should follow it did not go out: sending it again would save it twice. */
export function dmAnswerSavedText(missing: 'next_question_not_sent' | 'answers_not_posted'): string {
  return missing === 'next_question_not_sent'
    ? "Got it, that answer is saved. I couldn't send you the next question just now: `/standup` opens the rest of today's check-in."
    : "Got it, your answers are saved, but something went wrong after that, so they may not be in the check-in's channel yet. `/standup` opens them; submitting the form posts them.";
}

/** The answer form was refused after it closed (the check-in changed meanwhile). */
export function submitRefusedText(error: Pick<DomainError, 'message' | 'hint'>): string {
  return `${error.message} ${hintLine(error.hint)}`;
}

export const POST_FAILED_TEXT =
  'Something went wrong on our side while posting your check-in. Your answers were not posted; please try again with `/standup`.';
