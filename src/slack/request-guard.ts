import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { Logger } from '../logger.js';

/**
 * The largest request body the app reads: 1 MiB. Slack's largest requests are a modal submission
 * (the app's own view, at most 100 blocks, plus the typed values: 3,000 characters an input, tens of
 * kilobytes even percent-encoded) and a DM message event (40,000 characters of text, a few hundred
 * kilobytes JSON-escaped with its rich-text blocks). Anything bigger is not from Slack.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The two ways Slack posts to a request URL: form fields (commands, `payload=` interactivity) and JSON (events). */
const MEDIA_TYPES = ['application/x-www-form-urlencoded', 'application/json'];

type Refusal = { status: 400 | 413 | 415; why: string; detail?: Record<string, unknown> };

const isObject = (value: unknown) => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Why a complete body is not one Slack sends (JSON that does not parse, or is not an object), else null. */
function malformed(mediaType: string, body: Buffer): Refusal | null {
  const text = body.toString('utf8');
  let json: string;
  if (mediaType === 'application/json') json = text;
  else {
    const payload = parseQuery(text).payload;
    // A command (or `ssl_check`) is form fields alone; `payload` given twice is no Slack payload either.
    if (payload === undefined || Array.isArray(payload)) return null;
    json = payload;
  }
  try {
    const parsed: unknown = JSON.parse(json);
    if (isObject(parsed)) return null;
    return {
      status: 400,
      why: 'JSON that is not an object',
      detail: { json: parsed === null ? 'null' : typeof parsed },
    };
  } catch {
    return { status: 400, why: 'malformed JSON', detail: { bytes: body.length } };
  }
}

/**
 * Answers a refused request once its body has been read and thrown away (a client still sending when
 * the connection closes sees a reset instead of the answer), or at once when the body runs past the
 * limit, reading no more of it.
 */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, alreadyRead: number): void {
  let read = alreadyRead;
  const answer = () => {
    if (res.headersSent) return;
    res.writeHead(status, { connection: 'close' });
    res.end();
  };
  if (req.readableEnded || read > MAX_BODY_BYTES) {
    req.pause();
    answer();
    return;
  }
  req.on('data', (chunk: Buffer) => {
    read += chunk.length;
    if (read > MAX_BODY_BYTES) {
      req.pause();
      answer();
    }
  });
  req.on('end', answer);
  req.on('error', answer);
  req.resume();
}

/**
 * Stands in front of Bolt's receiver for POSTs to the request URL, and refuses what cannot be Slack's
 * before a listener (or the database) sees it: a content type Slack never sends (415), a body over
 * MAX_BODY_BYTES, declared or not (413), or JSON that does not parse or is not an object (400; Bolt
 * threw an unhandled rejection on `payload=null` and left the request hanging). Each refusal is one
 * warning in the log. A body it accepts is handed to Bolt already read (Bolt reuses `rawBody`), and
 * Bolt still checks its signature before anything else happens.
 */
export function guardRequests(
  listener: RequestListener,
  options: { path: string; logger: Logger },
): RequestListener {
  const { path, logger } = options;
  const refused = (req: IncomingMessage, res: ServerResponse, refusal: Refusal, read: number) => {
    logger.warn({ status: refusal.status, ...refusal.detail }, `request refused: ${refusal.why}`);
    refuse(req, res, refusal.status, read);
  };
  return (req, res) => {
    if (req.method !== 'POST' || (req.url ?? '').split('?')[0] !== path) return listener(req, res);
    const declared = req.headers['content-type'] ?? '';
    const mediaType = (declared.split(';')[0] ?? '').trim().toLowerCase();
    if (!MEDIA_TYPES.includes(mediaType)) {
      const detail = { contentType: declared.slice(0, 80) };
      return refused(req, res, { status: 415, why: 'not a content type Slack sends', detail }, 0);
    }
    const length = Number(req.headers['content-length'] ?? 0);
    const tooLarge = (size: number): Refusal => ({
      status: 413,
      why: 'body over the size limit',
      detail: { length: size, limit: MAX_BODY_BYTES },
    });
    if (length > MAX_BODY_BYTES) return refused(req, res, tooLarge(length), 0);

    const chunks: Buffer[] = [];
    let read = 0;
    let over = false;
    const onData = (chunk: Buffer) => {
      read += chunk.length;
      if (read <= MAX_BODY_BYTES) {
        chunks.push(chunk);
        return;
      }
      over = true;
      req.off('data', onData);
      req.off('end', onEnd);
      chunks.length = 0;
      refused(req, res, tooLarge(read), read);
    };
    const onEnd = () => {
      if (over) return;
      const body = Buffer.concat(chunks);
      const refusal = malformed(mediaType, body);
      if (refusal) return refused(req, res, refusal, read);
      // Bolt compares the bare media type (`…; charset=utf-8` is a form too), and reads no body it finds read.
      req.headers['content-type'] = mediaType;
      Object.assign(req, { rawBody: body });
      listener(req, res);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', () => {
      if (!res.headersSent) res.writeHead(400, { connection: 'close' }).end();
    });
  };
}
