import { MAX_DAY_MINUTES } from '../domain/duration.js';
import { localToday, safeZone } from '../domain/local-date.js';
import { type ParsedLog, parseLogCommand } from '../domain/log-command.js';
import { type FormResult, type LogForm, parseLogForm } from '../domain/log-form.js';
import { ok, type Result } from '../domain/result.js';
import type { EntrySource } from '../domain/time-entry.js';
import type { MemberService, MemberWithRole } from './members.service.js';
import type { Clock, TimeEntriesPort, UnitOfWork } from './ports.js';
import { createEntryChangesService } from './time-log/entry-changes.service.js';
import { dayLimitError, type LoggedEntry, Refused, resolveProject, toForm } from './time-log/entry-rules.js';

/*
 * Logging time: new entries from `/log` and the log form (here); editing, Undo and restoring them
 * (time-log/entry-changes.service.ts); the day limit and rates they share (time-log/entry-rules.ts).
 */

function createLoggingService(deps: {
  repos: UnitOfWork<{ timeEntries: TimeEntriesPort }>;
  members: MemberService;
  clock: Clock;
  /** The workspace's default zone (DEFAULT_TZ), for a first guess at "today" before the member is read. */
  defaultTz?: string;
}) {
  const { repos, members, clock } = deps;
  const contextFor = (member: MemberWithRole) => ({ now: clock.now(), zone: safeZone(member.tz) });

  async function save(
    member: MemberWithRole,
    parsed: ParsedLog,
    meta: { source: EntrySource; rawText: string; idempotencyKey: string | null },
  ): Promise<Result<LoggedEntry>> {
    const today = localToday(clock.now(), safeZone(member.tz));
    const { teamId, userId } = member;
    // Keys are Slack ids (trigger_id, view.id) that a payload names: scoped to the person, so
    // another person's id can never show (or dedupe against) someone else's entry.
    const idempotencyKey = meta.idempotencyKey ? `${userId}:${meta.idempotencyKey}` : null;
    try {
      return await repos.transaction(async (tx) => {
        // The member's lock first (their writes wait for each other), and with it what an earlier
        // request with the same key logged: a retry gets that back, whatever has changed since.
        const { seen, project: found } = await tx.timeEntries.lockMember(teamId, userId, {
          idempotencyKey,
          projectKey: parsed.category,
        });
        if (seen) {
          const dayTotal = await tx.timeEntries.dayTotal(teamId, userId, seen.workDate);
          return ok({ entry: seen, dayTotal, today, created: false });
        }
        const project = resolveProject(found, member);
        if (!project.ok) return project;
        // The rate snapshot: later rate changes never move this entry's amount.
        const { rateMinor, currency } = project.value;
        const { entry, created, dayTotal } = await tx.timeEntries.insert({
          teamId,
          userId,
          workDate: parsed.workDate,
          minutes: parsed.minutes,
          category: parsed.category,
          projectId: project.value.projectId,
          note: parsed.note,
          billable: true,
          rateMinor,
          currency: rateMinor === null ? null : currency,
          rawText: meta.rawText,
          source: meta.source,
          idempotencyKey,
        });
        // Past 24h the insert is undone: the day's total comes with the insert, the entry in it.
        if (created && dayTotal > MAX_DAY_MINUTES)
          throw new Refused(dayLimitError(entry.workDate, dayTotal - entry.minutes, entry.minutes));
        return ok({ entry, dayTotal, today, created });
      });
    } catch (error) {
      if (error instanceof Refused) return error.result;
      throw error;
    }
  }

  return {
    /** `/log <duration> <category> [note…] [when]` from a slash command. */
    async logFromCommand(input: {
      teamId: string;
      userId: string;
      text: string;
      idempotencyKey: string | null;
    }): Promise<Result<LoggedEntry>> {
      // Most mistakes (no duration, a bad category, a long note) do not depend on the person's
      // zone: refuse those before reading the member, so a typo costs no query and no users.info.
      const early = parseLogCommand(input.text, { now: clock.now(), zone: 'UTC' });
      if (!early.ok && !early.error.code.startsWith('when.')) return early;
      const member = await members.ensure(input.teamId, input.userId);
      const parsed = parseLogCommand(input.text, contextFor(member));
      if (!parsed.ok) return parsed;
      return save(member, parsed.value, {
        source: 'slash',
        rawText: input.text,
        idempotencyKey: input.idempotencyKey,
      });
    },

    /** The log modal's submission; errors come back per field so the modal can show them in place. */
    async logFromForm(input: {
      teamId: string;
      userId: string;
      form: LogForm;
      idempotencyKey: string | null;
      source?: EntrySource;
    }): Promise<FormResult<LoggedEntry>> {
      const member = await members.ensure(input.teamId, input.userId);
      const parsed = parseLogForm(input.form, contextFor(member));
      if (!parsed.ok) return parsed;
      const saved = await save(member, parsed.value, {
        source: input.source ?? 'modal',
        rawText: '',
        idempotencyKey: input.idempotencyKey,
      });
      return toForm(saved);
    },

    /** Today in the workspace's default zone: right for most people, and needs no query. */
    defaultToday(): string {
      return localToday(clock.now(), safeZone(deps.defaultTz));
    },

    async memberToday(teamId: string, userId: string): Promise<{ member: MemberWithRole; today: string }> {
      const member = await members.ensure(teamId, userId);
      return { member, today: localToday(clock.now(), safeZone(member.tz)) };
    },
  };
}

export function createTimeLogService(
  deps: Parameters<typeof createLoggingService>[0] & Parameters<typeof createEntryChangesService>[0],
) {
  return { ...createLoggingService(deps), ...createEntryChangesService(deps) };
}

export type TimeLogService = ReturnType<typeof createTimeLogService>;
