import { addDays, daysBetween } from './local-date.js';
import { fail, ok, quoted, type Result } from './result.js';
import { characters, slackLength } from './text-length.js';

/* `/feedback @user`: private feedback from a manager, and feedback reminders. */

/** The longest answer in each of the form's two fields, as Slack counts it once drawn. */
export const FEEDBACK_MAX_LENGTH = 2000;
/** The longest thread reply kept (Slack's own message limit is far higher; a reply is a sentence or two). */
export const FEEDBACK_REPLY_MAX_LENGTH = 2000;

export const FEEDBACK_EXAMPLE = '`/feedback @ada`';
export const REMINDER_EXAMPLE = '`/punchcard feedback-reminder acme-web every 4 weeks`';

export interface NewFeedback {
  teamId: string;
  managerId: string;
  personId: string;
  wentWell: string;
  toImprove: string;
  rating: number | null;
  /** When it was sent, by the app's clock. */
  createdAt: Date;
}

export interface FeedbackView extends NewFeedback {
  id: number;
  managerName: string;
  personName: string;
  dmChannelId: string | null;
  messageTs: string | null;
  acknowledgedAt: Date | null;
  replies: Array<{ userId: string; text: string; createdAt: Date }>;
}

export interface FeedbackReminder {
  id: number;
  teamId: string;
  projectId: number;
  projectKey: string;
  managerId: string;
  everyWeeks: number;
  startDate: string;
  tz: string;
}

/** The form's fields, checked: both texts required and within the limit, the rating 1–5 or none. */
export function parseFeedbackForm(input: {
  wentWell: string | null | undefined;
  toImprove: string | null | undefined;
  rating: string | null | undefined;
}): Result<{ wentWell: string; toImprove: string; rating: number | null }> & {
  field?: 'went_well' | 'to_improve' | 'rating';
} {
  const wentWell = (input.wentWell ?? '').trim();
  const toImprove = (input.toImprove ?? '').trim();
  for (const [field, text] of [
    ['went_well', wentWell],
    ['to_improve', toImprove],
  ] as const) {
    if (text === '')
      return { ...fail('feedback.empty', 'Write a sentence or two here.', FEEDBACK_EXAMPLE), field };
    const length = slackLength(text);
    if (length > FEEDBACK_MAX_LENGTH)
      return {
        ...fail(
          'feedback.too_long',
          `That's ${characters(length)}; at most ${characters(FEEDBACK_MAX_LENGTH)}.`,
          FEEDBACK_EXAMPLE,
        ),
        field,
      };
  }
  let rating: number | null = null;
  if (input.rating) {
    const n = Number(input.rating);
    if (!Number.isInteger(n) || n < 1 || n > 5)
      return {
        ...fail('feedback.rating', 'Pick a rating from 1 to 5, or none.', FEEDBACK_EXAMPLE),
        field: 'rating',
      };
    rating = n;
  }
  return ok({ wentWell, toImprove, rating });
}

/** `every 4 weeks`, `every 2w`, `every week`, `off`: the weeks between reminders (0 for off). */
export function parseReminderEvery(words: readonly string[]): Result<number> {
  const text = words.join(' ').trim().toLowerCase();
  if (text === 'off' || text === 'stop') return ok(0);
  const m = /^every\s+(?:(\d{1,3})\s*)?(weeks?|w)$/.exec(text);
  if (!m)
    return fail(
      'reminder.every_invalid',
      text === '' ? 'Say how often, like `every 4 weeks`.' : `I can't read \`${quoted(text)}\` as how often.`,
      REMINDER_EXAMPLE,
    );
  const weeks = m[1] === undefined ? 1 : Number(m[1]);
  if (weeks < 1 || weeks > 52)
    return fail('reminder.every_range', 'Remind every 1 to 52 weeks.', REMINDER_EXAMPLE);
  return ok(weeks);
}

/**
 * The reminder day at or before `today`: `startDate` plus a whole number of periods. The first is a
 * period after the reminder was set (none on the day it is set). Null before the first.
 */
export function reminderDayDue(startDate: string, everyWeeks: number, today: string): string | null {
  const period = everyWeeks * 7;
  const days = daysBetween(startDate, today);
  if (days < period) return null;
  return addDays(startDate, Math.floor(days / period) * period);
}
