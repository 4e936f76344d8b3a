import type { KnownBlock } from '@slack/types';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { type AuditEntry, NO_SUBJECT } from '../../domain/audit.js';
import { INVOICE_PERIODS, termsLine } from '../../domain/contracts.js';
import { formatMinutes } from '../../domain/duration.js';
import { formatMoney } from '../../domain/money.js';
import type { AuditPage } from '../../services/privacy.service.js';
import { encodeAuditRef } from '../payloads.js';
import { ActionId } from './ids.js';
import { plainMessage, type SlackMessage } from './message.js';
import { escapeMrkdwn, escapeWithin } from './text.js';

/* `/punchcard my-data` (the files in the DM) and `/punchcard audit` (who changed what). */

export interface MyDataSent {
  json: { filename: string };
  csv: { filename: string };
  counts: { entries: number; answers: number; audit: number };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function myDataComment(sent: MyDataSent): string {
  return `Everything Punchcard holds about you: ${plural(sent.counts.entries, 'time entry', 'time entries')}, ${plural(sent.counts.answers, 'check-in answer', 'check-in answers')} and ${plural(sent.counts.audit, 'audit record', 'audit records')}, with your profile, roles, rates, time off, milestones, projects, onboarding checklists, kudos and feedback. The CSV holds your entries.`;
}

export function myDataSentMessage(sent: MyDataSent): SlackMessage {
  return plainMessage(
    `Sent your data to your DM as ${sent.json.filename} and ${sent.csv.filename}. An admin can erase it on request (see SECURITY.md).`,
  );
}

/** A person in an audit line: a Slack mention, or an operator / pseudonym as code. */
function who(id: string): string {
  return /^[UW][A-Z0-9]+$/.test(id) ? `<@${id}>` : `\`${escapeWithin(id, 40)}\``;
}

const entrySnapshot = z.object({
  workDate: z.string(),
  minutes: z.number(),
  category: z.string(),
});
const roleSnapshot = z.object({ role: z.string() });
const rateSnapshot = z.object({ rateMinor: z.number(), currency: z.string() }).partial();
const projectSnapshot = z
  .object({
    key: z.string(),
    rateMinor: z.number().nullable(),
    currency: z.string().nullable(),
    budgetMinutes: z.number().nullable(),
    archived: z.boolean(),
  })
  .partial();

function entryText(value: unknown): string {
  const e = entrySnapshot.safeParse(value);
  if (!e.success) return 'an entry';
  return `${formatMinutes(e.data.minutes)} ${escapeWithin(e.data.category, 40)} on ${e.data.workDate}`;
}

function rateText(value: unknown): string {
  const r = rateSnapshot.safeParse(value);
  return r.success && r.data.rateMinor !== undefined && r.data.currency
    ? `${formatMoney(r.data.rateMinor, r.data.currency)}/h`
    : 'none';
}

function projectText(value: unknown): string {
  const p = projectSnapshot.safeParse(value);
  if (!p.success) return '';
  const parts: string[] = [];
  if (p.data.rateMinor != null && p.data.currency)
    parts.push(`rate ${formatMoney(p.data.rateMinor, p.data.currency)}/h`);
  if (p.data.budgetMinutes != null) parts.push(`budget ${formatMinutes(p.data.budgetMinutes)}`);
  if (p.data.archived) parts.push('archived');
  return parts.join(', ') || 'no rate or budget';
}

const contractSnapshot = z.object({
  rateMinor: z.number().nullable(),
  currency: z.string().nullable(),
  paymentTermsDays: z.number(),
  invoicePeriod: z.enum(INVOICE_PERIODS),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
});

function contractText(value: unknown): string {
  const c = contractSnapshot.safeParse(value);
  return c.success ? escapeWithin(termsLine({ ...c.data, reference: null }), 300) : 'none';
}

/** What one record says happened, in a line. */
export function auditLine(e: AuditEntry, zone: string): string {
  const at = DateTime.fromJSDate(e.createdAt).setZone(zone).toFormat('d LLL yyyy HH:mm');
  const about = e.subjectUserId === NO_SUBJECT ? '' : ` of ${who(e.subjectUserId)}`;
  const by = who(e.actorId);
  const id = escapeWithin(e.entityId, 40);
  let what: string;
  switch (`${e.entity}.${e.action}`) {
    case 'time_entry.edit':
      what = `edited entry #${id}${about}: ${entryText(e.before)} → ${entryText(e.after)}`;
      break;
    case 'time_entry.delete':
      what = `deleted entry #${id}${about}: ${entryText(e.before)}`;
      break;
    case 'time_entry.restore':
      what = `restored entry #${id}${about}: ${entryText(e.after)}`;
      break;
    case 'member.role_change': {
      const before = roleSnapshot.safeParse(e.before);
      const after = roleSnapshot.safeParse(e.after);
      what = `changed the role of ${who(e.subjectUserId)}: ${before.success ? escapeWithin(before.data.role, 20) : '?'} → ${after.success ? escapeWithin(after.data.role, 20) : '?'}`;
      break;
    }
    case 'member.rate':
      what = `set the rate of ${who(e.subjectUserId)}: ${rateText(e.before)} → ${rateText(e.after)}`;
      break;
    case 'project_member_rate.rate': {
      const key = z.object({ projectKey: z.string() }).safeParse(e.after);
      what = `set the rate of ${who(e.subjectUserId)} on \`${key.success ? escapeWithin(key.data.projectKey, 40) : '?'}\`: ${rateText(e.before)} → ${rateText(e.after)}`;
      break;
    }
    case 'contract.save': {
      const key = z.object({ projectKey: z.string().nullable() }).safeParse(e.after);
      const on = key.success && key.data.projectKey ? ` on \`${escapeWithin(key.data.projectKey, 40)}\`` : '';
      what = `set the contract of ${who(e.subjectUserId)}${on}: ${contractText(e.before)} → ${contractText(e.after)}`;
      break;
    }
    case 'member.erase':
      what = `erased a person at their request; their time entries are kept as ${who(e.subjectUserId)}`;
      break;
    case 'project.add':
    case 'project.rate':
    case 'project.budget':
    case 'project.archive': {
      const key = projectSnapshot.safeParse(e.after);
      const name = key.success && key.data.key ? `\`${escapeWithin(key.data.key, 40)}\`` : `#${id}`;
      const verb = {
        add: 'added project',
        rate: 'set the rate of project',
        budget: 'set the budget of project',
        archive: 'archived project',
      }[e.action];
      what = `${verb} ${name}${e.action === 'add' ? '' : `: ${projectText(e.before)} → ${projectText(e.after)}`}`;
      break;
    }
    default:
      what = `${escapeWithin(e.action, 40)} ${escapeWithin(e.entity, 40)} #${id}${about}`;
  }
  return `*${at}* · ${by} ${what}`;
}

/** A page of the audit, newest first, with "More" while older records remain. */
export function auditMessage(page: AuditPage, zone: string): SlackMessage {
  const whose = page.userId ? `${who(page.userId)}` : 'everyone';
  const title = `Audit · ${whose} · ${escapeMrkdwn(page.label)}${page.first ? '' : ' (older)'} · newest first`;
  if (page.entries.length === 0) {
    return plainMessage(
      page.first
        ? `No audit records for ${whose} in ${escapeMrkdwn(page.label)}.`
        : 'No older audit records.',
    );
  }
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `*${title}*` } },
    ...page.entries.map(
      (e): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: auditLine(e, zone) } }),
    ),
  ];
  if (page.next?.beforeId) {
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: ActionId.auditMore,
          text: { type: 'plain_text', text: 'More' },
          value: encodeAuditRef({ ...page.next, beforeId: page.next.beforeId }),
        },
      ],
    });
  }
  return { text: `${title}: ${plural(page.entries.length, 'record', 'records')}`, blocks };
}
