import { openLogModal } from '../../../log-modal.js';
import type { Handler } from '../router.js';

/** `/log` alone: the log form; its confirmation comes back where the command was typed. */
export const form: Handler = async ({ deps, client, teamId, userId, triggerId, responseUrl, channelId }) => {
  await openLogModal(deps, client, { teamId, userId, triggerId, metadata: { responseUrl, channelId } });
  return null;
};
