/** Where an entry was logged from. */
export type EntrySource = 'slash' | 'modal' | 'checkin';

/** Time someone logged: minutes on one of their local dates, under a category (maybe a project). */
export interface TimeEntry {
  id: number;
  teamId: string;
  userId: string;
  /** The member-local calendar date the work belongs to, never derived from UTC. */
  workDate: string;
  minutes: number;
  category: string;
  projectId: number | null;
  note: string | null;
  billable: boolean;
  /** Rate in force when written: a snapshot, so later rate changes never move old invoices. */
  rateMinor: number | null;
  currency: string | null;
  rawText: string;
  source: EntrySource;
  /** Slack's trigger_id or view id: a retried or double-submitted request writes one row. */
  idempotencyKey: string | null;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
  deletedBy: string | null;
  /** The submitted or approved invoice holding this entry: while set, it cannot be edited or deleted. */
  invoiceId: number | null;
}

export type NewTimeEntry = Omit<
  TimeEntry,
  'id' | 'createdAt' | 'updatedAt' | 'deletedAt' | 'deletedBy' | 'invoiceId'
>;

export type TimeEntryPatch = Partial<
  Pick<
    TimeEntry,
    'minutes' | 'category' | 'projectId' | 'note' | 'workDate' | 'billable' | 'rateMinor' | 'currency'
  >
>;

/** What the audit log keeps of an entry before and after a change. */
export function entrySnapshot(entry: TimeEntry) {
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
