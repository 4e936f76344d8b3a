import type { BlockButtonAction, Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';
import { answersModal } from '../../blocks/checkin/answers-modal.blocks.js';
import { STALE_CHECKIN_BUTTON } from '../../blocks/errors.blocks.js';
import { parseRowIdValue } from '../../payloads.js';
import { answer, type ListenerDeps, problem, refuseUntrusted, teamIdOf } from '../context.js';

/**
 * "Answer in a form" on the prompt, and "Edit" on the channel post or the DM confirmation: the
 * person's own check-in in a modal (only the person who answered may open it).
 */
export function checkinFormAction(
  deps: ListenerDeps,
): Middleware<SlackActionMiddlewareArgs<BlockButtonAction>> {
  return async ({ ack, body, action, respond, client, context }) => {
    await ack();
    const send = async (message: Parameters<typeof respond>[0] & object) => {
      // Buttons on channel posts are shared: the refusal goes to the clicker alone.
      if (body.channel?.id) {
        await client.chat.postEphemeral({
          channel: body.channel.id,
          user: body.user.id,
          text: (message as { text: string }).text,
          blocks: (message as { blocks?: never }).blocks,
        });
      } else await respond(message);
    };
    await answer(deps, send, `action:${action.action_id}`, async () => {
      const responseId = parseRowIdValue(action.value);
      if (responseId === null)
        return refuseUntrusted(deps, `action:${action.action_id}`, STALE_CHECKIN_BUTTON);
      const form = await deps.services.checkins.openForm({
        teamId: teamIdOf(context),
        userId: body.user.id,
        responseId,
      });
      if (!form.ok) return problem(form.error);
      await client.views.open({ trigger_id: body.trigger_id, view: answersModal(form.value) });
      return null;
    });
  };
}
