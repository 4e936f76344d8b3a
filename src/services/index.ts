import type { Logger } from '../logger.js';
import { createAlertsService } from './alerts.service.js';
import { createCheckinPrompts } from './checkins/prompts.service.js';
import { createCheckinService } from './checkins.service.js';
import { createContractsService } from './contracts.service.js';
import { createDigestService } from './digest.service.js';
import { createDirectorySweep } from './directory-sweep.js';
import { createEventService } from './events.service.js';
import { createExportService } from './export.service.js';
import { createFeedbackService } from './feedback.service.js';
import { createHomeService } from './home.service.js';
import { createHomeWatch } from './home-watch.service.js';
import { createInvoiceService, type InvoiceMessenger } from './invoices.service.js';
import { createKudosService } from './kudos.service.js';
import { createMemberService } from './members.service.js';
import { createOnboardingService } from './onboarding.service.js';
import { createOutbox, type DeliveryObserver } from './outbox/outbox.js';
import { createDeliveryPrune } from './outbox/prune.js';
import type {
  ChannelMessenger,
  CheckinMessenger,
  Clock,
  OnboardingMessenger,
  SlackDirectory,
  Store,
} from './ports.js';
import { createPrivacyService, createRetention } from './privacy.service.js';
import { createProjectPeopleService } from './project-people.service.js';
import { createProjectsService } from './projects.service.js';
import { createTick } from './tick.js';
import { createTimeLogService } from './time-log.service.js';
import { createTimesheetService } from './timesheet.service.js';

export function createServices(deps: {
  store: Store;
  directory: SlackDirectory;
  messenger: CheckinMessenger;
  channels: ChannelMessenger;
  onboardingMessenger: OnboardingMessenger;
  invoiceMessenger: InvoiceMessenger;
  clock: Clock;
  logger: Logger;
  adminUserIds: readonly string[];
  defaultTz: string;
  /** Aborted when the process is stopping: the outbox claims no more sends (see createOutbox). */
  draining?: AbortSignal;
  /** Told every scheduled send's outcome (GET /metrics). */
  observeDelivery?: DeliveryObserver;
  /** RETENTION_DAYS; undefined keeps everything. */
  retentionDays?: number | undefined;
}) {
  const { store, directory, clock, messenger, channels, logger, defaultTz } = deps;
  /** The ports (and `transaction`) a service names: each gets only those. */
  const only = <K extends keyof Store>(...names: K[]): Pick<Store, K> =>
    Object.fromEntries(names.map((name) => [name, store[name]])) as Pick<Store, K>;

  const members = createMemberService({
    repos: only('members', 'transaction'),
    directory,
    adminUserIds: deps.adminUserIds,
  });
  // Every scheduled send (check-ins, alerts, digests, the directory sweep) goes through this one outbox.
  const outbox = createOutbox({
    deliveries: store.deliveries,
    logger,
    observe: deps.observeDelivery,
    ...(deps.draining ? { draining: deps.draining } : {}),
  });
  const onboarding = createOnboardingService({
    repos: only('onboarding', 'projectPeople', 'projects'),
    members,
    messenger: deps.onboardingMessenger,
    clock,
    outbox,
    logger,
  });
  const projectPeople = createProjectPeopleService({
    repos: only('projects', 'projectPeople', 'onboarding'),
    members,
    onboarding,
  });
  const projects = createProjectsService({
    repos: only('projects', 'members', 'milestones', 'projectPeople', 'transaction'),
    members,
    channels,
    clock,
  });
  const digests = createDigestService({
    repos: only('digests', 'projects', 'checkins', 'onboarding', 'kudos', 'invoices', 'projectPeople'),
    members,
    channels,
    clock,
    outbox,
    defaultTz,
  });
  const checkinPrompts = createCheckinPrompts({
    repos: only('checkins', 'checkinResponses', 'checkinSchedule'),
    messenger,
    clock,
    outbox,
  });
  const alerts = createAlertsService({
    repos: only('milestones', 'projects', 'deliveries'),
    channels,
    clock,
    outbox,
    defaultTz,
    adminUserIds: deps.adminUserIds,
    milestoneView: projects.milestoneView,
  });
  const feedback = createFeedbackService({
    repos: only('feedback', 'projects', 'projectPeople'),
    members,
    channels,
    clock,
    outbox,
  });
  const contracts = createContractsService({
    repos: only('contracts', 'projects', 'projectPeople', 'transaction'),
    members,
    channels,
    clock,
    outbox,
    defaultTz,
  });
  const invoices = createInvoiceService({
    repos: only('invoices', 'milestones', 'projectPeople', 'transaction'),
    members,
    clock,
    outbox,
    messenger: deps.invoiceMessenger,
    logger,
    adminUserIds: deps.adminUserIds,
    defaultTz,
    terms: contracts.contractFor,
  });
  const events = createEventService({ processedEvents: store.processedEvents });
  return {
    members,
    timeLog: createTimeLogService({
      repos: only('timeEntries', 'projects', 'invoices', 'transaction'),
      members,
      clock,
      defaultTz,
    }),
    timesheet: createTimesheetService({ repos: only('timeEntries', 'projectPeople'), members, clock }),
    exports: createExportService({ repos: only('exports', 'members', 'projectPeople'), members, clock }),
    checkins: createCheckinService({
      repos: only('checkins', 'checkinResponses', 'timeOff', 'projectPeople', 'transaction'),
      members,
      messenger,
      clock,
    }),
    projects,
    projectPeople,
    onboarding,
    digests,
    kudos: createKudosService({ repos: only('kudos'), members, channels, clock }),
    feedback,
    invoices,
    contracts,
    homeWatch: createHomeWatch({ repos: only('members'), clock }),
    home: createHomeService({
      repos: only(
        'timeEntries',
        'checkins',
        'timeOff',
        'milestones',
        'home',
        'kudos',
        'feedback',
        'contracts',
      ),
      members,
      clock,
      milestoneViews: projects.milestoneViews,
      projectPeople: store.projectPeople,
      onboarding,
      invoices,
    }),
    tick: createTick({
      checkins: checkinPrompts,
      alerts,
      digests,
      onboarding,
      feedback,
      invoices,
      contracts,
      events,
      deliveries: createDeliveryPrune({ deliveries: store.deliveries }),
      directory: createDirectorySweep({ repos: only('members'), members, outbox }),
      retention: createRetention({
        personData: store.personData,
        outbox,
        retentionDays: deps.retentionDays,
      }),
    }),
    privacy: createPrivacyService({
      repos: only('personData', 'audit', 'members'),
      members,
      clock,
      adminUserIds: deps.adminUserIds,
    }),
    events,
  };
}

export type Services = ReturnType<typeof createServices>;
