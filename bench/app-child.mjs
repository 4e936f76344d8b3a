/**
 * The app under measurement (see app-process.ts): the compiled app in `dist/` run by plain Node, as
 * production runs it (`npm start`), so its memory is the app's and not a TypeScript loader's. Plain
 * JavaScript for that reason; the parent builds `dist/` first and drives it over IPC.
 */
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import pg from 'pg';
import { loadConfig } from '../dist/config.js';
import { openDatabase } from '../dist/db/client.js';
import { createLogger } from '../dist/logger.js';
import { startPunchcard } from '../dist/server.js';
import { exitOnSignals } from '../dist/shutdown.js';

const memory = () => {
  // With BENCH_APP_NODE_ARGS=--expose-gc, heap readings are of what is kept, not of garbage too.
  globalThis.gc?.();
  const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return { rss, heapUsed, heapTotal, external, peakRss: hwm ? Number(hwm[1]) * 1024 : rss };
};

/** The SQL every pg client here runs while capturing is on (`--plans`: the bench prints the slowest). */
let captured = null;
for (const proto of [pg.Pool.prototype, pg.Client.prototype]) {
  const original = proto.query;
  // Pool.query (no callback) and a checked-out client's query return promises; the pool's own call
  // into its client passes a callback and is not counted twice.
  proto.query = function query(...args) {
    const result = original.apply(this, args);
    const first = args[0];
    const text = typeof first === 'string' ? first : typeof first?.text === 'string' ? first.text : null;
    if (captured && text && result instanceof Promise) {
      const values = Array.isArray(args[1]) ? args[1] : (first.values ?? []);
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

const handlers = new Map();

async function boot(start) {
  const loaded = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-bench-token',
    SLACK_SIGNING_SECRET: start.signingSecret,
    SLACK_API_URL: start.slackApiUrl,
    DATABASE_URL: start.databaseUrl,
    PORT: '0',
    LOG_LEVEL: start.logLevel ?? 'error',
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  let now = new Date(start.now);
  const clock = { now: () => new Date(now) };
  const database = await openDatabase({ url: start.databaseUrl });
  const app = await startPunchcard({
    config: loaded.config,
    logger: createLogger({ level: loaded.config.LOG_LEVEL }),
    clock,
    database,
    // Production's Web API client settings, paced to the fake's limits.
    slackClientOptions: {},
    slackRateLimits: start.pacing,
    scheduler: false,
  });
  // SIGTERM as production's main.ts takes it (the fault tests stop the app this way).
  const stop = async () => {
    await app.stop();
    await database.close();
  };
  exitOnSignals(stop, createLogger({ level: loaded.config.LOG_LEVEL }));
  let histogram = null;
  handlers.set('tick', async (r) =>
    (await app.tick(new Date(r.at))).map((o) => ({ kind: o.kind, result: o.result })),
  );
  handlers.set('clock', async (r) => {
    now = new Date(r.at);
  });
  handlers.set('idle', () => app.idle());
  handlers.set('loop-start', async () => {
    histogram = monitorEventLoopDelay({ resolution: 10 });
    histogram.enable();
  });
  handlers.set('loop-stop', async () => {
    if (!histogram) throw new Error('loop-stop without loop-start');
    histogram.disable();
    const result = { maxMs: histogram.max / 1e6, p99Ms: histogram.percentile(99) / 1e6 };
    histogram = null;
    return result;
  });
  handlers.set('capture-start', async () => {
    captured = [];
  });
  handlers.set('capture-stop', async () => {
    const got = captured ?? [];
    captured = null;
    return got;
  });
  handlers.set('stop', async () => {
    await stop();
    setImmediate(() => process.exit(0));
  });
  return { url: `http://127.0.0.1:${app.port}/slack/events` };
}

handlers.set('memory', async () => memory());
process.on('message', ({ id, ...request }) => {
  const reply = (m) => process.send({ id, ...m });
  const handler = request.op === 'start' ? () => boot(request.start) : handlers.get(request.op);
  if (!handler) return reply({ error: `unknown request ${request.op}` });
  handler(request).then(
    (value) => reply({ value: value ?? null }),
    (e) => reply({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
  );
});
