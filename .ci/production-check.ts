/**
 * What the Docker image's runtime stage does, proven without Docker: `npm ci --omit=dev` of the lock
 * file into an empty folder holding only dist/, migrations/, manifest.json and package*.json, then
 * the bot (`node dist/main.js`) against the fake Slack run as its own process, a signed /log, and
 * every CLI command (`node dist/cli.js …` and `npm run cli`) on the embedded store and, when
 * PRODUCTION_CHECK_DATABASE_URL is set, on Postgres.
 *
 *   node --import tsx .ci/production-check.ts        (PUNCHCARD_NODE=/path/to/node to run the app on another Node)
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createSlackSender } from '../src/sandbox/slack/requests.js';

const ROOT = join(import.meta.dirname, '..');
const NODE = process.env.PUNCHCARD_NODE || process.execPath;
const SECRET = 'production-check-signing-secret';
const work = mkdtempSync(join(tmpdir(), 'punchcard-prod-'));
const app = join(work, 'app');
const children: ChildProcess[] = [];
let failures = 0;

function step(message: string) {
  process.stdout.write(`-- ${message}\n`);
}
function check(ok: boolean, what: string, detail = '') {
  process.stdout.write(`${ok ? 'ok  ' : 'FAIL'} ${what}\n`);
  if (!ok) {
    failures += 1;
    if (detail) process.stdout.write(`${detail.replace(/^/gm, '     | ')}\n`);
  }
}

function start(cmd: string, args: string[], env: Record<string, string>, cwd = app) {
  let output = '';
  const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function run(cmd: string, args: string[], env: Record<string, string>) {
  const p = start(cmd, args, env);
  const code = await p.exited;
  return { code, output: p.output() };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 120_000): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function main() {
  step(`build, then lay out the runtime stage in ${app}`);
  execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit' });
  mkdirSync(app);
  for (const item of ['dist', 'migrations', 'manifest.json', 'package.json', 'package-lock.json'])
    cpSync(join(ROOT, item), join(app, item), { recursive: true });
  execFileSync('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund'], { cwd: app, stdio: 'inherit' });
  check(!existsSync(join(app, 'node_modules', 'tsx')), 'the production install has no tsx');
  check(!existsSync(join(app, 'src')), 'the runtime folder has no sources');
  const nodeVersion = execFileSync(NODE, ['--version']).toString().trim();
  step(`the app runs on Node ${nodeVersion}`);

  const fake = start(
    process.execPath,
    ['--import', 'tsx', 'src/sandbox/slack/server.ts', '--port', '0'],
    {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
    },
    ROOT,
  );
  const urls = await until('the fake Slack', async () => {
    const api = /FAKE_SLACK_API_URL=(\S+)/.exec(fake.output())?.[1];
    const url = /FAKE_SLACK_URL=(\S+)/.exec(fake.output())?.[1];
    return api && url ? { api, url } : undefined;
  });
  await fetch(`${urls.url}/_fake/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify([{ id: 'UADA', name: 'ada', tz: 'UTC' }]),
  });

  const stores: Array<{ name: string; env: Record<string, string>; cleanup?: () => Promise<void> }> = [
    { name: 'embedded store', env: { DATA_DIR: join(work, 'data') } },
  ];
  const pgServer = process.env.PRODUCTION_CHECK_DATABASE_URL;
  if (pgServer) {
    const name = `punchcard_prodcheck_${process.pid}`;
    const admin = async (sql: string) => {
      const client = new pg.Client({ connectionString: pgServer });
      await client.connect();
      await client.query(sql).finally(() => client.end());
    };
    await admin(`drop database if exists ${name} with (force)`);
    await admin(`create database ${name}`);
    const url = new URL(pgServer);
    url.pathname = `/${name}`;
    stores.push({
      name: 'Postgres',
      env: { DATABASE_URL: url.toString() },
      cleanup: () => admin(`drop database if exists ${name} with (force)`),
    });
  }

  // The runtime stage's ENV NODE_OPTIONS (V8's heap cap), as the container gives it to every process.
  const dockerNodeOptions =
    /^\s*NODE_OPTIONS=(\S+)/m.exec(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'))?.[1] ?? '';
  check(dockerNodeOptions !== '', 'the runtime stage sets NODE_OPTIONS (the heap cap)');
  for (const store of stores) {
    step(store.name);
    const base = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      NODE_OPTIONS: dockerNodeOptions,
    };
    const env = {
      ...base,
      ...store.env,
      SLACK_BOT_TOKEN: 'xoxb-production-check',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: urls.api,
      LOG_LEVEL: 'info',
    };
    const cli = (...args: string[]) => run(NODE, ['dist/cli.js', ...args], env);

    const migrated = await cli('migrate');
    check(
      migrated.code === 0 && /^\d+ migrations? applied; .* schema version \d+/.test(migrated.output),
      'node dist/cli.js migrate creates the store',
      migrated.output,
    );

    const port = await freePort();
    const bot = start(NODE, ['dist/main.js'], { ...env, PORT: String(port) });
    const healthy = await until('/healthz', async () => {
      if (bot.child.exitCode !== null) throw new Error(`bot exited:\n${bot.output()}`);
      const r = await fetch(`http://127.0.0.1:${port}/healthz`);
      return r.status === 200 ? await r.json() : undefined;
    }).catch((e: Error) => e);
    check(
      !(healthy instanceof Error),
      'node dist/main.js serves /healthz',
      healthy instanceof Error ? `${healthy.message}\n${bot.output()}` : '',
    );
    check(
      /"msg":"store ready: [^"]+, 0 migrations applied, schema version \d+/.test(bot.output()),
      'the start log says the store, migrations applied and schema version',
      bot.output(),
    );

    const slack = createSlackSender({
      appUrl: `http://127.0.0.1:${port}/slack/events`,
      signingSecret: SECRET,
      fake: { url: urls.url, teamId: 'T0001', botUserId: 'UBOT' },
    });
    const sent = await slack.command({ command: '/log', text: '2h design', userId: 'UADA', userName: 'ada' });
    const reply = await until(
      'the /log reply',
      async () => {
        const state = (await (await fetch(`${urls.url}/_fake/state`)).json()) as {
          responses: Array<{ url: string; body: { text?: string } }>;
        };
        return state.responses.find((r) => r.url === sent.responseUrl)?.body.text;
      },
      30_000,
    ).catch((e: Error) => e.message);
    check(
      String(reply).startsWith('Logged 2h to design for '),
      'a signed /log is answered and saved',
      String(reply),
    );

    if (store.env.DATA_DIR) {
      const busy = await cli('export', '--from', '2000-01-01', '--to', '2100-12-31');
      check(
        busy.code === 1 && busy.output.includes('is in use by another Punchcard process'),
        'a CLI command refuses the embedded store while the bot has it',
        busy.output,
      );
    } else {
      const live = await cli('export', '--from', '2000-01-01', '--to', '2100-12-31');
      check(
        live.code === 0 && live.output.includes(',"design",'),
        'node dist/cli.js export reads Postgres while the bot runs',
        live.output,
      );
    }
    bot.child.kill('SIGTERM');
    check((await bot.exited) === 0, 'the bot drains and exits 0 on SIGTERM', bot.output());

    const exported = await cli('export', '--from', '2000-01-01', '--to', '2100-12-31');
    check(
      exported.code === 0 && exported.output.includes(',"design",120,"2.00",'),
      'node dist/cli.js export writes the CSV',
      exported.output,
    );
    const ticked = await cli('tick', '--at', new Date().toISOString());
    check(
      ticked.code === 0 && /^tick at .*: (nothing due|\d+ item\(s\))/.test(ticked.output),
      'node dist/cli.js tick runs one pass',
      ticked.output,
    );
    const viaNpm = await run('npm', ['run', '-s', 'cli', '--', 'help'], env);
    check(
      viaNpm.code === 0 && viaNpm.output.includes('Punchcard operator commands'),
      'npm run cli works without sources or tsx',
      viaNpm.output,
    );

    if (store.env.DATA_DIR) {
      const file = join(work, 'backup.tar.gz');
      const backup = await cli('backup', file);
      check(
        backup.code === 0 && backup.output.startsWith('backed up '),
        'node dist/cli.js backup writes the embedded store to a file',
        backup.output,
      );
      const restoredEnv = { ...env, DATA_DIR: join(work, 'restored') };
      const restore = await run(NODE, ['dist/cli.js', 'restore', file], restoredEnv);
      check(
        restore.code === 0 && restore.output.startsWith('restored '),
        'node dist/cli.js restore recreates it elsewhere',
        restore.output,
      );
      const again = await run(
        NODE,
        ['dist/cli.js', 'export', '--from', '2000-01-01', '--to', '2100-12-31'],
        restoredEnv,
      );
      check(
        again.code === 0 && again.output.includes(',"design",120,'),
        'the restored store holds the entry',
        again.output,
      );
    } else {
      const refused = await cli('backup', join(work, 'x'));
      check(
        refused.code === 2 && refused.output.includes('pg_dump'),
        'node dist/cli.js backup points Postgres at pg_dump',
        refused.output,
      );
    }
    await store.cleanup?.();
  }
}

main()
  .catch((error: unknown) => {
    failures += 1;
    process.stdout.write(`FAIL ${(error as Error).stack ?? error}\n`);
  })
  .finally(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(work, { recursive: true, force: true });
    process.stdout.write(
      failures === 0 ? 'production check: all good\n' : `production check: ${failures} problem(s)\n`,
    );
    process.exit(failures === 0 ? 0 : 1);
  });
