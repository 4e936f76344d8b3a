import { localToday, safeZone } from '../../domain/local-date.js';
import { type FormResult, type LogForm, parseLogForm } from '../../domain/log-form.js';
import { fail, ok, type Result } from '../../domain/result.js';
import { canChangeEntry } from '../../domain/roles.js';
import { entrySnapshot, type TimeEntry } from '../../domain/time-entry.js';
import type { MemberService } from '../members.service.js';
import type {
  AuditPort,
  Clock,
  InvoicesPort,
  MembersPort,
  ProjectsPort,
  TimeEntriesPort,
  UnitOfWork,
} from '../ports.js';
import { type LoggedEntry, overDayLimit, resolveProject, toForm } from './entry-rules.js';

const noEntry = () =>
  fail('entry.not_found', 'That entry no longer exists.', 'See your entries with `/timesheet`.');
const notYours = () =>
  fail(
    'entry.forbidden',
    'Only the person who logged an entry can change it.',
    'See your own entries with `/timesheet`.',
  );

/** Editing, deleting (Undo) and restoring logged time: the owner only, each change audited. */
export function createEntryChangesService(deps: {
  repos: { timeEntries: TimeEntriesPort; projects: ProjectsPort; invoices: InvoicesPort } & UnitOfWork<{
    members: MembersPort;
    timeEntries: TimeEntriesPort;
    audit: AuditPort;
    invoices: InvoicesPort;
  }>;
  members: MemberService;
  clock: Clock;
}) {
  const { repos, members, clock } = deps;

  async function ownedEntry(teamId: string, userId: string, entryId: number): Promise<Result<TimeEntry>> {
    const entry = await repos.timeEntries.find(teamId, entryId);
    if (!entry) return noEntry();
    if (!canChangeEntry({ userId, role: 'contractor' }, entry.userId)) return notYours();
    if (entry.invoiceId !== null) return lockedEntry(repos, teamId, entryId);
    return ok(entry);
  }

  /** The refusal for an entry on an invoice: which invoice, and who can reopen it. */
  async function lockedEntry(
    reader: { invoices: InvoicesPort },
    teamId: string,
    entryId: number,
  ): Promise<Result<never>> {
    const invoice = await reader.invoices.holding(teamId, entryId);
    const number = invoice?.number ?? 'an invoice';
    const reopen =
      invoice?.status === 'approved'
        ? 'Only an admin can reopen it, by voiding the invoice'
        : 'An approver can reopen it by rejecting the invoice, or an admin by voiding it';
    return fail(
      'entry.invoiced',
      `That entry is on invoice ${number}, so it can't be changed. ${reopen}.`,
      `\`/invoice void ${invoice?.number ?? 'INV-2026-0042'} <reason>\` (admins)`,
    );
  }

  /** An update that found nothing: locked meanwhile by a submitted invoice, or gone (read in `tx`). */
  async function lostRace(
    tx: { timeEntries: TimeEntriesPort; invoices: InvoicesPort },
    teamId: string,
    entryId: number,
  ): Promise<Result<never>> {
    const now = await tx.timeEntries.find(teamId, entryId);
    return now && now.invoiceId !== null ? lockedEntry(tx, teamId, entryId) : noEntry();
  }

  return {
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
      const ctx = { now: clock.now(), zone: safeZone(member.tz) };
      const before = owned.value;
      const parsed = parseLogForm(input.form, ctx, { keepDate: before.workDate });
      if (!parsed.ok) return parsed;
      const project = resolveProject(
        await repos.projects.findForMember(member.teamId, parsed.value.category, member.userId),
        member,
      );
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
        if (!after) return lostRace(tx, input.teamId, before.id);
        await tx.audit.record({
          teamId: input.teamId,
          actorId: input.userId,
          subjectUserId: before.userId,
          entity: 'time_entry',
          entityId: String(before.id),
          action: 'edit',
          before: entrySnapshot(before),
          after: entrySnapshot(after),
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
    }): Promise<Result<{ entry: TimeEntry; alreadyDeleted: boolean }>> {
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
        if (!deleted) {
          // Locked meanwhile by a submitted invoice; else lost a race with another click (deleted either way).
          const now = await tx.timeEntries.find(input.teamId, input.entryId);
          if (now && now.invoiceId !== null) return lockedEntry(tx, input.teamId, input.entryId);
          return ok({ entry: owned.value, alreadyDeleted: true });
        }
        await tx.audit.record({
          teamId: input.teamId,
          actorId: input.userId,
          subjectUserId: deleted.userId,
          entity: 'time_entry',
          entityId: String(deleted.id),
          action: 'delete',
          before: entrySnapshot(owned.value),
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
    }): Promise<Result<{ entry: TimeEntry }>> {
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
          after: entrySnapshot(restored),
        });
        return ok({ entry: restored });
      });
    },

    /** The entry, for the owner only (to fill the edit modal). */
    async entryForEdit(input: {
      teamId: string;
      userId: string;
      entryId: number;
    }): Promise<Result<TimeEntry>> {
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
  };
}
