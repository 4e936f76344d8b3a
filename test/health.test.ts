import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  checkDatabase,
  checkScheduler,
  type HealthChecks,
  serveHealth,
  type TickRecord,
} from '../src/health.js';
import { createTestDatabase } from './support/test-db.js';

const MINUTE = 60_000;
const T0 = Date.parse('2026-11-27T10:00:00Z');

function ticks(over: Partial<TickRecord> = {}): TickRecord {
  return {
    staleMs: 3 * MINUTE,
    startedAt: T0,
    lastTickStartedAt: null,
    lastTickEndedAt: null,
    lastTickError: null,
    lastSuccessAt: null,
    ticking: false,
    ...over,
  };
}

describe('the scheduler on /healthz', () => {
  it('is up while a tick succeeded within three minutes, or it started within them', () => {
    expect(checkScheduler(ticks(), T0 + 2 * MINUTE)).toMatchObject({ ok: true, lastTickAt: null });
    expect(checkScheduler(ticks({ lastSuccessAt: T0 + 5 * MINUTE }), T0 + 7 * MINUTE).ok).toBe(true);
  });

  it('is down, saying why, when no tick has succeeded for longer', () => {
    const failing = ticks({
      lastTickStartedAt: T0 + 4 * MINUTE,
      lastTickError: 'connect ECONNREFUSED 127.0.0.1:5432',
      lastSuccessAt: T0,
    });
    expect(checkScheduler(failing, T0 + 4 * MINUTE)).toEqual({
      ok: false,
      error: 'no tick has succeeded for 240 s (last tick: connect ECONNREFUSED 127.0.0.1:5432)',
      lastTickAt: '2026-11-27T10:04:00.000Z',
      lastSuccessAt: '2026-11-27T10:00:00.000Z',
      ticking: false,
    });
    expect(checkScheduler(ticks({ ticking: true }), T0 + 10 * MINUTE).error).toBe(
      'no tick has succeeded for 600 s (a tick is still running)',
    );
  });
});

describe('the database on /healthz', () => {
  it('is up when it answers, with how long it took', async () => {
    const db = await createTestDatabase({ migrate: false });
    try {
      const part = await checkDatabase(db.handle.db);
      expect(part).toMatchObject({ ok: true });
      expect(part.latencyMs).toBeGreaterThanOrEqual(0);
    } finally {
      await db.close();
    }
  });

  it('is down, in a few words, when it fails or does not answer in time', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const failing = { execute: () => Promise.reject(new Error('query failed', { cause: refused })) };
    expect(await checkDatabase(failing as never)).toEqual({
      ok: false,
      error: 'connect ECONNREFUSED 127.0.0.1:5432',
    });
    const hanging = { execute: () => new Promise(() => undefined) };
    expect(await checkDatabase(hanging as never, 50)).toEqual({ ok: false, error: 'no answer within 50 ms' });
  });
});

describe('GET /healthz', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  async function serve(draining: boolean, checks: HealthChecks) {
    server = createServer((_req, res) => void serveHealth(res, { draining, checks: async () => checks }));
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`);
    return { status: res.status, body: await res.json() };
  }

  it('answers 200 when every part is up, and 503 naming what is down otherwise', async () => {
    expect(await serve(false, { database: { ok: true, latencyMs: 1 } })).toEqual({
      status: 200,
      body: { ok: true, status: 'ready', checks: { database: { ok: true, latencyMs: 1 } } },
    });
    server?.close();
    const down = await serve(false, {
      database: { ok: false, error: 'connect ECONNREFUSED 127.0.0.1:5432' },
      scheduler: { ok: true },
    });
    expect(down).toEqual({
      status: 503,
      body: {
        ok: false,
        status: 'down',
        down: ['database'],
        checks: {
          database: { ok: false, error: 'connect ECONNREFUSED 127.0.0.1:5432' },
          scheduler: { ok: true },
        },
      },
    });
  });

  it('answers 503 draining while shutting down', async () => {
    expect(await serve(true, { database: { ok: true } })).toMatchObject({
      status: 503,
      body: { ok: false, status: 'draining' },
    });
  });
});
