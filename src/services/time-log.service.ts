import { MAX_DAY_MINUTES } from '../domain/duration.js';
import { localToday, safeZone } from '../domain/local-date.js';
import { type ParsedLog, parseLogCommand } from '../domain/log-command.js';
import { type FormResult, type LogForm, parseLogForm } from '../domain/log-form.js';
import { suggestProjectKeys } from '../domain/project-members.js';
import { ok, type Result } from '../domain/result.js';
import type { EntrySource, TimeEntry } from '../domain/time-entry.js';
import type { MemberService, MemberWithRole } from './members.service.js';
import type { Clock, ProjectForMember, TimeEntriesPort } from './ports.js';
import { createEntryChangesService } from './time-log/entry-changes.service.js';
import { dayLimitError, type LoggedEntry, resolveProject, toForm } from './time-log/entry-rules.js';

/*
 * Logging time: new entries from `/log` and the log form (here); editing, Undo and restoring them
 * (time-log/entry-changes.service.ts); the day limit and rates they share (time-log/entry-rules.ts).
 */

/**
 * What the confirmation adds about projects: time on a project the person is not on (saved, and
 * flagged to its managers in the digest), or their own project keys when the category is none.
 */
function projectNotes(
  context: { project: ProjectForMember | null; onProject: boolean; ownKeys: string[] },
  category: string,
): Pick<LoggedEntry, 'offProject' | 'suggestions'> {
  if (context.project) return context.onProject ? {} : { offProject: context.project.project.key };
  const suggestions = suggestProjectKeys(category, context.ownKeys);
  return suggestions.length > 0 ? { suggestions } : {};
}

function createLoggingService(deps: {
  repos: { timeEntries: TimeEntriesPort };
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
    context: {
      seen: TimeEntry | null;
      project: ProjectForMember | null;
      idempotencyKey: string | null;
      onProject: boolean;
      ownKeys: string[];
    },
    meta: { source: EntrySource; rawText: string },
  ): Promise<Result<LoggedEntry>> {
    const today = localToday(clock.now(), safeZone(member.tz));
    const { teamId, userId } = member;
    // What an earlier request with the same key logged: a retry gets that back, whatever has changed since.
    if (context.seen) {
      const dayTotal = await repos.timeEntries.dayTotal(teamId, userId, context.seen.workDate);
      return ok({ entry: context.seen, dayTotal, today, created: false });
    }
    const project = resolveProject(context.project, member);
    if (!project.ok) return project;
    // The rate snapshot: later rate changes never move this entry's amount.
    const { rateMinor, currency } = project.value;
    // One statement: the member's lock, the 24h check and the write (nothing written when refused).
    const saved = await repos.timeEntries.insert(
      {
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
        idempotencyKey: context.idempotencyKey,
      },
      MAX_DAY_MINUTES,
    );
    if ('overDayLimit' in saved) return dayLimitError(parsed.workDate, saved.already, parsed.minutes);
    return ok({ ...saved, today, ...projectNotes(context, parsed.category) });
  }

  /**
   * The member and what their entry needs, in one query for someone Punchcard knows; someone new is
   * looked up in Slack first (members.ensure), then read again.
   */
  async function prepare(teamId: string, userId: string, idempotencyKey: string | null, projectKey: string) {
    // Keys are Slack ids (trigger_id, view.id) that a payload names: scoped to the person, so
    // another person's id can never show (or dedupe against) someone else's entry.
    const key = idempotencyKey ? `${userId}:${idempotencyKey}` : null;
    const lookFor = { idempotencyKey: key, projectKey };
    const context = await repos.timeEntries.logContext(teamId, userId, lookFor);
    if (context.member) return { ...context, member: members.known(context.member), idempotencyKey: key };
    const member = await members.ensure(teamId, userId);
    return { ...(await repos.timeEntries.logContext(teamId, userId, lookFor)), member, idempotencyKey: key };
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
      // The category does not depend on the zone: with it, the member and the project come in one read.
      let category: string;
      if (early.ok) category = early.value.category;
      else {
        // A date that only the person's zone can read ("yesterday" near midnight UTC): them first.
        const inTheirZone = parseLogCommand(
          input.text,
          contextFor(await members.ensure(input.teamId, input.userId)),
        );
        if (!inTheirZone.ok) return inTheirZone;
        category = inTheirZone.value.category;
      }
      const context = await prepare(input.teamId, input.userId, input.idempotencyKey, category);
      const parsed = parseLogCommand(input.text, contextFor(context.member));
      if (!parsed.ok) return parsed;
      return save(context.member, parsed.value, context, { source: 'slash', rawText: input.text });
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
      const context = await prepare(input.teamId, input.userId, input.idempotencyKey, parsed.value.category);
      const saved = await save(context.member, parsed.value, context, {
        source: input.source ?? 'modal',
        rawText: '',
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
