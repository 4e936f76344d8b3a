/*
 * Everything services depend on that is not a service or a domain rule: the clock, Slack, and the
 * repositories (each a port in services/ports/, implemented in src/db/repositories). Services and
 * their adapters import ports from here.
 */
export type {
  CheckinResponsesPort,
  CheckinSchedulePort,
  CheckinsPort,
  PromptSlot,
  ReminderCandidate,
  TimeOffPort,
} from './ports/checkins.js';
export { type Clock, systemClock } from './ports/clock.js';
export type { ContractsPort, EndingContract } from './ports/contracts.js';
export type { DeliveriesPort, DeliveryHistoryPort, SilentStreak } from './ports/deliveries.js';
export type { DigestsPort } from './ports/digests.js';
export type { CheckedInToday, HomePort } from './ports/home.js';
export type { InvoicesPort, NewInvoice } from './ports/invoices.js';
export type {
  AuditPort,
  EventClaim,
  MembersPort,
  PersonDataPort,
  ProcessedEventsPort,
} from './ports/people.js';
export type {
  Checklist,
  ChecklistItem,
  ChecklistLineToSave,
  OnboardingPort,
  OnboardingProgress,
  OnboardingView,
  OverdueItem,
  PersonProject,
  ProjectPeoplePort,
  UntouchedOnboarding,
} from './ports/people-on-projects.js';
export type { BudgetUseToAlert, MilestonesPort, ProjectForMember, ProjectsPort } from './ports/projects.js';
export type { FeedbackPort, KudosPort } from './ports/recognition.js';
export {
  type ChannelMessenger,
  type CheckinAnswersView,
  type CheckinMessenger,
  DeliveryError,
  type MilestoneView,
  type OnboardingMessenger,
  type SentMessage,
  type SlackDirectory,
} from './ports/slack.js';
export type { Store, StorePorts, UnitOfWork } from './ports/store.js';
export type { ExportPort, ExportWho, TimeEntriesPort } from './ports/time.js';
