import type { Repositories } from '../db/repositories/index.js';
import type { Logger } from '../logger.js';
import { createCheckinScheduler } from './checkin-scheduler.service.js';
import { createCheckinService } from './checkins.service.js';
import { createMemberService } from './members.service.js';
import type { CheckinMessenger, Clock, SlackDirectory } from './ports.js';
import { createTimeLogService } from './time-log.service.js';
import { createTimesheetService } from './timesheet.service.js';

export function createServices(deps: {
  repos: Repositories;
  directory: SlackDirectory;
  messenger: CheckinMessenger;
  clock: Clock;
  logger: Logger;
  adminUserIds: readonly string[];
}) {
  const { repos, clock, messenger, logger } = deps;
  const members = createMemberService(deps);
  return {
    members,
    timeLog: createTimeLogService({ repos, members, clock }),
    timesheet: createTimesheetService({ repos, members, clock }),
    checkins: createCheckinService({ repos, members, messenger, clock }),
    scheduler: createCheckinScheduler({ repos, messenger, clock, logger }),
    events: repos.processedEvents,
  };
}

export type Services = ReturnType<typeof createServices>;
