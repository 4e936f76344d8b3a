/** How stored messages look in Web API answers (chat.* and conversations.*). */
import type { FakeSlackState } from '../state.js';
import type { Result, StoredMessage } from '../types.js';

/** Thread replies by root ts, for reply_count/latest_reply. Built once per request. */
export function replyIndex(s: FakeSlackState, channel: string): Map<string, StoredMessage[]> {
  const index = new Map<string, StoredMessage[]>();
  for (const m of s.byChannel.get(channel) ?? []) {
    if (m.thread_ts === undefined || m.thread_ts === m.ts) continue;
    const list = index.get(m.thread_ts);
    if (list) list.push(m);
    else index.set(m.thread_ts, [m]);
  }
  return index;
}

export function messageJson(
  s: FakeSlackState,
  m: StoredMessage,
  replies?: Map<string, StoredMessage[]>,
): Result {
  const out: Result = { type: 'message', text: m.text, user: m.user, ts: m.ts, team: s.teamId };
  if (m.bot_id) {
    out.bot_id = m.bot_id;
    out.app_id = s.appId;
    out.bot_profile = {
      id: m.bot_id,
      app_id: s.appId,
      name: 'Punchcard',
      team_id: s.teamId,
      deleted: false,
    };
  }
  if (m.blocks !== undefined) out.blocks = m.blocks;
  if (m.attachments !== undefined) out.attachments = m.attachments;
  if (m.metadata !== undefined) out.metadata = m.metadata;
  if (m.thread_ts !== undefined) out.thread_ts = m.thread_ts;
  if (m.edited !== undefined) out.edited = m.edited;
  const thread = m.thread_ts === undefined || m.thread_ts === m.ts ? replies?.get(m.ts) : undefined;
  if (thread && thread.length > 0) {
    out.thread_ts = m.ts;
    out.reply_count = thread.length;
    out.latest_reply = thread[thread.length - 1]?.ts;
  }
  return out;
}
