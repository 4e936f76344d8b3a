import type { Middleware, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { splitLogCommand } from '../../../../domain/subcommand.js';
import { FEEDBACK_HELP, helpMessage } from '../../../blocks/help.blocks.js';
import { feedbackModal } from '../../../blocks/recognition.blocks.js';
import { type ListenerDeps, problem } from '../../context.js';
import { commandListener, type Handler, type Router } from '../router.js';

const help: Handler = async () => helpMessage(FEEDBACK_HELP);

/** `/feedback @user`: checks who it is for, then opens the form (nothing is saved until it is sent). */
const open: Handler = async ({ deps, teamId, userId, rest, client, triggerId, responseUrl }) => {
  const checked = await deps.services.feedback.checkPerson(teamId, userId, rest);
  if (!checked.ok) return problem(checked.error);
  await client.views.open({
    trigger_id: triggerId,
    view: feedbackModal({
      personId: checked.value.personId,
      metadata: JSON.stringify({ personId: checked.value.personId, responseUrl }),
    }),
  });
  return null;
};

/** `/feedback`: alone or `help`, its help; anything else names the person (splitLogCommand: help alone, else free text). */
export const FEEDBACK: Router = {
  routes: {
    '': { run: help },
    help: { run: help },
    '?': { run: help },
  },
  otherwise: open,
};

export function feedbackCommand(deps: ListenerDeps): Middleware<SlackCommandMiddlewareArgs> {
  return commandListener(deps, '/feedback', splitLogCommand, FEEDBACK);
}
