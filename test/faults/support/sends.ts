/**
 * Nothing lost, nothing doubled: the fake Slack's stored bot messages held against the `deliveries`
 * rows. Each message is matched to its delivery (a DM prompt by the delivery id in its metadata,
 * anything else by the channel and ts the row recorded), then counted per (channel, delivery).
 */
import type { FakeSlack } from '../../support/fake-slack/index.js';
import { withClient } from './seed.js';

export interface DeliveryRow {
  id: number;
  kind: string;
  memberId: string;
  subjectId: string;
  localDate: string;
  status: string;
  attempts: number;
  channelId: string | null;
  messageTs: string | null;
  lastError: string | null;
}

export interface SendAudit {
  /** Delivery rows of message-sending kinds (the users.list sweep left out). */
  rows: DeliveryRow[];
  /** Bot messages posted with chat.postMessage, as Slack stored them. */
  messages: number;
  /** Messages per (channel, delivery id): every value should be 1. */
  perDelivery: Map<string, number>;
  /** Deliveries posted more than once, as `kind member subject date: n messages`. */
  doubled: string[];
  /** Deliveries not sent (still pending, missed, failed) or recorded sent with no message in Slack. */
  lost: string[];
  /** Messages in Slack that no delivery row accounts for. */
  unrecorded: string[];
}

export async function readDeliveries(url: string): Promise<DeliveryRow[]> {
  return withClient(url, async (c) => {
    const result = await c.query<DeliveryRow>(
      `select id, kind, member_id as "memberId", subject_id as "subjectId", local_date::text as "localDate",
              status, attempts, channel_id as "channelId", message_ts as "messageTs", last_error as "lastError"
       from deliveries where kind <> 'directory_sweep' order by id`,
    );
    return result.rows;
  });
}

export async function auditSends(fake: FakeSlack, url: string): Promise<SendAudit> {
  const rows = await readDeliveries(url);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const byMessage = new Map(rows.filter((r) => r.messageTs).map((r) => [`${r.channelId}|${r.messageTs}`, r]));
  const perDelivery = new Map<string, number>();
  const unrecorded: string[] = [];
  const messages = fake.messages.filter((m) => m.user === fake.botUserId);
  for (const m of messages) {
    const claimed = Number(m.metadata?.event_payload?.delivery_id);
    const row =
      Number.isInteger(claimed) && claimed > 0 ? byId.get(claimed) : byMessage.get(`${m.channel}|${m.ts}`);
    if (!row) {
      unrecorded.push(`${m.channel} ${m.ts}: ${m.text.slice(0, 80)}`);
      continue;
    }
    const key = `${m.channel}|${row.id}`;
    perDelivery.set(key, (perDelivery.get(key) ?? 0) + 1);
  }
  const describe = (r: DeliveryRow) => `${r.kind} ${r.memberId} ${r.subjectId} ${r.localDate}`;
  const doubled: string[] = [];
  const sentIds = new Map<number, number>();
  for (const [key, n] of perDelivery) {
    const id = Number(key.split('|')[1]);
    sentIds.set(id, (sentIds.get(id) ?? 0) + n);
  }
  for (const [id, n] of sentIds) {
    if (n > 1) doubled.push(`${describe(byId.get(id) as DeliveryRow)}: ${n} messages`);
  }
  const lost = rows
    .filter((r) => r.status !== 'skipped')
    .flatMap((r) =>
      r.status !== 'sent'
        ? [`${describe(r)}: ${r.status}${r.lastError ? ` (${r.lastError})` : ''}`]
        : sentIds.has(r.id)
          ? []
          : [`${describe(r)}: recorded sent, not in Slack`],
    );
  return { rows, messages: messages.length, perDelivery, doubled, lost, unrecorded };
}
