import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { timeEntries } from '../../src/db/schema.js';
import { useE2E } from '../support/e2e.js';
import { type Harness, TEAM_ID } from '../support/harness.js';
import { type TestDatabase, usingPostgres } from '../support/test-db.js';

let db: TestDatabase;
let h: Harness;
const root = join(import.meta.dirname, '..', '..');

const { reply: command } = useE2E(
  { team: { at: '2026-11-25T12:00:00Z', people: { UBOSS: 'UTC', UADA: 'UTC', UBEN: 'UTC' } } },
  (ctx) => {
    ({ db, h } = ctx);
  },
);

async function seed() {
  await command('/punchcard', 'project add acme-web <#CACME|acme> Acme', 'UBOSS');
  await command('/punchcard', 'project rate acme-web 85 USD', 'UBOSS');
  await command('/log', '1h30m acme-web checkout mon', 'UADA');
  await command('/log', '45m design', 'UBEN');
  // A note with a comma, quotes and a line break, as the log form allows.
  await db.handle.db
    .update(timeEntries)
    .set({ note: 'fixed login, "polished"\nand shipped' })
    .where(eq(timeEntries.userId, 'UADA'));
}

const csvOf = (file: { content: Buffer }) => parse(file.content.toString('utf8')) as string[][];

describe('/timesheet export', () => {
  it("sends a contractor's own CSV to their DM, notes intact", async () => {
    await seed();
    const reply = await command('/timesheet', 'export', 'UADA');
    expect(reply.text).toBe(
      'Sent 1 entry, this week (23–29 Nov 2026) to your DM as punchcard-2026-11-23-to-2026-11-29-ada.csv.',
    );
    const [file] = h.fake.uploadedFiles;
    expect(file?.channels).toEqual(['DUADA']);
    expect(csvOf(file as never)).toEqual([
      [
        'date',
        'member',
        'project',
        'category',
        'minutes',
        'hours',
        'billable',
        'rate',
        'amount',
        'currency',
        'note',
        'invoice',
      ],
      [
        '2026-11-23',
        'ada',
        'acme-web',
        'acme-web',
        '90',
        '1.50',
        'yes',
        '85.00',
        '127.50',
        'USD',
        'fixed login, "polished"\nand shipped',
        '',
      ],
    ]);
  });

  it('refuses a contractor asking for someone else or everyone, and uploads nothing', async () => {
    await seed();
    for (const text of ['export <@UBEN|ben>', 'export all', 'export last month all']) {
      expect((await command('/timesheet', text, 'UADA')).text).toContain(
        'You can only export your own time.',
      );
    }
    expect(h.fake.uploadedFiles).toHaveLength(0);
  });

  it('lets a manager export everyone for a range', async () => {
    await seed();
    const reply = await command('/timesheet', 'export 2026-11-01..2026-11-30 all', 'UBOSS');
    expect(reply.text).toBe(
      'Sent 2 entries, 1–30 Nov 2026 to your DM as punchcard-2026-11-01-to-2026-11-30-all.csv.',
    );
    const rows = csvOf(h.fake.uploadedFiles[0] as never);
    expect(rows.map((r) => r[1])).toEqual(['member', 'ada', 'ben']);
    expect(rows[2]).toEqual(['2026-11-25', 'ben', '', 'design', '45', '0.75', 'yes', '', '', '', '', '']);
  });

  it('still sends a header-only CSV when there is nothing to export, and says so', async () => {
    const reply = await command('/timesheet', 'export last month', 'UADA');
    expect(reply.text).toBe(
      'No entries in last month (1–31 Oct 2026); I sent the empty CSV (header only) to your DM as punchcard-2026-10-01-to-2026-10-31-ada.csv.',
    );
    expect(csvOf(h.fake.uploadedFiles[0] as never)).toHaveLength(1);
  });

  it('says so when Slack will not take the file, and refuses a person and all at once', async () => {
    await seed();
    h.fake.failNext('files.completeUploadExternal', { error: 'internal_error' });
    expect((await command('/timesheet', 'export', 'UADA')).text).toContain(
      'Something went wrong on our side',
    );
    expect(h.fake.uploadedFiles).toHaveLength(0);
    expect((await command('/timesheet', 'export <@UBEN|ben> all', 'UBOSS')).text).toContain(
      'Name one person or `all`',
    );
  });

  it('explains a range it cannot read', async () => {
    const reply = await command('/timesheet', 'export fortnight', 'UADA');
    expect(reply.text).toContain('/timesheet export last week');
    expect(h.fake.uploadedFiles).toHaveLength(0);
  });
});

describe('cli export', () => {
  function cli(
    args: string[],
    env: Record<string, string>,
    options: { slowReader?: boolean } = {},
  ): Promise<{ code: number | null; out: string; err: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'export', ...args], {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'error', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => {
        out += d;
        // A reader slower than the writer (a pipe into another program): the CLI must wait for it.
        if (options.slowReader) {
          child.stdout.pause();
          setTimeout(() => child.stdout.resume(), 20);
        }
      });
      child.stderr.on('data', (d) => {
        err += d;
      });
      // 'close', not 'exit': the process may be gone while what it wrote is still in the pipe.
      child.on('close', (code) => resolve({ code, out, err }));
    });
  }

  // PGlite belongs to the process that opened it, so the CLI reads the same data only on Postgres.
  it.skipIf(!usingPostgres)(
    'writes the same CSV to stdout',
    async () => {
      await seed();
      const result = await cli(['--from', '2026-11-01', '--to', '2026-11-30'], {
        DATABASE_URL: db.url ?? '',
      });
      expect(result.code).toBe(0);
      const rows = parse(result.out) as string[][];
      expect(rows).toHaveLength(3);
      expect(rows[1]?.[10]).toBe('fixed login, "polished"\nand shipped');
    },
    30_000,
  );

  it.skipIf(!usingPostgres)(
    'delivers every row of a large export to a slow reader before exiting',
    async () => {
      await seed();
      await db.handle.db.execute(sql`
        insert into time_entries (team_id, user_id, work_date, minutes, category, source, raw_text)
        select ${TEAM_ID}, 'UADA', date '2026-11-01' + (i % 30), 30, 'design', 'slash', '30m design'
        from generate_series(1, 20000) as i`);
      const result = await cli(
        ['--from', '2026-11-01', '--to', '2026-11-30'],
        { DATABASE_URL: db.url ?? '' },
        { slowReader: true },
      );
      expect(result.err).toBe('');
      expect(result.code).toBe(0);
      // The header, the two seeded entries and the 20,000 added here.
      expect(parse(result.out) as string[][]).toHaveLength(20_003);
    },
    60_000,
  );

  it('refuses bad dates with a hint, before touching any database', async () => {
    // A database nobody could reach: the dates are refused before it is ever opened.
    const result = await cli(['--from', '2026-11-31', '--to', '2026-11-01'], {
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    });
    expect(result.code).toBe(2);
    expect(result.err).toContain('--from and --to must be dates');
  }, 30_000);
});
