import type { ServerResponse } from 'node:http';
import { sql } from 'drizzle-orm';
import type { Database } from './db/client.js';

/** One part's state as `/healthz` shows it. */
export interface PartHealth {
  ok: boolean;
  /** What is wrong, in words, when not ok. */
  error?: string;
  [detail: string]: unknown;
}

/** Every part checked, by name (`database`, and `scheduler` when it runs). */
export type HealthChecks = Record<string, PartHealth>;

/** The database answers `select 1` within this, or it counts as down. */
export const DATABASE_PROBE_MS = 2_000;

/**
 * The scheduler ticks every minute: when no tick has succeeded for this long (three missed ticks),
 * scheduled sends are not going out, and it counts as down.
 */
export const SCHEDULER_STALE_MS = 3 * 60_000;

/** What the scheduler reports about its ticks (src/scheduler). */
export interface TickRecord {
  /** Without a successful tick for this long the scheduler counts as down (SCHEDULER_STALE_MS for minute ticks). */
  staleMs: number;
  /** When the scheduler started (a baseline before the first tick). */
  startedAt: number;
  /** When the last tick started and ended (null before the first); whether it failed, and why. */
  lastTickStartedAt: number | null;
  lastTickEndedAt: number | null;
  lastTickError: string | null;
  /** When the last tick that succeeded ended. */
  lastSuccessAt: number | null;
  /** True while a tick runs. */
  ticking: boolean;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A failure in a few words: a driver's code and message, never a stack or a connection string. */
function describeError(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown; cause?: unknown };
  const cause = e.cause as { code?: unknown; message?: unknown } | undefined;
  const code = typeof e.code === 'string' ? e.code : typeof cause?.code === 'string' ? cause.code : undefined;
  const message =
    typeof cause?.message === 'string' && cause.message
      ? cause.message
      : typeof e.message === 'string'
        ? e.message
        : String(error);
  const short = message.split('\n')[0]?.slice(0, 200) ?? '';
  return code && !short.includes(code) ? `${code}: ${short}` : short;
}

/** `select 1` within DATABASE_PROBE_MS. */
export async function checkDatabase(db: Database, timeoutMs = DATABASE_PROBE_MS): Promise<PartHealth> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      db.execute(sql`select 1`),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, error: describeError(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** Whether a tick succeeded within the record's `staleMs` (or the scheduler started within it). */
export function checkScheduler(record: TickRecord, now = Date.now()): PartHealth {
  const since = record.lastSuccessAt ?? record.startedAt;
  const ok = now - since <= record.staleMs;
  return {
    ok,
    ...(ok
      ? {}
      : {
          error: `no tick has succeeded for ${Math.round((now - since) / 1000)} s${
            record.lastTickError
              ? ` (last tick: ${record.lastTickError})`
              : record.ticking
                ? ' (a tick is still running)'
                : ''
          }`,
        }),
    lastTickAt: iso(record.lastTickStartedAt),
    lastSuccessAt: iso(record.lastSuccessAt),
    ticking: record.ticking,
  };
}

/**
 * Answers `/healthz`: 200 `{ ok: true, status: 'ready', checks }` when every part is up; 503 with
 * `status: 'down'` and `down` naming the parts that are not (each with its `error`), or
 * `status: 'draining'` while shutting down.
 */
export async function serveHealth(
  res: ServerResponse,
  input: { draining: boolean; checks?: () => Promise<HealthChecks> },
): Promise<void> {
  let checks: HealthChecks = {};
  try {
    checks = input.checks ? await input.checks() : {};
  } catch (error) {
    checks = { health: { ok: false, error: describeError(error) } };
  }
  const down = Object.entries(checks)
    .filter(([, part]) => !part.ok)
    .map(([name]) => name);
  const ok = !input.draining && down.length === 0;
  const status = input.draining ? 'draining' : ok ? 'ready' : 'down';
  if (res.headersSent || res.destroyed) return;
  res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ ok, status, ...(down.length > 0 ? { down } : {}), checks }));
}
