import { and, desc, eq, gte, lt, or } from 'drizzle-orm';
import type { AuditEntry, AuditQuery, AuditRecord } from '../../domain/audit.js';
import type { AuditPort } from '../../services/ports.js';
import type { Database } from '../client.js';
import { auditLog } from '../schema.js';

export function createAuditRepository({ db }: { db: Database }) {
  return {
    async record(entry: AuditRecord): Promise<void> {
      await db.insert(auditLog).values(entry);
    },
    async list(query: AuditQuery): Promise<AuditEntry[]> {
      return db
        .select()
        .from(auditLog)
        .where(
          and(
            eq(auditLog.teamId, query.teamId),
            query.userId
              ? or(eq(auditLog.subjectUserId, query.userId), eq(auditLog.actorId, query.userId))
              : undefined,
            query.from ? gte(auditLog.createdAt, query.from) : undefined,
            query.to ? lt(auditLog.createdAt, query.to) : undefined,
            query.beforeId !== null ? lt(auditLog.id, query.beforeId) : undefined,
          ),
        )
        .orderBy(desc(auditLog.id))
        .limit(query.limit);
    },
  } satisfies AuditPort;
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
