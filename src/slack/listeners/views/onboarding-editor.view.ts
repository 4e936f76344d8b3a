import type { Middleware, SlackViewMiddlewareArgs } from '@slack/bolt';
import { SETTINGS_SAVE_FAILED } from '../../blocks/errors.blocks.js';
import { OnboardingField } from '../../blocks/ids.js';
import { plainMessage } from '../../blocks/message.js';
import { parseOnboardingMetadata, parseOnboardingState, STALE_FORM } from '../../payloads.js';
import { replyAfterModal } from '../../respond.js';
import { answer, type ListenerDeps, problem, teamIdOf } from '../context.js';

/** `/punchcard onboarding`'s modal: every line checked first (errors shown on the field), then saved. */
export function onboardingEditorSubmission(deps: ListenerDeps): Middleware<SlackViewMiddlewareArgs> {
  return async ({ ack, body, view, client, context }) => {
    const meta = parseOnboardingMetadata(view.private_metadata, deps.responseUrlHosts);
    const state = parseOnboardingState(view.state.values);
    if (!meta || !state) {
      deps.logger.warn({ where: 'view:onboarding_editor', viewId: view.id }, 'onboarding payload refused');
      await ack({ response_action: 'errors', errors: { [OnboardingField.items]: STALE_FORM } });
      return;
    }
    let result: Awaited<ReturnType<typeof deps.services.onboarding.saveChecklist>>;
    try {
      result = await deps.services.onboarding.saveChecklist({
        teamId: teamIdOf(context),
        actorId: body.user.id,
        projectId: meta.projectId,
        ...state,
      });
    } catch (error) {
      deps.logger.error({ where: 'view:onboarding_editor', err: error }, 'saving the checklist failed');
      await ack({ response_action: 'errors', errors: { [OnboardingField.items]: SETTINGS_SAVE_FAILED } });
      return;
    }
    if (!result.ok && 'fieldErrors' in result) {
      await ack({ response_action: 'errors', errors: result.fieldErrors });
      return;
    }
    await ack();
    const send = (message: Parameters<typeof replyAfterModal>[2]) =>
      replyAfterModal(client, { responseUrl: meta.responseUrl, userId: body.user.id }, message);
    await answer(deps, send, 'view:onboarding_editor', async () => {
      if (!result.ok) return problem(result.error);
      const { project, items, added, removed } = result.value;
      const changes = [added ? `${added} new` : null, removed ? `${removed} taken out` : null].filter(
        Boolean,
      );
      return plainMessage(
        `Onboarding checklist for \`${project.key}\` saved: ${items} item${items === 1 ? '' : 's'}${changes.length ? ` (${changes.join(', ')})` : ''}. ` +
          `New members get it by DM; people still onboarding see the changes, with their ticks kept. \`/punchcard onboard @user ${project.key}\` sends it now.`,
      );
    });
    if (result.ok) {
      const { project } = result.value;
      await deps.services.onboarding.redrawOpen(teamIdOf(context), project.id).catch((error: unknown) => {
        deps.logger.error({ where: 'view:onboarding_editor', err: error }, 'redrawing checklists failed');
      });
    }
  };
}
