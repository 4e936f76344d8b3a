import { safeZone } from '../../../../domain/local-date.js';
import { auditMessage } from '../../../blocks/privacy.blocks.js';
import { problem } from '../../context.js';
import type { Handler } from '../router.js';

/** `/punchcard audit [@user] [range]`: admins read who changed what, newest first. */
export const audit: Handler = async ({ deps, teamId, userId, rest }) => {
  const result = await deps.services.privacy.audit({ teamId, userId, text: rest });
  if (!result.ok) return problem(result.error);
  const viewer = await deps.services.members.ensure(teamId, userId);
  return auditMessage(result.value, safeZone(viewer.tz));
};
