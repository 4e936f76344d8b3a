/**
 * What the bench watches: the fake Slack's response_url posts and Web API calls as they arrive (so a
 * wait ends the moment the app's answer lands, not at the next poll), and the SQL the app runs.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { FakeSlack } from '../test/support/fake-slack/index.js';
import type { RecordedCall, RecordedResponse } from '../test/support/fake-slack/types.js';

export interface FakeWatch {
  /** Resolves with the arrival time (performance.now()) and body of the first post to `url`. */
  response(url: string, timeoutMs?: number): Promise<{ at: number; body: unknown }>;
  /** Calls `listener` with every response_url post (arrival time, url). */
  onResponse(listener: ((at: number, r: RecordedResponse) => void) | null): void;
  /** Resolves at the first Web API call matching `match` from now on. */
  call(match: (c: RecordedCall) => boolean, timeoutMs?: number): Promise<{ at: number; call: RecordedCall }>;
  /** false: calls and responses are not kept in the fake's arrays (long load runs); listeners still run. */
  keep: boolean;
  /** Web API calls to `method` since the last `resetCounts`, kept or not. */
  count(method: string): number;
  resetCounts(): void;
}

export function watchFake(fake: FakeSlack): FakeWatch {
  const waiting = new Map<string, (at: number, r: RecordedResponse) => void>();
  const callWaiters = new Set<(at: number, c: RecordedCall) => void>();
  let listener: ((at: number, r: RecordedResponse) => void) | null = null;
  const counts = new Map<string, number>();
  const watch: FakeWatch = {
    keep: true,
    count: (method) => counts.get(method) ?? 0,
    resetCounts: () => counts.clear(),
    response(url, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(url);
          reject(new Error(`no reply on ${url} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiting.set(url, (at, r) => {
          clearTimeout(timer);
          waiting.delete(url);
          resolve({ at, body: r.body });
        });
      });
    },
    onResponse(l) {
      listener = l;
    },
    call(match, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const waiter = (at: number, c: RecordedCall) => {
          if (!match(c)) return;
          clearTimeout(timer);
          callWaiters.delete(waiter);
          resolve({ at, call: c });
        };
        const timer = setTimeout(() => {
          callWaiters.delete(waiter);
          reject(new Error(`no matching Web API call within ${timeoutMs} ms`));
        }, timeoutMs);
        callWaiters.add(waiter);
      });
    },
  };
  const responses = fake.responses;
  const pushResponse = responses.push.bind(responses);
  responses.push = (...items: RecordedResponse[]) => {
    const at = performance.now();
    for (const r of items) {
      listener?.(at, r);
      (waiting.get(r.url) ?? waiting.get(r.id))?.(at, r);
    }
    return watch.keep ? pushResponse(...items) : responses.length;
  };
  const calls = fake.calls;
  const pushCall = calls.push.bind(calls);
  calls.push = (...items: RecordedCall[]) => {
    const at = performance.now();
    for (const c of items) {
      counts.set(c.method, (counts.get(c.method) ?? 0) + 1);
      for (const w of [...callWaiters]) w(at, c);
    }
    return watch.keep ? pushCall(...items) : calls.length;
  };
  return watch;
}

export interface CapturedQuery {
  text: string;
  values: unknown[];
  ms: number;
}

/**
 * Records the SQL every pg client in this process runs (the app's included) while `capture` is on:
 * the bench prints the plans of the slowest ones (`--plans`).
 */
export function captureQueries(): { start(): void; stop(): CapturedQuery[] } {
  let captured: CapturedQuery[] | null = null;
  // Pool.query (no callback) and a checked-out client's query (transactions) return promises; the
  // pool's own call into its client passes a callback and is not counted twice.
  for (const proto of [pg.Pool.prototype, pg.Client.prototype] as unknown as Array<{
    query: (...args: unknown[]) => unknown;
  }>) {
    const original = proto.query;
    proto.query = function (this: unknown, ...args: unknown[]) {
      const result = original.apply(this, args);
      const first = args[0] as { text?: unknown; values?: unknown } | string | undefined;
      const text = typeof first === 'string' ? first : typeof first?.text === 'string' ? first.text : null;
      if (captured && text && result instanceof Promise) {
        const values = Array.isArray(args[1]) ? args[1] : ((first as { values?: unknown[] }).values ?? []);
        const started = performance.now();
        const into = captured;
        result.then(
          () => into.push({ text, values, ms: performance.now() - started }),
          () => undefined,
        );
      }
      return result;
    };
  }
  return {
    start() {
      captured = [];
    },
    stop() {
      const got = captured ?? [];
      captured = null;
      return got;
    },
  };
}
