import { formatMinutes } from '../../domain/duration.js';
import { formatMoney } from '../../domain/money.js';
import type { Project } from '../../domain/projects.js';
import { listMessages } from './fit.js';
import { plainMessage, type SlackMessage } from './message.js';
import { escapeMrkdwn } from './text.js';

export function projectLine(p: Project & { usedMinutes?: number }): string {
  const parts = [`*\`${escapeMrkdwn(p.key)}\`*${p.name ? ` ${escapeMrkdwn(p.name)}` : ''}`];
  if (p.channelId) parts.push(`<#${p.channelId}>`);
  if (p.rateMinor !== null && p.currency) parts.push(`${formatMoney(p.rateMinor, p.currency)}/h`);
  if (p.budgetMinutes) {
    const used = p.usedMinutes ?? 0;
    parts.push(
      `${formatMinutes(used)} of ${formatMinutes(p.budgetMinutes)} (${Math.floor((used * 100) / p.budgetMinutes)}%)`,
    );
  } else if (p.usedMinutes !== undefined) {
    parts.push(`${formatMinutes(p.usedMinutes)} logged`);
  }
  if (p.archivedAt) parts.push('_archived_');
  return parts.join(' · ');
}

/**
 * `/punchcard project list`: one line per project, packed into sections and, for a long list, into
 * several messages (a response_url takes 5), each within Slack's limits.
 */
export function projectListMessages(
  list: Array<Project & { usedMinutes?: number }>,
  scoped = false,
): SlackMessage[] {
  if (list.length === 0) {
    const text = scoped
      ? "You are on no project yet. A project's managers add you with `/punchcard project member add acme-web @you`."
      : 'No projects yet. Managers add one with `/punchcard project add acme-web #acme Acme website`.';
    return [plainMessage(text)];
  }
  return listMessages({
    title: scoped ? 'Your projects' : 'Projects',
    text: `${list.length} project${list.length === 1 ? '' : 's'}`,
    lines: list.map(projectLine),
    more: (hidden) =>
      `…and ${hidden} more project${hidden === 1 ? '' : 's'} than fit in Slack's replies to one command.`,
  });
}

/* What `/punchcard project …` answers. */

export const PROJECT_HINT = '`/punchcard project add acme-web #acme Acme website`';

export function projectAddedMessage(project: Project): SlackMessage {
  return plainMessage(
    `Project added: ${projectLine(project)}\nTime logged with \`/log 2h ${project.key}\` now lands on it.`,
  );
}

export function projectRateMessage(project: Project): SlackMessage {
  return plainMessage(`Rate set: ${projectLine(project)}. New entries use it; earlier ones keep their rate.`);
}

export function projectBudgetMessage(project: Project): SlackMessage {
  return plainMessage(
    `Budget set: ${projectLine(project)}. I'll tell its managers by DM at 80% and 100% (its channel sees no budgets).`,
  );
}

export function projectArchivedMessage(project: { key: string }): SlackMessage {
  return plainMessage(`Archived \`${project.key}\`: it takes no more time. Its entries stay.`);
}
