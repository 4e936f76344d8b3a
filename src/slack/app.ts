import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type Logger as BoltLogger, type LogLevel as BoltLogLevel } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Services } from '../services/index.js';
import { checkSlackConnection, slackClientOptions } from './client.js';
import * as actions from './listeners/actions/index.js';
import * as commands from './listeners/commands/index.js';
import type { ListenerDeps } from './listeners/context.js';
import * as events from './listeners/events/index.js';
import * as views from './listeners/views/index.js';

export interface SlackAppOptions {
  config: Config;
  logger: Logger;
  /** Overrides for the Web API client (tests use `retryConfig: { retries: 0 }`). */
  clientOptions?: Partial<WebClientOptions>;
}

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

/** Bolt wants @slack/logger's interface; ours logs JSON. */
function boltLogger(logger: Logger): BoltLogger {
  const bolt = logger.child({ component: 'bolt' });
  return {
    debug: (...m) => bolt.debug(...m),
    info: (...m) => bolt.info(...m),
    warn: (...m) => bolt.warn(...m),
    error: (...m) => bolt.error(...m),
    setLevel: (level) => bolt.setLevel(level as unknown as Parameters<Logger['setLevel']>[0]),
    getLevel: () => bolt.getLevel() as unknown as BoltLogLevel,
    setName: (name) => bolt.setName(name),
  };
}

export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { config, logger } = options;
  const socketMode = Boolean(config.SLACK_APP_TOKEN);
  let draining = false;
  const inFlight = new Set<Promise<unknown>>();

  const healthz = (res: import('node:http').ServerResponse) => {
    res.writeHead(draining ? 503 : 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: !draining, status: draining ? 'draining' : 'ready' }));
  };

  const clientOptions = slackClientOptions({
    apiUrl: config.SLACK_API_URL,
    ...(options.clientOptions ? { overrides: options.clientOptions } : {}),
  });

  const app = new App({
    token: config.SLACK_BOT_TOKEN,
    logger: boltLogger(logger),
    clientOptions,
    // Bolt checks the token (auth.test) when it is built; deferred, the check happens in start(),
    // where a bad token or an unreachable Slack is a clean start-up error, not an unhandled rejection.
    deferInitialization: true,
    ...(socketMode
      ? { socketMode: true, appToken: config.SLACK_APP_TOKEN }
      : {
          signingSecret: config.SLACK_SIGNING_SECRET ?? '',
          endpoints: '/slack/events',
          customRoutes: [{ path: '/healthz', method: ['GET'], handler: (_req, res) => healthz(res) }],
        }),
  });

  // Listeners keep working after their ack; remember that work so SIGTERM can wait for it.
  app.use(async ({ next }) => {
    const work = next();
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

  return {
    app,
    register(services) {
      const deps: ListenerDeps = { services, logger };
      // Slack retries an event it thinks we missed (x-slack-retry-num): handle each event id once.
      app.use(async ({ body, context, next }) => {
        const eventId = (body as { event_id?: unknown }).event_id;
        if (typeof eventId === 'string' && context.teamId) {
          const first = await services.events.claim(context.teamId, eventId);
          if (!first) {
            logger.info({ eventId, retry: context.retryNum }, 'duplicate event ignored');
            return;
          }
        }
        await next();
      });
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
    },
  };
}
