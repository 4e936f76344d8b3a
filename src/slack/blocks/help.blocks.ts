import type { KnownBlock } from '@slack/types';
import { MAX_ANSWER_LENGTH, MAX_QUESTION_LENGTH, MAX_QUESTIONS } from '../../domain/checkin-questions.js';
import { FEEDBACK_MAX_LENGTH } from '../../domain/feedback.js';
import { KUDOS_MAX_LENGTH, KUDOS_MAX_RECIPIENTS, KUDOS_PER_DAY } from '../../domain/kudos.js';
import { MAX_NOTE_LENGTH } from '../../domain/log-command.js';
import { MAX_ITEMS } from '../../domain/onboarding.js';
import {
  MAX_MILESTONE_NOTE_LENGTH,
  MAX_MILESTONE_TITLE_LENGTH,
  MAX_PROJECT_NAME_LENGTH,
} from '../../domain/projects.js';
import { characters } from '../../domain/text-length.js';
import type { SlackMessage } from './message.js';
import { escapeMrkdwn } from './text.js';

/** `/log` takes no subcommands but `help`: alone it opens the form; anything else is an entry. */
export const LOG_USAGE = { '': '`/log`' } as const;

export const LOG_HELP = [
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
  `${LOG_USAGE['']} on its own opens a form. Each entry comes with *Undo* and *Edit*; see and fix your week with \`/timesheet\`.`,
].join('\n');

/** `/timesheet`'s one subcommand; anything else is the range to show. */
export const TIMESHEET_USAGE = { export: '`/timesheet export [range] [@user|all]`' } as const;

export const TIMESHEET_HELP = [
  '*Timesheet:* `/timesheet [this week|last week|month|last month|today|yesterday|YYYY-MM-DD..YYYY-MM-DD] [@user]`',
  'Weeks start on Monday in your own timezone. A project’s managers can add `@user` to see one of its members’; admins anyone’s.',
  `${TIMESHEET_USAGE.export} — a CSV (date, member, project, category, minutes, hours, billable, rate, amount, currency, note, invoice) sent to your DM; \`@user\` and \`all\` (everyone on the projects you manage) are for a project’s managers and admins.`,
].join('\n');

/** What to type for each `/punchcard` subcommand, as its help shows it. */
export const PUNCHCARD_USAGE = {
  role: '`/punchcard role @user manager|contractor|admin`',
  whoami: '`/punchcard whoami`',
  project: '`/punchcard project add <key> #channel [name…]`',
  rate: '`/punchcard rate @user <amount> <currency> [project]`',
  contract: '`/punchcard contract @user [project]`',
  digest: '`/punchcard digest #channel <day> <HH:MM> [zone]`',
  'feedback-reminder': '`/punchcard feedback-reminder <project> every <N> weeks`',
  onboarding: '`/punchcard onboarding <key>`',
  onboard: '`/punchcard onboard @user <key>`',
  'my-data': '`/punchcard my-data`',
  audit: '`/punchcard audit [@user] [range]`',
} as const;

/** `/punchcard project …`: the first is `/punchcard`'s own usage for `project`. */
export const PROJECT_USAGE = {
  add: PUNCHCARD_USAGE.project,
  rate: '`project rate <key> <amount> <currency>`',
  budget: '`project budget <key> <hours>h`',
  archive: '`project archive <key>`',
  list: '`project list`',
  member: '`project member add|remove <key> @user…`',
  members: '`project members <key>`',
  manager: '`project manager [remove] <key> @user`',
} as const;

/** `/punchcard project member …`. */
export const MEMBER_USAGE = {
  add: '`/punchcard project member add <key> @user…`',
  remove: '`/punchcard project member remove <key> @user…`',
} as const;

/** `/punchcard digest …`: scheduling one is `/punchcard`'s own usage for `digest`. */
export const DIGEST_USAGE = {
  preview: '`/punchcard digest preview [#channel]`',
  list: '`/punchcard digest list`',
} as const;

export const PUNCHCARD_HELP = [
  '*Punchcard*',
  `${PUNCHCARD_USAGE.role} — admins grant roles (workspace admins and owners are admins)`,
  `${PUNCHCARD_USAGE.whoami} — your role and the timezone Punchcard uses for you`,
  `${PROJECT_USAGE.add} (a name of up to ${characters(MAX_PROJECT_NAME_LENGTH)}) · ${PROJECT_USAGE.rate} · ${PROJECT_USAGE.budget} · ${PROJECT_USAGE.archive} · ${PROJECT_USAGE.list}`,
  `${PROJECT_USAGE.member} · ${PROJECT_USAGE.members} · ${PROJECT_USAGE.manager} — who is on a project; its managers (whoever added it, anyone named, and admins) change them`,
  `${PUNCHCARD_USAGE.onboarding} — the welcome and checklist (up to ${MAX_ITEMS} items) new members get by DM · ${PUNCHCARD_USAGE.onboard} — send it now`,
  `${PUNCHCARD_USAGE.rate} — a member’s rate (on one project, if named), in the currency’s own decimals (\`85.50 USD\`, \`5000 JPY\`)`,
  `${PUNCHCARD_USAGE.contract} — managers and admins: a form for their contract (rate, currency, payment terms, invoice period, start, end, reference), shown on their Home tab; without one, invoices are monthly, net 30`,
  `${PUNCHCARD_USAGE.digest} · ${DIGEST_USAGE.preview} · ${DIGEST_USAGE.list}`,
  `${PUNCHCARD_USAGE['feedback-reminder']} — a project's managers get a DM listing its members due for feedback (\`off\` stops it)`,
  `${PUNCHCARD_USAGE['my-data']} — everything Punchcard holds about you, as JSON and CSV files in your DM`,
  `${PUNCHCARD_USAGE.audit} — admins: who changed what (entries, roles, rates, contracts, projects, erasures), newest first`,
].join('\n');

/** What to type for each `/standup` subcommand, as its help shows it (and hints repeat it). */
export const STANDUP_USAGE = {
  '': '`/standup`',
  join: '`/standup join #team`',
  leave: '`/standup leave #team`',
  skip: '`/standup skip`',
  off: '`/standup off 2026-12-24 2026-12-31`',
  list: '`/standup list`',
  create: '`/standup create #team 09:30 [mon-fri|daily|mon,wed,fri] [@people…]`',
  edit: '`/standup edit #team`',
  delete: '`/standup delete #team`',
} as const;

/** `/standup off …`: adding time off is `/standup`'s own usage for `off`. */
export const TIME_OFF_USAGE = {
  list: '`/standup off list`',
  clear: '`/standup off clear`',
} as const;

export const CHECKIN_HELP = [
  '*Check-ins*',
  `${STANDUP_USAGE['']} — answer today’s check-in now (also before its time)`,
  `${STANDUP_USAGE.join} · ${STANDUP_USAGE.leave}`,
  `${STANDUP_USAGE.skip} — no check-in today · ${STANDUP_USAGE.off} — time off (inclusive)`,
  `${TIME_OFF_USAGE.list} · ${TIME_OFF_USAGE.clear}`,
  `${STANDUP_USAGE.list} — the check-ins you are in (admins: all)`,
  `Answers: up to ${MAX_ANSWER_LENGTH} characters each, by DM (one message per question) or in the form.`,
  '*Managers and admins*',
  `${STANDUP_USAGE.create} — asked at 09:30 in each person’s own time zone`,
  `${STANDUP_USAGE.edit} — questions (up to ${MAX_QUESTIONS}, ${MAX_QUESTION_LENGTH} characters each), time, days, people, reminder, catch-up, time zone`,
  STANDUP_USAGE.delete,
].join('\n');

/** What to type for each `/milestone` subcommand, as its help shows it. */
export const MILESTONE_USAGE = {
  add: '`/milestone add <project> <YYYY-MM-DD> <title…> [@owner]`',
  update: '`/milestone update <id> <planned|in-progress|blocked|done|NN%> [note…]`',
  done: '`/milestone done <id>`',
  list: '`/milestone list [project]`',
} as const;

export const MILESTONE_HELP = [
  '*Milestones*',
  `${MILESTONE_USAGE.add} — managers and admins; a title of up to ${characters(MAX_MILESTONE_TITLE_LENGTH)}`,
  `${MILESTONE_USAGE.update} — the owner or a manager; a note of up to ${characters(MAX_MILESTONE_NOTE_LENGTH)}`,
  `${MILESTONE_USAGE.done} · ${MILESTONE_USAGE.list}`,
].join('\n');

/** `/kudos`: free text after the names; alone or `help`, its help. */
export const KUDOS_USAGE = { give: '`/kudos @user [@user…] <what for>`' } as const;

export const KUDOS_HELP = [
  '*Kudos*',
  `${KUDOS_USAGE.give} — thanks in public: posted in this channel (or by DM when I can't post here), and each person is told by DM`,
  `• Up to ${KUDOS_MAX_RECIPIENTS} people at once, not yourself, not bots; what for in up to ${characters(KUDOS_MAX_LENGTH)}`,
  `• At most ${KUDOS_PER_DAY} a day (counted per person thanked). Your Home tab shows the kudos you received this month.`,
  '`/kudos @ada @ben for getting the release out on Friday`',
].join('\n');

/** `/feedback @user`: the form; alone or `help`, its help. */
export const FEEDBACK_USAGE = { give: '`/feedback @user`' } as const;

export const FEEDBACK_HELP = [
  '*Feedback*',
  `${FEEDBACK_USAGE.give} — managers of a project the person is on (and admins): a form with *What went well*, *What to improve* (up to ${characters(FEEDBACK_MAX_LENGTH)} each) and an optional rating of 1–5`,
  '• Delivered privately by DM. The person can acknowledge it or reply in its thread; both of you (and admins) see it on your Home tabs.',
  `• ${PUNCHCARD_USAGE['feedback-reminder']} — a DM every N weeks listing the project's members due for feedback`,
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

/** Help for another command (`/milestone help`, `/standup help`), escaped like the rest. */
export function helpMessage(text: string): SlackMessage {
  return { text: escapeMrkdwn(text), blocks: [helpSection(text)] };
}

/** `/invoice`: a draft from your logged time; `list`; admins mark paid and void. */
export const INVOICE_HELP = [
  '*Invoices*',
  '`/invoice` — a draft for the last complete period of your contract (monthly without one), from your billable entries with a rate that no invoice holds yet; `/invoice 2026-11-01..2026-11-30` for a range',
  '`/invoice milestone <id>` — the entries on a done milestone’s project since the milestone before it',
  '• The draft opens in a form: add expense lines, then *Submit for approval*. Submitting numbers it (`INV-2026-0042`), locks its entries and asks the project’s managers to approve it by DM, with the PDF.',
  '`/invoice list` — your invoices, and those waiting for your approval',
  'Admins: `/invoice paid <number> [YYYY-MM-DD]` marks an approved invoice paid (today when no date); `/invoice void <number> <reason>` voids a submitted or approved one and unlocks its entries.',
].join('\n');
