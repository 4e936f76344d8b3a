import type { AuditRecord } from '../../domain/audit.js';
import type { AuditPort } from '../../services/ports.js';
import type { Database } from '../client.js';
import { auditLog } from '../schema.js';

export function createAuditRepository({ db }: { db: Database }) {
  return {
    async record(entry: AuditRecord): Promise<void> {
      await db.insert(auditLog).values(entry);
    },
  } satisfies AuditPort;
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
