import type { KnownBlock } from '@slack/types';
import { MAX_NOTE_LENGTH } from '../../domain/log-command.js';
import { MAX_PROJECT_NAME_LENGTH } from '../../domain/projects.js';
import { characters } from '../../domain/text-length.js';
import type { SlackMessage } from './message.js';
import { escapeMrkdwn } from './text.js';

const LOG_HELP = [
  '*Log time:* `/log <duration> <category> [note…] [when]`',
  '• Duration: `2h`, `1.5h` or `1,5h`, `1h30m`, `1h 30m`, `90m`, `45 mins`, `2 hours`, `2hrs`, `1:30` (1m to 24h; at most 24h a day)',
  '• Category: one word, like `design` or `meetings`; a project key (such as `acme-web`) logs to that project',
  `• Note (optional): up to ${characters(MAX_NOTE_LENGTH)}; each &, < and > counts as 4 or 5`,
  '• When (optional, first or last): `today`, `yesterday`, a weekday like `mon` (the latest one, today included), or `2026-11-20`. Up to 60 days back, never ahead.',
  '',
  '*Examples*',
  '`/log 2h design`',
  '`/log 1h30m acme-web fix login yesterday`',
  '`/log mon 45m meetings sprint planning`',
  '',
  '`/log` on its own opens a form. Each entry comes with *Undo* and *Edit*; see and fix your week with `/timesheet`.',
].join('\n');

const TIMESHEET_HELP = [
  '*Timesheet:* `/timesheet [this week|last week|month|last month|today|yesterday|YYYY-MM-DD..YYYY-MM-DD] [@user]`',
  'Weeks start on Monday in your own timezone. Managers and admins can add `@user` to see someone else’s.',
  '`/timesheet export [range] [@user|all]` — a CSV (date, member, project, category, minutes, hours, billable, rate, amount, currency, note) sent to your DM; `@user` and `all` are for managers and admins.',
].join('\n');

const PUNCHCARD_HELP = [
  '*Punchcard*',
  '`/punchcard role @user manager|contractor|admin` — admins grant roles (workspace admins and owners are admins)',
  '`/punchcard whoami` — your role and the timezone Punchcard uses for you',
  `\`/punchcard project add <key> #channel [name…]\` (a name of up to ${characters(MAX_PROJECT_NAME_LENGTH)}) · \`project rate <key> <amount> <currency>\` · \`project budget <key> <hours>h\` · \`project archive <key>\` · \`project list\``,
  '`/punchcard rate @user <amount> <currency> [project]` — a member’s rate (on one project, if named)',
  '`/punchcard digest #channel <day> <HH:MM> [zone]` · `/punchcard digest preview [#channel]` · `/punchcard digest list`',
].join('\n');

/*
 * The help shows placeholders like `<duration>`: Slack reads `<…>` as a link or mention even inside
 * code, so the text is escaped when drawn, like any other text.
 */
const helpSection = (text: string): KnownBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: escapeMrkdwn(text) },
});

export function logHelpMessage(): SlackMessage {
  return { text: escapeMrkdwn(LOG_HELP), blocks: [helpSection(LOG_HELP), helpSection(TIMESHEET_HELP)] };
}

export function punchcardHelpMessage(): SlackMessage {
  const text = [PUNCHCARD_HELP, '', LOG_HELP, '', TIMESHEET_HELP].join('\n');
  return {
    text: escapeMrkdwn(text),
    blocks: [helpSection(PUNCHCARD_HELP), helpSection(LOG_HELP), helpSection(TIMESHEET_HELP)],
  };
}

/** Help for another command (`/milestone help`), escaped like the rest. */
export function helpMessage(text: string): SlackMessage {
  return { text: escapeMrkdwn(text), blocks: [helpSection(text)] };
}
