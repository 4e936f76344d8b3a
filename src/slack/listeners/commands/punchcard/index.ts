import type { Middleware, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { splitSubcommand } from '../../../../domain/subcommand.js';
import { PUNCHCARD_USAGE, punchcardHelpMessage } from '../../../blocks/help.blocks.js';
import { unknownPunchcardWord } from '../../../blocks/punchcard.blocks.js';
import { type ListenerDeps, problem } from '../../context.js';
import { commandListener, type Handler, type Router } from '../router.js';
import { audit } from './audit.js';
import { contract } from './contract.js';
import { digest } from './digest.js';
import { feedbackReminder } from './feedback-reminder.js';
import { myData } from './my-data.js';
import { onboard, onboarding } from './onboarding.js';
import { project } from './project.js';
import { rate } from './rate.js';
import { role } from './role.js';
import { whoami } from './whoami.js';

const help: Handler = async () => punchcardHelpMessage();

/** `/punchcard <word> …`: roles, projects and their people, onboarding, rates, digests, your data and the audit; alone, its help. */
export const PUNCHCARD: Router = {
  routes: {
    '': { run: help },
    help: { run: help },
    role: { usage: PUNCHCARD_USAGE.role, run: role },
    whoami: { usage: PUNCHCARD_USAGE.whoami, run: whoami },
    project: { usage: PUNCHCARD_USAGE.project, run: project },
    projects: { run: project },
    rate: { usage: PUNCHCARD_USAGE.rate, run: rate },
    contract: { usage: PUNCHCARD_USAGE.contract, run: contract },
    digest: { usage: PUNCHCARD_USAGE.digest, run: digest },
    'feedback-reminder': { usage: PUNCHCARD_USAGE['feedback-reminder'], run: feedbackReminder },
    onboarding: { usage: PUNCHCARD_USAGE.onboarding, run: onboarding },
    onboard: { usage: PUNCHCARD_USAGE.onboard, run: onboard },
    'my-data': { usage: PUNCHCARD_USAGE['my-data'], run: myData },
    audit: { usage: PUNCHCARD_USAGE.audit, run: audit },
  },
  otherwise: async ({ word }) => problem(unknownPunchcardWord(word ?? '')),
};

export function punchcardCommand(deps: ListenerDeps): Middleware<SlackCommandMiddlewareArgs> {
  return commandListener(deps, '/punchcard', splitSubcommand, PUNCHCARD);
}
