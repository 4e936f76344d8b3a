import type { WebClientOptions } from '@slack/web-api';
import type { Config } from './config.js';
import { type DatabaseHandle, databaseOptions, describeStore, openDatabase } from './db/client.js';
import { migrateDatabase } from './db/migrate.js';
import { createRepositories } from './db/repositories/index.js';
import type { Logger } from './logger.js';
import { createScheduler } from './scheduler/index.js';
import { createServices } from './services/index.js';
import { type Clock, systemClock } from './services/ports.js';
import type { AnyOutcome } from './services/tick.js';
import { createSlackApp } from './slack/app.js';
import { createChannelMessenger } from './slack/channel-messenger.js';
import { createCheckinMessenger } from './slack/checkin-messenger.js';
import { createSlackDirectory } from './slack/directory.js';
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
  /** Run the minute tick (default true); tests drive ticks themselves through `tick()`. */
  scheduler?: boolean;
}

export interface RunningPunchcard {
  port: number;
  database: DatabaseHandle;
  /** One tick as if the clock read `at`: what `cli tick --at` runs. */
  tick(at: Date): Promise<AnyOutcome[]>;
  /** Resolves once no work acked to Slack is still running. */
  idle(): Promise<void>;
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
    const slack = createSlackApp({
      config,
      logger,
      ...(options.slackClientOptions ? { clientOptions: options.slackClientOptions } : {}),
      ...(options.slackRateLimits !== undefined ? { rateLimits: options.slackRateLimits } : {}),
    });
    const services = createServices({
      store: createRepositories({ db: database.db }),
      directory: createSlackDirectory(slack.app.client),
      messenger: createCheckinMessenger(slack.app.client),
      channels: createChannelMessenger(slack.app.client),
      clock,
      logger,
      defaultTz: config.DEFAULT_TZ,
      adminUserIds: config.ADMIN_USER_IDS,
      retentionDays: config.RETENTION_DAYS,
    });
    slack.register(services);
    const { port } = await slack.start();
    const scheduler = createScheduler({ services, clock, logger });
    if (options.scheduler !== false) scheduler.start();
    logger.info(
      { port, database: database.kind, mode: config.SLACK_APP_TOKEN ? 'socket' : 'http' },
      'punchcard is listening',
    );
    let stopped: Promise<void> | null = null;
    return {
      port,
      database,
      tick: (at) => services.tick.runTick(at),
      idle: () => slack.idle(),
      stop() {
        stopped ??= (async () => {
          await scheduler.stop();
          await slack.stop();
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
