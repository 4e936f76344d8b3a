/** One change a person made to someone's data (an entry edit or delete, a role change), as audited. */
export interface AuditRecord {
  teamId: string;
  actorId: string;
  /** The person the change is about; `NO_SUBJECT` for changes about no one (a project's rate). */
  subjectUserId: string;
  entity: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
}

/** The subject of a change about no one person: a project added, archived or given a rate. */
export const NO_SUBJECT = '-';

/** An audit record as read back, with its id and when it was written. */
export interface AuditEntry extends AuditRecord {
  id: number;
  createdAt: Date;
}

/** Which audit records to read: newest first, optionally about (or by) one person, within instants. */
export interface AuditQuery {
  teamId: string;
  userId: string | null;
  /** Inclusive start and exclusive end; null for no bound. */
  from: Date | null;
  to: Date | null;
  /** Only records older than this id (the next page). */
  beforeId: number | null;
  limit: number;
}
