import { parseChannelMention } from '../../../../domain/slack-mentions.js';
import { splitSubcommand } from '../../../../domain/subcommand.js';
import { PROJECT_USAGE } from '../../../blocks/help.blocks.js';
import {
  projectAddedMessage,
  projectArchivedMessage,
  projectBudgetMessage,
  projectListMessages,
  projectRateMessage,
} from '../../../blocks/project.blocks.js';
import { unknownProjectWord } from '../../../blocks/punchcard.blocks.js';
import { problem } from '../../context.js';
import { type Handler, nested, type Router, replyInOrder } from '../router.js';
import { manager, member, members } from './people.js';

/** `project add <key> #channel [name…]` */
const add: Handler = async ({ deps, teamId, userId, args }) => {
  const [key, channel, ...name] = args;
  const result = await deps.services.projects.addProject({
    teamId,
    userId,
    key,
    channelId: channel ? parseChannelMention(channel) : null,
    name: name.join(' '),
  });
  if (!result.ok) return problem(result.error);
  return projectAddedMessage(result.value);
};

/** `project rate <key> <amount> <currency>` */
const setRate: Handler = async ({ deps, teamId, userId, args }) => {
  const [key, amount, currency] = args;
  const result = await deps.services.projects.setProjectRate({ teamId, userId, key, amount, currency });
  if (!result.ok) return problem(result.error);
  return projectRateMessage(result.value);
};

/** `project budget <key> <hours>h` */
const setBudget: Handler = async ({ deps, teamId, userId, args }) => {
  const [key, budget] = args;
  const result = await deps.services.projects.setBudget({ teamId, userId, key, budget });
  if (!result.ok) return problem(result.error);
  return projectBudgetMessage(result.value);
};

/** `project archive <key>` */
const archive: Handler = async ({ deps, teamId, userId, args }) => {
  const result = await deps.services.projects.archive({ teamId, userId, key: args[0] });
  if (!result.ok) return problem(result.error);
  return projectArchivedMessage(result.value);
};

/** `project list` (also `project` alone) */
const list: Handler = async (call) => {
  const { projects, scoped } = await call.deps.services.projects.list(call.teamId, call.userId);
  return replyInOrder(call, projectListMessages(projects, scoped));
};

/** `/punchcard project …` */
export const PROJECT: Router = {
  routes: {
    add: { usage: PROJECT_USAGE.add, run: add },
    rate: { usage: PROJECT_USAGE.rate, run: setRate },
    budget: { usage: PROJECT_USAGE.budget, run: setBudget },
    archive: { usage: PROJECT_USAGE.archive, run: archive },
    list: { usage: PROJECT_USAGE.list, run: list },
    member: { usage: PROJECT_USAGE.member, run: member },
    members: { usage: PROJECT_USAGE.members, run: members },
    manager: { usage: PROJECT_USAGE.manager, run: manager },
    '': { run: list },
  },
  otherwise: async ({ word }) => problem(unknownProjectWord(word ?? '')),
};

export const project: Handler = nested(PROJECT, splitSubcommand);
