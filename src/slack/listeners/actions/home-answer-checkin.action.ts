import type { BlockButtonAction, Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';
import { answersModal } from '../../blocks/checkin/answers-modal.blocks.js';
import { answer, type ListenerDeps, problem, teamIdOf } from '../context.js';

/** "Answer check-in" on the Home tab: today's check-in in a form, like `/standup`. */
export function homeAnswerCheckinAction(
  deps: ListenerDeps,
): Middleware<SlackActionMiddlewareArgs<BlockButtonAction>> {
  return async ({ ack, body, client, context }) => {
    await ack();
    // The Home tab has no response_url: problems come back as a DM.
    const send = async (reply: { text: string }) => {
      await client.chat.postMessage({ channel: body.user.id, text: reply.text });
    };
    await answer(deps, send, 'action:home_answer_checkin', async () => {
      const form = await deps.services.checkins.openForm({ teamId: teamIdOf(context), userId: body.user.id });
      if (!form.ok) return problem(form.error);
      await client.views.open({ trigger_id: body.trigger_id, view: answersModal(form.value) });
      return null;
    });
  };
}
