import { answersModal } from '../../../blocks/checkin/answers-modal.blocks.js';
import { problem } from '../../context.js';
import type { Handler } from '../router.js';

/** `/standup`: today's check-in in a form, also before its time. */
export const answerNow: Handler = async (call) => {
  const form = await call.deps.services.checkins.openForm({ teamId: call.teamId, userId: call.userId });
  if (!form.ok) return problem(form.error);
  await call.client.views.open({ trigger_id: call.triggerId, view: answersModal(form.value) });
  return null;
};
