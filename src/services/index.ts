import type { Repositories } from '../db/repositories/index.js';
import { createMemberService } from './members.service.js';
import type { Clock, SlackDirectory } from './ports.js';
import { createTimeLogService } from './time-log.service.js';
import { createTimesheetService } from './timesheet.service.js';

export function createServices(deps: {
  repos: Repositories;
  directory: SlackDirectory;
  clock: Clock;
  adminUserIds: readonly string[];
}) {
  const members = createMemberService(deps);
  return {
    members,
    timeLog: createTimeLogService({ repos: deps.repos, members, clock: deps.clock }),
    timesheet: createTimesheetService({ repos: deps.repos, members, clock: deps.clock }),
    events: deps.repos.processedEvents,
  };
}

export type Services = ReturnType<typeof createServices>;
