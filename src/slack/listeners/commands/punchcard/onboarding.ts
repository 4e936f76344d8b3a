import { onboardingModal } from '../../../blocks/onboarding.blocks.js';
import { onboardMessage } from '../../../blocks/project-people.blocks.js';
import { afterChange, problem } from '../../context.js';
import type { Handler } from '../router.js';

/** `/punchcard onboarding <key>`: the project's checklist in a modal, for its managers. */
export const onboarding: Handler = async ({ deps, teamId, userId, args, client, triggerId, responseUrl }) => {
  const result = await deps.services.onboarding.editor({ teamId, actorId: userId, key: args[0] });
  if (!result.ok) return problem(result.error);
  await client.views.open({
    trigger_id: triggerId,
    view: onboardingModal({ ...result.value, responseUrl }),
  });
  return null;
};

/** `/punchcard onboard @user <key>`: DMs them the checklist now (again, if they had it). */
export const onboard: Handler = async ({ deps, teamId, userId, args }) => {
  const [mention, key] = args;
  const result = await deps.services.projectPeople.onboard({ teamId, actorId: userId, mention, key });
  if (!result.ok) return problem(result.error);
  afterChange(deps, teamId, result.value.userId);
  return onboardMessage({ key: result.value.project.key, ...result.value });
};
