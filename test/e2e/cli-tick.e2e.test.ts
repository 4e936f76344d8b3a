import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/client.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { createRepositories } from '../../src/db/repositories/index.js';
import { DEFAULT_QUESTIONS } from '../../src/domain/checkin-questions.js';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack/index.js';
import { createTestDatabase, type TestDatabase, usingPostgres } from '../support/test-db.js';

/** `npm run cli -- tick --at …` as an operator (or a second replica) runs it: its own process. */
const root = join(import.meta.dirname, '..', '..');
const PEOPLE = [
  { userId: 'UADA', tz: 'Asia/Kolkata' },
  { userId: 'UBEN', tz: 'Asia/Kolkata' },
  { userId: 'UCAL', tz: 'Asia/Kathmandu' },
];
let fake: FakeSlack;
let pgDb: TestDatabase | null = null;
let dataDir: string;

async function seed(handle: DatabaseHandle) {
  const repos = createRepositories({ db: handle.db });
  for (const p of PEOPLE) {
    await repos.members.upsertProfile('T0001', {
      ...p,
      displayName: p.userId,
      slackAdmin: false,
      isBot: false,
      deleted: false,
    });
  }
  const checkin = await repos.checkins.create({
    teamId: 'T0001',
    channelId: 'CTEAM',
    timeOfDay: '09:30',
    days: [1, 2, 3, 4, 5],
    questions: [...DEFAULT_QUESTIONS],
    createdBy: 'UADA',
    createdAt: new Date('2026-11-01T00:00:00Z'),
  });
  await repos.checkins.addParticipants(
    'T0001',
    checkin?.id ?? 0,
    PEOPLE.map((p) => p.userId),
    new Date('2026-11-01T00:00:00Z'),
  );
  const project = await repos.projects.create({
    teamId: 'T0001',
    key: 'acme-web',
    name: 'Acme',
    channelId: 'CACME',
    createdBy: 'UADA',
  });
  await repos.milestones.create({
    teamId: 'T0001',
    projectId: project?.id ?? 0,
    title: 'Launch checkout',
    dueDate: '2026-11-23',
    ownerId: 'UADA',
    createdBy: 'UADA',
    createdAt: new Date('2026-11-01T00:00:00Z'),
  });
}

beforeAll(async () => {
  fake = await startFakeSlack({ teamId: 'T0001' });
  dataDir = mkdtempSync(join(tmpdir(), 'punchcard-cli-'));
  if (usingPostgres) {
    pgDb = await createTestDatabase();
    await seed(pgDb.handle);
  } else {
    const handle = await openDatabase({ dataDir });
    await migrateDatabase(handle);
    await seed(handle);
    await handle.close();
  }
});
afterAll(async () => {
  await fake?.close();
  await pgDb?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function cliTick(at: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'tick', '--at', at], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        SLACK_BOT_TOKEN: 'xoxb-cli-test',
        SLACK_API_URL: fake.apiUrl,
        LOG_LEVEL: 'error',
        ...(pgDb?.url ? { DATABASE_URL: pgDb.url } : { DATA_DIR: dataDir }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.on('close', (code) => resolve({ code, out })); // after the pipes drain, not just the exit
  });
}

describe('cli tick --at', () => {
  it('runs one pass as if the clock were there, prints what it sent, and sends nothing twice', async () => {
    fake.reset();
    // 09:30 Monday 23 Nov in Kolkata is 04:00Z; Kathmandu's 09:30 is 03:45Z, so it is 15 minutes late and still sent.
    const first = await cliTick('2026-11-23T04:00:00Z');
    expect(first.code).toBe(0);
    expect(first.out).toContain('tick at 2026-11-23T04:00:00.000Z: 3 item(s)');
    expect(first.out).toContain('sent    check-in prompt to UADA for <#CTEAM> on 2026-11-23');
    expect(first.out).toContain('sent    check-in prompt to UCAL for <#CTEAM> on 2026-11-23');
    const again = await cliTick('2026-11-23T04:00:00Z');
    expect(again.out).toContain('nothing due');
    expect(fake.callsTo('chat.postMessage')).toHaveLength(3);
  }, 60_000);

  it.skipIf(!usingPostgres)(
    'two processes ticking at once against one Postgres send each prompt once',
    async () => {
      fake.reset();
      const at = '2026-11-24T04:00:00Z';
      const [a, b] = await Promise.all([cliTick(at), cliTick(at)]);
      expect([a.code, b.code]).toEqual([0, 0]);
      const sends = fake
        .callsTo('chat.postMessage')
        .map((c) => String(c.args.channel))
        .sort();
      expect(sends).toEqual(['UADA', 'UBEN', 'UCAL']);
      const sentLines = `${a.out}\n${b.out}`.split('\n').filter((l) => l.startsWith('sent'));
      expect(sentLines).toHaveLength(3);
    },
    60_000,
  );

  it.skipIf(!usingPostgres)(
    'two processes ticking at once post an overdue milestone alert once',
    async () => {
      fake.reset();
      // Due Mon 23 Nov: the alert is due at 09:00 UTC (DEFAULT_TZ) on Tue 24 Nov.
      const at = '2026-11-24T09:00:00Z';
      const [a, b] = await Promise.all([cliTick(at), cliTick(at)]);
      expect([a.code, b.code]).toEqual([0, 0]);
      expect(fake.messagesIn('CACME').map((m) => m.text)).toEqual([
        ':warning: Milestone #1 Launch checkout (acme-web) is overdue by 1 day: it was due Mon 23 Nov and is planned.',
      ]);
      expect(`${a.out}\n${b.out}`).toContain('sent    overdue milestone alert in <#CACME> (1)');
      const again = await cliTick('2026-11-24T09:05:00Z');
      expect(again.out).not.toContain('overdue milestone alert');
      expect(fake.messagesIn('CACME')).toHaveLength(1);
    },
    60_000,
  );
});
