import type { ServerResponse } from 'node:http';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * What `GET /metrics` shows, in Prometheus' text format. One registry per running app (never
 * prom-client's global one), so several apps in one process (the tests) keep their own counts.
 *
 * Label values are always from a closed set: a listener is a known command, action family, view
 * or event type, else `other`, so a forged payload cannot grow the series without bound.
 */
export interface Metrics {
  readonly registry: Registry;
  /** A Slack request handed to the app (`kind`: command, action, view, event, options…). */
  request(kind: string, listener: string): void;
  /** How long a request waited for its ack, from its body being read to `ack()`. */
  acked(kind: string, listener: string, seconds: number): void;
  /** One Web API call as Slack answered it: `ok`, Slack's error code, `rate_limited`, `http_500`, `timeout`… */
  slackCall(method: string, result: string, seconds: number): void;
  /** One scheduled send's outcome: sent, skipped, missed, failed or retried. */
  delivery(kind: string, result: string): void;
  /** One tick: how long it ran, how late it started after its minute began, whether it failed. */
  tick(seconds: number, lagSeconds: number, ok: boolean): void;
  /** The scrape itself, in Prometheus' text format. */
  serve(res: ServerResponse): void;
  stop(): void;
}

/** The store's side of the scrape: pg's pool counts, or none for the embedded single-connection store. */
export interface StoreGauges {
  kind: 'postgres' | 'pglite';
  pool?: () => { total: number; idle: number; waiting: number };
  /** A cheap round trip (`select 1`): false when the database does not answer. */
  ping?: () => Promise<boolean>;
}

const PING_TIMEOUT_MS = 1000;

export function createMetrics(options: { store?: StoreGauges } = {}): Metrics {
  const registry = new Registry();
  // Process, heap, GC and event-loop delay (nodejs_eventloop_lag_p99_seconds, from monitorEventLoopDelay).
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const requests = new Counter({
    name: 'punchcard_slack_requests_total',
    help: 'Slack requests (commands, actions, view submissions, events) handed to the app, by listener.',
    labelNames: ['kind', 'listener'] as const,
    registers,
  });
  const ack = new Histogram({
    name: 'punchcard_slack_ack_seconds',
    help: 'Time from reading a Slack request to acking it, by listener (Slack gives up after 3 s).',
    labelNames: ['kind', 'listener'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
    registers,
  });
  const calls = new Counter({
    name: 'punchcard_slack_api_calls_total',
    help: 'Web API calls by method and Slack’s answer: ok, its error code, rate_limited (HTTP 429), http_<status>, timeout or network_error.',
    labelNames: ['method', 'result'] as const,
    registers,
  });
  const callSeconds = new Histogram({
    name: 'punchcard_slack_api_call_seconds',
    help: 'How long Slack took to answer a Web API call, by method.',
    labelNames: ['method'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const deliveries = new Counter({
    name: 'punchcard_deliveries_total',
    help: 'Scheduled sends by kind and result: sent, skipped, missed, failed, retried.',
    labelNames: ['kind', 'result'] as const,
    registers,
  });
  const tickSeconds = new Histogram({
    name: 'punchcard_tick_duration_seconds',
    help: 'How long one scheduler tick ran.',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers,
  });
  const tickLag = new Gauge({
    name: 'punchcard_tick_lag_seconds',
    help: 'How late the last tick started after the start of the minute it was for.',
    registers,
  });
  const tickFailures = new Counter({
    name: 'punchcard_tick_failures_total',
    help: 'Ticks that ended with an error.',
    registers,
  });
  const lastTick = new Gauge({
    name: 'punchcard_tick_last_success_timestamp_seconds',
    help: 'Unix time (by the wall clock) of the last tick that finished without an error.',
    registers,
  });

  const store = options.store;
  if (store) {
    new Gauge({
      name: 'punchcard_db_info',
      help: 'The store in use: postgres (a pg pool) or pglite (the embedded single-connection store, no pool).',
      labelNames: ['store'] as const,
      registers,
    }).set({ store: store.kind }, 1);
    const pool = store.pool;
    if (pool) {
      new Gauge({
        name: 'punchcard_db_pool_connections',
        help: 'pg pool connections: total (open), idle, and waiting (queries queued for a free connection).',
        labelNames: ['state'] as const,
        registers,
        collect() {
          const now = pool();
          this.set({ state: 'total' }, now.total);
          this.set({ state: 'idle' }, now.idle);
          this.set({ state: 'waiting' }, now.waiting);
        },
      });
    }
    const ping = store.ping;
    if (ping) {
      new Gauge({
        name: 'punchcard_db_up',
        help: 'Whether the database answered `select 1` within a second at this scrape (1) or not (0).',
        registers,
        async collect() {
          let timer: NodeJS.Timeout | undefined;
          const late = new Promise<boolean>((resolve) => {
            timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
          });
          const up = await Promise.race([ping().catch(() => false), late]).finally(() => clearTimeout(timer));
          this.set(up ? 1 : 0);
        },
      });
    }
  }

  return {
    registry,
    request: (kind, listener) => requests.inc({ kind, listener }),
    acked: (kind, listener, seconds) => ack.observe({ kind, listener }, seconds),
    slackCall(method, result, seconds) {
      calls.inc({ method, result });
      callSeconds.observe({ method }, seconds);
    },
    delivery: (kind, result) => deliveries.inc({ kind, result }),
    tick(seconds, lagSeconds, ok) {
      tickSeconds.observe(seconds);
      tickLag.set(lagSeconds);
      if (ok) lastTick.set(Date.now() / 1000);
      else tickFailures.inc();
    },
    serve(res) {
      registry.metrics().then(
        (text) => {
          res.writeHead(200, { 'content-type': registry.contentType });
          res.end(text);
        },
        (error: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
          res.end(`# metrics failed: ${(error as Error).message}\n`);
        },
      );
    },
    stop: () => registry.clear(),
  };
}
