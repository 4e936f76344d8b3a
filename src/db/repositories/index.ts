import type { Database } from '../client.js';
import { createAuditRepository } from './audit.repository.js';
import { createCheckinResponsesRepository } from './checkin-responses.repository.js';
import { createCheckinsRepository } from './checkins.repository.js';
import { createDeliveriesRepository } from './deliveries.repository.js';
import { createDigestsRepository } from './digests.repository.js';
import { createExportRepository } from './export.repository.js';
import { createMembersRepository } from './members.repository.js';
import { createMilestonesRepository } from './milestones.repository.js';
import { createProcessedEventsRepository } from './processed-events.repository.js';
import { createProjectsRepository } from './projects.repository.js';
import { createTimeEntriesRepository } from './time-entries.repository.js';
import { createTimeOffRepository } from './time-off.repository.js';

function bind(db: Database) {
  return {
    members: createMembersRepository({ db }),
    timeEntries: createTimeEntriesRepository({ db }),
    audit: createAuditRepository({ db }),
    projects: createProjectsRepository({ db }),
    processedEvents: createProcessedEventsRepository({ db }),
    checkins: createCheckinsRepository({ db }),
    checkinResponses: createCheckinResponsesRepository({ db }),
    timeOff: createTimeOffRepository({ db }),
    deliveries: createDeliveriesRepository({ db }),
    milestones: createMilestonesRepository({ db }),
    digests: createDigestsRepository({ db }),
    exports: createExportRepository({ db }),
  };
}

export type RepositorySet = ReturnType<typeof bind>;

export interface Repositories extends RepositorySet {
  /** Runs `fn` in one database transaction with repositories bound to it: all of it commits, or none. */
  transaction<T>(fn: (tx: RepositorySet) => Promise<T>): Promise<T>;
}

export function createRepositories({ db }: { db: Database }): Repositories {
  return {
    ...bind(db),
    transaction: (fn) => db.transaction((tx) => fn(bind(tx as unknown as Database))),
  };
}
