/**
 * What the bench watches: the fake Slack's response_url posts and Web API calls as they arrive (so a
 * wait ends the moment the app's answer lands, not at the next poll).
 */
import { performance } from 'node:perf_hooks';
import type { RecordedCall, RecordedResponse } from '../src/sandbox/slack/types.js';
import type { FakeSlack } from '../test/support/fake-slack/index.js';

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

/** A query the app ran while capturing (app-child.mjs records them for `--plans`). */
export interface CapturedQuery {
  text: string;
  values: unknown[];
  ms: number;
}
