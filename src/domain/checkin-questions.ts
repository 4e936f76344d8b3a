import { fail, ok, type Result } from './result.js';
import { characters, slackLength } from './text-length.js';

/* What a check-in asks and what counts as an answer: questions, their limits, blockers. */

export const DEFAULT_QUESTIONS = [
  'What did you get done since your last check-in?',
  'What are you working on today?',
  'Anything blocking you?',
];
export const MAX_QUESTIONS = 10;
export const MAX_QUESTION_LENGTH = 200;
/**
 * One answer, as Slack counts it. Ten questions of 200 and ten answers of 800 (one of them quoted as
 * a blocker) still fit in one channel post: Slack refuses a message with more than about 12,000
 * characters of block text (msg_blocks_too_long).
 */
export const MAX_ANSWER_LENGTH = 800;

/** A check-in answer as typed (DM or form): trimmed, not empty, within MAX_ANSWER_LENGTH. */
export function parseAnswer(text: string): Result<string> {
  const answer = text.trim();
  if (answer === '') {
    return fail(
      'answer.empty',
      'That answer is empty.',
      'send a few words, or a dash if there is nothing to say.',
    );
  }
  const length = slackLength(answer);
  if (length > MAX_ANSWER_LENGTH) {
    return fail(
      'answer.too_long',
      `That answer is ${characters(length)} long — keep each answer to ${MAX_ANSWER_LENGTH} or fewer (&, < and > count as 4–5).`,
      'send it again, shorter: put the details in a doc or a thread and link to it.',
    );
  }
  return ok(answer);
}

const NO_BLOCKER = new Set([
  '',
  'no',
  'none',
  'nope',
  '-',
  'n/a',
  'na',
  'nothing',
  'no blockers',
  'no blocker',
  'nothing blocking',
  'all good',
]);

/** True for an answer to the blocker question that reports a blocker (anything but 'no', 'none', 'n/a', … or empty). */
export function isBlocker(answer: string): boolean {
  const normalized = answer
    .trim()
    .toLowerCase()
    .replace(/[.!?,;:…\s]+$/, '')
    .replace(/\s+/g, ' ');
  return !NO_BLOCKER.has(normalized);
}

/** Which question is the blocker question: the first whose text matches /block/i, else -1. */
export function blockerQuestionIndex(questions: readonly string[]): number {
  return questions.findIndex((q) => /block/i.test(q));
}

/** A question about hours ('How many hours today?', 'Hours worked?'): time logging stays with /log. */
export function isHoursQuestion(question: string): boolean {
  // "hours" alone is not enough: "What did you do in the last 24 hours?" is a fine check-in question.
  return (
    /\b(?:hours?|hrs)\b/i.test(question) &&
    /\b(?:how many|how much|worked|spent|spend|log|logged|logging|track|tracked|billed|billable)\b/i.test(
      question,
    )
  );
}

/** The questions that are actually asked, in order, without hours questions. */
export function askedQuestions(questions: readonly string[]): string[] {
  return questions.filter((q) => !isHoursQuestion(q));
}

const QUESTIONS_HINT = '`What are you working on today?` — one question per line';

/** Validates an edited question list: trims, drops empty lines, 1..10 questions, each at most 200 chars. */
export function parseQuestions(lines: readonly string[]): Result<string[]> {
  const questions = lines.map((line) => line.trim()).filter((line) => line !== '');
  if (questions.length === 0) {
    return fail('questions.empty', 'A check-in needs at least one question.', QUESTIONS_HINT);
  }
  if (askedQuestions(questions).length === 0) {
    return fail(
      'questions.empty',
      'Hours are logged with /log, so questions about hours are never asked — add at least one other question.',
      QUESTIONS_HINT,
    );
  }
  if (questions.length > MAX_QUESTIONS) {
    return fail(
      'questions.too_many',
      `That's ${questions.length} questions — a check-in can ask at most ${MAX_QUESTIONS}.`,
      QUESTIONS_HINT,
    );
  }
  // Counted as Slack counts it once drawn (&, < and > escaped), so every question fits where it is shown.
  const index = questions.findIndex((q) => slackLength(q) > MAX_QUESTION_LENGTH);
  if (index !== -1) {
    return fail(
      'questions.too_long',
      `Question ${index + 1} is ${characters(slackLength(questions[index] ?? ''))} long — keep each question to ${MAX_QUESTION_LENGTH} or fewer.`,
      QUESTIONS_HINT,
    );
  }
  return ok(questions);
}
