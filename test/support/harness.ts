import type { WebClientOptions } from '@slack/web-api';
import type { Config } from '../../src/config.js';
import { loadConfig } from '../../src/config.js';
import type { DatabaseHandle } from '../../src/db/client.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { paceInside, type RateLimitOptions } from '../../src/sandbox/slack/rate-limits.js';
import type { SchedulerTiming } from '../../src/scheduler/index.js';
import { type RunningPunchcard, startPunchcard } from '../../src/server.js';
import type { SlackLimits } from '../../src/slack/rate-limiter.js';
import { createTestClock, type TestClock } from './clock.js';
import { createSlackSender, type FakeSlack, type SlackSender, startFakeSlack } from './fake-slack/index.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const TEAM_ID = 'T0001';

export interface Harness {
  fake: FakeSlack;
  app: RunningPunchcard;
  slack: SlackSender;
  clock: TestClock;
  config: Config;
  logs: string[];
  /** Stops the app (keeping the fake and the database) and starts it again on the same store. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real app, started on a free port against the fake Slack, reached over HTTP with signed
 * requests. `database` is the test file's shared database; `env` overrides settings.
 */
export async function startHarness(options: {
  database?: DatabaseHandle;
  env?: Record<string, string>;
  now?: string;
  /**
   * Slack's rate limits, off by default: `true` (Slack's: chat.postMessage about 1/s per channel with short
   * bursts, 100/s across the workspace) or scaled-down limits. The fake answers 429 past them, and the app's
   * Web API client paces its calls to the same limits (`appRateLimits` to give it others). When off, the app
   * does not pace either: its limiter's memory of a Retry-After would outlive the test that caused it.
   */
  rateLimits?: boolean | RateLimitOptions;
  appRateLimits?: Partial<SlackLimits>;
  /** Socket Mode (an app-level token): the app connects to the fake, which sends envelopes instead of HTTP requests. */
  socketMode?: boolean;
  /** The app's Web API client settings; default no retries and a 2 s timeout. `{}`: production's (the bench). */
  slackClientOptions?: Partial<WebClientOptions>;
  /** Run the app's own scheduler at this pace (the fault tests); by default tests tick through `app.tick()`. */
  scheduler?: SchedulerTiming;
}): Promise<Harness> {
  const fake = await startFakeSlack({
    teamId: TEAM_ID,
    ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
  });
  const limited = fake.rateLimits;
  const clock = createTestClock({ now: options.now ?? '2026-11-24T15:00:00Z' });
  const loaded = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    LOG_LEVEL: 'warn',
    ...(options.socketMode ? { SLACK_APP_TOKEN: 'xapp-1-test-app-token' } : {}),
    ...options.env,
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const config = loaded.config;
  const logs: string[] = [];
  const logger: Logger = createLogger({ level: config.LOG_LEVEL, sink: (line) => logs.push(line) });
  const start = () =>
    startPunchcard({
      config,
      logger,
      clock,
      ...(options.database ? { database: options.database } : {}),
      // With rate limits on, a send may wait its turn for a few seconds before Slack sees it.
      slackClientOptions: options.slackClientOptions ?? {
        retryConfig: { retries: 0 },
        timeout: limited ? 10_000 : 2000,
      },
      slackRateLimits: limited ? { ...paceInside(limited), ...options.appRateLimits } : false,
      // Tests tick at chosen instants through app.tick(), the code path `cli tick --at` runs.
      scheduler: options.scheduler ?? false,
    });
  let app = await start();
  const makeSender = () =>
    createSlackSender(
      options.socketMode
        ? { socketMode: fake.socketMode, fake }
        : { appUrl: `http://127.0.0.1:${app.port}/slack/events`, signingSecret: SIGNING_SECRET, fake },
    );
  const harness: Harness = {
    fake,
    app,
    slack: makeSender(),
    clock,
    config,
    logs,
    async restart() {
      await app.stop();
      app = await start();
      harness.app = app;
      harness.slack = makeSender();
    },
    async close() {
      await app.stop();
      await fake.close();
    },
  };
  return harness;
}
