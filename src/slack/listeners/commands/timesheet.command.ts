import type { App } from '@slack/bolt';
import { logHelpMessage } from '../../blocks/help.blocks.js';
import { plainMessage } from '../../blocks/message.js';
import { timesheetMessage } from '../../blocks/timesheet.blocks.js';
import { uploadToDm } from '../../file-uploader.js';
import { answer, type ListenerDeps, problem } from '../context.js';

export function registerTimesheetCommand(app: App, deps: ListenerDeps): void {
  app.command('/timesheet', async ({ command, ack, respond, client }) => {
    await ack();
    const text = command.text.trim();
    await answer(deps, respond, 'command:/timesheet', async () => {
      if (/^(help|\?)$/i.test(text)) return logHelpMessage();
      const exportArgs = /^export\b(.*)$/i.exec(text);
      if (exportArgs) {
        const result = await deps.services.exports.forCommand({
          teamId: command.team_id,
          userId: command.user_id,
          text: exportArgs[1] ?? '',
        });
        if (!result.ok) return problem(result.error);
        const { filename, csv, rowCount, range } = result.value;
        const summary = `${rowCount} ${rowCount === 1 ? 'entry' : 'entries'}, ${range.label}`;
        await uploadToDm(client, {
          userId: command.user_id,
          filename,
          title: filename,
          content: csv,
          comment: `Your Punchcard export: ${summary}.`,
        });
        return plainMessage(
          rowCount === 0
            ? `No entries in ${range.label}; I sent the empty CSV (header only) to your DM as ${filename}.`
            : `Sent ${summary} to your DM as ${filename}.`,
        );
      }
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
