import { formatMinutes, MAX_DAY_MINUTES } from '../../domain/duration.js';
import { formatDayLabel } from '../../domain/local-date.js';
import type { FieldErrors, FormResult } from '../../domain/log-form.js';
import { fail, ok, type Result } from '../../domain/result.js';
import type { TimeEntry } from '../../domain/time-entry.js';
import type { MemberWithRole } from '../members.service.js';
import type { ProjectForMember, TimeEntriesPort } from '../ports.js';

/* What logging, editing and restoring time share: the 24h day, the rate an entry takes, the reply. */

export interface LoggedEntry {
  entry: TimeEntry;
  /** Minutes on the entry's work date after the change. */
  dayTotal: number;
  /** The member-local date today, so the confirmation can say "today". */
  today: string;
  /** False when the same request was seen before (Slack retry, double submit): nothing new was written. */
  created: boolean;
  /** The project's key, when the person logged to a project they are not on (saved, and flagged). */
  offProject?: string;
  /** The person's own project keys, closest first, when the category is no project. */
  suggestions?: string[];
}

/**
 * Refuses a change that would put more than 24h on one of the member's days. Takes the member's row
 * lock first, so two writes at once cannot both pass: call it inside the write's transaction.
 */
export async function overDayLimit(
  tx: { timeEntries: TimeEntriesPort },
  member: MemberWithRole,
  workDate: string,
  minutes: number,
  excludeId?: number,
): Promise<Result<never> | null> {
  await tx.timeEntries.lockMember(member.teamId, member.userId);
  const already = await tx.timeEntries.dayTotal(member.teamId, member.userId, workDate, excludeId);
  return already + minutes <= MAX_DAY_MINUTES ? null : dayLimitError(workDate, already, minutes);
}

/** The refusal of `minutes` more on a day that holds `already`, past the 24h a day holds. */
export function dayLimitError(workDate: string, already: number, minutes: number): Result<never> {
  return fail(
    'day.over_limit',
    `That would make ${formatMinutes(already + minutes)} on ${formatDayLabel(workDate)}, and a day holds at most 24h. You already have ${formatMinutes(already)} there, so log at most ${formatMinutes(MAX_DAY_MINUTES - already)} more that day, or fix an entry.`,
    `\`/timesheet ${workDate}..${workDate}\``,
  );
}

/**
 * The rate an entry on `found` (the project its category names, if any) takes for this member, by
 * precedence: member-on-project, then project, then the member's own rate. Refused on an archived
 * project.
 */
export function resolveProject(
  found: ProjectForMember | null,
  member: MemberWithRole,
): Result<{ projectId: number | null; rateMinor: number | null; currency: string | null }> {
  const own = { rateMinor: member.rateMinor, currency: member.rateMinor === null ? null : member.currency };
  if (!found) return ok({ projectId: null, ...own });
  const { project, memberRate } = found;
  if (project.archivedAt) {
    return fail(
      'project.archived',
      `Project \`${project.key}\` is archived, so it takes no more time.`,
      'Log it under another category, e.g. `/log 2h design`, or ask a manager to unarchive the project.',
    );
  }
  if (memberRate) return ok({ projectId: project.id, ...memberRate });
  if (project.rateMinor !== null)
    return ok({ projectId: project.id, rateMinor: project.rateMinor, currency: project.currency });
  return ok({ projectId: project.id, ...own });
}

/** A form's answer: a refusal shown on the field it is about (a project's on the category, else the duration). */
export function toForm(result: Result<LoggedEntry>): FormResult<LoggedEntry> {
  if (result.ok) return result;
  const field: keyof FieldErrors = result.error.code.startsWith('project.') ? 'category' : 'duration';
  return { ok: false, fieldErrors: { [field]: `${result.error.message} ${result.error.hint}` } };
}
