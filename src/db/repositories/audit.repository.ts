import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../client.js';
import { auditLog } from '../schema.js';

export type AuditRow = typeof auditLog.$inferSelect;
export type NewAuditRecord = Omit<typeof auditLog.$inferInsert, 'id' | 'createdAt'>;

export function createAuditRepository({ db }: { db: Database }) {
  return {
    async record(entry: NewAuditRecord): Promise<void> {
      await db.insert(auditLog).values(entry);
    },
    async forEntity(teamId: string, entity: string, entityId: string): Promise<AuditRow[]> {
      return db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.teamId, teamId), eq(auditLog.entity, entity), eq(auditLog.entityId, entityId)))
        .orderBy(asc(auditLog.id));
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
