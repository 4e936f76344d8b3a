import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { DeliveryKind } from '../../domain/delivery.js';
import type {
  Invoice,
  InvoiceableEntry,
  InvoiceLine,
  InvoiceStatus,
  Period,
  StoredInvoiceLine,
} from '../../domain/invoices.js';
import type { InvoicesPort, NewInvoice } from '../../services/ports.js';
import type { Database } from '../client.js';
import {
  deliveries,
  invoiceCounters,
  invoiceLines,
  invoices,
  members,
  projects,
  timeEntries,
} from '../schema.js';
import { liveEntry } from './live-entries.js';

type InvoiceRow = Invoice;
type InvoiceLineRow = StoredInvoiceLine;

/** Which entries a draft may take: the person's live, billable entries no invoice holds yet. */
function openEntries(teamId: string, userId: string, period: Period, projectId: number | null) {
  return and(
    eq(timeEntries.teamId, teamId),
    eq(timeEntries.userId, userId),
    gte(timeEntries.workDate, period.from),
    lte(timeEntries.workDate, period.to),
    liveEntry,
    eq(timeEntries.billable, true),
    isNull(timeEntries.invoiceId),
    projectId === null ? undefined : eq(timeEntries.projectId, projectId),
  );
}

const entryColumns = {
  id: timeEntries.id,
  workDate: timeEntries.workDate,
  minutes: timeEntries.minutes,
  category: timeEntries.category,
  note: timeEntries.note,
  projectId: timeEntries.projectId,
  projectKey: projects.key,
  rateMinor: timeEntries.rateMinor,
  currency: timeEntries.currency,
};

export function createInvoicesRepository({ db }: { db: Database }) {
  /** The entries a draft takes for a period (and project), in date order. */
  const openEntriesQuery = (teamId: string, userId: string, period: Period, projectId: number | null) =>
    db
      .select(entryColumns)
      .from(timeEntries)
      .leftJoin(projects, eq(projects.id, timeEntries.projectId))
      .where(openEntries(teamId, userId, period, projectId))
      .orderBy(asc(timeEntries.workDate), asc(timeEntries.id));

  return {
    /** The entries a draft for this period (and project, for a milestone) would take, in date order. */
    async invoiceable(
      teamId: string,
      userId: string,
      period: Period,
      projectId: number | null,
    ): Promise<InvoiceableEntry[]> {
      return openEntriesQuery(teamId, userId, period, projectId);
    },

    /**
     * The same entries, row-locked for the submitting transaction: an edit or a second submit waits,
     * then finds them taken.
     */
    async lockInvoiceable(
      teamId: string,
      userId: string,
      period: Period,
      projectId: number | null,
    ): Promise<InvoiceableEntry[]> {
      return openEntriesQuery(teamId, userId, period, projectId).for('update', { of: timeEntries });
    },

    /**
     * The next number of a workspace's year. The counter row stays locked until the transaction ends,
     * so two submissions at once are numbered one after the other, and a rolled-back one leaves no gap.
     */
    async nextSeq(teamId: string, year: number): Promise<number> {
      const [row] = await db
        .insert(invoiceCounters)
        .values({ teamId, year, last: 1 })
        .onConflictDoUpdate({
          target: [invoiceCounters.teamId, invoiceCounters.year],
          set: { last: sql`${invoiceCounters.last} + 1`, updatedAt: sql`now()` },
        })
        .returning({ last: invoiceCounters.last });
      if (!row) throw new Error('invoice counter returned nothing');
      return row.last;
    },

    async insert(invoice: NewInvoice, lines: readonly InvoiceLine[]): Promise<InvoiceRow> {
      const [row] = await db.insert(invoices).values(invoice).returning();
      if (!row) throw new Error('invoice insert returned nothing');
      if (lines.length > 0)
        await db.insert(invoiceLines).values(
          lines.map((l, position) => ({
            ...l,
            invoiceId: row.id,
            teamId: row.teamId,
            userId: row.userId,
            position,
          })),
        );
      const entryIds = lines.flatMap((l) => (l.entryId === null ? [] : [l.entryId]));
      if (entryIds.length > 0)
        await db
          .update(timeEntries)
          .set({ invoiceId: row.id })
          .where(and(eq(timeEntries.teamId, row.teamId), inArray(timeEntries.id, entryIds)));
      return row;
    },

    async find(teamId: string, id: number): Promise<InvoiceRow | null> {
      const [row] = await db
        .select()
        .from(invoices)
        .where(and(eq(invoices.teamId, teamId), eq(invoices.id, id)));
      return row ?? null;
    },

    async findByNumber(teamId: string, number: string): Promise<InvoiceRow | null> {
      const [row] = await db
        .select()
        .from(invoices)
        .where(and(eq(invoices.teamId, teamId), eq(invoices.number, number)));
      return row ?? null;
    },

    async lines(invoiceId: number): Promise<InvoiceLineRow[]> {
      return db
        .select()
        .from(invoiceLines)
        .where(eq(invoiceLines.invoiceId, invoiceId))
        .orderBy(asc(invoiceLines.position));
    },

    /** The invoice number holding an entry, when one does. */
    async holding(teamId: string, entryId: number): Promise<InvoiceRow | null> {
      const [row] = await db
        .select({ invoice: invoices })
        .from(timeEntries)
        .innerJoin(invoices, eq(invoices.id, timeEntries.invoiceId))
        .where(and(eq(timeEntries.teamId, teamId), eq(timeEntries.id, entryId)));
      return row?.invoice ?? null;
    },

    /**
     * Moves an invoice from one of `from` to `to` with the given fields; null when it was not in one
     * of `from` any more (someone else decided first). Rejecting or voiding releases its entries.
     */
    async transition(
      teamId: string,
      id: number,
      from: readonly InvoiceStatus[],
      to: InvoiceStatus,
      fields: Partial<typeof invoices.$inferInsert>,
    ): Promise<InvoiceRow | null> {
      const [row] = await db
        .update(invoices)
        .set({ ...fields, status: to, updatedAt: sql`now()` })
        .where(and(eq(invoices.teamId, teamId), eq(invoices.id, id), inArray(invoices.status, [...from])))
        .returning();
      if (!row) return null;
      if (to === 'rejected' || to === 'void')
        await db
          .update(timeEntries)
          .set({ invoiceId: null })
          .where(and(eq(timeEntries.teamId, teamId), eq(timeEntries.invoiceId, id)));
      return row;
    },

    /** A person's invoices, newest first. */
    async forPerson(teamId: string, userId: string, limit: number): Promise<InvoiceRow[]> {
      return db
        .select()
        .from(invoices)
        .where(and(eq(invoices.teamId, teamId), eq(invoices.userId, userId)))
        .orderBy(desc(invoices.id))
        .limit(limit);
    },

    /** Invoices in these states, oldest first (the digest, the admin's Home). */
    async withStatus(
      teamId: string,
      statuses: readonly InvoiceStatus[],
      limit: number,
    ): Promise<InvoiceRow[]> {
      return db
        .select()
        .from(invoices)
        .where(and(eq(invoices.teamId, teamId), inArray(invoices.status, [...statuses])))
        .orderBy(asc(invoices.id))
        .limit(limit);
    },

    /** Totals per currency of each of these invoices (lists show them without reading every line). */
    async totals(
      invoiceIds: readonly number[],
    ): Promise<Map<number, Array<{ currency: string; amountMinor: number }>>> {
      const out = new Map<number, Array<{ currency: string; amountMinor: number }>>();
      if (invoiceIds.length === 0) return out;
      const rows = await db
        .select({
          invoiceId: invoiceLines.invoiceId,
          currency: invoiceLines.currency,
          amountMinor: sql<string>`sum(${invoiceLines.amountMinor})`,
        })
        .from(invoiceLines)
        .where(inArray(invoiceLines.invoiceId, [...invoiceIds]))
        .groupBy(invoiceLines.invoiceId, invoiceLines.currency)
        // Currencies in the order the invoice's lines first use them, as its PDF totals them.
        .orderBy(asc(invoiceLines.invoiceId), sql`min(${invoiceLines.position})`);
      for (const r of rows)
        out.set(r.invoiceId, [
          ...(out.get(r.invoiceId) ?? []),
          { currency: r.currency, amountMinor: Number(r.amountMinor) },
        ]);
      return out;
    },

    async approvalMessages(
      teamId: string,
      invoiceId: number,
    ): Promise<Array<{ channelId: string; ts: string }>> {
      const rows = await db
        .select({ channelId: deliveries.channelId, ts: deliveries.messageTs })
        .from(deliveries)
        .where(
          and(
            eq(deliveries.teamId, teamId),
            eq(deliveries.kind, DeliveryKind.invoiceApproval),
            eq(deliveries.subjectId, String(invoiceId)),
            eq(deliveries.status, 'sent'),
          ),
        )
        .orderBy(asc(deliveries.id));
      return rows.flatMap((r) => (r.channelId && r.ts ? [{ channelId: r.channelId, ts: r.ts }] : []));
    },

    /** The distinct projects an invoice's time lines are on. */
    async projectIds(invoiceId: number): Promise<number[]> {
      const rows = await db
        .selectDistinct({ projectId: invoiceLines.projectId })
        .from(invoiceLines)
        .where(and(eq(invoiceLines.invoiceId, invoiceId), sql`${invoiceLines.projectId} is not null`));
      return rows.flatMap((r) => (r.projectId === null ? [] : [r.projectId]));
    },

    /** Invoices in these states with a time line on one of these projects (what a manager may approve; a channel's digest). */
    async onProjects(
      teamId: string,
      projectIds: readonly number[],
      statuses: readonly InvoiceStatus[],
      limit: number,
    ): Promise<InvoiceRow[]> {
      if (projectIds.length === 0) return [];
      return db
        .select()
        .from(invoices)
        .where(
          and(
            eq(invoices.teamId, teamId),
            inArray(invoices.status, [...statuses]),
            sql`exists (select 1 from ${invoiceLines} where ${invoiceLines.invoiceId} = ${invoices.id} and ${inArray(invoiceLines.projectId, [...projectIds])})`,
          ),
        )
        .orderBy(asc(invoices.id))
        .limit(limit);
    },

    /** Invoices still waiting for approval, submitted since `since`, in every workspace (the tick). */
    async submittedSinceAllTeams(since: Date): Promise<InvoiceRow[]> {
      return db
        .select()
        .from(invoices)
        .where(and(eq(invoices.status, 'submitted'), gte(invoices.submittedAt, since)))
        .orderBy(asc(invoices.id));
    },

    /** Approved invoices unpaid past their due date, in every workspace (the tick's overdue pass). */
    async overdueAllTeams(today: string): Promise<InvoiceRow[]> {
      return db
        .select()
        .from(invoices)
        .where(and(eq(invoices.status, 'approved'), lt(invoices.dueOn, today)))
        .orderBy(asc(invoices.id));
    },

    /** A workspace's admins: granted the role, workspace admins and owners, or named in ADMIN_USER_IDS. */
    async admins(teamId: string, adminUserIds: readonly string[]): Promise<string[]> {
      const rows = await db
        .select({ userId: members.userId })
        .from(members)
        .where(
          and(
            eq(members.teamId, teamId),
            eq(members.deleted, false),
            eq(members.isBot, false),
            or(
              eq(members.role, 'admin'),
              eq(members.slackAdmin, true),
              adminUserIds.length > 0 ? inArray(members.userId, [...adminUserIds]) : undefined,
            ),
          ),
        )
        .orderBy(asc(members.userId));
      const ids = new Set(rows.map((r) => r.userId));
      for (const id of adminUserIds) ids.add(id);
      return [...ids];
    },

    /** Invoices for accounting: a status, submitted within [from, to]; every workspace or one. */
    async forAccounting(query: {
      teamId: string | null;
      status: InvoiceStatus | null;
      from: string | null;
      to: string | null;
    }): Promise<Array<{ invoice: InvoiceRow; lines: InvoiceLineRow[] }>> {
      const rows = await db
        .select()
        .from(invoices)
        .where(
          and(
            query.teamId ? eq(invoices.teamId, query.teamId) : undefined,
            query.status ? eq(invoices.status, query.status) : undefined,
            query.from ? gte(invoices.submittedOn, query.from) : undefined,
            query.to ? lte(invoices.submittedOn, query.to) : undefined,
          ),
        )
        .orderBy(asc(invoices.teamId), asc(invoices.year), asc(invoices.seq));
      if (rows.length === 0) return [];
      const lines = await db
        .select()
        .from(invoiceLines)
        .where(
          inArray(
            invoiceLines.invoiceId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(invoiceLines.invoiceId), asc(invoiceLines.position));
      const byInvoice = new Map<number, InvoiceLineRow[]>();
      for (const l of lines) byInvoice.set(l.invoiceId, [...(byInvoice.get(l.invoiceId) ?? []), l]);
      return rows.map((invoice) => ({ invoice, lines: byInvoice.get(invoice.id) ?? [] }));
    },
  } satisfies InvoicesPort;
}

export type InvoicesRepository = ReturnType<typeof createInvoicesRepository>;
