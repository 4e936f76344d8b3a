import { contractModal } from '../../../blocks/contract.blocks.js';
import { problem } from '../../context.js';
import type { Handler } from '../router.js';

/** `/punchcard contract @user [project]`: checks who and what, then opens the form (nothing saved yet). */
export const contract: Handler = async ({ deps, teamId, userId, args, client, triggerId, responseUrl }) => {
  const opened = await deps.services.contracts.open({ teamId, userId, args });
  if (!opened.ok) return problem(opened.error);
  const { target, contract: current, rate, today } = opened.value;
  await client.views.open({
    trigger_id: triggerId,
    view: contractModal({
      personId: target.personId,
      projectKey: target.project?.key ?? null,
      contract: current,
      rate,
      today,
      metadata: JSON.stringify({
        personId: target.personId,
        project: target.project,
        responseUrl,
      }),
    }),
  });
  return null;
};
