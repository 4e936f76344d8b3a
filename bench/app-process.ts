/**
 * The app under measurement, in a process of its own, as production runs it: the bench process holds
 * the fake Slack and the load generators, so the app's event loop, heap and RSS are its own and
 * nothing the bench does shows up in them. Driven over IPC (`AppProcess` below): ticks at chosen
 * instants on a test clock, `idle`, loop-delay and memory readings, and the SQL it ran (`--plans`).
 * The reference app of the `/log` comparison runs the same way (`--reference`).
 */
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SlackLimits } from '../src/slack/rate-limiter.js';
import type { CapturedQuery } from './probes.js';

interface Start {
  databaseUrl: string;
  slackApiUrl: string;
  signingSecret: string;
  now: string;
  /** How the app paces its calls to Slack (the fake's limits, as the test harness sets them). */
  pacing: Partial<SlackLimits> | false;
  reference?: boolean;
  /** The app's LOG_LEVEL (default error). */
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
}

export interface Memory {
  rss: number;
  heapUsed: number;
  /** V8's heap as reserved (used or not), and memory outside it (Buffers). */
  heapTotal: number;
  external: number;
  /** The process's peak RSS so far (VmHWM). */
  peakRss: number;
}

type Request =
  | { op: 'tick'; at: string }
  | { op: 'clock'; at: string }
  | { op: 'idle' }
  | { op: 'memory' }
  | { op: 'loop-start' }
  | { op: 'loop-stop' }
  | { op: 'capture-start' }
  | { op: 'capture-stop' }
  | { op: 'stop' };

export interface Outcome {
  kind: string;
  result: string;
}

export interface AppProcess {
  url: string;
  pid: number;
  tick(at: Date): Promise<Outcome[]>;
  setClock(at: Date): Promise<void>;
  idle(): Promise<void>;
  memory(): Promise<Memory>;
  /** Event-loop delay from now until `loopStop` (max and p99, in ms). */
  loopStart(): Promise<void>;
  loopStop(): Promise<{ maxMs: number; p99Ms: number }>;
  captureStart(): Promise<void>;
  captureStop(): Promise<CapturedQuery[]>;
  stop(): Promise<void>;
  /** Sends the process a signal (the fault tests: SIGKILL, SIGTERM). */
  kill(signal: NodeJS.Signals): void;
  /** Resolves when the process has exited, with its exit code or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The Node options `npm start` sets (package.json's start script), so the app here runs as it does there. */
function startNodeOptions(): string[] {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    scripts: { start: string };
  };
  const set = /NODE_OPTIONS=\\?"([^"$\\]*)/.exec(pkg.scripts.start);
  return (set?.[1] ?? '').split(' ').filter(Boolean);
}

/**
 * Starts the app in a child process (the compiled app: `dist/` must be built), or the reference app;
 * resolves once it listens.
 */
export function startAppProcess(start: Start): Promise<AppProcess> {
  const child = start.reference
    ? fork(fileURLToPath(import.meta.url), ['--reference-child'], {
        execArgv: ['--import', 'tsx'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      })
    : fork(fileURLToPath(new URL('./app-child.mjs', import.meta.url)), [], {
        // The V8 flags `npm start` gives the app, then e.g.
        // BENCH_APP_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile it.
        execArgv: [
          ...startNodeOptions(),
          ...(process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter(Boolean),
        ],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
  let next = 0;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let exited: Error | null = null;
  child.on('message', (raw) => {
    const m = raw as { id: number; value?: unknown; error?: string };
    const w = waiting.get(m.id);
    if (!w) return;
    waiting.delete(m.id);
    if (m.error !== undefined) w.reject(new Error(m.error));
    else w.resolve(m.value);
  });
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  child.on('exit', (code, signal) => {
    exited = new Error(`the app process exited (${signal ?? code})`);
    for (const w of waiting.values()) w.reject(exited);
    waiting.clear();
  });
  const ask = <T>(request: Request | { op: 'start'; start: Start }): Promise<T> =>
    exited
      ? Promise.reject(exited)
      : new Promise<T>((resolve, reject) => {
          const id = next++;
          waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
          child.send({ id, ...request });
        });
  return ask<{ url: string }>({ op: 'start', start }).then(({ url }) => ({
    url,
    pid: child.pid as number,
    tick: (at) => ask<Outcome[]>({ op: 'tick', at: at.toISOString() }),
    setClock: (at) => ask({ op: 'clock', at: at.toISOString() }),
    idle: () => ask({ op: 'idle' }),
    memory: () => ask<Memory>({ op: 'memory' }),
    loopStart: () => ask({ op: 'loop-start' }),
    loopStop: () => ask({ op: 'loop-stop' }),
    captureStart: () => ask({ op: 'capture-start' }),
    captureStop: () => ask<CapturedQuery[]>({ op: 'capture-stop' }),
    kill: (signal) => {
      child.kill(signal);
    },
    exited: ended,
    stop: async () => {
      if (exited) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      await ask({ op: 'stop' }).catch(() => undefined);
      await gone;
    },
  }));
}

/** The reference app's process (under tsx: its memory is not measured), answering the same requests. */
async function referenceChild(): Promise<void> {
  const { startReferenceApp } = await import('./reference-app.js');
  let stop: (() => Promise<void>) | null = null;
  process.on('message', (raw) => {
    const { id, ...request } = raw as { id: number } & (Request | { op: 'start'; start: Start });
    const reply = (m: { value?: unknown; error?: string }) => process.send?.({ id, ...m });
    const run = async (): Promise<unknown> => {
      if (request.op === 'start') {
        const app = await startReferenceApp(request.start);
        stop = app.stop;
        return { url: app.url };
      }
      if (request.op === 'stop') {
        await stop?.();
        setImmediate(() => process.exit(0));
        return null;
      }
      if (request.op === 'memory') return process.memoryUsage();
      throw new Error(`the reference app does not answer ${request.op}`);
    };
    run().then(
      (value) => reply({ value: value ?? null }),
      (e: unknown) => reply({ error: e instanceof Error ? e.message : String(e) }),
    );
  });
}

if (process.argv.includes('--reference-child')) await referenceChild();
