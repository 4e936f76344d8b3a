import type { Middleware, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { splitLogCommand } from '../../../../domain/subcommand.js';
import { LOG_USAGE, logHelpMessage } from '../../../blocks/help.blocks.js';
import type { ListenerDeps } from '../../context.js';
import { commandListener, type Handler, type Router } from '../router.js';
import { entry } from './entry.js';
import { form } from './form.js';

const help: Handler = async () => logHelpMessage();

/** `/log`: alone, the form; `help`; or else the entry to log (see splitLogCommand). */
export const LOG: Router = {
  routes: {
    '': { usage: LOG_USAGE[''], run: form },
    help: { run: help },
    '?': { run: help },
  },
  otherwise: entry,
};

export function logCommand(deps: ListenerDeps): Middleware<SlackCommandMiddlewareArgs> {
  return commandListener(deps, '/log', splitLogCommand, LOG);
}
