/**
 * Invoice numbers, on whichever store is configured: counted per workspace and year, a number taken
 * in a transaction that rolls back is given again (no gap), and on Postgres two transactions at once
 * wait for each other on the counter row instead of taking the same number.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/client.js';
import { createRepositories, type Repositories } from '../../src/db/repositories/index.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';

let testDb: TestDatabase;
let repos: Repositories;
/** A second pool on Postgres: two transactions really run at once. */
let otherHandle: DatabaseHandle | null = null;
let other: Repositories;

beforeAll(async () => {
  testDb = await createTestDatabase();
  repos = createRepositories({ db: testDb.handle.db });
  if (testDb.url) otherHandle = await openDatabase({ url: testDb.url });
  other = createRepositories({ db: (otherHandle ?? testDb.handle).db });
});
afterAll(async () => {
  await otherHandle?.close();
  await testDb?.close();
});
beforeEach(async () => {
  await testDb.reset();
});

describe('invoice numbers', () => {
  it('count per workspace and year', async () => {
    const next = (team: string, year: number) => repos.transaction((tx) => tx.invoices.nextSeq(team, year));
    expect([
      await next('T1', 2026),
      await next('T1', 2026),
      await next('T2', 2026),
      await next('T1', 2027),
    ]).toEqual([1, 2, 1, 1]);
  });

  it('a number taken by a transaction that rolls back is given again', async () => {
    await repos.transaction((tx) => tx.invoices.nextSeq('T1', 2026));
    await expect(
      repos.transaction(async (tx) => {
        await tx.invoices.nextSeq('T1', 2026);
        throw new Error('the submit failed after numbering');
      }),
    ).rejects.toThrow('the submit failed');
    expect(await repos.transaction((tx) => tx.invoices.nextSeq('T1', 2026))).toBe(2);
  });

  it.runIf(Boolean(process.env.DATABASE_URL))(
    'a second transaction waits for the first to end, and takes the next number only if the first committed',
    async () => {
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let firstTook = 0;
      const first = repos.transaction(async (tx) => {
        firstTook = await tx.invoices.nextSeq('T1', 2026);
        await held;
        throw new Error('rolled back');
      });
      // Give the first transaction time to take its row lock.
      while (firstTook === 0) await new Promise((r) => setTimeout(r, 5));
      let secondTook = 0;
      const second = other.transaction(async (tx) => {
        secondTook = await tx.invoices.nextSeq('T1', 2026);
        return secondTook;
      });
      await new Promise((r) => setTimeout(r, 100));
      expect(secondTook).toBe(0); // still waiting on the counter row
      release();
      await expect(first).rejects.toThrow('rolled back');
      expect(await second).toBe(1);
    },
  );
});
