import type { Middleware, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { splitSubcommand } from '../../../../domain/subcommand.js';
import { unknownStandupWord } from '../../../blocks/checkin/replies.blocks.js';
import { CHECKIN_HELP, helpMessage, STANDUP_USAGE } from '../../../blocks/help.blocks.js';
import { type ListenerDeps, problem } from '../../context.js';
import { commandListener, type Router } from '../router.js';
import { answerNow } from './answer.js';
import { create } from './create.js';
import { remove } from './delete.js';
import { edit } from './edit.js';
import { join } from './join.js';
import { leave } from './leave.js';
import { list } from './list.js';
import { off } from './off.js';
import { skip } from './skip.js';

/** `/standup <word> …`: the check-in command (it keeps the name people type). */
export const STANDUP: Router = {
  routes: {
    '': { usage: STANDUP_USAGE[''], run: answerNow },
    help: { run: async () => helpMessage(CHECKIN_HELP) },
    join: { usage: STANDUP_USAGE.join, run: join },
    leave: { usage: STANDUP_USAGE.leave, run: leave },
    skip: { usage: STANDUP_USAGE.skip, run: skip },
    off: { usage: STANDUP_USAGE.off, run: off },
    list: { usage: STANDUP_USAGE.list, run: list },
    create: { usage: STANDUP_USAGE.create, run: create },
    edit: { usage: STANDUP_USAGE.edit, run: edit },
    delete: { usage: STANDUP_USAGE.delete, run: remove },
  },
  otherwise: async (call) => problem(unknownStandupWord(call.word ?? '')),
};

export function standupCommand(deps: ListenerDeps): Middleware<SlackCommandMiddlewareArgs> {
  return commandListener(deps, '/standup', splitSubcommand, STANDUP);
}
