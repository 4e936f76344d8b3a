import type { BlockAction, CheckboxesAction, Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';
import { parseTickAction } from '../../payloads.js';
import { afterChange, answer, type ListenerDeps, problem, refuseUntrusted, teamIdOf } from '../context.js';

/**
 * A tick or untick on a checklist, in the DM or on the Home tab: saved at once, and the DM (and the
 * Home tab) redrawn in place with the progress.
 */
export function onboardingTickAction(
  deps: ListenerDeps,
): Middleware<SlackActionMiddlewareArgs<BlockAction<CheckboxesAction>>> {
  return async ({ ack, body, action, client, context }) => {
    await ack();
    // Problems go to the person by DM: the Home tab has no response_url, and the DM is theirs anyway.
    const send = async (reply: { text: string }) => {
      await client.chat.postMessage({ channel: body.user.id, text: reply.text });
    };
    await answer(deps, send, 'action:onboarding_tick', async () => {
      const tick = parseTickAction(action);
      if (!tick)
        return refuseUntrusted(deps, 'action:onboarding_tick', {
          message: 'That checklist is out of date.',
          hint: 'your current checklist is on your Punchcard Home tab.',
        });
      const teamId = teamIdOf(context);
      const result = await deps.services.onboarding.tick({ teamId, userId: body.user.id, ...tick });
      if (!result.ok) return problem(result.error);
      afterChange(deps, teamId, body.user.id);
      return null;
    });
  };
}
