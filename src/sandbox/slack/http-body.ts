/** Reading what the app sends (form, JSON or multipart bodies) and writing JSON answers. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Args } from './types.js';
import { isRecord } from './util.js';

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

interface MultipartPart {
  name: string;
  filename: string | undefined;
  data: Buffer;
}

export function parseMultipart(body: Buffer, contentType: string): MultipartPart[] {
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

export function parseArgs(raw: Buffer, contentType: string, query: string): Args {
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

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function sendJson(
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
