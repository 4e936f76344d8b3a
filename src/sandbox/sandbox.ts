/**
 * The sandbox's composition root: the fake Slack (src/sandbox/slack) with the demo team, the real
 * app (`startPunchcard`, the same as `npm start`) connected to it by Socket Mode (or signed HTTP),
 * on the sandbox's own clock, and the web page that plays the Slack client.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { z } from 'zod';
import { loadConfig } from '../config.js';
import { type DatabaseHandle, openDatabase } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { createRepositories } from '../db/repositories/index.js';
import type { Logger } from '../logger.js';
import { type RunningPunchcard, startPunchcard } from '../server.js';
import { SandboxClock } from './clock.js';
import { demoStart, seedDemo } from './demo.js';
import { createSlackSender, type SlackSender, startFakeSlack } from './slack/index.js';
import { createWebServer } from './web.js';
import { Workspace } from './workspace.js';

const SIGNING_SECRET = 'sandbox-signing-secret';
const TEAM_ID = 'T0SANDBOX';

export interface SandboxOptions {
  logger: Logger;
  /** The page's port (0: any free one). */
  port: number;
  /** The embedded database's folder; or `database`, an open one (tests). */
  dataDir?: string;
  /** Where the clock is kept between runs, so a clock moved ahead never goes back (none: starts now). */
  clockFile?: string;
  database?: DatabaseHandle;
  /** Signed HTTP requests to /slack/events instead of Socket Mode. */
  http?: boolean;
  /** Seed a week of demo data when the store is new. */
  demo?: boolean;
  /** Run the app's minute tick (default true). */
  scheduler?: boolean;
}

export interface Sandbox {
  url: string;
  workspace: Workspace;
  clock: SandboxClock;
  app: RunningPunchcard;
  stop(): Promise<void>;
}

/** The time a previous run's clock had reached, if it was kept. */
function savedClock(file: string): Date | null {
  try {
    const parsed = z.object({ now: z.coerce.date() }).safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data.now : null;
  } catch {
    return null;
  }
}

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const database = options.database ?? (await openDatabase({ dataDir: options.dataDir ?? '.sandbox/data' }));
  const ownsDatabase = !options.database;
  // A new store (no check-in yet) with --demo: the clock starts yesterday and the demo runs it to now.
  await migrateDatabase(database);
  const repos = createRepositories({ db: database.db });
  const demo = Boolean(options.demo) && (await repos.checkins.list(TEAM_ID)).length === 0;
  if (options.demo && !demo)
    options.logger.info({}, 'the sandbox store has data already: --demo seeds nothing');
  const saved = options.clockFile ? savedClock(options.clockFile) : null;
  const clock = new SandboxClock(
    demo ? demoStart(new Date()) : saved && saved > new Date() ? saved : undefined,
  );
  const fake = await startFakeSlack({ teamId: TEAM_ID, now: () => clock.now().getTime() });
  const loaded = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-sandbox',
    ...(options.http ? { SLACK_SIGNING_SECRET: SIGNING_SECRET } : { SLACK_APP_TOKEN: 'xapp-sandbox' }),
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    LOG_LEVEL: options.logger.getLevel(),
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  let app: RunningPunchcard | undefined;
  let web: Server | undefined;
  try {
    app = await startPunchcard({
      config: loaded.config,
      logger: options.logger,
      clock,
      database,
      slackRateLimits: false,
      scheduler: options.scheduler ?? true,
    });
    const running = app;
    const sender: SlackSender = options.http
      ? createSlackSender({
          appUrl: `http://127.0.0.1:${running.port}/slack/events`,
          signingSecret: SIGNING_SECRET,
          fake,
        })
      : createSlackSender({ socketMode: fake.socketMode, fake });
    const workspace = new Workspace(fake, () => sender);
    // The picker's manager is one: the admin grants the role, as anyone would.
    await workspace.command('UALEX', 'C0GENERAL', '/punchcard role @maya manager');
    await running.idle();
    web = createWebServer({
      workspace,
      clock,
      app: () => running,
      checkins: repos.checkins,
      teamId: TEAM_ID,
      assetsDir: join(import.meta.dirname, 'page'),
    });
    const server = web;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, () => resolve());
    });
    // Seeded once the page's port is taken, so a busy port is said before the demo's work.
    if (demo) await seedDemo({ workspace, clock, app: running, repos, teamId: TEAM_ID });
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://localhost:${port}/`,
      workspace,
      clock,
      app: running,
      async stop() {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await running.stop();
        if (options.clockFile) writeFileSync(options.clockFile, `${JSON.stringify({ now: clock.now() })}\n`);
        await fake.close();
        if (ownsDatabase) await database.close();
      },
    };
  } catch (error) {
    web?.close();
    await app?.stop().catch(() => undefined);
    await fake.close();
    if (ownsDatabase) await database.close().catch(() => undefined);
    throw error;
  }
}
