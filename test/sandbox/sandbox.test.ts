import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { nextCheckin, nextMondayNine, SandboxClock } from '../../src/sandbox/clock.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/sandbox.js';
import { commandText } from '../../src/sandbox/team.js';
import { expectNoFigures } from '../support/figures.js';
import { visibleText } from '../support/slack-ui.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';

// biome-ignore lint/suspicious/noExplicitAny: the page's JSON, read freely
type Json = any;

describe('the sandbox clock', () => {
  it('only moves forward', () => {
    const clock = new SandboxClock(new Date('2030-01-01T00:00:00Z'));
    clock.set(new Date('2029-01-01T00:00:00Z'));
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(Date.parse('2030-01-01T00:00:00Z'));
  });

  it('finds the next Monday 09:00 in a zone, a week on when it has passed', () => {
    // Mon 23 Nov 2026 10:00 in Berlin is 09:00 UTC.
    expect(nextMondayNine(new Date('2026-11-23T09:00:00Z'), 'Europe/Berlin').toISOString()).toBe(
      '2026-11-30T08:00:00.000Z',
    );
    expect(nextMondayNine(new Date('2026-11-22T12:00:00Z'), 'Asia/Kolkata').toISOString()).toBe(
      '2026-11-23T03:30:00.000Z',
    );
  });

  it("finds the next check-in prompt in its participants' own zones", () => {
    const checkin = {
      id: 1,
      teamId: 'T1',
      channelId: 'C1',
      timeOfDay: '09:30',
      days: [1, 2, 3, 4, 5],
      questions: ['?'],
      reminderMinutes: 60,
      catchUpMinutes: 180,
      fixedTz: null,
      createdBy: 'U1',
      createdAt: new Date('2026-11-01T00:00:00Z'),
      updatedAt: new Date('2026-11-01T00:00:00Z'),
      archivedAt: null,
      participants: ['UNY', 'UKOL'],
    };
    const zones: Record<string, string> = { UNY: 'America/New_York', UKOL: 'Asia/Kolkata' };
    // Fri 27 Nov 2026 05:00 UTC: Kolkata's 09:30 (04:00 UTC) has passed; New York's is at 14:30 UTC.
    const at = (iso: string) =>
      nextCheckin(new Date(iso), [checkin], (id) => zones[id] ?? 'UTC')?.toISOString();
    expect(at('2026-11-27T05:00:00Z')).toBe('2026-11-27T14:30:00.000Z');
    // After New York's Friday prompt, the next weekday is Monday, in Kolkata first.
    expect(at('2026-11-27T15:00:00Z')).toBe('2026-11-30T04:00:00.000Z');
    expect(nextCheckin(new Date(), [], () => 'UTC')).toBeNull();
  });
});

describe("a command's text as Slack sends it", () => {
  it('escapes #channel and @person to ids in the commands manifest.json marks should_escape', () => {
    expect(commandText('/standup', 'join #team @Nora @nobody #nowhere')).toBe(
      'join <#C0TEAM|team> <@UNORA|nora> @nobody #nowhere',
    );
  });

  it('always sends &, < and > as entities, and leaves /log text otherwise as typed', () => {
    expect(commandText('/log', '2h design a&b <x> @nora #team')).toBe(
      '2h design a&amp;b &lt;x&gt; @nora #team',
    );
  });
});

describe('the sandbox over signed HTTP (--http)', () => {
  let db: TestDatabase;
  let sandbox: Sandbox;
  beforeAll(async () => {
    db = await createTestDatabase();
    sandbox = await startSandbox({
      logger: createLogger({ level: 'error', sink: () => undefined }),
      port: 0,
      database: db.handle,
      http: true,
      scheduler: false,
    });
  });
  afterAll(async () => {
    await sandbox?.stop();
    await db?.close();
  });

  const post = async (path: string, body: unknown) => {
    const res = await fetch(new URL(path, sandbox.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Json };
  };
  const state = async (user: string, conversation: string): Promise<Json> =>
    (await fetch(new URL(`/api/state?user=${user}&conversation=${conversation}`, sandbox.url))).json();
  const waitFor = async <T>(probe: () => Promise<T | undefined>): Promise<T> => {
    for (let i = 0; i < 200; i += 1) {
      const found = await probe();
      if (found !== undefined) return found;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('timed out');
  };

  it('reaches the app by HTTP, not Socket Mode', () => {
    expect(sandbox.workspace.fake.socketMode.connected).toBe(false);
  });

  it('shows a command reply only to its author, and Undo replaces it in place', async () => {
    const sent = await post('/api/command', {
      userId: 'UNORA',
      conversation: 'C0TEAM',
      text: '/log 2h design',
    });
    expect(sent).toEqual({ status: 200, body: { ok: true } });
    const reply = await waitFor(async () =>
      (await state('UNORA', 'C0TEAM')).items.find((i: Json) => i.text.startsWith('Logged 2h to design')),
    );
    expect(reply.kind).toBe('ephemeral');
    expect((await state('ULENA', 'C0TEAM')).items).toEqual([]);

    const undo = await post('/api/action', {
      userId: 'UNORA',
      surface: { kind: 'ephemeral', channel: 'C0TEAM', ts: reply.ts },
      actionId: 'entry_undo',
    });
    expect(undo.status).toBe(200);
    const replaced = await waitFor(async () => {
      const items = (await state('UNORA', 'C0TEAM')).items;
      return items.some((i: Json) => i.text.includes('Undone')) ? items : undefined;
    });
    expect(replaced).toHaveLength(1);
    expect(replaced[0]).toMatchObject({
      ts: reply.ts,
      text: expect.stringContaining('Undone: removed 2h of design'),
    });
  });

  it('refuses what the page must not send, saying why', async () => {
    const stranger = await post('/api/command', { userId: 'UEVE', conversation: 'DUEVE', text: '/log 2h x' });
    expect(stranger.status).toBe(400);
    expect(stranger.body.error).toContain('not a sandbox person');
    const chat = await post('/api/command', { userId: 'UNORA', conversation: 'C0TEAM', text: 'hello' });
    expect(chat).toEqual({
      status: 400,
      body: { ok: false, error: 'In a channel, type a slash command such as /log 2h design.' },
    });
    const clock = await post('/api/clock', { userId: 'UNORA', to: 'yesterday' });
    expect(clock.status).toBe(400);
  });

  it('"jump to Monday 09:00" runs the app\'s ticks on the way: the weekly digest goes out', async () => {
    const scheduled = await post('/api/command', {
      userId: 'UMAYA',
      conversation: 'C0TEAM',
      text: '/punchcard digest #team mon 09:00 America/New_York',
    });
    expect(scheduled.status).toBe(200);
    await waitFor(async () =>
      (await state('UMAYA', 'C0TEAM')).items.find((i: Json) => i.text.startsWith('Weekly digest scheduled')),
    );
    const moved = await post('/api/clock', { userId: 'UMAYA', to: 'monday-0900' });
    expect(moved.body.ok).toBe(true);
    expect(moved.body.sent).toBeGreaterThanOrEqual(1);
    // The clock runs on from 09:00 while the last tick works.
    const there = DateTime.fromISO(moved.body.now, { zone: 'America/New_York' });
    expect([there.weekday, there.hour, there.minute]).toEqual([1, 9, 0]);
    const digest = (await state('ULENA', 'C0TEAM')).items.find((i: Json) => i.kind === 'message');
    expect(digest.text).toMatch(/^Weekly digest · /);
    // Lena (a contractor) reads it in #team: no hours, amounts or budgets.
    expect(visibleText(digest.blocks)).toContain('Hours, amounts and budgets are left out of this post');
    expectNoFigures(`${digest.text}\n${visibleText(digest.blocks)}`);
  });

  it('"advance to the next check-in" says so when no check-in has anyone yet', async () => {
    const moved = await post('/api/clock', { userId: 'UNORA', to: 'next-checkin' });
    expect(moved.body).toEqual({
      ok: false,
      error: 'No check-in has anyone in it yet: try /standup create #team 09:30 @nora @lena @ravi',
    });
  });
});
