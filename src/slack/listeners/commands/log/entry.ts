import { logConfirmationMessage } from '../../../blocks/log-confirmation.blocks.js';
import { afterChange, problem } from '../../context.js';
import type { Handler } from '../router.js';

/** `/log 2h design [note…] [when]`: logs it, once per command (a retried request logs nothing twice). */
export const entry: Handler = async ({ deps, teamId, userId, triggerId, rest }) => {
  const result = await deps.services.timeLog.logFromCommand({
    teamId,
    userId,
    text: rest,
    idempotencyKey: `slash:${triggerId}`,
  });
  if (!result.ok) return problem(result.error);
  if (result.value.created) afterChange(deps, teamId, userId);
  return logConfirmationMessage(result.value);
};
