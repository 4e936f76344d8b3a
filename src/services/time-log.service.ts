import type { Repositories, RepositorySet } from '../db/repositories/index.js';
import type { TimeEntryRow } from '../db/repositories/time-entries.repository.js';
import { formatMinutes, MAX_DAY_MINUTES } from '../domain/duration.js';
import { formatDayLabel, localToday, safeZone } from '../domain/local-date.js';
import { type ParsedLog, parseLogCommand } from '../domain/log-command.js';
import { type FieldErrors, type FormResult, type LogForm, parseLogForm } from '../domain/log-form.js';
import { fail, ok, type Result } from '../domain/result.js';
import { canChangeEntry } from '../domain/roles.js';
import type { Member, MemberService } from './members.service.js';
import type { Clock } from './ports.js';

export interface LoggedEntry {
  entry: TimeEntryRow;
  /** Minutes on the entry's work date after the change. */
  dayTotal: number;
  /** The member-local date today, so the confirmation can say "today". */
  today: string;
  /** False when the same request was seen before (Slack retry, double submit): nothing new was written. */
  created: boolean;
}

type Source = TimeEntryRow['source'];

const noEntry = () =>
  fail('entry.not_found', 'That entry no longer exists.', 'See your entries with `/timesheet`.');
const notYours = () =>
  fail(
    'entry.forbidden',
    'Only the person who logged an entry can change it.',
    'See your own entries with `/timesheet`.',
  );

export function createTimeLogService(deps: {
  repos: Repositories;
  members: MemberService;
  clock: Clock;
  /** The workspace's default zone (DEFAULT_TZ), for a first guess at "today" before the member is read. */
  defaultTz?: string;
}) {
  const { repos, members, clock } = deps;
  const contextFor = (member: Member) => ({ now: clock.now(), zone: safeZone(member.tz) });

  async function overDayLimit(
    tx: RepositorySet,
    member: Member,
    workDate: string,
    minutes: number,
    excludeId?: number,
  ): Promise<Result<never> | null> {
    await tx.members.lock(member.teamId, member.userId);
    const already = await tx.timeEntries.dayTotal(member.teamId, member.userId, workDate, excludeId);
    if (already + minutes <= MAX_DAY_MINUTES) return null;
    return fail(
      'day.over_limit',
      `That would make ${formatMinutes(already + minutes)} on ${formatDayLabel(workDate)}, and a day holds at most 24h. You already have ${formatMinutes(already)} there, so log at most ${formatMinutes(MAX_DAY_MINUTES - already)} more that day, or fix an entry.`,
      `\`/timesheet ${workDate}..${workDate}\``,
    );
  }

  /**
   * The project a category names (if any) and the rate in force for this member on it, by
   * precedence: member-on-project, then project, then the member's own rate.
   */
  async function resolveProject(
    member: Member,
    category: string,
  ): Promise<Result<{ projectId: number | null; rateMinor: number | null; currency: string | null }>> {
    const own = { rateMinor: member.rateMinor, currency: member.rateMinor === null ? null : member.currency };
    const project = await repos.projects.findByKey(member.teamId, category);
    if (!project) return ok({ projectId: null, ...own });
    if (project.archivedAt) {
      return fail(
        'project.archived',
        `Project \`${project.key}\` is archived, so it takes no more time.`,
        'Log it under another category, e.g. `/log 2h design`, or ask a manager to unarchive the project.',
      );
    }
    const special = await repos.projects.memberRate(project.id, member.userId);
    if (special) return ok({ projectId: project.id, ...special });
    if (project.rateMinor !== null)
      return ok({ projectId: project.id, rateMinor: project.rateMinor, currency: project.currency });
    return ok({ projectId: project.id, ...own });
  }

  async function save(
    member: Member,
    parsed: ParsedLog,
    meta: { source: Source; rawText: string; idempotencyKey: string | null },
  ): Promise<Result<LoggedEntry>> {
    const today = localToday(clock.now(), safeZone(member.tz));
    // Keys are Slack ids (trigger_id, view.id) that a payload names: scoped to the person, so
    // another person's id can never show (or dedupe against) someone else's entry.
    const idempotencyKey = meta.idempotencyKey ? `${member.userId}:${meta.idempotencyKey}` : null;
    if (idempotencyKey) {
      const seen = await repos.timeEntries.findByIdempotencyKey(member.teamId, member.userId, idempotencyKey);
      if (seen) {
        const dayTotal = await repos.timeEntries.dayTotal(member.teamId, member.userId, seen.workDate);
        return ok({ entry: seen, dayTotal, today, created: false });
      }
    }
    const project = await resolveProject(member, parsed.category);
    if (!project.ok) return project;
    // The rate snapshot: later rate changes never move this entry's amount.
    const { rateMinor, currency } = project.value;
    return repos.transaction(async (tx) => {
      const limit = await overDayLimit(tx, member, parsed.workDate, parsed.minutes);
      if (limit) return limit;
      const { entry, created } = await tx.timeEntries.insert({
        teamId: member.teamId,
        userId: member.userId,
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
      const dayTotal = await tx.timeEntries.dayTotal(member.teamId, member.userId, entry.workDate);
      return ok({ entry, dayTotal, today, created });
    });
  }

  async function ownedEntry(teamId: string, userId: string, entryId: number): Promise<Result<TimeEntryRow>> {
    const entry = await repos.timeEntries.find(teamId, entryId);
    if (!entry) return noEntry();
    if (!canChangeEntry({ userId, role: 'contractor' }, entry.userId)) return notYours();
    return ok(entry);
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
      source?: Source;
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

    async editEntry(input: {
      teamId: string;
      userId: string;
      entryId: number;
      form: LogForm;
    }): Promise<
      FormResult<LoggedEntry> | { ok: false; error: { code: string; message: string; hint: string } }
    > {
      const owned = await ownedEntry(input.teamId, input.userId, input.entryId);
      if (!owned.ok) return owned;
      const member = await members.ensure(input.teamId, input.userId);
      const ctx = contextFor(member);
      const before = owned.value;
      const parsed = parseLogForm(input.form, ctx, { keepDate: before.workDate });
      if (!parsed.ok) return parsed;
      const project = await resolveProject(member, parsed.value.category);
      if (!project.ok) return { ok: false, fieldErrors: { category: project.error.message } };
      const result = await repos.transaction(async (tx): Promise<Result<LoggedEntry>> => {
        const limit = await overDayLimit(tx, member, parsed.value.workDate, parsed.value.minutes, before.id);
        if (limit) return limit;
        const categoryChanged = parsed.value.category !== before.category;
        const after = await tx.timeEntries.update(input.teamId, before.id, {
          minutes: parsed.value.minutes,
          category: parsed.value.category,
          note: parsed.value.note,
          workDate: parsed.value.workDate,
          // A new category may be a different project: its rate applies from now on.
          ...(categoryChanged
            ? {
                projectId: project.value.projectId,
                rateMinor: project.value.rateMinor,
                currency: project.value.currency,
              }
            : {}),
        });
        if (!after) return noEntry();
        await tx.audit.record({
          teamId: input.teamId,
          actorId: input.userId,
          subjectUserId: before.userId,
          entity: 'time_entry',
          entityId: String(before.id),
          action: 'edit',
          before: snapshot(before),
          after: snapshot(after),
        });
        const dayTotal = await tx.timeEntries.dayTotal(input.teamId, before.userId, after.workDate);
        return ok({ entry: after, dayTotal, today: localToday(ctx.now, ctx.zone), created: false });
      });
      return toForm(result);
    },

    /** Undo from the confirmation, or Delete from the timesheet: a soft delete, audited. */
    async deleteEntry(input: {
      teamId: string;
      userId: string;
      entryId: number;
    }): Promise<Result<{ entry: TimeEntryRow; alreadyDeleted: boolean }>> {
      const owned = await ownedEntry(input.teamId, input.userId, input.entryId);
      if (!owned.ok) return owned;
      if (owned.value.deletedAt) return ok({ entry: owned.value, alreadyDeleted: true });
      return repos.transaction(async (tx) => {
        const deleted = await tx.timeEntries.softDelete(
          input.teamId,
          input.entryId,
          input.userId,
          clock.now(),
        );
        // Lost a race with another click: it is deleted either way.
        if (!deleted) return ok({ entry: owned.value, alreadyDeleted: true });
        await tx.audit.record({
          teamId: input.teamId,
          actorId: input.userId,
          subjectUserId: deleted.userId,
          entity: 'time_entry',
          entityId: String(deleted.id),
          action: 'delete',
          before: snapshot(owned.value),
          after: null,
        });
        return ok({ entry: deleted, alreadyDeleted: false });
      });
    },

    /** Brings back a deleted entry, if its day still has room for it. */
    async restoreEntry(input: {
      teamId: string;
      userId: string;
      entryId: number;
    }): Promise<Result<{ entry: TimeEntryRow }>> {
      const owned = await ownedEntry(input.teamId, input.userId, input.entryId);
      if (!owned.ok) return owned;
      if (!owned.value.deletedAt) return ok({ entry: owned.value });
      const member = await members.ensure(input.teamId, input.userId);
      return repos.transaction(async (tx) => {
        const limit = await overDayLimit(tx, member, owned.value.workDate, owned.value.minutes);
        if (limit) return limit;
        const restored = await tx.timeEntries.restore(input.teamId, input.entryId);
        if (!restored) return ok({ entry: owned.value });
        await tx.audit.record({
          teamId: input.teamId,
          actorId: input.userId,
          subjectUserId: restored.userId,
          entity: 'time_entry',
          entityId: String(restored.id),
          action: 'restore',
          before: null,
          after: snapshot(restored),
        });
        return ok({ entry: restored });
      });
    },

    /** The entry, for the owner only (to fill the edit modal). */
    async entryForEdit(input: {
      teamId: string;
      userId: string;
      entryId: number;
    }): Promise<Result<TimeEntryRow>> {
      const owned = await ownedEntry(input.teamId, input.userId, input.entryId);
      if (!owned.ok) return owned;
      if (owned.value.deletedAt) {
        return fail(
          'entry.deleted',
          'That entry was deleted, so there is nothing to edit.',
          'Log it again with `/log 2h design`.',
        );
      }
      return owned;
    },

    /** Today in the workspace's default zone: right for most people, and needs no query. */
    defaultToday(): string {
      return localToday(clock.now(), safeZone(deps.defaultTz));
    },

    async memberToday(teamId: string, userId: string): Promise<{ member: Member; today: string }> {
      const member = await members.ensure(teamId, userId);
      return { member, today: localToday(clock.now(), safeZone(member.tz)) };
    },
  };
}

function toForm(result: Result<LoggedEntry>): FormResult<LoggedEntry> {
  if (result.ok) return result;
  const field: keyof FieldErrors = result.error.code.startsWith('project.') ? 'category' : 'duration';
  return { ok: false, fieldErrors: { [field]: `${result.error.message} ${result.error.hint}` } };
}

function snapshot(entry: TimeEntryRow) {
  return {
    workDate: entry.workDate,
    minutes: entry.minutes,
    category: entry.category,
    projectId: entry.projectId,
    note: entry.note,
    billable: entry.billable,
    rateMinor: entry.rateMinor,
    currency: entry.currency,
  };
}

export type TimeLogService = ReturnType<typeof createTimeLogService>;
