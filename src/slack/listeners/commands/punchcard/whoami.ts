import { whoamiMessage } from '../../../blocks/punchcard.blocks.js';
import type { Handler } from '../router.js';

/** `/punchcard whoami`: your role and the zone your days follow. */
export const whoami: Handler = async ({ deps, teamId, userId }) => {
  const actor = await deps.services.members.actor(teamId, userId);
  return whoamiMessage({ role: actor.role, tz: actor.member.tz });
};
