import type { WebClientOptions } from '@slack/web-api';
import { sql } from 'drizzle-orm';
import type { Config } from './config.js';
import { type DatabaseHandle, databaseOptions, describeStore, openDatabase } from './db/client.js';
import { migrateDatabase } from './db/migrate.js';
import { createRepositories } from './db/repositories/index.js';
import { checkDatabase, checkScheduler } from './health.js';
import type { Logger } from './logger.js';
import { createMetrics, type Metrics } from './metrics.js';
import { createScheduler, type Scheduler, type SchedulerTiming } from './scheduler/index.js';
import { createServices } from './services/index.js';
import { type Clock, systemClock } from './services/ports.js';
import type { AnyOutcome } from './services/tick.js';
import { createSlackApp } from './slack/app.js';
import { createChannelMessenger } from './slack/channel-messenger.js';
import { createCheckinMessenger } from './slack/checkin-messenger.js';
import { createSlackDirectory } from './slack/directory.js';
import { createInvoiceMessenger } from './slack/invoice-messenger.js';
import { createOnboardingMessenger } from './slack/onboarding-messenger.js';
import type { SlackLimits } from './slack/rate-limiter.js';

export interface PunchcardOptions {
  config: Config;
  logger: Logger;
  clock?: Clock;
  /** An already open database (tests share one per file); otherwise opened from config and closed on stop. */
  database?: DatabaseHandle;
  slackClientOptions?: Partial<WebClientOptions>;
  /** How the Web API client paces calls to Slack's rate limits (default: Slack's; false: not at all). */
  slackRateLimits?: Partial<SlackLimits> | false;
  /**
   * Run the minute tick (default true); tests drive ticks themselves through `tick()`, or run the
   * scheduler faster (`{ cron, staleMs }`, the fault tests).
   */
  scheduler?: boolean | SchedulerTiming;
}

export interface RunningPunchcard {
  port: number;
  database: DatabaseHandle;
  /** One tick as if the clock read `at`: what `cli tick --at` runs. */
  tick(at: Date): Promise<AnyOutcome[]>;
  /** Resolves once no work acked to Slack is still running. */
  idle(): Promise<void>;
  /** What GET /metrics serves. */
  metrics: Metrics;
  stop(): Promise<void>;
}

/** The composition root: config → database + migrations → repositories → services → Slack app. */
export async function startPunchcard(options: PunchcardOptions): Promise<RunningPunchcard> {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  const ownsDatabase = !options.database;
  const database = options.database ?? (await openDatabase(databaseOptions(config)));
  try {
    const schema = await migrateDatabase(database);
    logger.info(
      {
        store: database.kind,
        location: database.location,
        migrationsApplied: schema.applied,
        schemaVersion: schema.version,
        migration: schema.tag,
      },
      `store ready: ${describeStore(database)}, ` +
        `${schema.applied} migration${schema.applied === 1 ? '' : 's'} applied, schema version ${schema.version} (${schema.tag})`,
    );
    const metrics = createMetrics({
      store: {
        kind: database.kind,
        ...(database.poolStats ? { pool: database.poolStats } : {}),
        ping: async () => {
          await database.db.execute(sql`select 1`);
          return true;
        },
      },
    });
    let scheduler: Scheduler | null = null;
    const slack = createSlackApp({
      config,
      logger,
      metrics,
      clock,
      // /healthz: is the database answering, and (when it runs) has a tick succeeded lately?
      health: async () => {
        const ticks = scheduler?.record() ?? null;
        return {
          database: await checkDatabase(database.db),
          ...(ticks ? { scheduler: checkScheduler(ticks) } : {}),
        };
      },
      ...(options.slackClientOptions ? { clientOptions: options.slackClientOptions } : {}),
      ...(options.slackRateLimits !== undefined ? { rateLimits: options.slackRateLimits } : {}),
    });
    // Aborted on stop: a tick in progress claims no more sends and finishes those it claimed.
    const draining = new AbortController();
    const services = createServices({
      store: createRepositories({ db: database.db }),
      directory: createSlackDirectory(slack.app.client),
      messenger: createCheckinMessenger(slack.app.client),
      channels: createChannelMessenger(slack.app.client),
      onboardingMessenger: createOnboardingMessenger(slack.app.client),
      invoiceMessenger: createInvoiceMessenger(slack.app.client, logger),
      clock,
      logger,
      defaultTz: config.DEFAULT_TZ,
      adminUserIds: config.ADMIN_USER_IDS,
      draining: draining.signal,
      observeDelivery: metrics.delivery,
      retentionDays: config.RETENTION_DAYS,
    });
    slack.register(services);
    const { port } = await slack.start();
    const runTick = timedTick(metrics, clock, services.tick.runTick);
    const ticker = createScheduler({
      services,
      clock,
      logger,
      runTick,
      ...(typeof options.scheduler === 'object' ? { timing: options.scheduler } : {}),
    });
    scheduler = ticker;
    if (options.scheduler !== false) ticker.start();
    logger.info(
      { port, database: database.kind, mode: config.SLACK_APP_TOKEN ? 'socket' : 'http' },
      'punchcard is listening',
    );
    let stopped: Promise<void> | null = null;
    // Ticks run through `tick()` (cli tick, a driver in tests) are waited for on stop like the scheduler's.
    const ticking = new Set<Promise<unknown>>();
    return {
      port,
      database,
      tick(at) {
        const run = runTick(at);
        ticking.add(run);
        run.then(
          () => ticking.delete(run),
          () => ticking.delete(run),
        );
        return run;
      },
      idle: () => slack.idle(),
      metrics,
      stop() {
        stopped ??= (async () => {
          draining.abort();
          await ticker.stop();
          await Promise.allSettled([...ticking]);
          await slack.stop();
          metrics.stop();
          if (ownsDatabase) await database.close();
          logger.info({}, 'punchcard stopped');
        })();
        return stopped;
      },
    };
  } catch (error) {
    if (ownsDatabase) await database.close().catch(() => undefined);
    throw error;
  }
}

/**
 * A tick, timed for GET /metrics: how long it ran, and its lag, how long after the start of the
 * minute `at` falls in the clock read when it began (the scheduler ticks at second 0, so anything
 * more is time the process was too busy to start it).
 */
function timedTick(
  metrics: Metrics,
  clock: Clock,
  run: (at: Date) => Promise<AnyOutcome[]>,
): (at: Date) => Promise<AnyOutcome[]> {
  return async (at) => {
    const minute = Math.floor(at.getTime() / 60_000) * 60_000;
    const lagSeconds = Math.max(0, clock.now().getTime() - minute) / 1000;
    const started = performance.now();
    let ok = false;
    try {
      const outcomes = await run(at);
      ok = true;
      return outcomes;
    } finally {
      metrics.tick((performance.now() - started) / 1000, lagSeconds, ok);
    }
  };
}
