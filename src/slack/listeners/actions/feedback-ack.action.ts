import type { BlockButtonAction, Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';
import { parseRowIdValue, STALE_BUTTON } from '../../payloads.js';
import { afterChange, answer, type ListenerDeps, problem, refuseUntrusted, teamIdOf } from '../context.js';

/** Acknowledge on a feedback DM: the DM is redrawn without the button and the manager is told. */
export function feedbackAckAction(
  deps: ListenerDeps,
): Middleware<SlackActionMiddlewareArgs<BlockButtonAction>> {
  return async ({ ack, body, action, respond, context }) => {
    await ack();
    await answer(deps, respond, 'action:feedback_ack', async () => {
      const feedbackId = parseRowIdValue(action.value);
      if (feedbackId === null) return refuseUntrusted(deps, 'action:feedback_ack', STALE_BUTTON);
      const teamId = teamIdOf(context);
      const result = await deps.services.feedback.acknowledge({ teamId, userId: body.user.id, feedbackId });
      if (!result.ok) return problem(result.error);
      if (result.value.changed) {
        afterChange(deps, teamId, result.value.feedback.personId);
        afterChange(deps, teamId, result.value.feedback.managerId);
      }
      // The DM itself was redrawn in place; nothing more to say.
      return null;
    });
  };
}
