import type { Middleware, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { splitLogCommand } from '../../../../domain/subcommand.js';
import { helpMessage, KUDOS_HELP } from '../../../blocks/help.blocks.js';
import { kudosGiven } from '../../../blocks/recognition.blocks.js';
import { afterChange, type ListenerDeps, problem } from '../../context.js';
import { commandListener, type Handler, type Router } from '../router.js';

const help: Handler = async () => helpMessage(KUDOS_HELP);

/** `/kudos @user [@user…] <what for>`: posted where typed, each recipient told by DM, at once. */
const give: Handler = async ({ deps, teamId, userId, channelId, rest }) => {
  const result = await deps.services.kudos.give({ teamId, userId, channelId, text: rest });
  if (!result.ok) return problem(result.error);
  // The recipients' Home tabs show the kudos they received this month.
  for (const id of result.value.recipientIds) afterChange(deps, teamId, id);
  return kudosGiven(result.value);
};

/** `/kudos`: alone or `help`, its help; anything else is a kudos (splitLogCommand: help alone, else free text). */
export const KUDOS: Router = {
  routes: {
    '': { run: help },
    help: { run: help },
    '?': { run: help },
  },
  otherwise: give,
};

export function kudosCommand(deps: ListenerDeps): Middleware<SlackCommandMiddlewareArgs> {
  return commandListener(deps, '/kudos', splitLogCommand, KUDOS);
}
