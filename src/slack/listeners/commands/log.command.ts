import type { App } from '@slack/bolt';
import { logHelpMessage } from '../../blocks/help.blocks.js';
import { logConfirmationMessage } from '../../blocks/log-confirmation.blocks.js';
import { openLogModal } from '../../log-modal.js';
import { afterChange, answer, type ListenerDeps, problem } from '../context.js';

export function registerLogCommand(app: App, deps: ListenerDeps): void {
  app.command('/log', async ({ command, ack, respond, client }) => {
    await ack();
    const text = command.text.trim();
    await answer(deps, respond, 'command:/log', async () => {
      if (text === '') {
        await openLogModal(deps, client, {
          teamId: command.team_id,
          userId: command.user_id,
          triggerId: command.trigger_id,
          metadata: { responseUrl: command.response_url, channelId: command.channel_id },
        });
        return null;
      }
      if (/^(help|\?)$/i.test(text)) return logHelpMessage();
      const result = await deps.services.timeLog.logFromCommand({
        teamId: command.team_id,
        userId: command.user_id,
        text,
        idempotencyKey: `slash:${command.trigger_id}`,
      });
      if (!result.ok) return problem(result.error);
      if (result.value.created) afterChange(deps, command.team_id, command.user_id);
      return logConfirmationMessage(result.value);
    });
  });
}
