/**
 * files.getUploadURLExternal and files.completeUploadExternal (what `files.uploadV2` calls). The bytes
 * themselves go to the upload URL in between (http.ts).
 */
import type { FakeSlackState } from '../state.js';
import type { Handler, Result } from '../types.js';
import { int, isRecord, missing, str } from '../util.js';

export function fileMethods(s: FakeSlackState): Record<string, Handler> {
  return {
    'files.getUploadURLExternal': (args) => {
      const filename = str(args.filename);
      if (!filename) return missing('filename');
      if (args.length === undefined) return missing('length');
      const id = s.nextId('F');
      s.pendingUploads.set(id, { filename, length: int(args.length, 0), content: undefined });
      return { ok: true, upload_url: `${s.url}/upload/${id}`, file_id: id };
    },

    'files.completeUploadExternal': (args) => {
      const files = args.files;
      if (!Array.isArray(files) || files.length === 0) return missing('files');
      const channelId = str(args.channel_id);
      const channels = channelId
        ? [channelId]
        : (str(args.channels) ?? '')
            .split(',')
            .map((c) => c.trim())
            .filter(Boolean);
      for (const c of channels) {
        const err = s.channelError(c);
        if (err) return { ok: false, error: err };
      }
      const out: Result[] = [];
      for (const f of files) {
        const id = isRecord(f) ? str(f.id) : undefined;
        const pending = id ? s.pendingUploads.get(id) : undefined;
        if (!id || !pending?.content) return { ok: false, error: 'file_not_found' };
        const title = (isRecord(f) ? str(f.title) : undefined) ?? pending.filename;
        s.pendingUploads.delete(id);
        s.uploadedFiles.push({
          id,
          filename: pending.filename,
          title,
          channels,
          content: pending.content,
          initial_comment: str(args.initial_comment),
          thread_ts: str(args.thread_ts),
          ts: s.nextTs(),
        });
        out.push({
          id,
          created: Math.floor(s.now() / 1000),
          name: pending.filename,
          title,
          mimetype: 'text/plain',
          filetype: pending.filename.includes('.') ? pending.filename.split('.').pop() : 'text',
          user: s.botUserId,
          size: pending.content.length,
          url_private: `${s.url}/files/${id}/${encodeURIComponent(pending.filename)}`,
          permalink: `${s.workspaceUrl}files/${s.botUserId}/${id}/${encodeURIComponent(pending.filename)}`,
          channels,
        });
      }
      return { ok: true, files: out };
    },
  };
}
