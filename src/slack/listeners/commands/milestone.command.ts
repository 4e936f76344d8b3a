import type { App } from '@slack/bolt';
import { MAX_MILESTONE_NOTE_LENGTH, MAX_MILESTONE_TITLE_LENGTH } from '../../../domain/projects.js';
import { characters } from '../../../domain/text-length.js';
import { parseUserMention } from '../../../domain/timesheet-range.js';
import { helpMessage } from '../../blocks/help.blocks.js';
import { plainMessage } from '../../blocks/message.js';
import { milestoneLine, milestoneListMessages } from '../../blocks/milestone.blocks.js';
import { answer, type ListenerDeps, problem, teamIdOf } from '../context.js';

export const MILESTONE_HELP = [
  '*Milestones*',
  `\`/milestone add <project> <YYYY-MM-DD> <title…> [@owner]\` — managers and admins; a title of up to ${characters(MAX_MILESTONE_TITLE_LENGTH)}`,
  `\`/milestone update <id> <planned|in-progress|blocked|done|NN%> [note…]\` — the owner or a manager; a note of up to ${characters(MAX_MILESTONE_NOTE_LENGTH)}`,
  '`/milestone done <id>` · `/milestone list [project]`',
].join('\n');

export function registerMilestoneCommand(app: App, deps: ListenerDeps): void {
  app.command('/milestone', async ({ command, ack, respond, context }) => {
    await ack();
    const teamId = teamIdOf(context);
    const userId = command.user_id;
    const [sub = '', ...args] = command.text.trim().split(/\s+/).filter(Boolean);
    const projects = deps.services.projects;
    await answer(deps, respond, 'command:/milestone', async () => {
      switch (sub.toLowerCase()) {
        case '':
        case 'help':
          return helpMessage(MILESTONE_HELP);
        case 'add': {
          const [projectKey, dueDate, ...rest] = args;
          const last = rest.at(-1);
          const ownerId = last ? parseUserMention(last) : null;
          const title = (ownerId ? rest.slice(0, -1) : rest).join(' ');
          const result = await projects.addMilestone({ teamId, userId, projectKey, dueDate, title, ownerId });
          if (!result.ok) return problem(result.error);
          const view = await projects.milestoneView(result.value.milestone);
          return plainMessage(
            `Added: ${milestoneLine(view)}${result.value.warning ? `\n:warning: ${result.value.warning}` : ''}`,
          );
        }
        case 'update':
        case 'done': {
          const [id, ...rest] = args;
          const status = sub.toLowerCase() === 'done' ? 'done' : rest.shift();
          const result = await projects.updateMilestone({
            teamId,
            userId,
            id,
            status,
            note: rest.join(' ') || null,
          });
          if (!result.ok) return problem(result.error);
          const view = await projects.milestoneView(result.value.milestone);
          return plainMessage(
            `Updated: ${milestoneLine(view)}${result.value.warning ? `\n:warning: ${result.value.warning}` : ''}`,
          );
        }
        case 'list': {
          const result = await projects.listMilestones({ teamId, projectKey: args[0] });
          if (!result.ok) return problem(result.error);
          const messages = milestoneListMessages(result.value, args[0]?.toLowerCase());
          // All but the last go now, in order; the last is the command's reply.
          for (const message of messages.slice(0, -1))
            await respond({ response_type: 'ephemeral', ...message });
          return messages.at(-1) ?? null;
        }
        default:
          return problem({
            message: `I don't know \`/milestone ${sub.replace(/`/g, "'").slice(0, 30)}\`.`,
            hint: '`/milestone help`',
          });
      }
    });
  });
}
