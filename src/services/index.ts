import type { Repositories } from '../db/repositories/index.js';
import type { Logger } from '../logger.js';
import { createAlertsService } from './alerts.service.js';
import { createCheckinPrompts } from './checkins/prompts.service.js';
import { createCheckinService } from './checkins.service.js';
import { createDigestService } from './digest.service.js';
import { createDirectorySweep } from './directory-sweep.js';
import { createExportService } from './export.service.js';
import { createHomeService } from './home.service.js';
import { createMemberService } from './members.service.js';
import { createOutbox } from './outbox/outbox.js';
import type { ChannelMessenger, CheckinMessenger, Clock, SlackDirectory } from './ports.js';
import { createProjectsService } from './projects.service.js';
import { createTick } from './tick.js';
import { createTimeLogService } from './time-log.service.js';
import { createTimesheetService } from './timesheet.service.js';

export function createServices(deps: {
  repos: Repositories;
  directory: SlackDirectory;
  messenger: CheckinMessenger;
  channels: ChannelMessenger;
  clock: Clock;
  logger: Logger;
  adminUserIds: readonly string[];
  defaultTz: string;
}) {
  const { repos, clock, messenger, channels, logger, defaultTz } = deps;
  const members = createMemberService(deps);
  // Every scheduled send (check-ins, alerts, digests, the directory sweep) goes through this one outbox.
  const outbox = createOutbox({ deliveries: repos.deliveries, logger });
  const projects = createProjectsService({ repos, members, channels, clock });
  const digests = createDigestService({ repos, members, channels, clock, outbox, defaultTz });
  const checkinPrompts = createCheckinPrompts({ repos, messenger, clock, outbox });
  const alerts = createAlertsService({
    repos,
    channels,
    clock,
    outbox,
    defaultTz,
    milestoneView: projects.milestoneView,
  });
  return {
    members,
    timeLog: createTimeLogService({ repos, members, clock, defaultTz }),
    timesheet: createTimesheetService({ repos, members, clock }),
    exports: createExportService({ repos, members, clock }),
    checkins: createCheckinService({ repos, members, messenger, clock }),
    projects,
    digests,
    home: createHomeService({ repos, members, clock, milestoneView: projects.milestoneView }),
    tick: createTick({
      checkins: checkinPrompts,
      alerts,
      digests,
      events: repos.processedEvents,
      directory: createDirectorySweep({ repos, members, outbox }),
    }),
    events: repos.processedEvents,
  };
}

export type Services = ReturnType<typeof createServices>;
