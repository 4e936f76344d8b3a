import type { KnownBlock } from '@slack/types';
import type { ProjectRow } from '../../db/repositories/projects.repository.js';
import { formatMinutes } from '../../domain/duration.js';
import { formatMoney } from '../../domain/timesheet.js';
import type { SlackMessage } from './log-confirmation.blocks.js';
import { escapeMrkdwn } from './text.js';

export function projectLine(p: ProjectRow & { usedMinutes?: number }): string {
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

export function projectListMessage(list: Array<ProjectRow & { usedMinutes: number }>): SlackMessage {
  if (list.length === 0) {
    const text =
      'No projects yet. Managers add one with `/punchcard project add acme-web #acme Acme website`.';
    return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
  }
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: 'Projects' } }];
  // 20 lines a section keeps each well under Slack's 3000 characters, and 45 sections cover 900 projects.
  for (let i = 0; i < list.length && blocks.length < 49; i += 20) {
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: list
          .slice(i, i + 20)
          .map(projectLine)
          .join('\n'),
      },
    });
  }
  return { text: `${list.length} project(s)`, blocks };
}
