import type { App } from '@slack/bolt';
import { quoted } from '../../../domain/result.js';
import { ROLES, type Role } from '../../../domain/roles.js';
import { parseUserMention } from '../../../domain/timesheet-range.js';
import { punchcardHelpMessage } from '../../blocks/help.blocks.js';
import { plainMessage } from '../../blocks/message.js';
import { answer, type ListenerDeps, problem, teamIdOf } from '../context.js';
import { digestCommand, projectCommand, rateCommand } from './punchcard-admin.js';

const ROLE_HINT = '`/punchcard role @alice manager` (roles: manager, contractor, admin)';

export function registerPunchcardCommand(app: App, deps: ListenerDeps): void {
  app.command('/punchcard', async ({ command, ack, respond, context }) => {
    await ack();
    const [sub = '', ...args] = command.text.trim().split(/\s+/).filter(Boolean);
    const ctx = {
      deps,
      teamId: teamIdOf(context),
      userId: command.user_id,
      channelId: command.channel_id,
      sendExtra: async (reply: Parameters<typeof respond>[0] & object) => {
        await respond({ response_type: 'ephemeral', ...(reply as object) });
      },
    };
    await answer(deps, respond, 'command:/punchcard', async () => {
      switch (sub.toLowerCase()) {
        case 'project':
        case 'projects':
          return projectCommand(ctx, args);
        case 'rate':
          return rateCommand(ctx, args);
        case 'digest':
          return digestCommand(ctx, args);
        case '':
        case 'help':
          return punchcardHelpMessage();
        case 'whoami': {
          const actor = await deps.services.members.actor(command.team_id, command.user_id);
          return plainMessage(
            `You are a *${actor.role}* in Punchcard. Your days follow *${actor.member.tz}* (your Slack timezone).`,
          );
        }
        case 'role': {
          const [mention, roleWord] = args;
          const targetUserId = mention ? parseUserMention(mention) : null;
          if (!targetUserId || !roleWord || args.length !== 2) {
            return problem({ message: 'Name one person and one role.', hint: ROLE_HINT });
          }
          const role = roleWord.toLowerCase() as Role;
          if (!ROLES.includes(role)) {
            return problem({ message: `\`${quoted(roleWord)}\` is not a role.`, hint: ROLE_HINT });
          }
          const result = await deps.services.members.setRole({
            teamId: command.team_id,
            actorId: command.user_id,
            targetUserId,
            role,
          });
          if (!result.ok) return problem(result.error);
          const { member, previous, changed } = result.value;
          const note =
            member.effectiveRole === 'admin' && role !== 'admin'
              ? ' They stay an admin while they are a Slack workspace admin or listed in ADMIN_USER_IDS.'
              : '';
          return plainMessage(
            changed
              ? `<@${targetUserId}> is now a *${role}* (was ${previous}).${note}`
              : `<@${targetUserId}> is already a *${role}*.${note}`,
          );
        }
        default:
          return problem({
            message: `I don't know \`/punchcard ${quoted(sub)}\`.`,
            hint: '`/punchcard help`',
          });
      }
    });
  });
}
