import type { App } from '@slack/bolt';
import { logHelpMessage } from '../../blocks/help.blocks.js';
import { timesheetMessage } from '../../blocks/timesheet.blocks.js';
import { answer, type ListenerDeps, problem } from '../context.js';

export function registerTimesheetCommand(app: App, deps: ListenerDeps): void {
  app.command('/timesheet', async ({ command, ack, respond }) => {
    await ack();
    const text = command.text.trim();
    await answer(deps, respond, 'command:/timesheet', async () => {
      if (/^(help|\?)$/i.test(text)) return logHelpMessage();
      const result = await deps.services.timesheet.fromCommand({
        teamId: command.team_id,
        userId: command.user_id,
        text,
      });
      if (!result.ok) return problem(result.error);
      return timesheetMessage(result.value);
    });
  });
}
