/**
 * A stand-in for Slack's Web API, response_urls and file upload URLs, served over plain node:http.
 *
 * Used by end-to-end tests (in process), and meant to be usable by a local sandbox or a load/fault
 * benchmark (run this file directly: `tsx test/support/fake-slack/server.ts --port 4100`, then drive it
 * through the `/_fake/*` control endpoints). It deliberately imports nothing from vitest.
 *
 * Per request it does: read the body, parse it, one map lookup for faults, one for the method handler.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { type BlockKitRejection, checkMessage, checkView } from './block-kit.js';

// ---------------------------------------------------------------------------------------------------------
// Public types

export interface FakeSlackOptions {
  /** 0 (default) picks a free port. The server always binds 127.0.0.1. */
  port?: number;
  teamId?: string;
  botUserId?: string;
  botId?: string;
  /** When true, Web API calls without a token (Authorization header or `token` arg) get `not_authed`. */
  requireToken?: boolean;
  /**
   * When true, `chat.*` / `conversations.*` calls to a `C…`/`G…` channel that was not `addChannel`-ed fail with
   * `channel_not_found`, and channels added with `is_member: false` fail with `not_in_channel`.
   * Default false: any channel id is accepted.
   */
  strictChannels?: boolean;
  /**
   * How long a trigger_id minted by `triggerId()` stays usable by views.open/views.push (Slack: 3 s).
   * 0 disables the check. Trigger ids the fake did not mint are always accepted.
   */
  triggerTtlMs?: number;
  /** Clock in milliseconds used for message ts and record times. Default `Date.now`. */
  now?: () => number;
  /** Add the bot user and USLACKBOT to the user directory (default true; users.list returns them, as Slack does). */
  seedDefaultUsers?: boolean;
  /** When false, Web API calls are not recorded in `calls` (for long load runs). Default true. */
  record?: boolean;
  /**
   * Refuse messages, views and response_url bodies that break Slack's Block Kit and message limits, as
   * Slack does (see block-kit.ts). Default true. Every refusal is also kept in `violations`.
   */
  validateBlockKit?: boolean;
}

/** A payload the fake refused because real Slack would have (see block-kit.ts). */
export interface BlockKitViolation extends BlockKitRejection {
  method: string;
  at: number;
}

export interface FakeUserInput {
  id: string;
  name?: string;
  real_name?: string;
  display_name?: string;
  email?: string;
  tz?: string;
  tz_offset?: number;
  is_admin?: boolean;
  is_owner?: boolean;
  is_bot?: boolean;
  is_restricted?: boolean;
  deleted?: boolean;
}

export interface FakeChannelInput {
  id: string;
  name?: string;
  is_private?: boolean;
  /** Whether the bot is in the channel (default true). Only enforced with `strictChannels`. */
  is_member?: boolean;
  members?: string[];
  topic?: string;
}

/** What `failNext` injects. `status: 429` sends a `Retry-After` header (seconds, default 1). */
export type Fault =
  | { status: number; retryAfter?: number }
  | { hang: true }
  | { error: string }
  /** Not a failure: answers normally, but only after `delayMs`. */
  | { delayMs: number }
  /** Handles the call (the message is stored) but drops the connection instead of answering: a send cut off between Slack and the app. */
  | { dropResponse: true };

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  token: string | null;
  at: number;
  /** Set when an injected fault answered (or swallowed) this call. */
  fault?: Fault;
  /** The JSON body the fake answered with (absent for hang/HTTP-error faults, or until a delayed answer). */
  response?: Record<string, unknown>;
}

export interface RecordedResponse {
  /** The `<n>` of `${url}/response/<n>`. */
  id: string;
  url: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests assert freely on what the app posted
  body: any;
  at: number;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[] | undefined;
  metadata: { event_type: string; event_payload: Record<string, unknown> } | undefined;
  /** The poster: the bot user id for messages the app posted. */
  user: string;
  bot_id?: string;
  attachments?: unknown[];
  thread_ts?: string;
  reply_broadcast?: boolean;
  edited?: { user: string; ts: string };
  ephemeral?: false;
}

export interface StoredEphemeral {
  channel: string;
  /** The user the ephemeral message is shown to. */
  user: string;
  ts: string;
  text: string;
  blocks: unknown[] | undefined;
  attachments?: unknown[];
  thread_ts?: string;
  ephemeral: true;
}

export interface UploadedFile {
  id: string;
  filename: string;
  title: string;
  channels: string[];
  content: Buffer;
  initial_comment: string | undefined;
  thread_ts: string | undefined;
}

// biome-ignore lint/suspicious/noExplicitAny: view payloads are free-form JSON
export type FakeView = Record<string, any> & { id: string; hash: string; type: string };

type Args = Record<string, unknown>;
type Result = Record<string, unknown>;
type Handler = (args: Args, call: RecordedCall) => Result;

// ---------------------------------------------------------------------------------------------------------
// Helpers

/** Form fields that the WebClient sends as JSON strings; parsed back into objects when recorded. */
const JSON_FIELDS = new Set([
  'blocks',
  'view',
  'metadata',
  'attachments',
  'files',
  'unfurls',
  'user_auth_blocks',
  'file_uploads',
]);

const JSON_TYPE = 'application/json; charset=utf-8';

function parseJsonField(key: string, value: string): unknown {
  if (!JSON_FIELDS.has(key)) return value;
  const first = value.trimStart()[0];
  if (first !== '{' && first !== '[') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function flag(v: unknown): boolean {
  return v === true || v === 'true' || v === '1' || v === 1;
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function int(v: unknown, fallback: number): number {
  const n =
    typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Number.parseInt(v, 10) : Number.NaN;
  return Number.isFinite(n) ? n : fallback;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64');
}

function decodeCursor(cursor: unknown): number | null {
  const c = str(cursor);
  if (c === undefined || c === '') return 0;
  const m = /^offset:(\d+)$/.exec(Buffer.from(c, 'base64').toString('utf8'));
  return m?.[1] ? Number.parseInt(m[1], 10) : null;
}

function tsToNumber(ts: string): number {
  return Number.parseFloat(ts);
}

/** Current UTC offset of an IANA zone, in seconds (Slack's `tz_offset`). */
function tzOffsetSeconds(tz: string): number {
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' })
      .formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName')?.value;
    const m = part ? /GMT([+-])(\d{2}):(\d{2})/.exec(part) : null;
    if (!m) return 0;
    const sign = m[1] === '-' ? -1 : 1;
    return sign * (Number(m[2]) * 3600 + Number(m[3]) * 60);
  } catch {
    return 0;
  }
}

interface MultipartPart {
  name: string;
  filename: string | undefined;
  data: Buffer;
}

function parseMultipart(body: Buffer, contentType: string): MultipartPart[] {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const boundaryText = m?.[1] ?? m?.[2];
  if (!boundaryText) return [];
  const boundary = Buffer.from(`--${boundaryText.trim()}`);
  const parts: MultipartPart[] = [];
  let pos = body.indexOf(boundary);
  while (pos !== -1) {
    const start = pos + boundary.length;
    if (body[start] === 0x2d && body[start + 1] === 0x2d) break; // closing "--"
    const headerStart = start + 2; // CRLF after the boundary
    const headerEnd = body.indexOf('\r\n\r\n', headerStart);
    if (headerEnd === -1) break;
    const next = body.indexOf(boundary, headerEnd + 4);
    if (next === -1) break;
    const headers = body.subarray(headerStart, headerEnd).toString('utf8');
    const disposition = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? '';
    parts.push({
      name: /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? '',
      filename: /\bfilename="([^"]*)"/i.exec(disposition)?.[1],
      data: Buffer.from(body.subarray(headerEnd + 4, Math.max(headerEnd + 4, next - 2))),
    });
    pos = next;
  }
  return parts;
}

function parseArgs(raw: Buffer, contentType: string, query: string): Args {
  const args: Args = {};
  if (query) {
    for (const [k, v] of new URLSearchParams(query)) args[k] = parseJsonField(k, v);
  }
  if (raw.length === 0) return args;
  const ct = contentType.toLowerCase();
  if (ct.includes('application/json')) {
    try {
      const parsed: unknown = JSON.parse(raw.toString('utf8'));
      if (isRecord(parsed)) Object.assign(args, parsed);
    } catch {
      // leave args empty: the handler answers as Slack does to a body it cannot read
    }
  } else if (ct.includes('multipart/form-data')) {
    for (const part of parseMultipart(raw, contentType)) {
      args[part.name] =
        part.filename !== undefined ? part.data : parseJsonField(part.name, part.data.toString());
    }
  } else {
    for (const [k, v] of new URLSearchParams(raw.toString('utf8'))) args[k] = parseJsonField(k, v);
  }
  return args;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': JSON_TYPE,
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function isBlockingFault(f: Fault | undefined): boolean {
  return f !== undefined && !('delayMs' in f) && !('dropResponse' in f);
}

function missing(field: string): Result {
  return {
    ok: false,
    error: 'invalid_arguments',
    response_metadata: { messages: [`[ERROR] missing required field: ${field}`] },
  };
}

// ---------------------------------------------------------------------------------------------------------
// The fake

export class FakeSlack {
  readonly teamId: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly appId = 'A0001';
  readonly teamName = 'Punchcard Test';
  readonly teamDomain = 'punchcard-test';
  readonly workspaceUrl = 'https://punchcard-test.slack.com/';

  /** Every Web API call, in arrival order (including calls answered by an injected fault). */
  readonly calls: RecordedCall[] = [];
  /** Calls to methods the fake does not model (they are answered `{ ok: true }`). */
  readonly unknownCalls: RecordedCall[] = [];
  /** POSTs to response URLs that were delivered (not swallowed by a fault). */
  readonly responses: RecordedResponse[] = [];
  /** POSTs to response URLs that an injected fault answered. */
  readonly rejectedResponses: Array<RecordedResponse & { fault: Fault }> = [];
  /** Payloads refused because real Slack would refuse them (Block Kit and message limits), in order. */
  readonly violations: BlockKitViolation[] = [];
  /** Messages currently in conversations (deleted ones are removed; updates are applied in place). */
  readonly messages: StoredMessage[] = [];
  readonly ephemerals: StoredEphemeral[] = [];
  readonly uploadedFiles: UploadedFile[] = [];
  /** Modals and home tabs by view id. */
  readonly views = new Map<string, FakeView>();
  /** Published home tab per user id. */
  readonly homeViews = new Map<string, FakeView>();
  readonly users = new Map<string, Record<string, unknown>>();
  readonly channels = new Map<string, FakeChannelInput>();

  private server: Server;
  private port = 0;
  private readonly opts: FakeSlackOptions;
  private readonly now: () => number;
  private readonly handlers: Map<string, Handler>;
  private readonly faults = new Map<string, Array<{ fault: Fault; remaining: number }>>();
  private readonly hanging = new Set<ServerResponse>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly byChannel = new Map<string, StoredMessage[]>();
  private readonly triggers = new Map<string, { at: number; used: boolean }>();
  private readonly pendingUploads = new Map<
    string,
    { filename: string; length: number; content: Buffer | undefined }
  >();
  private lastTsMicros = 0;
  private seq = 0;

  constructor(opts: FakeSlackOptions = {}) {
    this.opts = opts;
    this.teamId = opts.teamId ?? 'T0001';
    this.botUserId = opts.botUserId ?? 'UBOT';
    this.botId = opts.botId ?? 'BBOT';
    this.now = opts.now ?? (() => Date.now());
    this.handlers = this.buildHandlers();
    if (opts.seedDefaultUsers !== false) {
      this.addUser({ id: this.botUserId, name: 'punchcard', real_name: 'Punchcard', is_bot: true });
      this.addUser({ id: 'USLACKBOT', name: 'slackbot', real_name: 'Slackbot' });
    }
    this.server = createServer((req, res) => {
      this.route(req, res).catch((err: unknown) => {
        if (!res.headersSent)
          sendJson(res, 500, { ok: false, error: 'fake_internal_error', detail: String(err) });
        else res.end();
      });
    });
    // Node closes idle keep-alive sockets after 5 s; the app's client may reuse one just as it closes
    // and fail with request_failed (tests run with retries off). A slow machine makes that gap likely
    // between two ticks, so the fake keeps idle connections for a minute.
    this.server.keepAliveTimeout = 60_000;
    this.server.keepAliveTimeout = 5_000;
  }

  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** What the app's WebClient gets as `slackApiUrl`. */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  async listen(port = 0): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const res of this.hanging) res.socket?.destroy();
    this.hanging.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  /** Clears calls, messages, ephemerals, responses, files, views, triggers and faults. Keeps users and channels. */
  reset(): void {
    this.calls.length = 0;
    this.unknownCalls.length = 0;
    this.responses.length = 0;
    this.rejectedResponses.length = 0;
    this.violations.length = 0;
    this.messages.length = 0;
    this.ephemerals.length = 0;
    this.uploadedFiles.length = 0;
    this.views.clear();
    this.homeViews.clear();
    this.byChannel.clear();
    this.triggers.clear();
    this.pendingUploads.clear();
    this.faults.clear();
  }

  // ----- inspection -------------------------------------------------------------------------------------

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Delivered responses to a response URL (full URL or its id). */
  responsesTo(url: string): RecordedResponse[] {
    return this.responses.filter((r) => r.url === url || r.id === url);
  }

  /** Messages in one conversation, oldest first (thread replies included). */
  messagesIn(channel: string): StoredMessage[] {
    return [...(this.byChannel.get(channel) ?? [])];
  }

  findMessage(channel: string, ts: string): StoredMessage | undefined {
    return this.byChannel.get(channel)?.find((m) => m.ts === ts);
  }

  getView(id: string): FakeView | undefined {
    return this.views.get(id);
  }

  /** The most recently opened/pushed/updated modal with that callback_id. */
  findView(callbackId: string): FakeView | undefined {
    let found: FakeView | undefined;
    for (const v of this.views.values()) if (v.callback_id === callbackId) found = v;
    return found;
  }

  getUser(id: string): Record<string, unknown> | undefined {
    return this.users.get(id);
  }

  // ----- setup ------------------------------------------------------------------------------------------

  addUser(user: FakeUserInput): Record<string, unknown> {
    const name = user.name ?? user.id.toLowerCase();
    const realName = user.real_name ?? name;
    const tz = user.tz ?? 'UTC';
    const obj: Record<string, unknown> = {
      id: user.id,
      team_id: this.teamId,
      name,
      deleted: user.deleted ?? false,
      color: '9f69e7',
      real_name: realName,
      tz,
      tz_label: tz,
      tz_offset: user.tz_offset ?? tzOffsetSeconds(tz),
      profile: {
        real_name: realName,
        real_name_normalized: realName,
        display_name: user.display_name ?? name,
        display_name_normalized: user.display_name ?? name,
        email: user.email ?? `${name}@example.com`,
        image_48: `https://avatars.example.com/${user.id}_48.png`,
        image_72: `https://avatars.example.com/${user.id}_72.png`,
        team: this.teamId,
        ...(user.is_bot ? { bot_id: user.id === this.botUserId ? this.botId : `B${user.id.slice(1)}` } : {}),
      },
      is_admin: user.is_admin ?? false,
      is_owner: user.is_owner ?? false,
      is_primary_owner: false,
      is_restricted: user.is_restricted ?? false,
      is_ultra_restricted: false,
      is_bot: user.is_bot ?? false,
      is_app_user: false,
      updated: Math.floor(this.now() / 1000),
    };
    this.users.set(user.id, obj);
    return obj;
  }

  /** Shallow-merges `patch` into a user (top-level fields; `profile` merged one level deeper). */
  updateUser(id: string, patch: Partial<FakeUserInput> & Record<string, unknown>): Record<string, unknown> {
    const current = this.users.get(id);
    if (!current) throw new Error(`fake-slack: updateUser: no user ${id}`);
    const { profile, ...rest } = patch as Record<string, unknown>;
    const next: Record<string, unknown> = { ...current, ...rest };
    if (patch.tz !== undefined && patch.tz_offset === undefined) next.tz_offset = tzOffsetSeconds(patch.tz);
    if (patch.tz !== undefined) next.tz_label = patch.tz;
    const prof = { ...(current.profile as Record<string, unknown>) };
    if (patch.real_name !== undefined) prof.real_name = prof.real_name_normalized = patch.real_name;
    if (patch.display_name !== undefined)
      prof.display_name = prof.display_name_normalized = patch.display_name;
    if (patch.email !== undefined) prof.email = patch.email;
    if (isRecord(profile)) Object.assign(prof, profile);
    next.profile = prof;
    next.updated = Math.floor(this.now() / 1000);
    this.users.set(id, next);
    return next;
  }

  addChannel(channel: FakeChannelInput): void {
    this.channels.set(channel.id, channel);
  }

  /** Puts a message into a conversation as if someone else had posted it (e.g. a user, for history tests). */
  addMessage(msg: Partial<StoredMessage> & { channel: string; text?: string; user: string }): StoredMessage {
    const stored: StoredMessage = {
      channel: msg.channel,
      ts: msg.ts ?? this.nextTs(),
      text: msg.text ?? '',
      blocks: msg.blocks,
      metadata: msg.metadata,
      user: msg.user,
      ...(msg.bot_id ? { bot_id: msg.bot_id } : {}),
      ...(msg.thread_ts ? { thread_ts: msg.thread_ts } : {}),
    };
    this.storeMessage(stored);
    return stored;
  }

  /** A fresh response URL on this fake: `${url}/response/<n>`. */
  responseUrl(): string {
    this.seq += 1;
    return `${this.url}/response/${this.seq}`;
  }

  /** A fresh trigger id, remembered so that views.open can reject it once expired or reused. */
  triggerId(): string {
    this.seq += 1;
    const id = `${this.seq}.${this.seq * 7 + 1000}.${(this.seq * 2654435761).toString(16).padStart(8, '0')}`;
    this.triggers.set(id, { at: this.now(), used: false });
    return id;
  }

  /**
   * Makes the next `times` calls to `method` fail. `method` is a Web API method name, `'response_url'` for
   * POSTs to response URLs, or `'file_upload'` for the bytes POSTed to an upload_url.
   */
  failNext(method: string, fault: Fault, times = 1): void {
    const queue = this.faults.get(method) ?? [];
    queue.push({ fault, remaining: times });
    this.faults.set(method, queue);
  }

  // ----- waiting ----------------------------------------------------------------------------------------

  /** Polls `probe` every ~10 ms until it returns something other than undefined/null/false. Probe errors count as "not yet". */
  /** Polls `probe` (which may be async, e.g. a database read) until it returns something truthy. */
  waitFor<T>(
    probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
    timeoutMs = 5000,
    description?: string,
  ): Promise<T> {
    const started = Date.now();
    return new Promise<T>((resolve, reject) => {
      let lastError: unknown;
      const tick = async (): Promise<void> => {
        try {
          const v = await probe();
          if (v !== undefined && v !== null && v !== false) {
            resolve(v);
            return;
          }
        } catch (err) {
          lastError = err;
        }
        if (Date.now() - started >= timeoutMs) {
          const recent = this.calls
            .slice(-10)
            .map((c) => c.method)
            .join(', ');
          reject(
            new Error(
              `fake-slack: timed out after ${timeoutMs} ms waiting for ${description ?? 'condition'}` +
                `; last calls: ${recent || '(none)'}` +
                (lastError ? `; last probe error: ${String(lastError)}` : ''),
            ),
          );
          return;
        }
        setTimeout(() => void tick(), 10);
      };
      void tick();
    });
  }

  /** Resolves with the first call to `method` (not swallowed by a fault) that matches `predicate`. */
  waitForCall(
    method: string,
    predicate?: (call: RecordedCall) => boolean,
    timeoutMs = 5000,
  ): Promise<RecordedCall> {
    return this.waitFor(
      () =>
        this.calls.find(
          (c) => c.method === method && !isBlockingFault(c.fault) && (predicate ? predicate(c) : true),
        ),
      timeoutMs,
      `a call to ${method}${predicate ? ' matching the predicate' : ''}`,
    );
  }

  /**
   * Resolves with the body of the latest delivered POST to `url` once at least `n` (default 1) were delivered.
   * The second argument is either a timeout in ms or `{ timeoutMs, n }`.
   */
  // biome-ignore lint/suspicious/noExplicitAny: see RecordedResponse.body
  async waitForResponse(url: string, opts: number | { timeoutMs?: number; n?: number } = {}): Promise<any> {
    const { timeoutMs = 5000, n = 1 } = typeof opts === 'number' ? { timeoutMs: opts } : opts;
    const record = await this.waitFor(
      () => {
        const list = this.responsesTo(url);
        return list.length >= n ? list[list.length - 1] : undefined;
      },
      timeoutMs,
      `${n} response(s) to ${url}`,
    );
    return record.body;
  }

  // ----- HTTP routing -----------------------------------------------------------------------------------

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const path = q === -1 ? rawUrl : rawUrl.slice(0, q);
    const query = q === -1 ? '' : rawUrl.slice(q + 1);
    const body = await readBody(req);
    const contentType = req.headers['content-type'] ?? '';
    if (path.startsWith('/api/')) return this.handleApi(path.slice(5), body, contentType, query, req, res);
    if (path.startsWith('/response/')) return this.handleResponseUrl(path.slice(10), body, contentType, res);
    if (path.startsWith('/upload/')) return this.handleUpload(path.slice(8), body, contentType, res);
    if (path.startsWith('/_fake/')) return this.handleControl(path.slice(7), req.method ?? 'GET', body, res);
    sendJson(res, 404, { ok: false, error: 'unknown_path', path });
  }

  private takeFault(method: string): Fault | undefined {
    const queue = this.faults.get(method);
    if (!queue) return undefined;
    const head = queue[0];
    if (!head) {
      this.faults.delete(method);
      return undefined;
    }
    head.remaining -= 1;
    if (head.remaining <= 0) queue.shift();
    if (queue.length === 0) this.faults.delete(method);
    return head.fault;
  }

  /** Answers a fault that prevents normal handling; returns false for delay faults (caller continues). */
  private answerFault(fault: Fault, res: ServerResponse): Result | null | false {
    if ('hang' in fault) {
      this.hanging.add(res);
      res.on('close', () => this.hanging.delete(res));
      return null;
    }
    if ('error' in fault) {
      const body = { ok: false, error: fault.error };
      sendJson(res, 200, body);
      return body;
    }
    if ('status' in fault) {
      if (fault.status === 429) {
        sendJson(
          res,
          429,
          { ok: false, error: 'ratelimited' },
          { 'Retry-After': String(fault.retryAfter ?? 1) },
        );
      } else {
        sendJson(res, fault.status, { ok: false, error: `http_${fault.status}` });
      }
      return null;
    }
    return false;
  }

  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }

  private async handleApi(
    method: string,
    raw: Buffer,
    contentType: string,
    query: string,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const args = parseArgs(raw, contentType, query);
    const auth = req.headers.authorization;
    const token =
      auth?.startsWith('Bearer ') === true
        ? auth.slice(7)
        : typeof args.token === 'string'
          ? args.token
          : null;
    const call: RecordedCall = { method, args, token, at: this.now() };
    if (this.opts.record !== false) this.calls.push(call);

    const fault = this.takeFault(method);
    if (fault) {
      call.fault = fault;
      const answered = this.answerFault(fault, res);
      if (answered !== false) {
        if (answered) call.response = answered;
        return;
      }
      if ('delayMs' in fault) await this.delay(fault.delayMs);
      if (res.destroyed) return;
    }

    let result: Result;
    if (this.opts.requireToken && !token) {
      result = { ok: false, error: 'not_authed' };
    } else {
      const handler = this.handlers.get(method);
      if (handler) {
        result = handler(args, call);
      } else {
        if (this.opts.record !== false) this.unknownCalls.push(call);
        result = { ok: true };
      }
    }
    call.response = result;
    if (fault && 'dropResponse' in fault) {
      res.destroy();
      return;
    }
    sendJson(res, 200, result);
  }

  private async handleResponseUrl(id: string, raw: Buffer, contentType: string, res: ServerResponse) {
    const text = raw.toString('utf8');
    let body: unknown = text;
    if (contentType.includes('json') || /^\s*[{[]/.test(text)) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    } else if (contentType.includes('x-www-form-urlencoded')) {
      body = parseArgs(raw, contentType, '');
    }
    const record: RecordedResponse = { id, url: `${this.url}/response/${id}`, body, at: this.now() };
    const fault = this.takeFault('response_url');
    if (fault) {
      const answered = this.answerFault(fault, res);
      if (answered !== false) {
        this.rejectedResponses.push({ ...record, fault });
        return;
      }
      if ('delayMs' in fault) await this.delay(fault.delayMs);
      if (res.destroyed) return;
    }
    // Slack checks a response_url body as it checks chat.postMessage, and answers 400 when it refuses it.
    if (isRecord(body) && (body.text !== undefined || body.blocks !== undefined)) {
      const invalid = this.blockKit('response_url', checkMessage(body));
      if (invalid) {
        sendJson(res, 400, invalid);
        return;
      }
    }
    this.responses.push(record);
    sendJson(res, 200, { ok: true });
  }

  private async handleUpload(fileId: string, raw: Buffer, contentType: string, res: ServerResponse) {
    const fault = this.takeFault('file_upload');
    if (fault) {
      if (this.answerFault(fault, res) !== false) return;
      if ('delayMs' in fault) await this.delay(fault.delayMs);
      if (res.destroyed) return;
    }
    const pending = this.pendingUploads.get(fileId);
    if (!pending) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('file not found');
      return;
    }
    let content = raw;
    if (contentType.toLowerCase().includes('multipart/form-data')) {
      const parts = parseMultipart(raw, contentType);
      const part = parts.find((p) => p.filename !== undefined) ?? parts[0];
      content = part ? part.data : Buffer.alloc(0);
    }
    pending.content = Buffer.from(content);
    const text = `OK - ${content.length}`;
    res.writeHead(200, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
    });
    res.end(text);
  }

  /** Control plane for driving the fake from another process. */
  private handleControl(action: string, httpMethod: string, raw: Buffer, res: ServerResponse): void {
    let input: unknown;
    try {
      input = raw.length ? JSON.parse(raw.toString('utf8')) : {};
    } catch {
      sendJson(res, 400, { ok: false, error: 'invalid_json' });
      return;
    }
    const [status, body] = this.control(`${httpMethod} ${action}`, input);
    sendJson(res, status, body);
  }

  private control(route: string, input: unknown): [number, Record<string, unknown>] {
    const list = Array.isArray(input) ? input : [input];
    switch (route) {
      case 'GET health':
        return [200, { ok: true }];
      case 'GET state':
        return [
          200,
          {
            ok: true,
            calls: this.calls,
            unknownCalls: this.unknownCalls,
            responses: this.responses,
            rejectedResponses: this.rejectedResponses,
            violations: this.violations,
            messages: this.messages,
            ephemerals: this.ephemerals,
            views: [...this.views.values()],
            homeViews: Object.fromEntries(this.homeViews),
            uploadedFiles: this.uploadedFiles.map((f) => ({ ...f, content: f.content.toString('base64') })),
            users: [...this.users.values()],
          },
        ];
      case 'POST reset':
        this.reset();
        return [200, { ok: true }];
      case 'POST users':
        for (const u of list) {
          if (isRecord(u) && typeof u.id === 'string') this.addUser(u as unknown as FakeUserInput);
        }
        return [200, { ok: true }];
      case 'POST channels':
        for (const c of list) {
          if (isRecord(c) && typeof c.id === 'string') this.addChannel(c as unknown as FakeChannelInput);
        }
        return [200, { ok: true }];
      case 'POST fail': {
        const b = isRecord(input) ? input : {};
        if (typeof b.method !== 'string' || !isRecord(b.fault)) {
          return [400, { ok: false, error: 'expected { method, fault, times? }' }];
        }
        this.failNext(b.method, b.fault as Fault, int(b.times, 1));
        return [200, { ok: true }];
      }
      case 'POST response-url':
        return [200, { ok: true, url: this.responseUrl() }];
      case 'POST trigger-id':
        return [200, { ok: true, trigger_id: this.triggerId() }];
      default:
        return [404, { ok: false, error: 'unknown_control', route }];
    }
  }

  // ----- model ------------------------------------------------------------------------------------------

  /** Strictly increasing message ts from the clock: `<seconds>.<microseconds>`. */
  private nextTs(): string {
    let micros = Math.floor(this.now() * 1000);
    if (micros <= this.lastTsMicros) micros = this.lastTsMicros + 1;
    this.lastTsMicros = micros;
    const s = Math.floor(micros / 1_000_000);
    return `${s}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }

  private nextId(prefix: string): string {
    this.seq += 1;
    return `${prefix}${this.seq.toString(36).toUpperCase().padStart(10, '0')}`;
  }

  private storeMessage(m: StoredMessage): void {
    this.messages.push(m);
    const list = this.byChannel.get(m.channel);
    if (list) list.push(m);
    else this.byChannel.set(m.channel, [m]);
  }

  private removeMessage(m: StoredMessage): void {
    const i = this.messages.indexOf(m);
    if (i !== -1) this.messages.splice(i, 1);
    const list = this.byChannel.get(m.channel);
    const j = list ? list.indexOf(m) : -1;
    if (list && j !== -1) list.splice(j, 1);
  }

  /** `U…`/`W…` → the DM with that user, as Slack does for chat.postMessage. */
  private resolveChannel(channel: string): string {
    return channel.startsWith('U') || channel.startsWith('W') ? `D${channel}` : channel;
  }

  /** Returns an error code if the bot cannot post in `channel` (only with strictChannels). */
  private channelError(channel: string): string | null {
    if (!this.opts.strictChannels || channel.startsWith('D')) return null;
    const known = this.channels.get(channel);
    if (!known) return 'channel_not_found';
    if (known.is_member === false) return 'not_in_channel';
    return null;
  }

  /** Thread replies by root ts, for reply_count/latest_reply. Built once per request. */
  private replyIndex(channel: string): Map<string, StoredMessage[]> {
    const index = new Map<string, StoredMessage[]>();
    for (const m of this.byChannel.get(channel) ?? []) {
      if (m.thread_ts === undefined || m.thread_ts === m.ts) continue;
      const list = index.get(m.thread_ts);
      if (list) list.push(m);
      else index.set(m.thread_ts, [m]);
    }
    return index;
  }

  private messageJson(m: StoredMessage, replies?: Map<string, StoredMessage[]>): Result {
    const out: Result = { type: 'message', text: m.text, user: m.user, ts: m.ts, team: this.teamId };
    if (m.bot_id) {
      out.bot_id = m.bot_id;
      out.app_id = this.appId;
      out.bot_profile = {
        id: m.bot_id,
        app_id: this.appId,
        name: 'Punchcard',
        team_id: this.teamId,
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

  private validateMessageContent(method: string, args: Args): Result | null {
    const hasText = typeof args.text === 'string' && args.text.trim() !== '';
    const hasBlocks = Array.isArray(args.blocks) && args.blocks.length > 0;
    const hasAttachments = Array.isArray(args.attachments) && args.attachments.length > 0;
    if (args.blocks !== undefined && !Array.isArray(args.blocks))
      return { ok: false, error: 'invalid_blocks_format' };
    const rejected = this.blockKit(method, checkMessage(args));
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

  /** Records a Block Kit refusal and turns it into Slack's answer; null when there is none (or checks are off). */
  private blockKit(method: string, rejection: BlockKitRejection | null): Result | null {
    if (!rejection || this.opts.validateBlockKit === false) return null;
    this.violations.push({ ...rejection, method, at: this.now() });
    return { ok: false, error: rejection.error, response_metadata: { messages: rejection.messages } };
  }

  private checkTrigger(triggerId: string): string | null {
    const t = this.triggers.get(triggerId);
    if (!t) return null;
    if (t.used) return 'exchanged_trigger_id';
    const ttl = this.opts.triggerTtlMs ?? 3000;
    if (ttl > 0 && this.now() - t.at > ttl) return 'expired_trigger_id';
    t.used = true;
    return null;
  }

  private buildView(id: string, v: Record<string, unknown>, previous?: FakeView): FakeView {
    this.seq += 1;
    return {
      id,
      team_id: this.teamId,
      type: String(v.type),
      blocks: Array.isArray(v.blocks) ? v.blocks : [],
      private_metadata: str(v.private_metadata) ?? '',
      callback_id: str(v.callback_id) ?? '',
      state: { values: {} },
      hash: `${Math.floor(this.now() / 1000)}.${this.seq.toString(36).padStart(8, '0')}`,
      title: v.title ?? null,
      close: v.close ?? null,
      submit: v.submit ?? null,
      clear_on_close: flag(v.clear_on_close),
      notify_on_close: flag(v.notify_on_close),
      external_id: str(v.external_id) ?? '',
      previous_view_id: previous?.previous_view_id ?? null,
      root_view_id: previous?.root_view_id ?? id,
      app_id: this.appId,
      app_installed_team_id: this.teamId,
      bot_id: this.botId,
    };
  }

  private validateView(method: string, view: unknown): Result | null {
    if (!isRecord(view) || typeof view.type !== 'string') return { ok: false, error: 'invalid_arguments' };
    return this.blockKit(method, checkView(view));
  }

  private buildHandlers(): Map<string, Handler> {
    const h = new Map<string, Handler>();

    h.set('api.test', (args) => ({ ok: true, args }));

    h.set('auth.test', () => ({
      ok: true,
      url: this.workspaceUrl,
      team: this.teamName,
      user: 'punchcard',
      team_id: this.teamId,
      user_id: this.botUserId,
      bot_id: this.botId,
      is_enterprise_install: false,
    }));

    h.set('team.info', () => ({
      ok: true,
      team: { id: this.teamId, name: this.teamName, domain: this.teamDomain, url: this.workspaceUrl },
    }));

    h.set('users.info', (args) => {
      const id = str(args.user);
      if (!id) return missing('user');
      const user = this.users.get(id);
      if (!user) return { ok: false, error: 'user_not_found' };
      return { ok: true, user: flag(args.include_locale) ? { ...user, locale: 'en-US' } : user };
    });

    h.set('users.lookupByEmail', (args) => {
      const email = str(args.email)?.toLowerCase();
      if (!email) return missing('email');
      for (const u of this.users.values()) {
        if (String((u.profile as Record<string, unknown>).email).toLowerCase() === email)
          return { ok: true, user: u };
      }
      return { ok: false, error: 'users_not_found' };
    });

    h.set('users.list', (args) => {
      const offset = decodeCursor(args.cursor);
      if (offset === null) return { ok: false, error: 'invalid_cursor' };
      const limit = Math.max(1, Math.min(int(args.limit, 1000) || 1000, 1000));
      const all = [...this.users.values()];
      const members = all.slice(offset, offset + limit);
      const next = offset + limit < all.length ? encodeCursor(offset + limit) : '';
      return {
        ok: true,
        members: flag(args.include_locale) ? members.map((m) => ({ ...m, locale: 'en-US' })) : members,
        cache_ts: Math.floor(this.now() / 1000),
        response_metadata: { next_cursor: next },
      };
    });

    h.set('conversations.open', (args) => {
      const channel = str(args.channel);
      if (channel) return { ok: true, channel: { id: channel } };
      const users = (str(args.users) ?? '')
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean);
      if (users.length === 0) return { ok: false, error: 'users_list_not_supplied' };
      if (users.some((u) => this.users.size > 0 && this.opts.strictChannels && !this.users.has(u))) {
        return { ok: false, error: 'user_not_found' };
      }
      const id = users.length === 1 ? `D${users[0]}` : `G${users.join('').replace(/[^A-Z0-9]/g, '')}`;
      return flag(args.return_im)
        ? { ok: true, channel: this.conversationJson(id) }
        : { ok: true, no_op: true, already_open: true, channel: { id } };
    });

    h.set('conversations.info', (args) => {
      const channel = str(args.channel);
      if (!channel) return { ok: false, error: 'channel_not_found' };
      if (this.opts.strictChannels && !channel.startsWith('D') && !this.channels.has(channel)) {
        return { ok: false, error: 'channel_not_found' };
      }
      return { ok: true, channel: this.conversationJson(channel) };
    });

    h.set('conversations.members', (args) => {
      const channel = str(args.channel);
      if (!channel) return { ok: false, error: 'channel_not_found' };
      const known = this.channels.get(channel);
      if (!known && this.opts.strictChannels && !channel.startsWith('D')) {
        return { ok: false, error: 'channel_not_found' };
      }
      const all = channel.startsWith('D') ? [channel.slice(1), this.botUserId] : (known?.members ?? []);
      const offset = decodeCursor(args.cursor);
      if (offset === null) return { ok: false, error: 'invalid_cursor' };
      const limit = Math.max(1, int(args.limit, 100) || 100);
      const next = offset + limit < all.length ? encodeCursor(offset + limit) : '';
      return {
        ok: true,
        members: all.slice(offset, offset + limit),
        response_metadata: { next_cursor: next },
      };
    });

    h.set('conversations.history', (args) => {
      const channel = str(args.channel);
      if (!channel) return { ok: false, error: 'channel_not_found' };
      const err = this.channelError(channel);
      if (err) return { ok: false, error: err };
      const inclusive = flag(args.inclusive);
      const oldest = str(args.oldest) ? tsToNumber(String(args.oldest)) : undefined;
      const latest = str(args.latest) ? tsToNumber(String(args.latest)) : undefined;
      const top = (this.byChannel.get(channel) ?? []).filter((m) => {
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
      const replies = this.replyIndex(channel);
      return {
        ok: true,
        messages: page.map((m) => this.messageJson(m, replies)),
        has_more: hasMore,
        pin_count: 0,
        channel_actions_updated: 0,
        channel_actions_count: 0,
        response_metadata: { next_cursor: hasMore ? encodeCursor(offset + limit) : '' },
      };
    });

    h.set('conversations.replies', (args) => {
      const channel = str(args.channel);
      const ts = str(args.ts);
      if (!channel) return { ok: false, error: 'channel_not_found' };
      if (!ts) return missing('ts');
      const list = this.byChannel.get(channel) ?? [];
      const parent = list.find((m) => m.ts === ts);
      if (!parent) return { ok: false, error: 'thread_not_found' };
      const root = parent.thread_ts ?? parent.ts;
      const thread = list.filter((m) => m.ts === root || m.thread_ts === root);
      const replies = this.replyIndex(channel);
      return { ok: true, messages: thread.map((m) => this.messageJson(m, replies)), has_more: false };
    });

    h.set('chat.postMessage', (args) => {
      const requested = str(args.channel);
      if (!requested) return { ok: false, error: 'channel_not_found' };
      const channel = this.resolveChannel(requested);
      const channelErr = this.channelError(channel);
      if (channelErr) return { ok: false, error: channelErr };
      const invalid = this.validateMessageContent('chat.postMessage', args);
      if (invalid) return invalid;
      const threadTs = str(args.thread_ts);
      const msg: StoredMessage = {
        channel,
        ts: this.nextTs(),
        text: str(args.text) ?? '',
        blocks: Array.isArray(args.blocks) ? args.blocks : undefined,
        metadata: args.metadata as StoredMessage['metadata'],
        user: this.botUserId,
        bot_id: this.botId,
        ...(Array.isArray(args.attachments) ? { attachments: args.attachments } : {}),
        ...(threadTs ? { thread_ts: threadTs } : {}),
        ...(threadTs && flag(args.reply_broadcast) ? { reply_broadcast: true } : {}),
      };
      this.storeMessage(msg);
      return { ok: true, channel, ts: msg.ts, message: this.messageJson(msg) };
    });

    h.set('chat.postEphemeral', (args) => {
      const requested = str(args.channel);
      if (!requested) return { ok: false, error: 'channel_not_found' };
      const user = str(args.user);
      if (!user) return { ok: false, error: 'user_not_found' };
      const channel = this.resolveChannel(requested);
      const channelErr = this.channelError(channel);
      if (channelErr) return { ok: false, error: channelErr };
      const invalid = this.validateMessageContent('chat.postEphemeral', args);
      if (invalid) return invalid;
      const threadTs = str(args.thread_ts);
      const eph: StoredEphemeral = {
        channel,
        user,
        ts: this.nextTs(),
        text: str(args.text) ?? '',
        blocks: Array.isArray(args.blocks) ? args.blocks : undefined,
        ...(Array.isArray(args.attachments) ? { attachments: args.attachments } : {}),
        ...(threadTs ? { thread_ts: threadTs } : {}),
        ephemeral: true,
      };
      this.ephemerals.push(eph);
      return { ok: true, message_ts: eph.ts };
    });

    h.set('chat.update', (args) => {
      const channel = str(args.channel);
      const ts = str(args.ts);
      if (!channel) return { ok: false, error: 'channel_not_found' };
      if (!ts) return { ok: false, error: 'message_not_found' };
      const msg = this.findMessage(channel, ts);
      if (!msg) return { ok: false, error: 'message_not_found' };
      if (msg.user !== this.botUserId) return { ok: false, error: 'cant_update_message' };
      if (args.blocks !== undefined || args.text !== undefined || args.attachments !== undefined) {
        const invalid = this.validateMessageContent('chat.update', {
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
      msg.edited = { user: this.botUserId, ts: this.nextTs() };
      const message = this.messageJson(msg, this.replyIndex(channel));
      return { ok: true, channel, ts, text: msg.text, message };
    });

    h.set('chat.delete', (args) => {
      const channel = str(args.channel);
      const ts = str(args.ts);
      if (!channel) return { ok: false, error: 'channel_not_found' };
      const msg = ts ? this.findMessage(channel, ts) : undefined;
      if (!msg) return { ok: false, error: 'message_not_found' };
      if (msg.user !== this.botUserId) return { ok: false, error: 'cant_delete_message' };
      this.removeMessage(msg);
      return { ok: true, channel, ts };
    });

    h.set('chat.getPermalink', (args) => {
      const channel = str(args.channel);
      const ts = str(args.message_ts);
      if (!channel) return { ok: false, error: 'channel_not_found' };
      if (!ts || !this.findMessage(channel, ts)) return { ok: false, error: 'message_not_found' };
      return {
        ok: true,
        channel,
        permalink: `${this.workspaceUrl}archives/${channel}/p${ts.replace('.', '')}`,
      };
    });

    const openOrPush = (args: Args, call: RecordedCall): Result => {
      const trigger = str(args.trigger_id);
      if (!trigger) return missing('trigger_id');
      if (args.view === undefined) return missing('view');
      const invalid = this.validateView(call.method, args.view);
      if (invalid) return invalid;
      const triggerErr = this.checkTrigger(trigger);
      if (triggerErr) return { ok: false, error: triggerErr };
      const view = this.buildView(this.nextId('V'), args.view as Record<string, unknown>);
      this.views.set(view.id, view);
      return { ok: true, view };
    };
    h.set('views.open', openOrPush);
    h.set('views.push', openOrPush);

    h.set('views.update', (args) => {
      const viewId = str(args.view_id);
      const externalId = str(args.external_id);
      if (!viewId && !externalId) return missing('view_id');
      if (args.view === undefined) return missing('view');
      const invalid = this.validateView('views.update', args.view);
      if (invalid) return invalid;
      let current = viewId ? this.views.get(viewId) : undefined;
      if (!current && externalId) {
        for (const v of this.views.values()) if (v.external_id === externalId) current = v;
      }
      if (!current) return { ok: false, error: 'not_found' };
      const hash = str(args.hash);
      if (hash && hash !== current.hash) return { ok: false, error: 'hash_conflict' };
      const view = this.buildView(current.id, args.view as Record<string, unknown>, current);
      this.views.set(view.id, view);
      return { ok: true, view };
    });

    h.set('views.publish', (args) => {
      const userId = str(args.user_id);
      if (!userId) return missing('user_id');
      if (args.view === undefined) return missing('view');
      const invalid = this.validateView('views.publish', args.view);
      if (invalid) return invalid;
      const v = args.view as Record<string, unknown>;
      if (v.type !== 'home') return { ok: false, error: 'invalid_arguments' };
      const current = this.homeViews.get(userId);
      const hash = str(args.hash);
      if (hash && current && hash !== current.hash) return { ok: false, error: 'hash_conflict' };
      const view = this.buildView(current?.id ?? this.nextId('V'), v, current);
      this.homeViews.set(userId, view);
      this.views.set(view.id, view);
      return { ok: true, view };
    });

    h.set('files.getUploadURLExternal', (args) => {
      const filename = str(args.filename);
      if (!filename) return missing('filename');
      if (args.length === undefined) return missing('length');
      const id = this.nextId('F');
      this.pendingUploads.set(id, { filename, length: int(args.length, 0), content: undefined });
      return { ok: true, upload_url: `${this.url}/upload/${id}`, file_id: id };
    });

    h.set('files.completeUploadExternal', (args) => {
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
        const err = this.channelError(c);
        if (err) return { ok: false, error: err };
      }
      const out: Result[] = [];
      for (const f of files) {
        const id = isRecord(f) ? str(f.id) : undefined;
        const pending = id ? this.pendingUploads.get(id) : undefined;
        if (!id || !pending?.content) return { ok: false, error: 'file_not_found' };
        const title = (isRecord(f) ? str(f.title) : undefined) ?? pending.filename;
        this.pendingUploads.delete(id);
        this.uploadedFiles.push({
          id,
          filename: pending.filename,
          title,
          channels,
          content: pending.content,
          initial_comment: str(args.initial_comment),
          thread_ts: str(args.thread_ts),
        });
        out.push({
          id,
          created: Math.floor(this.now() / 1000),
          name: pending.filename,
          title,
          mimetype: 'text/plain',
          filetype: pending.filename.includes('.') ? pending.filename.split('.').pop() : 'text',
          user: this.botUserId,
          size: pending.content.length,
          url_private: `${this.url}/files/${id}/${encodeURIComponent(pending.filename)}`,
          permalink: `${this.workspaceUrl}files/${this.botUserId}/${id}/${encodeURIComponent(pending.filename)}`,
          channels,
        });
      }
      return { ok: true, files: out };
    });

    return h;
  }

  private conversationJson(id: string): Result {
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
    const known = this.channels.get(id);
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
}

export async function startFakeSlack(opts: FakeSlackOptions = {}): Promise<FakeSlack> {
  const fake = new FakeSlack(opts);
  await fake.listen(opts.port ?? 0);
  return fake;
}

// ---------------------------------------------------------------------------------------------------------
// Run as a separate process: `tsx test/support/fake-slack/server.ts [--port 4100]`

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  const i = process.argv.indexOf('--port');
  const port = int(i !== -1 ? process.argv[i + 1] : process.env.FAKE_SLACK_PORT, 0);
  const fake = await startFakeSlack({ port, record: process.env.FAKE_SLACK_RECORD !== '0' });
  process.stdout.write(`FAKE_SLACK_URL=${fake.url}\nFAKE_SLACK_API_URL=${fake.apiUrl}\n`);
  const stop = () => {
    fake.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
