import type { HomeView, KnownBlock } from '@slack/types';
import { formatMinutes } from '../../domain/duration.js';
import { formatDayLabel, formatRangeLabel } from '../../domain/local-date.js';
import type { CheckinState, HomeModel } from '../../services/home.service.js';
import { contractLines } from './contract.blocks.js';
import { packLines } from './fit.js';
import { ActionId } from './ids.js';
import { invoiceOverviewBlocks } from './invoice.blocks.js';
import { milestoneLine } from './milestone.blocks.js';
import { homeChecklistBlocks, progressLineFor } from './onboarding.blocks.js';
import { feedbackHomeLine, kudosLine } from './recognition.blocks.js';
import { escapeMrkdwn } from './text.js';

/** What a manager who manages no project yet is told where the team's data would be. */
export const NO_MANAGED_PROJECT_HINT =
  "You manage no project yet, so you see only your own time. A project's managers (whoever added it, and anyone named with `/punchcard project manager acme-web @you`) see its members' hours; workspace admins see everyone's.";

/** The most projects the Home tab lists for one person. */
const PROJECT_LINES = 100;

function projectLines(model: HomeModel): string[] {
  if (model.projects.length === 0)
    return [
      'You are not on any project yet: a project manager adds you with `/punchcard project member add`.',
    ];
  const lines = model.projects.slice(0, PROJECT_LINES).map(({ project, member, manager }) => {
    const role = [member ? 'member' : null, manager ? 'manager' : null].filter(Boolean).join(', ');
    const name = project.name ? ` ${escapeMrkdwn(project.name)}` : '';
    return `\`${project.key}\`${name} · ${role}${project.archivedAt ? ' · _archived_' : ''}`;
  });
  return [...lines, ...more(model.projects.length - lines.length)];
}

const SECTION_LIMIT = 3000;
/** Slack allows 100 blocks on the Home tab; leave room for the fixed parts. */
const MAX_BLOCKS = 100;

const STATE_TEXT: Record<CheckinState, string> = {
  answered: ':white_check_mark: answered',
  in_progress: ':speech_balloon: started, not finished',
  waiting: ':hourglass_flowing_sand: not answered yet',
  off: ':palm_tree: day off',
  not_today: ':zzz: no check-in today',
};

/** Lines packed into as few sections as fit 3000 characters each; a longer line (a big check-in's waiting list) is split at a space. */
function sections(title: string, lines: string[]): KnownBlock[] {
  return packLines([title, ...lines], SECTION_LIMIT).map(({ text }) => ({
    type: 'section',
    text: { type: 'mrkdwn', text },
  }));
}

/** Mentions of the people listed, and how many more there are of `count`. */
function mentions(ids: string[], count: number): string {
  const listed = ids.map((id) => `<@${id}>`).join(' ');
  return count > ids.length ? `${listed} …and ${count - ids.length} more` : listed;
}

const more = (n: number): string[] => (n > 0 ? [`…and ${n} more`] : []);

export function homeView(model: HomeModel): HomeView {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'Your week' } },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `${formatRangeLabel(model.week.from, model.week.to)} · total *${formatMinutes(model.totalMinutes)}*`,
        },
      ],
    },
    ...sections(
      '*Hours per day*',
      model.byDay.map(
        (d) =>
          `${formatDayLabel(d.date)}${d.date === model.today ? ' (today)' : ''}  ${formatMinutes(d.minutes)}`,
      ),
    ),
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: ActionId.openLogModal,
          text: { type: 'plain_text', text: 'Log time' },
          value: 'home',
          style: 'primary',
        },
        {
          type: 'button',
          action_id: ActionId.homeAnswerCheckin,
          text: { type: 'plain_text', text: 'Answer check-in' },
          value: 'home',
        },
      ],
    },
    { type: 'divider' },
    ...sections(
      "*Today's check-ins*",
      model.checkins.length === 0
        ? ['You are not in any check-in. Join one with `/standup join #team`.']
        : model.checkins.map((c) => `<#${c.channelId}> at ${c.timeOfDay}: ${STATE_TEXT[c.state]}`),
    ),
    ...sections(
      '*Your milestones*',
      model.milestones.length === 0 ? ['None open.'] : model.milestones.map(milestoneLine),
    ),
    ...sections('*Your projects*', projectLines(model)),
    ...(model.contracts.length === 0
      ? []
      : sections('*Your contract*', [
          ...contractLines(model.contracts),
          ...more(model.contractCount - model.contracts.length),
        ])),
    ...model.onboarding.flatMap(homeChecklistBlocks),
    ...sections(
      '*Kudos this month*',
      model.kudos.rows.length === 0
        ? ['None yet this month. Thank someone with `/kudos @name for …`.']
        : [
            ...model.kudos.rows.map((k) => kudosLine(k, { withRecipient: false, max: 200 })),
            ...more(model.kudos.total - model.kudos.rows.length),
          ],
    ),
    ...sections(
      '*Feedback*',
      model.feedback.length === 0
        ? ['No feedback yet.']
        : model.feedback.map((f) => feedbackHomeLine(f, model.userId)),
    ),
  ];
  blocks.push(...invoiceOverviewBlocks(model.invoices));
  if (model.onboardingProgress) {
    blocks.push(
      ...sections(
        '*Onboarding on your projects*',
        model.onboardingProgress.length === 0
          ? ['Nobody is onboarding right now.']
          : model.onboardingProgress.map(progressLineFor),
      ),
    );
  }
  if (model.allFeedback) {
    blocks.push(
      ...sections(
        '*All feedback* (admins only)',
        model.allFeedback.length === 0
          ? ['Nobody has given feedback yet.']
          : model.allFeedback.map((f) => feedbackHomeLine(f, null)),
      ),
    );
  }

  if (model.team) {
    const team = model.team;
    blocks.push({ type: 'divider' }, { type: 'header', text: { type: 'plain_text', text: 'Your team' } });
    if (team.scope === 'managed')
      blocks.push({
        type: 'context',
        elements: [{ type: 'mrkdwn', text: 'The members and milestones of the projects you manage.' }],
      });
    blocks.push(
      ...sections(
        '*Checked in today*',
        team.checkedIn.length === 0
          ? ['No check-ins set up.']
          : team.checkedIn.map(
              (c) =>
                `<#${c.channelId}>: ${c.doneCount}/${c.doneCount + c.pendingCount} — done ${mentions(c.done, c.doneCount) || 'nobody yet'}${c.pendingCount ? `; waiting on ${mentions(c.pending, c.pendingCount)}` : ''}`,
            ),
      ),
      ...sections(
        '*Hours this week*',
        team.hours.length === 0
          ? ['No time logged this week.']
          : [
              ...team.hours.map((p) => `<@${p.userId}>  ${formatMinutes(p.minutes)}`),
              ...more(team.hoursPeople - team.hours.length),
            ],
      ),
      ...sections(
        '*Overdue milestones*',
        team.overdue.length === 0
          ? ['None. :tada:']
          : [
              ...team.overdue.map((m) => `:warning: ${milestoneLine(m)}`),
              ...more(team.overdueCount - team.overdue.length),
            ],
      ),
    );
  }
  if (model.managesNoProject) {
    blocks.push(
      { type: 'divider' },
      { type: 'header', text: { type: 'plain_text', text: 'Your team' } },
      { type: 'section', text: { type: 'mrkdwn', text: NO_MANAGED_PROJECT_HINT } },
    );
  }
  if (blocks.length > MAX_BLOCKS) {
    blocks.splice(MAX_BLOCKS - 1);
    blocks.push({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: 'More than fits here: use `/timesheet`, `/standup list` and `/milestone list`.',
        },
      ],
    });
  }
  return { type: 'home', blocks };
}
