import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERASED_ROWS, PERSONAL_DATA } from '../../src/db/personal-data.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.close();
});

/** Every column that can hold text, in the tables the migrations made. */
async function textColumns(): Promise<string[]> {
  const result = (await db.handle.db.execute(sql`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema()
      and data_type in ('text', 'character varying', 'character', 'jsonb', 'json', 'ARRAY')
    order by table_name, column_name`)) as unknown as {
    rows: Array<{ table_name: string; column_name: string }>;
  };
  return result.rows.map((r) => `${r.table_name}.${r.column_name}`);
}

describe('the list of personal-data columns erasure works from', () => {
  it('classifies every text, jsonb and array column of every table (a new one must be added to src/db/personal-data.ts)', async () => {
    const classified = new Set(
      Object.entries(PERSONAL_DATA).flatMap(([table, cols]) => Object.keys(cols).map((c) => `${table}.${c}`)),
    );
    const unclassified = (await textColumns()).filter((c) => !classified.has(c));
    expect(unclassified, 'columns src/db/personal-data.ts does not classify').toEqual([]);
  });

  it('names only columns that exist, and every table it names has a team_id to scope erasure by', async () => {
    const result = (await db.handle.db.execute(sql`
      select table_name, column_name from information_schema.columns
      where table_schema = current_schema()`)) as unknown as {
      rows: Array<{ table_name: string; column_name: string }>;
    };
    const existing = new Set(result.rows.map((r) => `${r.table_name}.${r.column_name}`));
    const named = Object.entries(PERSONAL_DATA).flatMap(([table, cols]) => [
      `${table}.team_id`,
      ...Object.entries(cols).flatMap(([column, use]) => [
        `${table}.${column}`,
        ...(typeof use === 'object'
          ? ['authored' in use ? `${table}.${use.authored.by}` : `${table}.${use.snapshot.by}`]
          : []),
      ]),
    ]);
    named.push(...Object.entries(ERASED_ROWS).map(([table, column]) => `${table}.${column}`));
    expect(named.filter((c) => !existing.has(c))).toEqual([]);
  });
});
