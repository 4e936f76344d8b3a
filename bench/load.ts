/**
 * Signed `/log` requests at a fixed concurrency (closed loop: each worker sends its next request once
 * the previous one is acked). A request is done when its confirmation arrives: on the response_url
 * (Punchcard, watched through the fake) or in the ack itself (the reference app).
 */
import { performance } from 'node:perf_hooks';
import type { FakeSlack, SlackSender } from '../test/support/fake-slack/index.js';
import type { FakeWatch } from './probes.js';

export interface LoadResult {
  sent: number;
  /** Requests confirmed with "Logged …". */
  done: number;
  /** Acks that were not HTTP 200, confirmations that were not "Logged …", and requests never confirmed. */
  failed: number;
  firstProblem: string | null;
  ackMs: number[];
  doneMs: number[];
  /** Confirmed requests a second, from the first request to the last confirmation. */
  donePerSecond: number;
}

const textOf = (body: unknown): string =>
  typeof body === 'object' && body !== null && typeof (body as { text?: unknown }).text === 'string'
    ? (body as { text: string }).text
    : JSON.stringify(body).slice(0, 120);

export async function logLoad(options: {
  sender: SlackSender;
  fake: FakeSlack;
  users: readonly string[];
  concurrency: number;
  /** Send for this long (or until `until` resolves). */
  durationMs: number;
  until?: Promise<unknown>;
  /** Watch the response_url for the confirmation; without it the ack is the confirmation. */
  watch?: FakeWatch;
  drainMs?: number;
  /** Requests a second across all workers (open loop); default as fast as the acks come back. */
  ratePerSecond?: number;
  /** 1m a request: 100 people can log a thousand times each before a day holds 24h. */
  text?: string;
}): Promise<LoadResult> {
  const { sender, fake, users, watch } = options;
  const result: LoadResult = {
    sent: 0,
    done: 0,
    failed: 0,
    firstProblem: null,
    ackMs: [],
    doneMs: [],
    donePerSecond: 0,
  };
  const problem = (what: string) => {
    result.failed += 1;
    result.firstProblem ??= what;
  };
  const pending = new Map<string, number>();
  const started = performance.now();
  let lastDone = started;
  const finish = (at: number, sentAt: number, body: unknown) => {
    if (textOf(body).startsWith('Logged')) {
      result.done += 1;
      result.doneMs.push(at - sentAt);
      lastDone = Math.max(lastDone, at);
    } else problem(`reply: ${textOf(body)}`);
  };
  watch?.onResponse((at, r) => {
    const sentAt = pending.get(r.url);
    if (sentAt === undefined) return;
    pending.delete(r.url);
    finish(at, sentAt, r.body);
  });
  let stop = false;
  const timer = setTimeout(() => {
    stop = true;
  }, options.durationMs);
  void options.until?.then(
    () => {
      stop = true;
    },
    () => {
      stop = true;
    },
  );
  let n = 0;
  const worker = async () => {
    while (!stop) {
      const userId = users[n % users.length] as string;
      n += 1;
      if (options.ratePerSecond) {
        const wait = started + (n * 1000) / options.ratePerSecond - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        if (stop) break;
      }
      const responseUrl = fake.responseUrl();
      const sentAt = performance.now();
      if (watch) pending.set(responseUrl, sentAt);
      result.sent += 1;
      try {
        const res = await sender.command({
          command: '/log',
          text: options.text ?? '1m proj-01 bench load',
          userId,
          responseUrl,
        });
        const ackedAt = performance.now();
        result.ackMs.push(ackedAt - sentAt);
        if (res.status !== 200) {
          pending.delete(responseUrl);
          problem(`HTTP ${res.status}`);
        } else if (!watch) finish(ackedAt, sentAt, res.body);
      } catch (error) {
        pending.delete(responseUrl);
        problem(String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  clearTimeout(timer);
  const drainUntil = performance.now() + (options.drainMs ?? 30_000);
  while (pending.size > 0 && performance.now() < drainUntil) await new Promise((r) => setTimeout(r, 20));
  for (const _ of pending.keys()) problem('no confirmation on the response_url');
  pending.clear();
  watch?.onResponse(null);
  result.donePerSecond = result.done / Math.max(0.001, (lastDone - started) / 1000);
  return result;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}
