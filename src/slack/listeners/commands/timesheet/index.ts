import type { Middleware, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { splitTimesheetCommand } from '../../../../domain/subcommand.js';
import { logHelpMessage, TIMESHEET_USAGE } from '../../../blocks/help.blocks.js';
import type { ListenerDeps } from '../../context.js';
import { commandListener, type Handler, type Router } from '../router.js';
import { exportCsv } from './export.js';
import { sheet } from './sheet.js';

const help: Handler = async () => logHelpMessage();

/** `/timesheet`: `help`, `export …`, or else the range to show (see splitTimesheetCommand). */
export const TIMESHEET: Router = {
  routes: {
    help: { run: help },
    '?': { run: help },
    export: { usage: TIMESHEET_USAGE.export, run: exportCsv },
  },
  otherwise: sheet,
};

export function timesheetCommand(deps: ListenerDeps): Middleware<SlackCommandMiddlewareArgs> {
  return commandListener(deps, '/timesheet', splitTimesheetCommand, TIMESHEET);
}
