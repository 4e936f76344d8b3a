import type {
  Invoice,
  InvoiceableEntry,
  InvoiceDocument,
  InvoiceLine,
  InvoiceStatus,
  Period,
  StoredInvoiceLine,
} from '../../domain/invoices.js';

export type NewInvoice = Omit<
  Invoice,
  | 'id'
  | 'status'
  | 'decidedBy'
  | 'decidedAt'
  | 'rejectReason'
  | 'dueOn'
  | 'paidOn'
  | 'paidBy'
  | 'voidReason'
  | 'voidedBy'
>;

/** Invoices, their lines, their numbering and the entries they lock. */
export interface InvoicesPort {
  /** A person's live billable entries in a period (one project's, for a milestone) that no invoice holds. */
  invoiceable(
    teamId: string,
    userId: string,
    period: Period,
    projectId: number | null,
  ): Promise<InvoiceableEntry[]>;
  /** The same, row-locked until the transaction ends (submitting). */
  lockInvoiceable(
    teamId: string,
    userId: string,
    period: Period,
    projectId: number | null,
  ): Promise<InvoiceableEntry[]>;
  /** The next number of a workspace's year; its counter stays locked until the transaction ends. */
  nextSeq(teamId: string, year: number): Promise<number>;
  /** Stores an invoice with its lines and locks the entries its time lines name. */
  insert(invoice: NewInvoice, lines: readonly InvoiceLine[]): Promise<Invoice>;
  find(teamId: string, id: number): Promise<Invoice | null>;
  findByNumber(teamId: string, number: string): Promise<Invoice | null>;
  lines(invoiceId: number): Promise<StoredInvoiceLine[]>;
  /** The invoice locking an entry, if any. */
  holding(teamId: string, entryId: number): Promise<Invoice | null>;
  /** Moves an invoice out of one of `from`; null when it was no longer there. Reject and void release entries. */
  transition(
    teamId: string,
    id: number,
    from: readonly InvoiceStatus[],
    to: InvoiceStatus,
    fields: Partial<Omit<Invoice, 'id' | 'teamId' | 'status'>>,
  ): Promise<Invoice | null>;
  forPerson(teamId: string, userId: string, limit: number): Promise<Invoice[]>;
  withStatus(teamId: string, statuses: readonly InvoiceStatus[], limit: number): Promise<Invoice[]>;
  projectIds(invoiceId: number): Promise<number[]>;
  /** The approval requests sent for an invoice (their DMs), as the outbox recorded them. */
  approvalMessages(teamId: string, invoiceId: number): Promise<Array<{ channelId: string; ts: string }>>;
  /** Totals per currency of each invoice named. */
  totals(
    invoiceIds: readonly number[],
  ): Promise<Map<number, Array<{ currency: string; amountMinor: number }>>>;
  /** Invoices in these states with a time line on one of these projects. */
  onProjects(
    teamId: string,
    projectIds: readonly number[],
    statuses: readonly InvoiceStatus[],
    limit: number,
  ): Promise<Invoice[]>;
  overdueAllTeams(today: string): Promise<Invoice[]>;
  submittedSinceAllTeams(since: Date): Promise<Invoice[]>;
  admins(teamId: string, adminUserIds: readonly string[]): Promise<string[]>;
  forAccounting(query: {
    teamId: string | null;
    status: InvoiceStatus | null;
    from: string | null;
    to: string | null;
  }): Promise<InvoiceDocument[]>;
}
