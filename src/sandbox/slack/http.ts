/**
 * The fake's HTTP surface, on plain node:http: the Web API (`/api/<method>`), response URLs
 * (`/response/<n>`), file upload URLs (`/upload/<id>`) and the control plane (`/_fake/*`, control.ts).
 *
 * Per Web API request it does: read the body, parse it, one map lookup for faults, the rate limits when
 * they are on, one map lookup for the method handler.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Faults } from './faults.js';
import { parseArgs, parseMultipart, readBody, sendJson } from './http-body.js';
import type { RateLimiter } from './rate-limits.js';
import type { FakeSlackState } from './state.js';
import type { Handler, RateLimitedCall, RecordedCall, RecordedResponse, Result } from './types.js';
import { str } from './util.js';

/** What the HTTP surface works with; FakeSlack provides it. */
export interface HttpContext {
  readonly state: FakeSlackState;
  readonly handlers: Map<string, Handler>;
  readonly faults: Faults;
  /** The rate limiter in force, or null when limits are off. */
  rateLimiter(): RateLimiter | null;
  /** Called for each call answered 429. */
  onRateLimited(record: RateLimitedCall): void;
  /** `/_fake/*`: `route` is `'<HTTP method> <action>'`, `input` the parsed JSON body. */
  control(route: string, input: unknown): [number, Record<string, unknown>];
}

export function createFakeServer(ctx: HttpContext): Server {
  const server = createServer((req, res) => {
    route(ctx, req, res).catch((err: unknown) => {
      if (!res.headersSent)
        sendJson(res, 500, { ok: false, error: 'fake_internal_error', detail: String(err) });
      else res.end();
    });
  });
  // Node closes idle keep-alive sockets after 5 s; the app's client may reuse one just as it closes
  // and fail with request_failed (tests run with retries off). A slow machine makes that gap likely
  // between two ticks, so the fake keeps idle connections for a minute.
  server.keepAliveTimeout = 60_000;
  return server;
}

async function route(ctx: HttpContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const rawUrl = req.url ?? '/';
  const q = rawUrl.indexOf('?');
  const path = q === -1 ? rawUrl : rawUrl.slice(0, q);
  const query = q === -1 ? '' : rawUrl.slice(q + 1);
  const body = await readBody(req);
  const contentType = req.headers['content-type'] ?? '';
  if (path.startsWith('/api/')) return handleApi(ctx, path.slice(5), body, contentType, query, req, res);
  if (path.startsWith('/response/')) return handleResponseUrl(ctx, path.slice(10), body, contentType, res);
  if (path.startsWith('/upload/')) return handleUpload(ctx, path.slice(8), body, contentType, res);
  if (path.startsWith('/_fake/')) return handleControl(ctx, path.slice(7), req.method ?? 'GET', body, res);
  sendJson(res, 404, { ok: false, error: 'unknown_path', path });
}

async function handleApi(
  ctx: HttpContext,
  method: string,
  raw: Buffer,
  contentType: string,
  query: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const { state } = ctx;
  const args = parseArgs(raw, contentType, query);
  const auth = req.headers.authorization;
  const token =
    auth?.startsWith('Bearer ') === true ? auth.slice(7) : typeof args.token === 'string' ? args.token : null;
  const call: RecordedCall = { method, args, token, at: state.now() };
  if (state.opts.record !== false) state.calls.push(call);

  const fault = ctx.faults.take(method);
  if (fault) {
    call.fault = fault;
    const answered = ctx.faults.answer(fault, res);
    if (answered !== false) {
      if (answered) call.response = answered;
      return;
    }
    if ('delayMs' in fault) await ctx.faults.delay(fault.delayMs);
    if (res.destroyed) return;
  }

  let result: Result;
  let status = 200;
  let headers: Record<string, string> = {};
  if (state.opts.requireToken && !token) {
    result = { ok: false, error: 'not_authed' };
  } else {
    const limited = rateLimit(ctx, method, args);
    const handler = ctx.handlers.get(method);
    if (limited) {
      call.rateLimited = limited;
      ctx.onRateLimited(limited);
      result = { ok: false, error: 'ratelimited' };
      status = 429;
      headers = { 'Retry-After': String(limited.retryAfter) };
    } else if (handler) {
      result = handler(args, call);
    } else {
      if (state.opts.record !== false) state.unknownCalls.push(call);
      result = { ok: true };
    }
  }
  call.response = result;
  for (const observer of state.observers) observer.call?.(call);
  if (fault && 'dropResponse' in fault) {
    res.destroy();
    return;
  }
  sendJson(res, status, result, headers);
}

/** The limit this call goes past, if rate limits are on and it does. */
function rateLimit(ctx: HttpContext, method: string, args: Record<string, unknown>): RateLimitedCall | null {
  const limiter = ctx.rateLimiter();
  if (!limiter) return null;
  const requested = str(args.channel);
  const channel = requested ? ctx.state.resolveChannel(requested) : undefined;
  const verdict = limiter.check(method, channel);
  if (!verdict) return null;
  return {
    method,
    scope: verdict.scope,
    ...(channel !== undefined && method === 'chat.postMessage' ? { channel } : {}),
    retryAfter: verdict.retryAfter,
    at: ctx.state.now(),
  };
}

async function handleResponseUrl(
  ctx: HttpContext,
  id: string,
  raw: Buffer,
  contentType: string,
  res: ServerResponse,
): Promise<void> {
  const { state } = ctx;
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
  const record: RecordedResponse = { id, url: `${state.url}/response/${id}`, body, at: state.now() };
  const fault = ctx.faults.take('response_url');
  if (fault) {
    const answered = ctx.faults.answer(fault, res);
    if (answered !== false) {
      state.rejectedResponses.push({ ...record, fault });
      return;
    }
    if ('delayMs' in fault) await ctx.faults.delay(fault.delayMs);
    if (res.destroyed) return;
  }
  // Slack checks a response_url body as it checks chat.postMessage, and answers 400 when it refuses it.
  const invalid = state.acceptResponse(record, 'response_url');
  sendJson(res, invalid ? 400 : 200, invalid ?? { ok: true });
}

async function handleUpload(
  ctx: HttpContext,
  fileId: string,
  raw: Buffer,
  contentType: string,
  res: ServerResponse,
): Promise<void> {
  const fault = ctx.faults.take('file_upload');
  if (fault) {
    if (ctx.faults.answer(fault, res) !== false) return;
    if ('delayMs' in fault) await ctx.faults.delay(fault.delayMs);
    if (res.destroyed) return;
  }
  const pending = ctx.state.pendingUploads.get(fileId);
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

function handleControl(
  ctx: HttpContext,
  action: string,
  httpMethod: string,
  raw: Buffer,
  res: ServerResponse,
): void {
  let input: unknown;
  try {
    input = raw.length ? JSON.parse(raw.toString('utf8')) : {};
  } catch {
    sendJson(res, 400, { ok: false, error: 'invalid_json' });
    return;
  }
  const [status, body] = ctx.control(`${httpMethod} ${action}`, input);
  sendJson(res, status, body);
}
