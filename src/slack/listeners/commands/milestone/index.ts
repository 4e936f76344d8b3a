import type { Middleware, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { splitSubcommand } from '../../../../domain/subcommand.js';
import { helpMessage, MILESTONE_HELP, MILESTONE_USAGE } from '../../../blocks/help.blocks.js';
import { unknownMilestoneWord } from '../../../blocks/milestone.blocks.js';
import { type ListenerDeps, problem } from '../../context.js';
import { commandListener, type Handler, type Router } from '../router.js';
import { add } from './add.js';
import { list } from './list.js';
import { done, update } from './update.js';

const help: Handler = async () => helpMessage(MILESTONE_HELP);

/** `/milestone <word> …`: milestones on projects; alone, its help. */
export const MILESTONE: Router = {
  routes: {
    '': { run: help },
    help: { run: help },
    add: { usage: MILESTONE_USAGE.add, run: add },
    update: { usage: MILESTONE_USAGE.update, run: update },
    done: { usage: MILESTONE_USAGE.done, run: done },
    list: { usage: MILESTONE_USAGE.list, run: list },
  },
  otherwise: async ({ word }) => problem(unknownMilestoneWord(word ?? '')),
};

export function milestoneCommand(deps: ListenerDeps): Middleware<SlackCommandMiddlewareArgs> {
  return commandListener(deps, '/milestone', splitSubcommand, MILESTONE);
}
