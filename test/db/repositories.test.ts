import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRepositories, type Repositories } from '../../src/db/repositories/index.js';
import type { NewTimeEntry } from '../../src/db/repositories/time-entries.repository.js';
import { tallyEntries } from '../../src/domain/digest-hours.js';
import { MAX_DAY_MINUTES } from '../../src/domain/duration.js';
import { createLogger } from '../../src/logger.js';
import { createTestDatabase, type TestDatabase, usingPostgres } from '../support/test-db.js';

const TEAM = 'T0001';
let testDb: TestDatabase;
let repos: Repositories;

beforeAll(async () => {
  testDb = await createTestDatabase();
  repos = createRepositories({ db: testDb.handle.db });
});
afterAll(async () => testDb?.close());
beforeEach(async () => {
  await testDb.reset();
  await repos.members.upsertProfile(TEAM, {
    userId: 'U1',
    displayName: 'Ada',
    tz: 'Asia/Kolkata',
    slackAdmin: false,
    isBot: false,
    deleted: false,
  });
});

const entry = (over: Partial<NewTimeEntry> = {}): NewTimeEntry => ({
  teamId: TEAM,
  userId: 'U1',
  workDate: '2026-11-24',
  minutes: 120,
  category: 'design',
  note: null,
  source: 'slash',
  rawText: '2h design',
  idempotencyKey: null,
  ...over,
});

/** Logs an entry under the 24h day, failing the test if the day gate refused it. */
async function put(e: NewTimeEntry) {
  const saved = await repos.timeEntries.insert(e, MAX_DAY_MINUTES);
  if ('overDayLimit' in saved) throw new Error(`refused: ${saved.already} min already`);
  return saved;
}

describe(`repositories on ${usingPostgres ? 'Postgres' : 'PGlite'}`, () => {
  it('writes one entry per idempotency key and hands the first back to a retry', async () => {
    const first = await put(entry({ idempotencyKey: 'slash:1' }));
    const again = await put(entry({ idempotencyKey: 'slash:1', minutes: 30 }));
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.entry.id).toBe(first.entry.id);
    expect(again.entry.minutes).toBe(120);
    expect([first.dayTotal, again.dayTotal]).toEqual([120, 120]);
    expect(await repos.timeEntries.listForMember(TEAM, 'U1', '2026-11-01', '2026-11-30')).toHaveLength(1);
  });

  it("keeps one person's idempotency key from finding another person's entry", async () => {
    await repos.members.upsertProfile(TEAM, {
      userId: 'U2',
      displayName: 'Ben',
      tz: 'UTC',
      slackAdmin: false,
      isBot: false,
      deleted: false,
    });
    await put(entry({ idempotencyKey: 'U1:view:V1', note: 'private' }));
    const seenBy = (userId: string) =>
      repos.timeEntries.logContext(TEAM, userId, { idempotencyKey: 'U1:view:V1' });
    expect((await seenBy('U2')).seen).toBeNull();
    expect((await seenBy('U1')).seen?.note).toBe('private');
  });

  it('reads the member and the project a key names, with the member rate on it, in one query', async () => {
    const project = await repos.projects.create({
      teamId: TEAM,
      key: 'acme',
      name: 'Acme',
      createdBy: 'U1',
      channelId: 'CACME',
    });
    if (!project) throw new Error('no project');
    const lookUp = (projectKey: string) =>
      repos.timeEntries.logContext(TEAM, 'U1', { idempotencyKey: null, projectKey });
    expect(await lookUp('nope')).toMatchObject({
      member: { userId: 'U1', tz: 'Asia/Kolkata' },
      seen: null,
      project: null,
    });
    expect((await lookUp('acme')).project).toMatchObject({ project: { id: project.id }, memberRate: null });
    await repos.projects.setMemberRate({
      teamId: TEAM,
      projectId: project.id,
      userId: 'U1',
      rateMinor: 9000,
      currency: 'EUR',
    });
    expect((await lookUp('acme')).project?.memberRate).toEqual({ rateMinor: 9000, currency: 'EUR' });
    // Not a member yet: nothing found (the caller looks them up in Slack first).
    expect(
      await repos.timeEntries.logContext(TEAM, 'UNOBODY', { idempotencyKey: null, projectKey: 'acme' }),
    ).toEqual({
      member: null,
      seen: null,
      project: null,
      onProject: false,
      ownKeys: [],
    });
  });

  it('refuses an entry past 24h on the day in the same statement, writing nothing', async () => {
    await put(entry({ minutes: 20 * 60 }));
    await put(entry({ minutes: 60, workDate: '2026-11-25' }));
    expect(await repos.timeEntries.insert(entry({ minutes: 5 * 60 }), MAX_DAY_MINUTES)).toEqual({
      overDayLimit: true,
      already: 20 * 60,
    });
    expect(await repos.timeEntries.dayTotal(TEAM, 'U1', '2026-11-24')).toBe(20 * 60);
    // Exactly 24h fits; one minute more does not.
    expect((await put(entry({ minutes: 4 * 60 }))).dayTotal).toBe(24 * 60);
    expect(await repos.timeEntries.insert(entry({ minutes: 1 }), MAX_DAY_MINUTES)).toEqual({
      overDayLimit: true,
      already: 24 * 60,
    });
    // A retry of an entry already on a full day gets that entry back: it is not a refusal.
    const again = await repos.timeEntries.insert(
      entry({ minutes: 4 * 60, idempotencyKey: 'U1:slash:9' }),
      28 * 60,
    );
    const retried = await repos.timeEntries.insert(
      entry({ minutes: 4 * 60, idempotencyKey: 'U1:slash:9' }),
      MAX_DAY_MINUTES,
    );
    expect(retried).toMatchObject({ created: false, dayTotal: 28 * 60 });
    expect('entry' in again && 'entry' in retried && retried.entry.id === again.entry.id).toBe(true);
  });

  it('lets only one of two entries at once fill the same day (the gate waits for the member lock)', async () => {
    const tries = await Promise.all(
      [1, 2, 3].map((n) =>
        repos.timeEntries.insert(entry({ minutes: 10 * 60, note: `try ${n}` }), MAX_DAY_MINUTES),
      ),
    );
    expect(tries.filter((t) => 'overDayLimit' in t)).toEqual([{ overDayLimit: true, already: 20 * 60 }]);
    expect(tries.flatMap((t) => ('dayTotal' in t ? [t.dayTotal] : [])).sort((a, b) => a - b)).toEqual([
      600, 1200,
    ]);
    expect(await repos.timeEntries.dayTotal(TEAM, 'U1', '2026-11-24')).toBe(20 * 60);
  });

  it('holds a logged entry back while another writer holds the member lock, then counts its entry', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked = () => {};
    const firstLocked = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const first = repos.transaction(async (tx) => {
      await tx.timeEntries.lockMember(TEAM, 'U1');
      locked();
      await held;
      await tx.timeEntries.insert(entry({ minutes: 23 * 60 }), MAX_DAY_MINUTES);
    });
    await firstLocked;
    const second = repos.timeEntries.insert(entry({ minutes: 2 * 60 }), MAX_DAY_MINUTES);
    await new Promise((resolve) => setTimeout(resolve, 100));
    release();
    await first;
    // The gate read the day after the first writer committed: 23h there, so 2h more is refused.
    expect(await second).toEqual({ overDayLimit: true, already: 23 * 60 });
  });

  it("holds a second writer of a member's time until the first commits", async () => {
    const order: string[] = [];
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked = () => {};
    const firstLocked = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const first = repos.transaction(async (tx) => {
      await tx.timeEntries.lockMember(TEAM, 'U1');
      locked();
      await held;
      await tx.timeEntries.insert(entry({ minutes: 60 }), MAX_DAY_MINUTES);
      order.push('first committed');
    });
    await firstLocked;
    const second = repos.transaction(async (tx) => {
      await tx.timeEntries.lockMember(TEAM, 'U1');
      order.push('second locked');
      return tx.timeEntries.dayTotal(TEAM, 'U1', '2026-11-24');
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    order.push('released');
    release();
    await first;
    // The second reads the day after the first's entry, as a day limit check must.
    expect(await second).toBe(60);
    expect(order).toEqual(['released', 'first committed', 'second locked']);
  });

  it('logs a failed query with its database code, never its statement or parameters', async () => {
    const error = await repos.timeEntries
      .insert(entry({ note: 'secret client note\u0000', rawText: 'raw secret text' }), MAX_DAY_MINUTES)
      .then(() => null)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    const lines: string[] = [];
    createLogger({ sink: (line) => lines.push(line) }).error({ err: error }, 'listener failed');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('secret');
    expect(lines[0]).not.toContain('insert into');
    const logged = JSON.parse(lines[0] ?? '{}');
    // 22021: invalid byte sequence (the NUL), on Postgres and PGlite alike.
    expect(logged.err.cause.code).toBe('22021');
  });

  it('keeps entries without a key apart', async () => {
    await put(entry());
    await put(entry());
    expect(await repos.timeEntries.dayTotal(TEAM, 'U1', '2026-11-24')).toBe(240);
  });

  it('sums a day without deleted entries, and without the one being edited', async () => {
    const a = await put(entry({ minutes: 60 }));
    const b = await put(entry({ minutes: 90 }));
    const other = await put(entry({ minutes: 45, workDate: '2026-11-23' }));
    // Each insert's total is its own day's, with the entry in it.
    expect([a.dayTotal, b.dayTotal, other.dayTotal]).toEqual([60, 150, 45]);
    await repos.timeEntries.softDelete(TEAM, a.entry.id, 'U1', new Date());
    expect((await put(entry({ minutes: 30 }))).dayTotal).toBe(120);
    await repos.timeEntries.softDelete(TEAM, a.entry.id, 'U1', new Date());
    expect(await repos.timeEntries.dayTotal(TEAM, 'U1', '2026-11-24')).toBe(120);
    expect(await repos.timeEntries.dayTotal(TEAM, 'U1', '2026-11-24', b.entry.id)).toBe(30);
  });

  it('deletes once: a second delete of the same entry changes nothing', async () => {
    const { entry: row } = await put(entry());
    expect(await repos.timeEntries.softDelete(TEAM, row.id, 'U1', new Date())).not.toBeNull();
    expect(await repos.timeEntries.softDelete(TEAM, row.id, 'U1', new Date())).toBeNull();
    expect((await repos.timeEntries.restore(TEAM, row.id))?.deletedAt).toBeNull();
  });

  it('never reads another workspace’s entries', async () => {
    await put(entry({ teamId: 'T0002' }));
    expect(await repos.timeEntries.listForMember(TEAM, 'U1', '2026-11-01', '2026-11-30')).toEqual([]);
  });

  it('refuses an entry over 24 hours at the database too', async () => {
    await expect(put(entry({ minutes: 1441 }))).rejects.toThrow();
  });

  it('refreshes a profile without touching the granted role', async () => {
    await repos.members.setRole(TEAM, 'U1', 'manager');
    const refreshed = await repos.members.upsertProfile(TEAM, {
      userId: 'U1',
      displayName: 'Ada L',
      tz: 'Europe/London',
      slackAdmin: false,
      isBot: false,
      deleted: false,
    });
    expect(refreshed).toMatchObject({ role: 'manager', tz: 'Europe/London', displayName: 'Ada L' });
  });

  it('rolls a transaction back whole', async () => {
    await expect(
      repos.transaction(async (tx) => {
        await tx.timeEntries.insert(entry(), MAX_DAY_MINUTES);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await repos.timeEntries.dayTotal(TEAM, 'U1', '2026-11-24')).toBe(0);
  });
});

describe("a milestone's hours since it started", () => {
  it('follow every write of entries: insert, edit, move, delete, restore, hard delete', async () => {
    const project = async (key: string) => {
      const row = await repos.projects.create({
        teamId: TEAM,
        key,
        name: key,
        createdBy: 'U1',
        channelId: 'C1',
      });
      if (!row) throw new Error('no project');
      return row.id;
    };
    const a = await project('acme');
    const b = await project('bolt');
    const m = await repos.milestones.create({
      teamId: TEAM,
      projectId: a,
      title: 'Launch',
      dueDate: '2026-12-01',
      ownerId: null,
      createdBy: 'U1',
      createdAt: new Date('2026-11-20T10:00:00Z'),
    });
    // What the per-day totals must always agree with: the entries themselves, summed.
    const check = async (expected: number) => {
      const logged = (await repos.milestones.loggedSinceStart(TEAM, [m.id])).get(m.id);
      expect(logged).toBe(expected);
      expect(await repos.projects.loggedMinutes(TEAM, a, '2026-11-20')).toBe(expected);
    };
    const add = async (over: Partial<NewTimeEntry>) => (await put(entry(over))).entry;
    await add({ projectId: a, workDate: '2026-11-19', minutes: 60 }); // before it started
    const thirty = await add({ projectId: a, workDate: '2026-11-20', minutes: 30 });
    const big = await add({ projectId: a, workDate: '2026-11-24', minutes: 120 });
    const other = await add({ projectId: b, workDate: '2026-11-24', minutes: 45 });
    await add({ projectId: null, workDate: '2026-11-24', minutes: 50 });
    await check(150);
    await repos.timeEntries.update(TEAM, big.id, { minutes: 90 });
    await check(120);
    await repos.timeEntries.update(TEAM, thirty.id, { projectId: b });
    await check(90);
    await repos.timeEntries.update(TEAM, other.id, { projectId: a, workDate: '2026-11-18' });
    await check(90);
    await repos.timeEntries.update(TEAM, other.id, { workDate: '2026-11-21' });
    await check(135);
    await repos.timeEntries.softDelete(TEAM, big.id, 'U1', new Date('2026-11-25T10:00:00Z'));
    await check(45);
    await repos.timeEntries.restore(TEAM, big.id);
    await check(135);
    await testDb.handle.db.execute(sql`delete from time_entries where id = ${other.id}`);
    await check(90);
    expect((await repos.milestones.loggedSinceStart(TEAM, [m.id, 999])).get(999)).toBeUndefined();
  });
});

describe('event claims', () => {
  const LEASE = 60_000;
  it('holds an event for one attempt at a time until it is done, and forgets ids older than the cut-off', async () => {
    expect(await repos.processedEvents.claim(TEAM, 'Ev1', LEASE)).toBe('claimed');
    expect(await repos.processedEvents.claim(TEAM, 'Ev1', LEASE)).toBe('busy');
    await repos.processedEvents.finish(TEAM, 'Ev1');
    expect(await repos.processedEvents.claim(TEAM, 'Ev1', LEASE)).toBe('done');
    // A release after the event is done changes nothing.
    await repos.processedEvents.release(TEAM, 'Ev1');
    expect(await repos.processedEvents.claim(TEAM, 'Ev1', LEASE)).toBe('done');
    await repos.processedEvents.prune(new Date(Date.now() + 60_000));
    expect(await repos.processedEvents.claim(TEAM, 'Ev1', LEASE)).toBe('claimed');
    await repos.processedEvents.prune(new Date(Date.now() - 3600_000));
    expect(await repos.processedEvents.claim(TEAM, 'Ev1', LEASE)).toBe('busy');
  });

  it('lets the next attempt take an event whose attempt failed or whose lease ran out', async () => {
    expect(await repos.processedEvents.claim(TEAM, 'Ev2', LEASE)).toBe('claimed');
    await repos.processedEvents.release(TEAM, 'Ev2');
    expect(await repos.processedEvents.claim(TEAM, 'Ev2', 1)).toBe('claimed');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await repos.processedEvents.claim(TEAM, 'Ev2', LEASE)).toBe('claimed');
    expect(await repos.processedEvents.claim(TEAM, 'Ev2', LEASE)).toBe('busy');
    // Another workspace's event with the same id is its own.
    expect(await repos.processedEvents.claim('T_OTHER', 'Ev2', LEASE)).toBe('claimed');
  });
});

describe('members.refreshProfiles (the daily sweep)', () => {
  const profile = (userId: string, over: Partial<{ displayName: string; tz: string }> = {}) => ({
    userId,
    displayName: userId,
    tz: 'UTC',
    slackAdmin: false,
    isBot: false,
    deleted: false,
    ...over,
  });

  it('updates known members in one statement, ignores strangers, and counts only real changes', async () => {
    await repos.members.setRole(TEAM, 'U1', 'manager');
    await repos.members.upsertProfile(TEAM, profile('U2', { displayName: 'Ben', tz: 'Europe/Berlin' }));
    const changed = await repos.members.refreshProfiles(TEAM, [
      profile('U1', { displayName: 'Ada L.', tz: 'America/Chicago' }),
      profile('U2', { displayName: 'Ben', tz: 'Europe/Berlin' }),
      profile('USTRANGER', { displayName: 'Stranger' }),
    ]);
    expect(changed).toBe(1);
    const rows = await repos.members.findMany(TEAM, ['U1', 'U2', 'USTRANGER']);
    expect(rows.map((m) => [m.userId, m.displayName, m.tz, m.role]).sort()).toEqual([
      ['U1', 'Ada L.', 'America/Chicago', 'manager'],
      ['U2', 'Ben', 'Europe/Berlin', 'contractor'],
    ]);
    expect(await repos.members.refreshProfiles('TOTHER', [profile('U1', { tz: 'Asia/Tokyo' })])).toBe(0);
    expect(await repos.members.refreshProfiles(TEAM, [])).toBe(0);
  });

  it('takes a thousand profiles with names Slack allows (quotes, emoji, backslashes) at once', async () => {
    const many = Array.from({ length: 1000 }, (_, i) => profile(`U${i + 10}`));
    for (const p of many.slice(0, 3)) await repos.members.upsertProfile(TEAM, p);
    const odd = `O'Brien "Bob" \\ 🎉`;
    const changed = await repos.members.refreshProfiles(
      TEAM,
      many.map((p, i) => (i < 3 ? { ...p, displayName: `${odd} ${i}` } : p)),
    );
    expect(changed).toBe(3);
    const [first] = await repos.members.findMany(TEAM, ['U10']);
    expect(first?.displayName).toBe(`${odd} 0`);
  });
});

describe('digest amounts in SQL', () => {
  it('round each entry once, half away from zero, as tallyEntries does', async () => {
    const project = await repos.projects.create({
      teamId: TEAM,
      key: 'acme',
      name: '',
      channelId: 'C1',
      createdBy: 'U1',
    });
    if (!project) throw new Error('no project');
    // 10 min at €80/h is €13.333…: €13.33 a line. 30 min at ¥5,001/h is ¥2,500.5: ¥2,501 a line.
    const lines = [
      { minutes: 10, rateMinor: 8000, currency: 'EUR' },
      { minutes: 10, rateMinor: 8000, currency: 'EUR' },
      { minutes: 10, rateMinor: 8000, currency: 'EUR' },
      { minutes: 30, rateMinor: 5001, currency: 'JPY' },
      { minutes: 30, rateMinor: 5001, currency: 'JPY' },
      { minutes: 45, rateMinor: 12345, currency: 'BHD' },
    ];
    for (const [i, l] of lines.entries())
      await put(
        entry({
          ...l,
          projectId: project.id,
          category: 'acme',
          workDate: `2026-11-2${i % 5}`,
          billable: true,
        }),
      );
    const sql = await repos.digests.hours(TEAM, 'C1', null, '2026-11-20', '2026-11-26');
    const tallied = tallyEntries(
      lines.map((l, i) => ({
        ...l,
        userId: 'U1',
        workDate: `2026-11-2${i % 5}`,
        projectKey: 'acme',
        category: 'acme',
        billable: true,
      })),
      [],
    );
    const amounts = (h: typeof sql) =>
      Object.fromEntries(h.projects.filter((p) => p.currency).map((p) => [p.currency, p.amountMinor]));
    expect(amounts(sql)).toEqual({ EUR: 3 * 1333, JPY: 2 * 2501, BHD: 9259 });
    expect(amounts(tallied)).toEqual(amounts(sql));
  });
});

describe('who a manager sees (least privilege)', () => {
  it("names the members of the projects a person manages, and the projects a person's live time is on", async () => {
    const project = async (key: string, manager: string) => {
      const row = await repos.projects.create({
        teamId: TEAM,
        key,
        name: key,
        createdBy: manager,
        channelId: 'C1',
      });
      if (!row) throw new Error('no project');
      await repos.projectPeople.addManager(TEAM, row.id, manager, manager);
      return row.id;
    };
    const acme = await project('acme', 'UMGR');
    const bolt = await project('bolt', 'UOTHER');
    await repos.projectPeople.addMembers(TEAM, acme, ['U1', 'U2'], 'UMGR');
    await repos.projectPeople.addMembers(TEAM, bolt, ['U2', 'U3'], 'UOTHER');
    // Another workspace's project with the same manager id is not theirs here.
    const elsewhere = await repos.projects.create({
      teamId: 'T0002',
      key: 'acme',
      name: 'acme',
      createdBy: 'UMGR',
      channelId: 'C2',
    });
    if (!elsewhere) throw new Error('no project');
    await repos.projectPeople.addManager('T0002', elsewhere.id, 'UMGR', 'UMGR');
    await repos.projectPeople.addMembers('T0002', elsewhere.id, ['U9'], 'UMGR');

    expect(await repos.projectPeople.peopleManagedBy(TEAM, 'UMGR')).toEqual(['U1', 'U2']);
    expect(await repos.projectPeople.peopleManagedBy(TEAM, 'UOTHER')).toEqual(['U2', 'U3']);
    expect(await repos.projectPeople.peopleManagedBy(TEAM, 'U1')).toEqual([]);

    await put(entry({ projectId: bolt, minutes: 30 }));
    const deleted = (await put(entry({ projectId: acme, minutes: 30 }))).entry;
    await put(entry({ projectId: null, minutes: 30 }));
    await repos.timeEntries.softDelete(TEAM, deleted.id, 'U1', new Date());
    expect(await repos.projectPeople.loggedProjectIds(TEAM, 'U1')).toEqual([bolt]);
    expect(await repos.projectPeople.loggedProjectIds(TEAM, 'U2')).toEqual([]);
  });
});
