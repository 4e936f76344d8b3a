import type { Middleware, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { splitLogCommand } from '../../../../domain/subcommand.js';
import { FEEDBACK_HELP, helpMessage } from '../../../blocks/help.blocks.js';
import type { ListenerDeps } from '../../context.js';
import { commandListener, type Handler, type Router } from '../router.js';

const help: Handler = async () => helpMessage(FEEDBACK_HELP);

/** `/feedback @user`: opens the feedback form; alone or `help`, its help. */
export const FEEDBACK: Router = {
  routes: {
    '': { run: help },
    help: { run: help },
    '?': { run: help },
  },
  otherwise: help,
};

export function feedbackCommand(deps: ListenerDeps): Middleware<SlackCommandMiddlewareArgs> {
  return commandListener(deps, '/feedback', splitLogCommand, FEEDBACK);
}
