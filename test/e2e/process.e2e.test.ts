import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackSender, type FakeSlack, startFakeSlack } from '../support/fake-slack/index.js';
import { SIGNING_SECRET } from '../support/harness.js';
import { createTestDatabase, type TestDatabase, usingPostgres } from '../support/test-db.js';

/**
 * The bot as an operator runs it: its own process, configured only by the environment, stopped
 * with SIGTERM. On the Postgres run it uses a database of its own on that server; otherwise the
 * embedded store in a temporary DATA_DIR.
 */
const root = join(import.meta.dirname, '..', '..');
let fake: FakeSlack;
let dataDir: string;
let pgDb: TestDatabase | null = null;

beforeAll(async () => {
  fake = await startFakeSlack({ teamId: 'T0001' });
  dataDir = mkdtempSync(join(tmpdir(), 'punchcard-'));
  if (usingPostgres) {
    pgDb = await createTestDatabase();
  }
});
afterAll(async () => {
  await fake?.close();
  await pgDb?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface Running {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
}

function run(env: Record<string, string>, port = 0): Running {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, port, output: () => output, exited };
}

async function startBot(): Promise<Running> {
  const port = await freePort();
  const bot = run(
    {
      SLACK_BOT_TOKEN: 'xoxb-process-test',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: String(port),
      LOG_LEVEL: 'info',
      ...(pgDb?.url ? { DATABASE_URL: pgDb.url } : { DATA_DIR: dataDir }),
    },
    port,
  );
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (bot.child.exitCode !== null) throw new Error(`bot exited early:\n${bot.output()}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return bot;
    await new Promise((r) => setTimeout(r, 100));
  }
  bot.child.kill('SIGKILL');
  throw new Error(`bot never became healthy:\n${bot.output()}`);
}

describe('running the bot', () => {
  it('exits with one readable list of missing settings and no stack trace', async () => {
    const bot = run({ SLACK_BOT_TOKEN: '', PORT: 'abc' });
    expect(await bot.exited).toBe(1);
    const out = bot.output();
    expect(out).toContain('Punchcard cannot start');
    expect(out).toContain('SLACK_BOT_TOKEN is missing');
    expect(out).toContain('SLACK_SIGNING_SECRET is missing');
    expect(out).toContain('PORT must be a port number');
    expect(out).toContain('manifest.json');
    expect(out.trim().split('\n').at(-1)).toBe(
      'To try Punchcard without Slack, run: npm run sandbox -- --demo',
    );
    expect(out).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('exits with a plain message when Slack rejects the bot token', async () => {
    fake.failNext('auth.test', { error: 'invalid_auth' });
    const bot = run({
      SLACK_BOT_TOKEN: 'xoxb-revoked',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: String(await freePort()),
      ...(pgDb?.url ? { DATABASE_URL: pgDb.url } : { DATA_DIR: dataDir }),
    });
    expect(await bot.exited).toBe(1);
    expect(bot.output()).toContain(
      'Punchcard failed to start: Slack rejected SLACK_BOT_TOKEN (invalid_auth)',
    );
  }, 120_000);

  it.each([
    [
      'a host that does not resolve',
      'http://punchcard-nowhere.invalid/api/',
      'cannot resolve punchcard-nowhere.invalid: check DNS or SLACK_API_URL.',
    ],
    [
      'a port nobody listens on',
      'closed',
      'cannot connect to 127.0.0.1:PORT (connection refused): check SLACK_API_URL, a proxy or a firewall.',
    ],
  ])(
    'says in one line why Slack cannot be reached at start: %s',
    async (_what, apiUrl, words) => {
      const closed = await freePort();
      const bot = run({
        SLACK_BOT_TOKEN: 'xoxb-process-test',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: apiUrl === 'closed' ? `http://127.0.0.1:${closed}/api/` : apiUrl,
        PORT: String(await freePort()),
        ...(pgDb?.url ? { DATABASE_URL: pgDb.url } : { DATA_DIR: dataDir }),
      });
      expect(await bot.exited).toBe(1);
      const lines = bot.output().trim().split('\n');
      // The store line, then the one plain line: no retry warnings, no error record.
      expect(lines.at(-1)).toBe(`Punchcard failed to start: ${words.replace('PORT', String(closed))}`);
      expect(lines.filter((l) => l.includes('"level":"warn"') || l.includes('"level":"error"'))).toEqual([]);
    },
    120_000,
  );

  it('serves /healthz, drains acked work on SIGTERM, and keeps its data across a restart', async () => {
    fake.addUser({ id: 'UADA', name: 'ada', tz: 'Europe/London' });
    const first = await startBot();
    const health = await fetch(`http://127.0.0.1:${first.port}/healthz`);
    expect(await health.json()).toMatchObject({
      ok: true,
      status: 'ready',
      checks: { database: { ok: true }, scheduler: { ok: true, lastTickAt: null } },
    });
    // What the README's Quick start promises an operator sees.
    expect(first.output()).toMatch(
      /"msg":"store ready: (embedded database in \/\S+|Postgres database \w+ on [\w.]+:\d+), \d+ migrations? applied, schema version \d+ \(\d{4}_\w+\)"/,
    );
    expect(first.output()).toContain(`"port":${first.port}`);
    expect(first.output()).toContain('"msg":"punchcard is listening"');

    if (!pgDb) {
      // The embedded store belongs to one process: a second bot on the same DATA_DIR is refused.
      const second = run({
        SLACK_BOT_TOKEN: 'xoxb-process-test',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: fake.apiUrl,
        PORT: String(await freePort()),
        DATA_DIR: dataDir,
      });
      expect(await second.exited).toBe(1);
      expect(second.output()).toContain(
        `Punchcard failed to start: The embedded database in ${dataDir} is in use by another Punchcard process (pid ${first.child.pid}`,
      );
    }

    const slack = createSlackSender({
      appUrl: `http://127.0.0.1:${first.port}/slack/events`,
      signingSecret: SIGNING_SECRET,
      fake,
    });
    // Slack answers users.info slowly, so the work is still running after the ack when SIGTERM lands.
    fake.failNext('users.info', { delayMs: 800 });
    const sent = await slack.command({ command: '/log', text: '2h design', userId: 'UADA' });
    expect(sent.status).toBe(200);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const reply = fake.responsesTo(sent.responseUrl)[0]?.body;
    expect(reply?.text).toMatch(/^Logged 2h to design for /);

    const second = await startBot();
    expect(second.output()).toMatch(/"msg":"store ready: [^"]*, 0 migrations applied, schema version \d+/);
    const again = createSlackSender({
      appUrl: `http://127.0.0.1:${second.port}/slack/events`,
      signingSecret: SIGNING_SECRET,
      fake,
    });
    const sheet = await again.command({ command: '/timesheet', text: '', userId: 'UADA' });
    const body = await fake.waitForResponse(sheet.responseUrl);
    expect(JSON.stringify(body.blocks)).toContain('Total 2h');
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 180_000);
});
