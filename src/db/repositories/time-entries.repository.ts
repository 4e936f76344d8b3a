import { and, asc, eq, getTableColumns, isNull, ne, sql } from 'drizzle-orm';
import type { TimeEntryPatch } from '../../domain/time-entry.js';
import type { TimeEntriesPort } from '../../services/ports.js';
import type { Database } from '../client.js';
import { members, projectMemberRates, projects, timeEntries } from '../schema.js';
import { liveEntry as live, liveEntriesBetween, minutesTotal } from './live-entries.js';

export type TimeEntryRow = typeof timeEntries.$inferSelect;
type InsertOutcome =
  | { entry: TimeEntryRow; created: boolean; dayTotal: number }
  | { overDayLimit: true; already: number };
export type NewTimeEntry = Omit<
  typeof timeEntries.$inferInsert,
  'id' | 'createdAt' | 'updatedAt' | 'deletedAt' | 'deletedBy' | 'invoiceId'
>;

/**
 * The minutes already on the day when `error` is the day gate's refusal (punchcard_day_gate in
 * migration 0010), else null. Drizzle wraps the driver's error; pg and PGlite both carry these fields.
 */
function dayLimitRefusal(error: unknown): number | null {
  const cause = (error instanceof Error && error.cause ? error.cause : error) as {
    code?: string;
    constraint?: string;
    detail?: string;
  };
  if (cause?.code !== '23514' || cause.constraint !== 'time_entries_day_limit') return null;
  return Number(cause.detail);
}

const p = sql.placeholder;

/** A text[] column as node-postgres (an array) or a driver that returns its literal gives it. */
function textArray(value: string[] | string | null): string[] {
  if (value === null) return [];
  if (Array.isArray(value)) return value;
  const inner = value.replace(/^\{|\}$/g, '');
  return inner === '' ? [] : inner.split(',').map((v) => v.replace(/^"|"$/g, ''));
}

/**
 * The two statements every `/log` runs, built once per database handle and prepared by name: Drizzle
 * does not rebuild them per request, and Postgres parses and plans each once per connection.
 */
function preparedLogQueries(db: Database) {
  const once = <T>(build: () => T) => {
    let built: T | undefined;
    return () => {
      built ??= build();
      return built;
    };
  };
  return {
    insert: once(() => {
      const inserted = db.$with('ins').as(
        db
          .insert(timeEntries)
          .values({
            teamId: p('teamId'),
            userId: p('userId'),
            workDate: p('workDate'),
            // The day gate (migration 0010) runs, and takes the member's lock, before the row is written.
            minutes: sql`punchcard_day_gate(${p('teamId')}, ${p('userId')}, ${p('workDate')}::date,
                ${p('minutes')}::integer, ${p('dayLimit')}::integer)`,
            category: p('category'),
            projectId: p('projectId'),
            note: p('note'),
            billable: p('billable'),
            rateMinor: p('rateMinor'),
            currency: p('currency'),
            rawText: p('rawText'),
            source: p('source'),
            idempotencyKey: p('idempotencyKey'),
          })
          .onConflictDoNothing()
          .returning(),
      );
      const columns = Object.keys(getTableColumns(timeEntries)) as Array<keyof TimeEntryRow>;
      return db
        .with(inserted)
        .select({
          ...(Object.fromEntries(columns.map((c) => [c, inserted[c]])) as {
            [K in keyof TimeEntryRow]: (typeof inserted)[K];
          }),
          // A fresh read of the day (what committed while the gate waited included), the new entry added.
          dayTotal: sql<number>`punchcard_day_minutes(ins.team_id, ins.user_id, ins.work_date, ins.id)
            + ins.minutes`.mapWith(Number),
        })
        .from(inserted)
        .prepare('punchcard_log_insert');
    }),
    logContext: once(() =>
      db
        .select({
          member: members,
          entry: timeEntries,
          project: projects,
          rateMinor: projectMemberRates.rateMinor,
          currency: projectMemberRates.currency,
          // Whether the person is on the project the category names (a member or one of its managers).
          onProject: sql<boolean>`exists (select 1 from project_members pm
            where pm.project_id = ${projects.id} and pm.user_id = ${members.userId})
            or exists (select 1 from project_managers pg
            where pg.project_id = ${projects.id} and pg.user_id = ${members.userId})`,
          // The person's own live project keys, for "did you mean"; read only when the category is no project.
          ownKeys: sql<string[] | string | null>`case when ${projects.id} is null then array(
            select op.key from project_members opm join projects op on op.id = opm.project_id
            where opm.team_id = ${members.teamId} and opm.user_id = ${members.userId} and op.archived_at is null
            order by op.key) end`,
        })
        .from(members)
        // A null key or project key finds nothing (`= NULL` is never true).
        .leftJoin(
          timeEntries,
          and(
            eq(timeEntries.teamId, members.teamId),
            eq(timeEntries.userId, members.userId),
            eq(timeEntries.idempotencyKey, p('idempotencyKey')),
          ),
        )
        .leftJoin(projects, and(eq(projects.teamId, members.teamId), eq(projects.key, p('projectKey'))))
        .leftJoin(
          projectMemberRates,
          and(eq(projectMemberRates.projectId, projects.id), eq(projectMemberRates.userId, members.userId)),
        )
        .where(and(eq(members.teamId, p('teamId')), eq(members.userId, p('userId'))))
        .prepare('punchcard_log_context'),
    ),
  };
}

export function createTimeEntriesRepository({ db }: { db: Database }) {
  const prepared = preparedLogQueries(db);
  /** The entry an earlier request with `entry`'s idempotency key wrote, with its day's total. */
  async function earlierEntry(entry: NewTimeEntry) {
    if (!entry.idempotencyKey) return null;
    const [existing] = await db
      .select()
      .from(timeEntries)
      .where(
        and(
          eq(timeEntries.teamId, entry.teamId),
          eq(timeEntries.userId, entry.userId),
          eq(timeEntries.idempotencyKey, entry.idempotencyKey),
        ),
      );
    if (!existing) return null;
    return {
      entry: existing,
      created: false as const,
      dayTotal: await dayTotal(existing.teamId, existing.userId, existing.workDate),
    };
  }

  /** Minutes a member has on one local date, optionally leaving one entry out (when editing it). */
  async function dayTotal(
    teamId: string,
    userId: string,
    workDate: string,
    excludeId?: number,
  ): Promise<number> {
    const [row] = await db
      .select({ total: minutesTotal })
      .from(timeEntries)
      .where(
        and(
          eq(timeEntries.teamId, teamId),
          eq(timeEntries.userId, userId),
          eq(timeEntries.workDate, workDate),
          live,
          excludeId === undefined ? undefined : ne(timeEntries.id, excludeId),
        ),
      );
    return Number(row?.total ?? 0);
  }

  return {
    /**
     * Writes one entry per idempotency key, in one statement and without a transaction around it:
     * the day gate (migration 0010) takes the member's row lock and refuses the entry when the day
     * would hold more than `dayLimit` minutes, before the row is written. A second request with the
     * same key (a retried request, a double submit) gets the first row back with `created: false`.
     * `dayTotal`: the live minutes on the entry's date with it.
     */
    async insert(entry: NewTimeEntry, dayLimit: number): Promise<InsertOutcome> {
      let row: (TimeEntryRow & { dayTotal: number }) | undefined;
      try {
        [row] = await prepared.insert().execute({
          teamId: entry.teamId,
          userId: entry.userId,
          workDate: entry.workDate,
          minutes: entry.minutes,
          dayLimit,
          category: entry.category,
          projectId: entry.projectId ?? null,
          note: entry.note ?? null,
          billable: entry.billable ?? true,
          rateMinor: entry.rateMinor ?? null,
          currency: entry.currency ?? null,
          rawText: entry.rawText ?? '',
          source: entry.source,
          idempotencyKey: entry.idempotencyKey ?? null,
        });
      } catch (error) {
        const already = dayLimitRefusal(error);
        if (already === null) throw error;
        // A retry of an entry that is already there counts it in the day: that is not a refusal.
        return (await earlierEntry(entry)) ?? { overDayLimit: true, already };
      }
      if (row) {
        const { dayTotal, ...created } = row;
        return { entry: created, created: true, dayTotal };
      }
      const existing = await earlierEntry(entry);
      if (!existing) throw new Error('time entry insert conflicted but no row holds its idempotency key');
      return existing;
    },

    /**
     * What logging needs before it writes, in one read without a lock: the member's row (null before
     * their first contact), the entry an earlier request with this idempotency key wrote, and the
     * project `projectKey` names with the member's own rate on it.
     */
    async logContext(
      teamId: string,
      userId: string,
      lookFor: { idempotencyKey: string | null; projectKey?: string | undefined },
    ) {
      const [row] = await prepared.logContext().execute({
        teamId,
        userId,
        idempotencyKey: lookFor.idempotencyKey,
        projectKey: lookFor.projectKey ?? null,
      });
      if (!row) return { member: null, seen: null, project: null, onProject: false, ownKeys: [] };
      const { member, entry, project, rateMinor, currency } = row;
      const memberRate = rateMinor === null || currency === null ? null : { rateMinor, currency };
      return {
        member,
        seen: entry,
        project: project ? { project, memberRate } : null,
        onProject: Boolean(row.onProject),
        ownKeys: textArray(row.ownKeys),
      };
    },

    /** Takes the member's row lock for the rest of the transaction: changes to their time wait for each other. */
    async lockMember(teamId: string, userId: string): Promise<void> {
      await db
        .select({ userId: members.userId })
        .from(members)
        .where(and(eq(members.teamId, teamId), eq(members.userId, userId)))
        .for('update');
    },

    async find(teamId: string, id: number): Promise<TimeEntryRow | null> {
      const [row] = await db
        .select()
        .from(timeEntries)
        .where(and(eq(timeEntries.teamId, teamId), eq(timeEntries.id, id)));
      return row ?? null;
    },

    dayTotal,

    /** Minutes per member in [from, to] across a workspace (the manager's view of the week). */
    async minutesByMember(
      teamId: string,
      from: string,
      to: string,
    ): Promise<Array<{ userId: string; minutes: number }>> {
      const rows = await db
        .select({ userId: timeEntries.userId, minutes: sql<number>`sum(${timeEntries.minutes})::int` })
        .from(timeEntries)
        .where(liveEntriesBetween(teamId, from, to))
        .groupBy(timeEntries.userId);
      return rows.map((r) => ({ userId: r.userId, minutes: Number(r.minutes) }));
    },

    async listForMember(teamId: string, userId: string, from: string, to: string): Promise<TimeEntryRow[]> {
      return db
        .select()
        .from(timeEntries)
        .where(and(liveEntriesBetween(teamId, from, to), eq(timeEntries.userId, userId)))
        .orderBy(asc(timeEntries.workDate), asc(timeEntries.createdAt), asc(timeEntries.id));
    },

    async update(teamId: string, id: number, patch: TimeEntryPatch): Promise<TimeEntryRow | null> {
      const [row] = await db
        .update(timeEntries)
        .set({ ...patch, updatedAt: sql`now()` })
        // An entry on an invoice is locked: the check is in the statement, so a submit racing an edit wins or waits.
        .where(
          and(eq(timeEntries.teamId, teamId), eq(timeEntries.id, id), live, isNull(timeEntries.invoiceId)),
        )
        .returning();
      return row ?? null;
    },

    /** Marks a live entry deleted; null when it was deleted already (a double click). */
    async softDelete(teamId: string, id: number, by: string, at: Date): Promise<TimeEntryRow | null> {
      const [row] = await db
        .update(timeEntries)
        .set({ deletedAt: at, deletedBy: by, updatedAt: sql`now()` })
        .where(
          and(eq(timeEntries.teamId, teamId), eq(timeEntries.id, id), live, isNull(timeEntries.invoiceId)),
        )
        .returning();
      return row ?? null;
    },

    async restore(teamId: string, id: number): Promise<TimeEntryRow | null> {
      const [row] = await db
        .update(timeEntries)
        .set({ deletedAt: null, deletedBy: null, updatedAt: sql`now()` })
        .where(
          and(
            eq(timeEntries.teamId, teamId),
            eq(timeEntries.id, id),
            sql`${timeEntries.deletedAt} is not null`,
          ),
        )
        .returning();
      return row ?? null;
    },
  } satisfies TimeEntriesPort;
}

export type TimeEntriesRepository = ReturnType<typeof createTimeEntriesRepository>;
