/** conversations.open, .info, .members, .history and .replies. */
import type { FakeSlackState } from '../state.js';
import type { Handler, Result } from '../types.js';
import { decodeCursor, encodeCursor, flag, int, missing, str, tsToNumber } from '../util.js';
import { messageJson, replyIndex } from './messages.js';

/** A conversation object: a DM (`D…`) or a channel, known through `addChannel` or made up from its id. */
function conversationJson(s: FakeSlackState, id: string): Result {
  const created = 1_700_000_000;
  if (id.startsWith('D')) {
    return {
      id,
      created,
      is_im: true,
      is_org_shared: false,
      user: id.slice(1),
      is_user_deleted: false,
      priority: 0,
    };
  }
  const known = s.channels.get(id);
  const isPrivate = known?.is_private ?? id.startsWith('G');
  const name = known?.name ?? id.toLowerCase();
  return {
    id,
    name,
    name_normalized: name,
    created,
    is_channel: !isPrivate,
    is_group: false,
    is_im: false,
    is_mpim: false,
    is_private: isPrivate,
    is_archived: false,
    is_general: name === 'general',
    is_shared: false,
    is_org_shared: false,
    is_ext_shared: false,
    is_member: known?.is_member ?? true,
    topic: { value: known?.topic ?? '', creator: '', last_set: 0 },
    purpose: { value: '', creator: '', last_set: 0 },
    num_members: known?.members?.length ?? 0,
  };
}

export function conversationMethods(s: FakeSlackState): Record<string, Handler> {
  return {
    'conversations.open': (args) => {
      const channel = str(args.channel);
      if (channel) return { ok: true, channel: { id: channel } };
      const users = (str(args.users) ?? '')
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean);
      if (users.length === 0) return { ok: false, error: 'users_list_not_supplied' };
      if (users.some((u) => s.users.size > 0 && s.opts.strictChannels && !s.users.has(u))) {
        return { ok: false, error: 'user_not_found' };
      }
      const id = users.length === 1 ? `D${users[0]}` : `G${users.join('').replace(/[^A-Z0-9]/g, '')}`;
      return flag(args.return_im)
        ? { ok: true, channel: conversationJson(s, id) }
        : { ok: true, no_op: true, already_open: true, channel: { id } };
    },

    'conversations.info': (args) => {
      const channel = str(args.channel);
      if (!channel) return { ok: false, error: 'channel_not_found' };
      if (s.opts.strictChannels && !channel.startsWith('D') && !s.channels.has(channel)) {
        return { ok: false, error: 'channel_not_found' };
      }
      return { ok: true, channel: conversationJson(s, channel) };
    },

    'conversations.members': (args) => {
      const channel = str(args.channel);
      if (!channel) return { ok: false, error: 'channel_not_found' };
      const known = s.channels.get(channel);
      if (!known && s.opts.strictChannels && !channel.startsWith('D')) {
        return { ok: false, error: 'channel_not_found' };
      }
      const all = channel.startsWith('D') ? [channel.slice(1), s.botUserId] : (known?.members ?? []);
      const offset = decodeCursor(args.cursor);
      if (offset === null) return { ok: false, error: 'invalid_cursor' };
      const limit = Math.max(1, int(args.limit, 100) || 100);
      const next = offset + limit < all.length ? encodeCursor(offset + limit) : '';
      return {
        ok: true,
        members: all.slice(offset, offset + limit),
        response_metadata: { next_cursor: next },
      };
    },

    'conversations.history': (args) => {
      const channel = str(args.channel);
      if (!channel) return { ok: false, error: 'channel_not_found' };
      const err = s.channelError(channel);
      if (err) return { ok: false, error: err };
      const inclusive = flag(args.inclusive);
      const oldest = str(args.oldest) ? tsToNumber(String(args.oldest)) : undefined;
      const latest = str(args.latest) ? tsToNumber(String(args.latest)) : undefined;
      const top = (s.byChannel.get(channel) ?? []).filter((m) => {
        if (m.thread_ts !== undefined && m.thread_ts !== m.ts && !m.reply_broadcast) return false;
        const t = tsToNumber(m.ts);
        if (oldest !== undefined && (inclusive ? t < oldest : t <= oldest)) return false;
        if (latest !== undefined && (inclusive ? t > latest : t >= latest)) return false;
        return true;
      });
      top.reverse(); // newest first
      const offset = decodeCursor(args.cursor);
      if (offset === null) return { ok: false, error: 'invalid_cursor' };
      const limit = Math.max(1, Math.min(int(args.limit, 100) || 100, 999));
      const page = top.slice(offset, offset + limit);
      const hasMore = offset + limit < top.length;
      const replies = replyIndex(s, channel);
      return {
        ok: true,
        messages: page.map((m) => messageJson(s, m, replies)),
        has_more: hasMore,
        pin_count: 0,
        channel_actions_updated: 0,
        channel_actions_count: 0,
        response_metadata: { next_cursor: hasMore ? encodeCursor(offset + limit) : '' },
      };
    },

    'conversations.replies': (args) => {
      const channel = str(args.channel);
      const ts = str(args.ts);
      if (!channel) return { ok: false, error: 'channel_not_found' };
      if (!ts) return missing('ts');
      const list = s.byChannel.get(channel) ?? [];
      const parent = list.find((m) => m.ts === ts);
      if (!parent) return { ok: false, error: 'thread_not_found' };
      const root = parent.thread_ts ?? parent.ts;
      const thread = list.filter((m) => m.ts === root || m.thread_ts === root);
      const replies = replyIndex(s, channel);
      return { ok: true, messages: thread.map((m) => messageJson(s, m, replies)), has_more: false };
    },
  };
}
