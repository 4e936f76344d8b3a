import { parseDurationPrefix } from './duration.js';
import {
  type LogContext,
  noteTooLong,
  type ParsedLog,
  parseCategory,
  validateWorkDate,
} from './log-command.js';

export type LogFormField = 'duration' | 'category' | 'date' | 'note';
export type FieldErrors = Partial<Record<LogFormField, string>>;
export type FormResult<T> = { ok: true; value: T } | { ok: false; fieldErrors: FieldErrors };

export interface LogForm {
  duration: string;
  category: string;
  date: string | null;
  note: string | null;
}

/**
 * The modal's fields, checked with the same rules as `/log`. Every field is checked so the
 * person sees all their mistakes at once, each under its own input.
 */
export function parseLogForm(
  form: LogForm,
  ctx: LogContext,
  options: { keepDate?: string } = {},
): FormResult<ParsedLog> {
  const errors: FieldErrors = {};
  const duration = parseDurationPrefix(form.duration.trim());
  let minutes = 0;
  if (!duration.ok) errors.duration = `${duration.error.message} For example: 1h 30m`;
  else if (duration.value.rest !== '') errors.duration = 'Only a duration goes here, like 2h, 1h 30m or 45m.';
  else minutes = duration.value.minutes;

  const category = parseCategory(form.category.trim());
  if (!category.ok) errors.category = `${category.error.message} For example: design`;

  let workDate = '';
  if (!form.date) errors.date = 'Pick the day you worked.';
  // An entry already older than the back-dating window can still be corrected on its own day.
  else if (form.date === options.keepDate) workDate = form.date;
  else {
    const date = validateWorkDate(form.date, ctx);
    if (!date.ok) errors.date = date.error.message;
    else workDate = date.value;
  }

  const note = form.note?.trim() ? form.note.trim() : null;
  const tooLong = note ? noteTooLong(note) : null;
  if (tooLong) errors.note = tooLong;

  if (Object.keys(errors).length > 0 || !category.ok) return { ok: false, fieldErrors: errors };
  return { ok: true, value: { minutes, category: category.value, note, workDate } };
}
