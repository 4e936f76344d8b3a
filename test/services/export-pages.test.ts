import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, type Repositories } from '../../src/db/repositories/index.js';
import { toCsv } from '../../src/domain/csv.js';
import { exportRows } from '../../src/domain/timesheet-export.js';
import { createExportService, dayPages } from '../../src/services/export.service.js';
import { createMemberService } from '../../src/services/members.service.js';
import type { ExportPort, SlackDirectory } from '../../src/services/ports.js';
import { createTestClock } from '../support/clock.js';
import { createTestDatabase, type TestDatabase, usingPostgres } from '../support/test-db.js';

const TEAM = 'T1';
let testDb: TestDatabase;
let repos: Repositories;

beforeAll(async () => {
  testDb = await createTestDatabase();
  repos = createRepositories({ db: testDb.handle.db });
  const db = testDb.handle.db;
  await db.execute(sql`
    insert into members (team_id, user_id, display_name)
    values (${TEAM}, 'UADA', 'ada'), (${TEAM}, 'UBEN', 'Ben'), (${TEAM}, 'UCY', '')`);
  // 12,000 entries over the 30 days of November, 400 a day, by three people; and a deleted one.
  await db.execute(sql`
    insert into time_entries (team_id, user_id, work_date, minutes, category, note, source, deleted_at)
    select ${TEAM}, (array['UADA', 'UBEN', 'UCY'])[1 + i % 3], date '2026-11-01' + (i % 30), 15 + i % 90,
      'dev', 'entry ' || i, 'slash', case when i = 0 then now() end
    from generate_series(0, 12000) as i`);
}, 120_000);
afterAll(async () => testDb?.close());

describe(`cli export on ${usingPostgres ? 'Postgres' : 'PGlite'}`, () => {
  it('groups whole days into pages of at most so many rows', () => {
    const days = [
      { workDate: '2026-11-01', rows: 400 },
      { workDate: '2026-11-02', rows: 500 },
      { workDate: '2026-11-03', rows: 200 },
      { workDate: '2026-11-04', rows: 2000 },
      { workDate: '2026-11-06', rows: 1 },
    ];
    expect(dayPages(days, 1000)).toEqual([
      { from: '2026-11-01', to: '2026-11-02' },
      { from: '2026-11-03', to: '2026-11-03' },
      { from: '2026-11-04', to: '2026-11-04' },
      { from: '2026-11-06', to: '2026-11-06' },
    ]);
    expect(dayPages([], 1000)).toEqual([]);
  });

  it('reads 12,000 rows a page at a time and writes the same CSV as reading them at once', async () => {
    const reads: number[] = [];
    const exports: ExportPort = {
      dayCounts: (...args) => repos.exports.dayCounts(...args),
      async entries(...args) {
        const rows = await repos.exports.entries(...args);
        reads.push(rows.length);
        return rows;
      },
    };
    const refuse = async (): Promise<never> => {
      throw new Error('no Slack in this test');
    };
    const directory: SlackDirectory = { getProfile: refuse, listProfiles: refuse };
    const service = createExportService({
      repos: { exports, members: repos.members, projectPeople: repos.projectPeople },
      members: createMemberService({ repos, adminUserIds: [], directory }),
      clock: createTestClock({ now: '2026-12-01T10:00:00Z' }),
      pageRows: 1000,
    });
    const result = await service.forCli({ from: '2026-11-01', to: '2026-11-30' });
    if (!result.ok) throw new Error(result.error.message);
    let csv = '';
    for await (const chunk of result.value.chunks) csv += chunk;

    // Two days (800 rows) a page: 15 reads, none of more than 1,000 rows, 12,000 rows in all.
    expect(reads).toHaveLength(15);
    expect(Math.max(...reads)).toBeLessThanOrEqual(1000);
    expect(reads.reduce((a, b) => a + b, 0)).toBe(12_000);
    const whole = toCsv(exportRows(await repos.exports.entries(TEAM, '2026-11-01', '2026-11-30', null)));
    expect(csv).toBe(whole);
    expect(csv.split('\r\n')).toHaveLength(12_002); // the header, 12,000 rows and the final line break
  }, 60_000);
});
