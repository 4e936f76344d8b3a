import type { Middleware, SlackViewMiddlewareArgs } from '@slack/bolt';
import { describeCheckin } from '../../blocks/checkin/list.blocks.js';
import { ZONE_MISSING } from '../../blocks/checkin/settings-modal.blocks.js';
import { SETTINGS_SAVE_FAILED } from '../../blocks/errors.blocks.js';
import { plainMessage } from '../../blocks/message.js';
import { parseCheckinSettingsMetadata, parseCheckinSettingsState, STALE_FORM } from '../../payloads.js';
import { replyAfterModal } from '../../respond.js';
import { answer, type ListenerDeps, problem, teamIdOf } from '../context.js';

const FIELD_BLOCK: Record<string, string> = {
  questions: 'questions',
  time: 'time',
  days: 'days',
  participants: 'participants',
  reminder: 'reminder',
  catch_up: 'catch_up',
  zone: 'zone',
};

/** `/standup edit`'s modal: validated field by field, saved in one transaction. */
export function checkinSettingsSubmission(deps: ListenerDeps): Middleware<SlackViewMiddlewareArgs> {
  return async ({ ack, body, view, client, context }) => {
    const meta = parseCheckinSettingsMetadata(view.private_metadata, deps.responseUrlHosts);
    const v = parseCheckinSettingsState(view.state.values);
    if (!meta || !v) {
      deps.logger.warn({ where: 'view:checkin_settings', viewId: view.id }, 'settings payload refused');
      await ack({ response_action: 'errors', errors: { questions: STALE_FORM } });
      return;
    }
    const fixed = v.zoneMode === 'fixed';
    if (fixed && !v.zone) {
      await ack({ response_action: 'errors', errors: { zone: ZONE_MISSING } });
      return;
    }
    let result: Awaited<ReturnType<typeof deps.services.checkins.saveSettings>>;
    try {
      result = await deps.services.checkins.saveSettings({
        teamId: teamIdOf(context),
        actorId: body.user.id,
        checkinId: meta.checkinId,
        questions: v.questions,
        time: v.time,
        days: v.days,
        participantIds: v.participantIds,
        reminderMinutes: v.reminderMinutes,
        catchUpMinutes: v.catchUpMinutes,
        fixedTz: fixed ? v.zone : null,
      });
    } catch (error) {
      deps.logger.error({ where: 'view:checkin_settings', err: error }, 'saving check-in settings failed');
      await ack({
        response_action: 'errors',
        errors: { questions: SETTINGS_SAVE_FAILED },
      });
      return;
    }
    if (!result.ok && 'fieldErrors' in result) {
      const errors: Record<string, string> = {};
      for (const [field, message] of Object.entries(result.fieldErrors))
        if (message) errors[FIELD_BLOCK[field] ?? 'questions'] = message;
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    const send = (message: Parameters<typeof replyAfterModal>[2]) =>
      replyAfterModal(client, { responseUrl: meta.responseUrl, userId: body.user.id }, message);
    await answer(deps, send, 'view:checkin_settings', async () => {
      if (!result.ok) return problem(result.error);
      return plainMessage(`Check-in saved. ${describeCheckin(result.value)}`);
    });
  };
}
