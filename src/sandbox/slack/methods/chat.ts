/** chat.postMessage, chat.postEphemeral, chat.update, chat.delete and chat.getPermalink. */
import { checkMessage } from '../block-kit.js';
import type { FakeSlackState } from '../state.js';
import type { Args, Handler, Result, StoredEphemeral, StoredMessage } from '../types.js';
import { flag, isRecord, str } from '../util.js';
import { messageJson, replyIndex } from './messages.js';

/** Slack's checks on a message body: Block Kit limits, something to show, well-formed metadata. */
function validateMessageContent(s: FakeSlackState, method: string, args: Args): Result | null {
  const hasText = typeof args.text === 'string' && args.text.trim() !== '';
  const hasBlocks = Array.isArray(args.blocks) && args.blocks.length > 0;
  const hasAttachments = Array.isArray(args.attachments) && args.attachments.length > 0;
  if (args.blocks !== undefined && !Array.isArray(args.blocks))
    return { ok: false, error: 'invalid_blocks_format' };
  const rejected = s.blockKit(method, checkMessage(args));
  if (rejected) return rejected;
  if (!hasText && !hasBlocks && !hasAttachments) return { ok: false, error: 'no_text' };
  if (args.metadata !== undefined) {
    const md = args.metadata;
    if (!isRecord(md) || typeof md.event_type !== 'string' || !isRecord(md.event_payload)) {
      return { ok: false, error: 'invalid_metadata_format' };
    }
  }
  return null;
}

export function chatMethods(s: FakeSlackState): Record<string, Handler> {
  return {
    'chat.postMessage': (args) => {
      const requested = str(args.channel);
      if (!requested) return { ok: false, error: 'channel_not_found' };
      const channel = s.resolveChannel(requested);
      const channelErr = s.channelError(channel);
      if (channelErr) return { ok: false, error: channelErr };
      const invalid = validateMessageContent(s, 'chat.postMessage', args);
      if (invalid) return invalid;
      const threadTs = str(args.thread_ts);
      const msg: StoredMessage = {
        channel,
        ts: s.nextTs(),
        text: str(args.text) ?? '',
        blocks: Array.isArray(args.blocks) ? args.blocks : undefined,
        metadata: args.metadata as StoredMessage['metadata'],
        user: s.botUserId,
        bot_id: s.botId,
        ...(Array.isArray(args.attachments) ? { attachments: args.attachments } : {}),
        ...(threadTs ? { thread_ts: threadTs } : {}),
        ...(threadTs && flag(args.reply_broadcast) ? { reply_broadcast: true } : {}),
      };
      s.storeMessage(msg);
      return { ok: true, channel, ts: msg.ts, message: messageJson(s, msg) };
    },

    'chat.postEphemeral': (args) => {
      const requested = str(args.channel);
      if (!requested) return { ok: false, error: 'channel_not_found' };
      const user = str(args.user);
      if (!user) return { ok: false, error: 'user_not_found' };
      const channel = s.resolveChannel(requested);
      const channelErr = s.channelError(channel);
      if (channelErr) return { ok: false, error: channelErr };
      const invalid = validateMessageContent(s, 'chat.postEphemeral', args);
      if (invalid) return invalid;
      const threadTs = str(args.thread_ts);
      const eph: StoredEphemeral = {
        channel,
        user,
        ts: s.nextTs(),
        text: str(args.text) ?? '',
        blocks: Array.isArray(args.blocks) ? args.blocks : undefined,
        ...(Array.isArray(args.attachments) ? { attachments: args.attachments } : {}),
        ...(threadTs ? { thread_ts: threadTs } : {}),
        ephemeral: true,
      };
      s.ephemerals.push(eph);
      return { ok: true, message_ts: eph.ts };
    },

    'chat.update': (args) => {
      const channel = str(args.channel);
      const ts = str(args.ts);
      if (!channel) return { ok: false, error: 'channel_not_found' };
      if (!ts) return { ok: false, error: 'message_not_found' };
      const msg = s.findMessage(channel, ts);
      if (!msg) return { ok: false, error: 'message_not_found' };
      if (msg.user !== s.botUserId) return { ok: false, error: 'cant_update_message' };
      if (args.blocks !== undefined || args.text !== undefined || args.attachments !== undefined) {
        const invalid = validateMessageContent(s, 'chat.update', {
          text: args.text ?? msg.text,
          blocks: args.blocks ?? msg.blocks,
          attachments: args.attachments ?? msg.attachments,
          metadata: args.metadata,
        });
        if (invalid) return invalid;
      }
      if (args.text !== undefined) msg.text = str(args.text) ?? '';
      if (args.blocks !== undefined) msg.blocks = Array.isArray(args.blocks) ? args.blocks : undefined;
      if (args.attachments !== undefined) {
        msg.attachments = Array.isArray(args.attachments) ? args.attachments : undefined;
      }
      if (args.metadata !== undefined) msg.metadata = args.metadata as StoredMessage['metadata'];
      msg.edited = { user: s.botUserId, ts: s.nextTs() };
      const message = messageJson(s, msg, replyIndex(s, channel));
      return { ok: true, channel, ts, text: msg.text, message };
    },

    'chat.delete': (args) => {
      const channel = str(args.channel);
      const ts = str(args.ts);
      if (!channel) return { ok: false, error: 'channel_not_found' };
      const msg = ts ? s.findMessage(channel, ts) : undefined;
      if (!msg) return { ok: false, error: 'message_not_found' };
      if (msg.user !== s.botUserId) return { ok: false, error: 'cant_delete_message' };
      s.removeMessage(msg);
      return { ok: true, channel, ts };
    },

    'chat.getPermalink': (args) => {
      const channel = str(args.channel);
      const ts = str(args.message_ts);
      if (!channel) return { ok: false, error: 'channel_not_found' };
      if (!ts || !s.findMessage(channel, ts)) return { ok: false, error: 'message_not_found' };
      return {
        ok: true,
        channel,
        permalink: `${s.workspaceUrl}archives/${channel}/p${ts.replace('.', '')}`,
      };
    },
  };
}
