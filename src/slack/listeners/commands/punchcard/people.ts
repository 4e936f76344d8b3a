import { splitSubcommand } from '../../../../domain/subcommand.js';
import { echoedWord, unknownSubcommand } from '../../../blocks/errors.blocks.js';
import { MEMBER_USAGE } from '../../../blocks/help.blocks.js';
import {
  managerSetMessage,
  membersAddedMessage,
  membersListMessage,
  membersRemovedMessage,
} from '../../../blocks/project-people.blocks.js';
import { afterChange, problem } from '../../context.js';
import { type Handler, nested, type Router } from '../router.js';

/** `project member add <key> @user…` */
const addMembers: Handler = async ({ deps, teamId, userId, args }) => {
  const [key, ...people] = args;
  const result = await deps.services.projectPeople.addMembers({ teamId, actorId: userId, key, people });
  if (!result.ok) return problem(result.error);
  for (const id of result.value.added) afterChange(deps, teamId, id);
  afterChange(deps, teamId, userId);
  return membersAddedMessage({ key: result.value.project.key, ...result.value });
};

/** `project member remove <key> @user…` */
const removeMembers: Handler = async ({ deps, teamId, userId, args }) => {
  const [key, ...people] = args;
  const result = await deps.services.projectPeople.removeMembers({ teamId, actorId: userId, key, people });
  if (!result.ok) return problem(result.error);
  for (const id of result.value.removed) afterChange(deps, teamId, id);
  afterChange(deps, teamId, userId);
  return membersRemovedMessage({ key: result.value.project.key, ...result.value });
};

/** `/punchcard project member …` */
export const MEMBER: Router = {
  routes: {
    add: { usage: MEMBER_USAGE.add, run: addMembers },
    remove: { usage: MEMBER_USAGE.remove, run: removeMembers },
  },
  otherwise: async ({ word }) =>
    problem(unknownSubcommand(`/punchcard project member ${echoedWord(word ?? '')}`, MEMBER_USAGE.add)),
};

export const member: Handler = nested(MEMBER, splitSubcommand);

/** `project members <key>` */
export const members: Handler = async ({ deps, teamId, args }) => {
  const result = await deps.services.projectPeople.list({ teamId, key: args[0] });
  if (!result.ok) return problem(result.error);
  const { project, ...rest } = result.value;
  return membersListMessage({ key: project.key, archived: project.archivedAt !== null, ...rest });
};

/** `project manager <key> @user`, `project manager remove <key> @user` (`add` may be said too). */
export const manager: Handler = async ({ deps, teamId, userId, args }) => {
  const verb = args[0]?.toLowerCase();
  // `remove` and `add` are verbs only when a key and a person follow: a project may be called `remove`.
  const said = (verb === 'remove' || verb === 'add') && args.length >= 3;
  const [key, ...people] = said ? args.slice(1) : args;
  const result = await deps.services.projectPeople.setManager({
    teamId,
    actorId: userId,
    key,
    people,
    remove: said && verb === 'remove',
  });
  if (!result.ok) return problem(result.error);
  afterChange(deps, teamId, result.value.userId);
  return managerSetMessage({ key: result.value.project.key, ...result.value });
};
