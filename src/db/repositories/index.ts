import type { UnitOfWork } from '../../services/ports.js';
import type { Database } from '../client.js';
import { createAuditRepository } from './audit.repository.js';
import { createCheckinResponsesRepository } from './checkin-responses.repository.js';
import { createCheckinScheduleRepository } from './checkin-schedule.repository.js';
import { createCheckinsRepository } from './checkins.repository.js';
import { createContractsRepository } from './contracts.repository.js';
import { createDeliveriesRepository } from './deliveries.repository.js';
import { createDigestsRepository } from './digests.repository.js';
import { createExportRepository } from './export.repository.js';
import { createFeedbackRepository } from './feedback.repository.js';
import { createHomeRepository } from './home.repository.js';
import { createInvoicesRepository } from './invoices.repository.js';
import { createKudosRepository } from './kudos.repository.js';
import { createMembersRepository } from './members.repository.js';
import { createMilestonesRepository } from './milestones.repository.js';
import { createOnboardingRepository } from './onboarding.repository.js';
import { createPersonDataRepository } from './person-data.repository.js';
import { createProcessedEventsRepository } from './processed-events.repository.js';
import { createProjectPeopleRepository } from './project-people.repository.js';
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
    checkinSchedule: createCheckinScheduleRepository({ db }),
    deliveries: createDeliveriesRepository({ db }),
    milestones: createMilestonesRepository({ db }),
    projectPeople: createProjectPeopleRepository({ db }),
    onboarding: createOnboardingRepository({ db }),
    digests: createDigestsRepository({ db }),
    exports: createExportRepository({ db }),
    home: createHomeRepository({ db }),
    kudos: createKudosRepository({ db }),
    feedback: createFeedbackRepository({ db }),
    personData: createPersonDataRepository({ db }),
    invoices: createInvoicesRepository({ db }),
    contracts: createContractsRepository({ db }),
  };
}

export type RepositorySet = ReturnType<typeof bind>;

/** Every repository, and `transaction`: runs `fn` with repositories bound to one database transaction, so all of it commits or none. */
export interface Repositories extends RepositorySet, UnitOfWork<RepositorySet> {}

/** The store services run on: each repository implements its port in services/ports/, and all of them the `Store`. */
export function createRepositories({ db }: { db: Database }): Repositories {
  return {
    ...bind(db),
    transaction: (fn) => db.transaction((tx) => fn(bind(tx as unknown as Database))),
  };
}
