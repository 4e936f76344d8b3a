/**
 * The alert passes' set-based reads, on whichever store is configured: silent-contractor streaks,
 * overdue milestones and budgets still to alert, and the pruning of old closed deliveries.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRepositories, type Repositories } from '../../src/db/repositories/index.js';
import {
  checkinParticipants,
  checkinResponses,
  checkins,
  deliveries,
  members,
  timeEntries,
} from '../../src/db/schema.js';
import {
  type DeliveryKey,
  DeliveryKind,
  type DeliveryStatus,
  NOBODY,
  PRUNABLE_KINDS,
  TIME_OFF,
} from '../../src/domain/delivery.js';
import { addDays, localToday } from '../../src/domain/local-date.js';
import { createTestDatabase, type TestDatabase, usingPostgres } from '../support/test-db.js';

const T = 'T1';
const NOW = new Date('2026-11-24T12:00:00Z');
const SILENT = DeliveryKind.silentContractor;
let testDb: TestDatabase;
let repos: Repositories;

beforeAll(async () => {
  testDb = await createTestDatabase();
  repos = createRepositories({ db: testDb.handle.db });
});
afterAll(async () => testDb?.close());
beforeEach(async () => testDb.reset());

/** Inserts closed (or pending) delivery rows as the outbox leaves them. */
async function rows(
  list: Array<Partial<DeliveryKey> & { localDate: string; status?: DeliveryStatus; note?: string | null }>,
) {
  await testDb.handle.db.insert(deliveries).values(
    list.map(({ status = 'sent', note = null, ...key }) => ({
      teamId: T,
      kind: DeliveryKind.checkinPrompt,
      subjectId: '1',
      memberId: NOBODY,
      ...key,
      scheduledAt: new Date(`${key.localDate}T09:00:00Z`),
      status,
      attempts: 1,
      lastError: note,
      leaseUntil: status === 'pending' ? new Date(NOW.getTime() + 60_000) : null,
    })),
  );
}

async function checkin(people: Record<string, string>, channelId = 'CTEAM', fixedTz: string | null = null) {
  const [row] = await testDb.handle.db
    .insert(checkins)
    .values({
      teamId: T,
      channelId,
      timeOfDay: '09:00',
      days: [1, 2, 3, 4, 5, 6, 7],
      questions: ['?'],
      fixedTz,
      createdBy: 'UBOSS',
    })
    .returning();
  if (!row) throw new Error('no check-in');
  for (const [userId, tz] of Object.entries(people)) {
    await testDb.handle.db.insert(members).values({ teamId: T, userId, tz }).onConflictDoNothing();
    await testDb.handle.db.insert(checkinParticipants).values({ checkinId: row.id, teamId: T, userId });
  }
  return row.id;
}

const prompts = (memberId: string, dates: string[], over: { status?: DeliveryStatus; note?: string } = {}) =>
  dates.map((localDate) => ({ memberId, localDate, ...over }));

const streaks = () =>
  repos.deliveries.silentStreaks({
    sinceDate: '2026-11-03',
    threshold: 3,
    alertKind: SILENT,
    todayIn: (zone) => localToday(NOW, zone),
  });

describe(`alert queries on ${usingPostgres ? 'Postgres' : 'PGlite'}`, () => {
  describe('silent streaks', () => {
    it('finds runs of 3 unanswered check-ins with no time logged, and where each run starts', async () => {
      await checkin({ UADA: 'UTC', UBEN: 'UTC', UCY: 'UTC', UDEE: 'UTC', UEVE: 'UTC', UFAY: 'UTC' });
      await rows([
        // Ada: silent since the 18th (a missed prompt counts like a sent one).
        ...prompts('UADA', ['2026-11-18', '2026-11-19', '2026-11-20', '2026-11-23']),
        ...prompts('UADA', ['2026-11-21'], { status: 'missed' }),
        // Ben answered on the 20th: his run starts after it.
        ...prompts('UBEN', ['2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23']),
        // Cy logged time on the 22nd: his run is only the 23rd.
        ...prompts('UCY', ['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23']),
        // Dee was off on the 22nd: a day off neither breaks nor extends a run.
        ...prompts('UDEE', ['2026-11-20', '2026-11-21', '2026-11-23']),
        ...prompts('UDEE', ['2026-11-22'], { status: 'skipped', note: TIME_OFF }),
        // Eve: today's prompt is not a finished day, and pending or failed ones are no days.
        ...prompts('UEVE', ['2026-11-22', '2026-11-23', '2026-11-24']),
        ...prompts('UEVE', ['2026-11-21'], { status: 'pending' }),
        ...prompts('UEVE', ['2026-11-20'], { status: 'failed' }),
        // Fay: a prompt skipped for another reason still counts.
        ...prompts('UFAY', ['2026-11-21', '2026-11-23']),
        ...prompts('UFAY', ['2026-11-22'], { status: 'skipped', note: 'answered early' }),
      ]);
      await testDb.handle.db.insert(checkinResponses).values([
        {
          teamId: T,
          checkinId: 1,
          userId: 'UBEN',
          localDate: '2026-11-20',
          status: 'submitted',
          questions: ['?'],
        },
        // Started but never submitted: not an answer.
        {
          teamId: T,
          checkinId: 1,
          userId: 'UADA',
          localDate: '2026-11-20',
          status: 'in_progress',
          questions: ['?'],
        },
      ]);
      await testDb.handle.db.insert(timeEntries).values([
        { teamId: T, userId: 'UCY', workDate: '2026-11-22', minutes: 60, category: 'dev', source: 'slash' },
        // Deleted time does not keep a day.
        {
          teamId: T,
          userId: 'UFAY',
          workDate: '2026-11-22',
          minutes: 60,
          category: 'dev',
          source: 'slash',
          deletedAt: NOW,
        },
      ]);

      expect(await streaks()).toEqual([
        { teamId: T, checkinId: 1, channelId: 'CTEAM', userId: 'UADA', missed: 5, since: '2026-11-18' },
        { teamId: T, checkinId: 1, channelId: 'CTEAM', userId: 'UBEN', missed: 3, since: '2026-11-21' },
        { teamId: T, checkinId: 1, channelId: 'CTEAM', userId: 'UDEE', missed: 3, since: '2026-11-20' },
        { teamId: T, checkinId: 1, channelId: 'CTEAM', userId: 'UFAY', missed: 3, since: '2026-11-21' },
      ]);
    });

    it("ends each person's days at their own today: the check-in's fixed zone, else theirs", async () => {
      // At 12:00 UTC it is already the 25th in Kiritimati (UTC+14): the 24th is a finished day there.
      await checkin({ UKIR: 'Pacific/Kiritimati', UUTC: 'UTC' });
      const fixed = await checkin({ UFIX: 'UTC' }, 'CFIX', 'Pacific/Kiritimati');
      await rows([
        ...prompts('UKIR', ['2026-11-22', '2026-11-23', '2026-11-24']),
        ...prompts('UUTC', ['2026-11-22', '2026-11-23', '2026-11-24']),
        ...prompts('UFIX', ['2026-11-22', '2026-11-23', '2026-11-24']).map((p) => ({
          ...p,
          subjectId: String(fixed),
        })),
      ]);
      expect((await streaks()).map((s) => [s.userId, s.missed, s.since])).toEqual([
        ['UKIR', 3, '2026-11-22'],
        ['UFIX', 3, '2026-11-22'],
      ]);
    });

    it('leaves out runs already alerted, but keeps one whose alert waits for a retry', async () => {
      await checkin({ UADA: 'UTC', UBEN: 'UTC' });
      const days = ['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23'];
      await rows([
        ...prompts('UADA', days),
        ...prompts('UBEN', days),
        { kind: SILENT, memberId: 'UADA', localDate: '2026-11-20', status: 'sent' },
        { kind: SILENT, memberId: 'UBEN', localDate: '2026-11-20', status: 'pending' },
      ]);
      expect((await streaks()).map((s) => [s.userId, s.missed, s.since])).toEqual([
        ['UBEN', 4, '2026-11-20'],
      ]);
    });

    it('agrees with the rule walked day by day, for random histories, zones and instants', async () => {
      const people = ['UA', 'UB', 'UC', 'UD'];
      const zones = ['UTC', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Kolkata', 'Not/AZone'];
      const outcomes = ['none', 'sent', 'missed', 'off', 'skipped', 'pending', 'failed'] as const;
      const day = fc.record({
        prompt: fc.constantFrom(...outcomes),
        answer: fc.constantFrom('none', 'submitted', 'in_progress'),
        logged: fc.constantFrom('none', 'none', 'live', 'deleted'),
      });
      const person = fc.record({
        zone: fc.constantFrom(...zones),
        days: fc.array(day, { minLength: 12, maxLength: 12 }),
        alerted: fc.option(fc.record({ day: fc.nat(11), status: fc.constantFrom('sent', 'pending') })),
      });
      const since = '2026-11-16';
      const first = '2026-11-14';
      await fc.assert(
        fc.asyncProperty(
          fc.array(person, { minLength: 4, maxLength: 4 }),
          fc.integer({ min: 0, max: 48 * 60 - 1 }),
          async (histories, minutes) => {
            await testDb.reset();
            const now = new Date(Date.parse('2026-11-24T00:00:00Z') + minutes * 60_000);
            await checkin(Object.fromEntries(people.map((p, i) => [p, histories[i]?.zone ?? 'UTC'])));
            const list: Parameters<typeof rows>[0] = [];
            const answers: Array<typeof checkinResponses.$inferInsert> = [];
            const entries: Array<typeof timeEntries.$inferInsert> = [];
            histories.forEach((h, i) => {
              const userId = people[i] as string;
              h.days.forEach((d, n) => {
                const localDate = addDays(first, n);
                if (d.prompt === 'off')
                  list.push({ memberId: userId, localDate, status: 'skipped', note: TIME_OFF });
                else if (d.prompt === 'skipped')
                  list.push({ memberId: userId, localDate, status: 'skipped', note: 'x' });
                else if (d.prompt !== 'none') list.push({ memberId: userId, localDate, status: d.prompt });
                if (d.answer !== 'none')
                  answers.push({
                    teamId: T,
                    checkinId: 1,
                    userId,
                    localDate,
                    status: d.answer,
                    questions: ['?'],
                  });
                if (d.logged !== 'none')
                  entries.push({
                    ...{
                      teamId: T,
                      userId,
                      workDate: localDate,
                      minutes: 30,
                      category: 'dev',
                      source: 'slash',
                    },
                    deletedAt: d.logged === 'deleted' ? now : null,
                  });
              });
              if (h.alerted)
                list.push({
                  kind: SILENT,
                  memberId: userId,
                  localDate: addDays(first, h.alerted.day),
                  status: h.alerted.status as DeliveryStatus,
                });
            });
            if (list.length) await rows(list);
            if (answers.length) await testDb.handle.db.insert(checkinResponses).values(answers);
            if (entries.length) await testDb.handle.db.insert(timeEntries).values(entries);

            // The rule as the alerts service walked it before it moved into SQL.
            const expected = histories.flatMap((h, i) => {
              const userId = people[i] as string;
              const today = localToday(now, h.zone);
              const streak: string[] = [];
              for (let n = h.days.length - 1; n >= 0; n--) {
                const d = h.days[n] as (typeof h.days)[number];
                const localDate = addDays(first, n);
                if (localDate < since || localDate >= today) continue;
                if (d.prompt === 'none' || d.prompt === 'pending' || d.prompt === 'failed') continue;
                if (d.prompt === 'off') continue;
                if (d.answer === 'submitted' || d.logged === 'live') break;
                streak.push(localDate);
              }
              const start = streak[streak.length - 1];
              if (streak.length < 3 || !start) return [];
              if (h.alerted?.status === 'sent' && addDays(first, h.alerted.day) === start) return [];
              return [{ userId, missed: streak.length, since: start }];
            });
            const found = await repos.deliveries.silentStreaks({
              sinceDate: since,
              threshold: 3,
              alertKind: SILENT,
              todayIn: (zone) => localToday(now, zone),
            });
            expect(found.map((f) => ({ userId: f.userId, missed: f.missed, since: f.since }))).toEqual(
              expected,
            );
          },
        ),
        { numRuns: 40 },
      );
    });

    it('ignores archived check-ins and people who left the workspace', async () => {
      await checkin({ UADA: 'UTC', UBEN: 'UTC' });
      await rows([
        ...prompts('UADA', ['2026-11-21', '2026-11-22', '2026-11-23']),
        ...prompts('UBEN', ['2026-11-21', '2026-11-22', '2026-11-23']),
      ]);
      expect(await streaks()).toHaveLength(2);
      await repos.members.upsertProfile(T, {
        userId: 'UBEN',
        displayName: 'Ben',
        tz: 'UTC',
        slackAdmin: false,
        isBot: false,
        deleted: true,
      });
      expect((await streaks()).map((s) => s.userId)).toEqual(['UADA']);
      await repos.checkins.archive(T, 1, NOW);
      expect(await streaks()).toEqual([]);
    });
  });

  describe('overdue milestones and budgets to alert', () => {
    async function project(budgetMinutes: number | null, key = 'acme') {
      const created = await repos.projects.create({
        teamId: T,
        key,
        name: '',
        channelId: 'CACME',
        createdBy: 'UBOSS',
      });
      if (!created) throw new Error('no project');
      await repos.projects.update(T, created.id, { budgetMinutes });
      return created.id;
    }
    const milestone = (projectId: number, dueDate: string, title: string) =>
      repos.milestones.create({
        teamId: T,
        projectId,
        title,
        dueDate,
        ownerId: null,
        createdBy: 'UBOSS',
        createdAt: NOW,
      });
    const overdue = async (today: string) =>
      (
        await repos.milestones.overdueToAlert({
          today,
          offsets: [1, 4, 7, 10],
          alertKind: DeliveryKind.milestoneOverdue,
        })
      )
        .map((m) => m.title)
        .sort();

    it('reads overdue milestones whose latest alert day has no closed alert yet', async () => {
      const id = await project(null);
      await milestone(id, '2026-11-10', 'past its last alert');
      await milestone(id, '2026-11-16', 'alerted on its latest day so far');
      await milestone(id, '2026-11-17', 'retry pending');
      await milestone(id, '2026-11-20', 'never alerted');
      await milestone(id, '2026-11-24', 'due today');
      // Alert days are the due date +1, +4, +7, +10: on the 24th the latest come are the 20th, 23rd, 24th, 21st.
      await rows([
        { kind: DeliveryKind.milestoneOverdue, subjectId: '1', localDate: '2026-11-20' },
        { kind: DeliveryKind.milestoneOverdue, subjectId: '2', localDate: '2026-11-23' },
        { kind: DeliveryKind.milestoneOverdue, subjectId: '3', localDate: '2026-11-24', status: 'pending' },
      ]);
      expect(await overdue('2026-11-24')).toEqual(['never alerted', 'retry pending']);
      // On the 27th #2's next alert day (the 26th) has come; #1 has none left.
      expect(await overdue('2026-11-27')).toEqual([
        'alerted on its latest day so far',
        'due today',
        'never alerted',
        'retry pending',
      ]);
    });

    it('sums only projects with a budget threshold not alerted yet (an alert settles the thresholds below it); a new budget re-arms them', async () => {
      const done = await project(600, 'done');
      const half = await project(600, 'half');
      // Passed 80% and 100% between two ticks: only the 100% alert went out, and it settles the 80%.
      const jumped = await project(600, 'jumped');
      await project(null, 'none');
      await rows([
        { kind: DeliveryKind.budgetAlert, subjectId: `${jumped}:600:100`, localDate: '2000-01-01' },
        { kind: DeliveryKind.budgetAlert, subjectId: `${done}:600:80`, localDate: '2000-01-01' },
        { kind: DeliveryKind.budgetAlert, subjectId: `${done}:600:100`, localDate: '2000-01-01' },
        { kind: DeliveryKind.budgetAlert, subjectId: `${half}:600:80`, localDate: '2000-01-01' },
      ]);
      await testDb.handle.db.insert(timeEntries).values([
        {
          teamId: T,
          userId: 'UADA',
          workDate: '2026-11-20',
          minutes: 500,
          category: 'dev',
          source: 'slash',
          projectId: half,
        },
        {
          teamId: T,
          userId: 'UADA',
          workDate: '2026-11-21',
          minutes: 60,
          category: 'dev',
          source: 'slash',
          projectId: half,
          deletedAt: NOW,
        },
      ]);
      const read = async () =>
        (
          await repos.projects.budgetUseToAlert({
            thresholds: [80, 100],
            alertKind: DeliveryKind.budgetAlert,
            adminUserIds: ['UROOT'],
          })
        )
          .map((p) => [p.key, p.usedMinutes])
          .sort();
      expect(await read()).toEqual([['half', 500]]);
      await repos.projects.update(T, done, { budgetMinutes: 1200 });
      expect(await read()).toEqual([
        ['done', 0],
        ['half', 500],
      ]);
    });
  });

  describe('budget alerts by DM', () => {
    const read = async (adminUserIds: string[] = []) =>
      (
        await repos.projects.budgetUseToAlert({
          thresholds: [80, 100],
          alertKind: DeliveryKind.budgetAlert,
          adminUserIds,
        })
      ).map((p) => ({ key: p.key, recipients: p.recipients, toAdmins: p.toAdmins }));
    async function budgeted(key: string, managers: string[]) {
      const created = await repos.projects.create({
        teamId: T,
        key,
        name: '',
        channelId: 'CACME',
        createdBy: 'UBOSS',
      });
      if (!created) throw new Error('no project');
      // No channel: the alerts are DMs.
      await repos.projects.update(T, created.id, { budgetMinutes: 600, channelId: null });
      for (const userId of managers) await repos.projectPeople.addManager(T, created.id, userId, 'UBOSS');
      return created.id;
    }
    const person = (userId: string, extra: Partial<typeof members.$inferInsert> = {}) =>
      testDb.handle.db
        .insert(members)
        .values({ teamId: T, userId, displayName: userId, tz: 'UTC', ...extra });

    it('tells each named manager until each has a closed alert, also for a project with no channel', async () => {
      const id = await budgeted('acme', ['UMAY', 'UMO']);
      await person('UADMIN', { role: 'admin' });
      expect(await read()).toEqual([{ key: 'acme', recipients: ['UMAY', 'UMO'], toAdmins: false }]);
      const subjectId = `${id}:600:80`;
      await rows([
        { kind: DeliveryKind.budgetAlert, subjectId, memberId: 'UMAY', localDate: '2000-01-01' },
        {
          kind: DeliveryKind.budgetAlert,
          subjectId,
          memberId: 'UMO',
          localDate: '2000-01-01',
          status: 'pending',
        },
      ]);
      // Mo's alert is still being retried: the project is read again, for its retry.
      expect(await read()).toHaveLength(1);
      await testDb.handle.db.delete(deliveries);
      await rows([
        {
          kind: DeliveryKind.budgetAlert,
          subjectId: `${id}:600:100`,
          memberId: 'UMAY',
          localDate: '2000-01-01',
        },
        { kind: DeliveryKind.budgetAlert, subjectId, memberId: 'UMO', localDate: '2000-01-01' },
      ]);
      // May has the 100% one (it settles 80%); Mo only the 80% one: 100% is still to tell him.
      expect(await read()).toHaveLength(1);
      await rows([
        {
          kind: DeliveryKind.budgetAlert,
          subjectId: `${id}:600:100`,
          memberId: 'UMO',
          localDate: '2000-01-01',
        },
      ]);
      expect(await read()).toEqual([]);
    });

    it("tells the workspace's admins when a project has no named manager; an alert once posted in its channel settles it", async () => {
      const id = await budgeted('acme', []);
      await person('UADMIN', { role: 'admin' });
      await person('USLACK', { slackAdmin: true });
      await person('UGONE', { role: 'admin', deleted: true });
      await person('UBOT', { role: 'admin', isBot: true });
      await person('UMGR', { role: 'manager' });
      expect(await read(['UROOT'])).toEqual([
        { key: 'acme', recipients: ['UADMIN', 'UROOT', 'USLACK'], toAdmins: true },
      ]);
      await rows([{ kind: DeliveryKind.budgetAlert, subjectId: `${id}:600:100`, localDate: '2000-01-01' }]);
      expect(await read(['UROOT'])).toEqual([]);
    });
  });

  describe('pruning', () => {
    it('deletes old closed rows of the prunable kinds only, oldest first, a batch at a time', async () => {
      await rows([
        ...prompts('UADA', ['2026-10-01', '2026-10-02', '2026-10-03']),
        { memberId: 'UBEN', localDate: '2026-10-01', status: 'missed' },
        { memberId: 'UCY', localDate: '2026-10-01', status: 'skipped', note: TIME_OFF },
        { memberId: 'UDEE', localDate: '2026-10-01', status: 'failed' },
        // Open: a lease or a retry still works on it.
        { memberId: 'UEVE', localDate: '2026-10-01', status: 'pending' },
        // Recent.
        { memberId: 'UADA', localDate: '2026-10-20' },
        { kind: DeliveryKind.checkinReminder, memberId: 'UADA', localDate: '2026-10-01' },
        { kind: SILENT, memberId: 'UADA', localDate: '2026-10-01' },
        { kind: DeliveryKind.digest, subjectId: 'CTEAM', localDate: '2026-09-28' },
        { kind: DeliveryKind.directorySweep, subjectId: T, localDate: '2026-10-01' },
        // Re-derived from live data long after their date: kept.
        { kind: DeliveryKind.budgetAlert, subjectId: '1:600:80', localDate: '2000-01-01' },
        { kind: DeliveryKind.milestoneOverdue, subjectId: '1', localDate: '2026-10-01' },
      ]);
      expect(await repos.deliveries.pruneClosed(PRUNABLE_KINDS, '2026-10-15', 2)).toBe(2);
      expect(await repos.deliveries.pruneClosed(PRUNABLE_KINDS, '2026-10-15', 100)).toBe(8);
      expect(await repos.deliveries.pruneClosed(PRUNABLE_KINDS, '2026-10-15', 100)).toBe(0);
      const left = await testDb.handle.db.select().from(deliveries);
      expect(left.map((r) => [r.kind, r.memberId, r.localDate, r.status]).sort()).toEqual([
        [DeliveryKind.budgetAlert, NOBODY, '2000-01-01', 'sent'],
        [DeliveryKind.checkinPrompt, 'UADA', '2026-10-20', 'sent'],
        [DeliveryKind.checkinPrompt, 'UEVE', '2026-10-01', 'pending'],
        [DeliveryKind.milestoneOverdue, NOBODY, '2026-10-01', 'sent'],
      ]);
    });
  });
});
