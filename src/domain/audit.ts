/** One change a person made to someone's data (an entry edit or delete, a role change), as audited. */
export interface AuditRecord {
  teamId: string;
  actorId: string;
  subjectUserId: string;
  entity: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
}
