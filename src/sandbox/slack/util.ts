/** Small coercions shared by the Web API handlers: Slack's form-encoded args arrive as strings. */

export function flag(v: unknown): boolean {
  return v === true || v === 'true' || v === '1' || v === 1;
}

export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

export function int(v: unknown, fallback: number): number {
  const n =
    typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Number.parseInt(v, 10) : Number.NaN;
  return Number.isFinite(n) ? n : fallback;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64');
}

export function decodeCursor(cursor: unknown): number | null {
  const c = str(cursor);
  if (c === undefined || c === '') return 0;
  const m = /^offset:(\d+)$/.exec(Buffer.from(c, 'base64').toString('utf8'));
  return m?.[1] ? Number.parseInt(m[1], 10) : null;
}

export function tsToNumber(ts: string): number {
  return Number.parseFloat(ts);
}

/** Current UTC offset of an IANA zone, in seconds (Slack's `tz_offset`). */
export function tzOffsetSeconds(tz: string): number {
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

/** Slack's answer to a call without a required argument. */
export function missing(field: string): Record<string, unknown> {
  return {
    ok: false,
    error: 'invalid_arguments',
    response_metadata: { messages: [`[ERROR] missing required field: ${field}`] },
  };
}
