import { ROLES, type Role } from '../../../../domain/roles.js';
import { parseUserMention } from '../../../../domain/slack-mentions.js';
import { notARole, ROLE_ARGS_MISSING, roleSetMessage } from '../../../blocks/punchcard.blocks.js';
import { problem } from '../../context.js';
import type { Handler } from '../router.js';

/** `/punchcard role @user manager|contractor|admin`: admins grant roles. */
export const role: Handler = async ({ deps, teamId, userId, args }) => {
  const [mention, roleWord] = args;
  const targetUserId = mention ? parseUserMention(mention) : null;
  if (!targetUserId || !roleWord || args.length !== 2) return problem(ROLE_ARGS_MISSING);
  const role = roleWord.toLowerCase() as Role;
  if (!ROLES.includes(role)) return problem(notARole(roleWord));
  const result = await deps.services.members.setRole({ teamId, actorId: userId, targetUserId, role });
  if (!result.ok) return problem(result.error);
  const { member, previous, changed } = result.value;
  return roleSetMessage({
    targetUserId,
    role,
    previous,
    changed,
    staysAdmin: member.effectiveRole === 'admin' && role !== 'admin',
  });
};
