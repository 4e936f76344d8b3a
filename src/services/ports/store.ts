import type { CheckinResponsesPort, CheckinSchedulePort, CheckinsPort, TimeOffPort } from './checkins.js';
import type { ContractsPort } from './contracts.js';
import type { DeliveriesPort, DeliveryHistoryPort } from './deliveries.js';
import type { DigestsPort } from './digests.js';
import type { HomePort } from './home.js';
import type { InvoicesPort } from './invoices.js';
import type { AuditPort, MembersPort, PersonDataPort, ProcessedEventsPort } from './people.js';
import type { OnboardingPort, ProjectPeoplePort } from './people-on-projects.js';
import type { MilestonesPort, ProjectsPort } from './projects.js';
import type { FeedbackPort, KudosPort } from './recognition.js';
import type { ExportPort, TimeEntriesPort } from './time.js';

/** Every repository port, by the name a service asks for it. Implemented by src/db/repositories. */
export interface StorePorts {
  members: MembersPort;
  audit: AuditPort;
  personData: PersonDataPort;
  processedEvents: ProcessedEventsPort;
  timeEntries: TimeEntriesPort;
  exports: ExportPort;
  projects: ProjectsPort;
  milestones: MilestonesPort;
  projectPeople: ProjectPeoplePort;
  onboarding: OnboardingPort;
  checkins: CheckinsPort;
  checkinResponses: CheckinResponsesPort;
  timeOff: TimeOffPort;
  checkinSchedule: CheckinSchedulePort;
  deliveries: DeliveriesPort & DeliveryHistoryPort;
  digests: DigestsPort;
  home: HomePort;
  kudos: KudosPort;
  feedback: FeedbackPort;
  invoices: InvoicesPort;
  contracts: ContractsPort;
}

/**
 * Several writes that commit together or not at all. A service names the ports it uses inside the
 * transaction, e.g. `UnitOfWork<Pick<StorePorts, 'timeEntries' | 'audit'>>`.
 */
export interface UnitOfWork<Tx> {
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
}

/** The whole store, as the composition root hands it to createServices; a service gets only its part. */
export type Store = StorePorts & UnitOfWork<StorePorts>;
