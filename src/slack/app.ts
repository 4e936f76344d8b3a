import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  App,
  type Logger as BoltLogger,
  type LogLevel as BoltLogLevel,
  HTTPModuleFunctions,
  HTTPReceiver,
} from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { Config } from '../config.js';
import { type HealthChecks, serveHealth } from '../health.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { Services } from '../services/index.js';
import { type Clock, systemClock } from '../services/ports.js';
import { checkSlackConnection, slackClientOptions } from './client.js';
import { answerAfterHandling, EventNotHandled, eventClaims } from './event-delivery.js';
import { createHomeRefresher, type HomeRefresher } from './home.js';
import * as actions from './listeners/actions/index.js';
import * as commands from './listeners/commands/index.js';
import { RECEIVED_AT } from './listeners/commands/router.js';
import type { ListenerDeps } from './listeners/context.js';
import { controlCharacterGuard } from './listeners/control-characters.js';
import * as events from './listeners/events/index.js';
import * as views from './listeners/views/index.js';
import { responseUrlHosts } from './payloads.js';
import type { SlackLimits } from './rate-limiter.js';
import { guardRequests, MAX_BODY_BYTES } from './request-guard.js';
import { requestKind } from './request-kinds.js';
import { createWorkGate } from './work-gate.js';

export interface SlackAppOptions {
  config: Config;
  logger: Logger;
  /** Overrides for the Web API client (tests use `retryConfig: { retries: 0 }`). */
  clientOptions?: Partial<WebClientOptions>;
  /** Slack's rate limits as the client paces them (default DEFAULT_SLACK_LIMITS); false: no pacing. */
  rateLimits?: Partial<SlackLimits> | false;
  /** At most one Home tab redraw per person per this many ms (default 3000). */
  homeRedrawMs?: number;
  /** Counts requests, acks and Web API calls, and serves them on GET /metrics. */
  metrics?: Metrics;
  /** The app's clock (tests' is set by hand): how long a failing reply has been retried. */
  clock?: Clock;
  /** What `/healthz` checks besides draining (src/health.ts): the database, the scheduler. */
  health?: () => Promise<HealthChecks>;
}

/** A request that waited 2 s for a slot runs anyway, leaving a second for its ack within Slack's 3. */
const WORK_MAX_WAIT_MS = 2_000;

export interface SlackApp {
  app: App;
  /** Listens (HTTP) or connects (Socket Mode); resolves with the HTTP port. */
  start(): Promise<{ port: number }>;
  /** Stops taking requests, then waits for work already acked to finish. */
  stop(drainMs?: number): Promise<void>;
  /** Resolves once no acked work is still running (tests use it to keep one test's work out of the next). */
  idle(): Promise<void>;
  register(services: Services): void;
}

/**
 * Bolt wants @slack/logger's interface; ours logs JSON. Bolt calls `setLevel(INFO)` on the logger
 * it is given unless told a level, which silenced LOG_LEVEL=debug (its WebClient shares this
 * logger): the level is LOG_LEVEL's alone, so setLevel from Bolt is ignored.
 */
function boltLogger(logger: Logger): BoltLogger {
  const bolt = logger.child({ component: 'bolt' });
  return {
    debug: (...m) => bolt.debug(...m),
    info: (...m) => bolt.info(...m),
    warn: (...m) => bolt.warn(...m),
    error: (...m) => bolt.error(...m),
    setLevel: () => undefined,
    getLevel: () => bolt.getLevel() as unknown as BoltLogLevel,
    setName: (name) => bolt.setName(name),
  };
}

/** A signed payload no listener can take: no user where one must be, or a type Bolt does not route. */
class UnusablePayloadError extends Error {
  readonly code = 'slack.unusable_payload';
}

/** A payload's `type` for a log line: short and printable, never the whole of what was sent. */
function describeType(body: Record<string, unknown>): string {
  const type = body.type;
  if (typeof type !== 'string') return type === undefined ? '(none)' : `(${typeof type})`;
  return JSON.stringify(type.slice(0, 40));
}

/** The payload's type when it is one that must name a user but does not; else null. */
function missingUser(body: Record<string, unknown>): string | null {
  if (typeof body.command === 'string')
    return typeof body.user_id === 'string' && body.user_id ? null : 'command';
  const type = body.type;
  if (
    type !== 'block_actions' &&
    type !== 'view_submission' &&
    type !== 'view_closed' &&
    type !== 'shortcut' &&
    type !== 'message_action' &&
    type !== 'block_suggestion'
  )
    return null;
  const user = body.user as { id?: unknown } | undefined | null;
  return typeof user?.id === 'string' && user.id ? null : type;
}

export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { config, logger } = options;
  const socketMode = Boolean(config.SLACK_APP_TOKEN);
  let draining = false;
  const inFlight = new Set<Promise<unknown>>();

  const metrics = options.metrics;
  const serveMetrics = (res: import('node:http').ServerResponse) => {
    if (metrics) return metrics.serve(res);
    res.writeHead(404).end();
  };

  const healthz = (res: import('node:http').ServerResponse) => {
    void serveHealth(res, { draining, ...(options.health ? { checks: options.health } : {}) });
  };

  const clientOptions = slackClientOptions({
    apiUrl: config.SLACK_API_URL,
    ...(options.clientOptions ? { overrides: options.clientOptions } : {}),
    ...(options.rateLimits !== undefined ? { rateLimits: options.rateLimits } : {}),
    ...(metrics ? { observe: metrics.slackCall } : {}),
  });

  const boltLog = boltLogger(logger);
  const receiver = socketMode
    ? null
    : new HTTPReceiver({
        signingSecret: config.SLACK_SIGNING_SECRET ?? '',
        endpoints: '/slack/events',
        customRoutes: [
          { path: '/healthz', method: ['GET'], handler: (_req, res) => healthz(res) },
          { path: '/metrics', method: ['GET'], handler: (_req, res) => serveMetrics(res) },
        ],
        bodyLimit: MAX_BODY_BYTES,
        logger: boltLog,
        processEventErrorHandler: async (args) => {
          if (args.response.headersSent) return HTTPModuleFunctions.defaultProcessEventErrorHandler(args);
          // An event not handled (already logged): a non-2xx status is what makes Slack send it again.
          if (args.error instanceof EventNotHandled) {
            args.response.writeHead(args.error.status);
            args.response.end();
            return true;
          }
          if (!(args.error instanceof UnusablePayloadError))
            return HTTPModuleFunctions.defaultProcessEventErrorHandler(args);
          args.response.writeHead(400);
          args.response.end();
          return true;
        },
      });
  if (receiver)
    receiver.requestListener = guardRequests(receiver.requestListener, { path: '/slack/events', logger });
  const app = new App({
    token: config.SLACK_BOT_TOKEN,
    logger: boltLog,
    logLevel: logger.getLevel() as unknown as BoltLogLevel,
    clientOptions,
    // Bolt checks the token (auth.test) when it is built; deferred, the check happens in start(),
    // where a bad token or an unreachable Slack is a clean start-up error, not an unhandled rejection.
    deferInitialization: true,
    // Bolt's conversation store (an in-memory map per conversation, read and written on every
    // request) is unused here: each request's state lives in the database.
    convoStore: false,
    ...(receiver ? { receiver } : { socketMode: true, appToken: config.SLACK_APP_TOKEN }),
  });

  // Bolt reads the user id of every interactive payload and command before any middleware runs,
  // and a signed payload without one threw deep inside it (HTTP 500 and a stack per request).
  // Such a payload is refused up front: HTTP 400 and one log line.
  // Events are answered only once handled, so that Slack retries a failed one (event-delivery.ts).
  const processEvent = answerAfterHandling(app.processEvent.bind(app), { socketMode, logger });
  app.processEvent = async (event) => {
    // Valid JSON is not always an object: `payload=null`, `payload=[]`, `payload=5`.
    if (event.body === null || typeof event.body !== 'object' || Array.isArray(event.body)) {
      logger.warn(
        { type: `(${event.body === null ? 'null' : typeof event.body})` },
        'signed payload that is not an object refused',
      );
      throw new UnusablePayloadError('not_an_object');
    }
    const missing = missingUser(event.body);
    if (missing) {
      logger.warn({ type: missing }, 'signed payload with no user refused');
      throw new UnusablePayloadError(missing);
    }
    const kind = requestKind(event.body);
    if (!kind) {
      logger.warn({ type: describeType(event.body) }, 'signed payload of an unknown type refused');
      throw new UnusablePayloadError('unknown');
    }
    if (!metrics) return processEvent(event);
    metrics.request(kind.kind, kind.listener);
    const started = performance.now();
    let acked = false;
    const ack: typeof event.ack = (response) => {
      if (!acked) {
        acked = true;
        metrics.acked(kind.kind, kind.listener, (performance.now() - started) / 1000);
      }
      return event.ack(response);
    };
    return processEvent({ ...event, ack });
  };

  const gate = createWorkGate({
    limit: config.SLACK_CONCURRENCY,
    maxWaitMs: WORK_MAX_WAIT_MS,
    onOverflow: (state) =>
      logger.warn(state, 'busy: a Slack request ran over the work limit to be acked in time'),
  });

  // Listeners keep working after their ack; remember that work so SIGTERM can wait for it. Each
  // request waits for a slot first (listeners ack first thing, so the ack waits too).
  app.use(async ({ context, next }) => {
    context[RECEIVED_AT] = performance.now();
    const work = gate.run(next);
    inFlight.add(work);
    try {
      await work;
    } finally {
      inFlight.delete(work);
    }
  });

  app.error(async (error) => {
    logger.error(
      { err: error, code: (error as { code?: string }).code },
      'unhandled error in a Slack listener',
    );
  });

  let healthServer: Server | null = null;
  let home: HomeRefresher | null = null;

  return {
    app,
    register(services) {
      home = createHomeRefresher({
        deps: { services, logger },
        client: app.client,
        ...(options.homeRedrawMs !== undefined ? { intervalMs: options.homeRedrawMs } : {}),
      });
      const deps: ListenerDeps = {
        services,
        logger,
        home,
        responseUrlHosts: responseUrlHosts(config.SLACK_API_URL),
        saturated: () => gate.saturated,
        clock: options.clock ?? systemClock,
      };
      // Slack retries an event it thinks we missed (x-slack-retry-num): handled once, failed ones again.
      app.use(eventClaims({ events: services.events, logger }));
      app.use(controlCharacterGuard(deps));
      commands.register(app, deps);
      actions.register(app, deps);
      views.register(app, deps);
      events.register(app, deps);
    },
    async start() {
      await checkSlackConnection(config.SLACK_BOT_TOKEN, clientOptions);
      await app.init();
      if (socketMode) {
        await app.start();
        // Socket Mode has no HTTP receiver: serve the health check on PORT ourselves.
        healthServer = createServer((req, res) => {
          if (req.method === 'GET' && req.url === '/healthz') return healthz(res);
          if (req.method === 'GET' && req.url === '/metrics') return serveMetrics(res);
          res.writeHead(404).end();
        });
        const server = healthServer;
        await new Promise<void>((resolve) => server.listen(config.PORT, resolve));
        return { port: (server.address() as AddressInfo).port };
      }
      const server = (await app.start(config.PORT)) as Server;
      return { port: (server.address() as AddressInfo).port };
    },
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      await home?.flush();
    },
    async stop(drainMs = 10_000) {
      draining = true;
      await app
        .stop()
        .catch((error: unknown) => logger.warn({ err: error }, 'stopping the Slack receiver failed'));
      if (healthServer) await new Promise<void>((resolve) => healthServer?.close(() => resolve()));
      const pending = [...inFlight];
      if (pending.length > 0) {
        logger.info({ pending: pending.length }, 'waiting for in-flight Slack work');
        await Promise.race([
          Promise.allSettled(pending),
          new Promise((resolve) => setTimeout(resolve, drainMs).unref()),
        ]);
      }
      // Home tabs still waiting for their redraw interval are drawn now rather than dropped.
      if (home) {
        await Promise.race([home.flush(), new Promise((resolve) => setTimeout(resolve, drainMs).unref())]);
      }
    },
  };
}
