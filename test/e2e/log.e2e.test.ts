import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, members, timeEntries } from '../../src/db/schema.js';
import { useE2E } from '../support/e2e.js';
import type { Harness } from '../support/harness.js';
import { TEAM_ID } from '../support/harness.js';
import { button, logFormState, visibleText } from '../support/slack-ui.js';
import type { TestDatabase } from '../support/test-db.js';

let db: TestDatabase;
let h: Harness;

// Tue 24 Nov 2026, 15:00 UTC: 15:00 in London, 20:30 in Kolkata.
useE2E(
  {
    team: {
      at: '2026-11-24T15:00:00Z',
      people: {
        UADA: { real_name: 'Ada Lovelace', tz: 'Europe/London' },
        URAVI: { real_name: 'Ravi', tz: 'Asia/Kolkata' },
      },
    },
  },
  (ctx) => {
    ({ db, h } = ctx);
  },
);

const entriesOf = (userId: string) =>
  db.handle.db
    .select()
    .from(timeEntries)
    .where(and(eq(timeEntries.teamId, TEAM_ID), eq(timeEntries.userId, userId)));

async function log(text: string, userId = 'UADA') {
  const sent = await h.slack.command({ command: '/log', text, userId });
  expect(sent.status).toBe(200);
  const reply = await h.fake.waitForResponse(sent.responseUrl);
  return { ...sent, reply };
}

/** Opens the person's Home tab, as Slack reports it, and waits for it to be drawn. */
async function openHome(userId = 'UADA') {
  const before = h.fake.callsTo('views.publish').length;
  await h.slack.event({ type: 'app_home_opened', user: userId, channel: `D${userId}`, tab: 'home' });
  await h.fake.waitFor(() => h.fake.callsTo('views.publish').length > before);
  await h.app.idle();
}

describe('/log', () => {
  it('logs time and confirms it privately with the day total, Undo and Edit', async () => {
    const { reply } = await log('2h design');
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toBe('Logged 2h to design for Tue 24 Nov · today 2h');
    expect(button(reply.blocks, 'entry_undo').text.text).toBe('Undo');
    expect(button(reply.blocks, 'entry_edit').text.text).toBe('Edit');

    const second = await log('1h30m design');
    expect(second.reply.text).toBe('Logged 1h 30m to design for Tue 24 Nov · today 3h 30m');

    const rows = await entriesOf('UADA');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      workDate: '2026-11-24',
      minutes: 120,
      category: 'design',
      note: null,
      source: 'slash',
      rawText: '2h design',
      deletedAt: null,
    });
  });

  it('reads a project-like category, a note and a trailing date', async () => {
    const { reply } = await log('1h30m acme-web fix login yesterday');
    expect(reply.text).toBe('Logged 1h 30m to acme-web for Mon 23 Nov · that day 1h 30m');
    expect(visibleText(reply.blocks)).toContain('fix login');
    const [row] = await entriesOf('UADA');
    expect(row).toMatchObject({
      workDate: '2026-11-23',
      minutes: 90,
      category: 'acme-web',
      note: 'fix login',
    });
  });

  it('creates the member on first contact with the Slack timezone, and looks it up only once', async () => {
    await log('2h design', 'URAVI');
    await log('1h design', 'URAVI');
    expect(h.fake.callsTo('users.info')).toHaveLength(1);
    const [member] = await db.handle.db.select().from(members).where(eq(members.userId, 'URAVI'));
    expect(member).toMatchObject({ tz: 'Asia/Kolkata', role: 'contractor', displayName: 'ravi' });
  });

  it("files time under the member's local date, not UTC's", async () => {
    // 19:00 UTC on 24 Nov is 00:30 on 25 Nov in Kolkata.
    h.clock.set('2026-11-24T19:00:00Z');
    const { reply } = await log('45m design', 'URAVI');
    expect(reply.text).toBe('Logged 45m to design for Wed 25 Nov · today 45m');
    const [row] = await entriesOf('URAVI');
    expect(row?.workDate).toBe('2026-11-25');
  });

  it('follows a zone change from a user_change event', async () => {
    await log('1h design');
    await h.slack.event({
      type: 'user_change',
      user: { id: 'UADA', name: 'ada', real_name: 'Ada Lovelace', tz: 'Pacific/Chatham', profile: {} },
    });
    await h.fake.waitFor(async () => {
      const [m] = await db.handle.db.select().from(members).where(eq(members.userId, 'UADA'));
      return m?.tz === 'Pacific/Chatham';
    });
    // 15:00 UTC is 04:45 on Wednesday in Chatham (+13:45).
    const { reply } = await log('30m design');
    expect(reply.text).toBe('Logged 30m to design for Wed 25 Nov · today 30m');
  });

  it.each([
    ['45 design', 'did you mean', '45m'],
    ['design 2h', 'how long', '/log 2h design'],
    ['2h', 'category', '/log 2h design'],
    ['0m design', 'at least 1m', '/log'],
    ['25h design', '24h', '/log'],
    ['2h design 2026-12-01', 'future', '/log'],
    ['2h design 2026-09-01', 'too far back', '/log'],
    ['2h design 2026-02-30', "isn't a real date", '/log'],
    ['2h Design! now', "can't be a category", '/log'],
    ['yesterday 2h design monday', 'twice', '/log'],
  ])('refuses `/log %s` with a friendly example, and stores nothing', async (text, problem, example) => {
    const { reply } = await log(text);
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text.toLowerCase()).toContain(problem.toLowerCase());
    expect(reply.text).toContain('Try:');
    expect(reply.text).toContain(example);
    expect(await entriesOf('UADA')).toHaveLength(0);
  });

  it('refuses a day over 24 hours and keeps what was there', async () => {
    await log('23h design');
    const { reply } = await log('2h meetings');
    expect(reply.text).toContain('at most 24h');
    expect(reply.text).toContain('so log at most 1h more that day');
    // "Try:" introduces a command to copy, never advice.
    expect(reply.text).toMatch(/\nTry: `\/timesheet \d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}`$/);
    expect((await entriesOf('UADA')).map((r) => r.minutes)).toEqual([1380]);
  });

  it('writes one entry when Slack delivers the same command twice', async () => {
    const first = await log('2h design');
    const again = await h.slack.command({
      command: '/log',
      text: '2h design',
      userId: 'UADA',
      triggerId: first.triggerId,
    });
    await h.fake.waitForResponse(again.responseUrl);
    expect(await entriesOf('UADA')).toHaveLength(1);
  });

  it('shows the grammar with examples for /log help', async () => {
    const { reply } = await log('help');
    expect(reply.text).toContain('/log &lt;duration&gt; &lt;category&gt; [note…] [when]');
    expect(reply.text).toContain('/log 1h30m acme-web fix login yesterday');
    expect(await entriesOf('UADA')).toHaveLength(0);
  });

  it('answers a mistake in the ack itself: no query, nothing to wait for', async () => {
    const sent = await h.slack.command({ command: '/log', text: '2x design', userId: 'UADA' });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('Start with how long'),
    });
    // replace_original means nothing in an ack (there is no original yet): left out.
    expect(sent.body.replace_original).toBeUndefined();
    expect(h.fake.responsesTo(sent.responseUrl)).toHaveLength(1);
  });

  it('acks at once and answers through the response_url when the answer takes a while', async () => {
    // The first contact asks Slack for the profile: held here for a while.
    h.fake.failNext('users.info', { delayMs: 300 });
    const started = performance.now();
    const sent = await h.slack.command({ command: '/log', text: '2h design', userId: 'UNEWBIE' });
    expect(performance.now() - started).toBeLessThan(250);
    expect(sent.body).toBe('');
    expect((await h.fake.waitForResponse(sent.responseUrl)).text).toContain('Logged 2h');
  });
});

describe('Undo and Edit on the confirmation', () => {
  it('Undo removes the entry, says so in place, and a second click changes nothing', async () => {
    const { reply } = await log('2h design');
    const undo = button(reply.blocks, 'entry_undo');
    const click = await h.slack.action({ userId: 'UADA', actionId: 'entry_undo', value: undo.value });
    const undone = await h.fake.waitForResponse(click.responseUrl as string);
    expect(undone.replace_original).toBe(true);
    expect(undone.text).toBe('Undone: removed 2h of design on Tue 24 Nov.');
    const [row] = await entriesOf('UADA');
    expect(row?.deletedAt).not.toBeNull();
    const audits = await db.handle.db.select().from(auditLog);
    expect(audits).toMatchObject([
      { action: 'delete', actorId: 'UADA', subjectUserId: 'UADA', entity: 'time_entry' },
    ]);

    const again = await h.slack.action({ userId: 'UADA', actionId: 'entry_undo', value: undo.value });
    expect((await h.fake.waitForResponse(again.responseUrl as string)).text).toContain('already removed');
    expect(await db.handle.db.select().from(auditLog)).toHaveLength(1);
  });

  it("refuses to undo someone else's entry", async () => {
    const { reply } = await log('2h design');
    const click = await h.slack.action({
      userId: 'URAVI',
      actionId: 'entry_undo',
      value: button(reply.blocks, 'entry_undo').value,
    });
    expect((await h.fake.waitForResponse(click.responseUrl as string)).text).toContain(
      'Only the person who logged',
    );
    expect((await entriesOf('UADA'))[0]?.deletedAt).toBeNull();
  });

  it('Edit opens the entry in a modal; saving updates it in place and is audited', async () => {
    const { reply } = await log('2h design first draft');
    const click = await h.slack.action({
      userId: 'UADA',
      actionId: 'entry_edit',
      value: button(reply.blocks, 'entry_edit').value,
    });
    const open = await h.fake.waitForCall('views.open');
    const view = open.args.view as {
      callback_id: string;
      private_metadata: string;
      blocks: Array<{ element: { initial_value?: string; initial_date?: string } }>;
    };
    expect(view.callback_id).toBe('entry_edit_modal');
    expect(view.blocks.map((b) => b.element.initial_value ?? b.element.initial_date)).toEqual([
      '2h',
      'design',
      '2026-11-24',
      'first draft',
    ]);

    const submit = await h.slack.viewSubmission({
      userId: 'UADA',
      view: {
        callback_id: 'entry_edit_modal',
        private_metadata: view.private_metadata,
        state: {
          values: logFormState({
            duration: '1h 30m',
            category: 'review',
            date: '2026-11-23',
            note: 'second pass',
          }),
        },
      },
    });
    expect(submit.status).toBe(200);
    const updated = await h.fake.waitForResponse(click.responseUrl as string);
    expect(updated.replace_original).toBe(true);
    expect(updated.text).toBe('Updated 1h 30m to review for Mon 23 Nov · that day 1h 30m');
    const [row] = await entriesOf('UADA');
    expect(row).toMatchObject({
      minutes: 90,
      category: 'review',
      workDate: '2026-11-23',
      note: 'second pass',
    });
    const [audit] = await db.handle.db.select().from(auditLog);
    expect(audit).toMatchObject({
      action: 'edit',
      before: { minutes: 120, category: 'design' },
      after: { minutes: 90, category: 'review' },
    });
  });

  it('shows mistakes under the modal inputs and saves nothing', async () => {
    const { reply } = await log('2h design');
    await h.slack.action({
      userId: 'UADA',
      actionId: 'entry_edit',
      value: button(reply.blocks, 'entry_edit').value,
    });
    const open = await h.fake.waitForCall('views.open');
    const submit = await h.slack.viewSubmission({
      userId: 'UADA',
      view: {
        callback_id: 'entry_edit_modal',
        private_metadata: (open.args.view as { private_metadata: string }).private_metadata,
        state: { values: logFormState({ duration: '45', category: '', date: '2026-12-31' }) },
      },
    });
    expect(submit.body.response_action).toBe('errors');
    expect(Object.keys(submit.body.errors).sort()).toEqual(['category', 'date', 'duration']);
    expect(submit.body.errors.duration).toContain('45m');
    expect((await entriesOf('UADA'))[0]).toMatchObject({ minutes: 120, category: 'design' });
    expect(await db.handle.db.select().from(auditLog)).toHaveLength(0);
  });
});

describe('/log with no arguments', () => {
  it('opens a modal; submitting it logs once and confirms where /log was typed', async () => {
    const sent = await h.slack.command({ command: '/log', text: '', userId: 'UADA' });
    const open = await h.fake.waitForCall('views.open');
    expect(open.args.trigger_id).toBe(sent.triggerId);
    const view = open.args.view as {
      callback_id: string;
      private_metadata: string;
      blocks: Array<{ block_id: string; element: { initial_date?: string } }>;
    };
    expect(view.callback_id).toBe('log_modal');
    expect(view.blocks.find((b) => b.block_id === 'date')?.element.initial_date).toBe('2026-11-24');

    const submission = {
      userId: 'UADA',
      view: {
        id: 'VLOGMODAL1',
        callback_id: 'log_modal',
        private_metadata: view.private_metadata,
        state: {
          values: logFormState({
            duration: '1:15',
            category: 'Research',
            date: '2026-11-22',
            note: 'papers & notes',
          }),
        },
      },
    };
    const submit = await h.slack.viewSubmission(submission);
    expect(submit.status).toBe(200);
    const reply = await h.fake.waitForResponse(sent.responseUrl);
    expect(reply.text).toBe('Logged 1h 15m to research for Sun 22 Nov · that day 1h 15m');
    // A double click submits the same view again: still one entry.
    await h.slack.viewSubmission(submission);
    await h.fake.waitForResponse(sent.responseUrl, { n: 2 });
    const rows = await entriesOf('UADA');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      source: 'modal',
      minutes: 75,
      category: 'research',
      note: 'papers & notes',
    });
  });
});

describe('Slack calls a /log makes', () => {
  it('looks someone new up in Slack once, however many commands they send at once', async () => {
    const sent = await Promise.all(
      ['1h design', '2h design', '30m review', '45m design', '15m admin'].map((text) =>
        h.slack.command({ command: '/log', text, userId: 'URAVI' }),
      ),
    );
    await Promise.all(sent.map((s) => h.fake.waitForResponse(s.responseUrl)));
    expect(h.fake.callsTo('users.info')).toHaveLength(1);
    const rows = await db.handle.db.select().from(timeEntries).where(eq(timeEntries.userId, 'URAVI'));
    expect(rows).toHaveLength(5);
  });

  it('opens the modal before reading anything, then corrects its day to the person’s own zone', async () => {
    // 19:00 UTC on 24 Nov is already 25 Nov in Kolkata; the workspace default zone is UTC.
    h.clock.set('2026-11-24T19:00:00Z');
    const sent = await h.slack.command({ command: '/log', text: '', userId: 'URAVI' });
    const update = await h.fake.waitForCall('views.update');
    // First contact: users.info (and the member row) come only after the modal is open.
    expect(h.fake.calls.map((c) => c.method)).toEqual(['views.open', 'users.info', 'views.update']);
    const open = h.fake.callsTo('views.open')[0];
    expect(open?.args.trigger_id).toBe(sent.triggerId);
    const dateOf = (view: unknown) =>
      (view as { blocks: Array<{ block_id: string; element: { initial_date?: string } }> }).blocks.find(
        (b) => b.block_id === 'date',
      )?.element.initial_date;
    expect(dateOf(open?.args.view)).toBe('2026-11-24');
    expect(dateOf(update.args.view)).toBe('2026-11-25');
    expect(update.args.view_id).toBe((open?.response?.view as { id?: string } | undefined)?.id);
  });

  it('leaves the modal alone when the default zone already has the person’s day', async () => {
    await log('1h design');
    await h.app.idle();
    h.fake.reset();
    await h.slack.command({ command: '/log', text: '', userId: 'UADA' });
    await h.fake.waitForCall('views.open');
    await h.app.idle();
    expect(h.fake.calls.map((c) => c.method)).toEqual(['views.open']);
  });

  it('a refused /log and /log help make no Slack call but the reply', async () => {
    await log('1h design');
    await h.app.idle();
    h.fake.reset();
    const refused = await log('45 design');
    expect(refused.reply.text).toContain('did you mean');
    const help = await log('help');
    expect(help.reply.text).toContain('/log &lt;duration&gt; &lt;category&gt;');
    // Someone never seen before, with a typo: not even users.info.
    const stranger = await log('design 2h', 'URAVI');
    expect(stranger.reply.text).toContain('how long');
    await h.app.idle();
    expect(h.fake.calls.map((c) => c.method)).toEqual([]);
    expect(h.fake.responses).toHaveLength(3);
  });

  it('a repeated /log (a Slack retry) does not redraw the Home tab again', async () => {
    await openHome();
    const first = await log('2h design');
    await h.app.idle();
    const publishes = h.fake.callsTo('views.publish').length;
    const again = await h.slack.command({
      command: '/log',
      text: '2h design',
      userId: 'UADA',
      triggerId: first.triggerId,
    });
    await h.fake.waitForResponse(again.responseUrl);
    await h.app.idle();
    expect(h.fake.callsTo('views.publish')).toHaveLength(publishes);
  });

  it('ten /logs in a second produce at most two views.publish, the last showing all ten', async () => {
    await openHome();
    h.fake.reset();
    await Promise.all(Array.from({ length: 10 }, () => log('30m design')));
    expect(await entriesOf('UADA')).toHaveLength(10);
    // The last redraw waits for the end of its interval; idle() draws it now.
    await h.app.idle();
    const publishes = h.fake.callsTo('views.publish');
    expect(publishes.length).toBeGreaterThanOrEqual(1);
    expect(publishes.length).toBeLessThanOrEqual(2);
    const lastView = publishes.at(-1)?.args.view as { blocks: [] } | undefined;
    expect(visibleText(lastView?.blocks)).toContain('total *5h*');
  });

  it('draws the last of a burst of changes without being asked, once its interval ends', async () => {
    await openHome();
    h.fake.reset();
    await log('1h design');
    await log('1h design');
    await log('1h design');
    // No idle() here: the redraw with the final state must come by itself, within the interval.
    await h.fake.waitFor(
      () =>
        h.fake
          .callsTo('views.publish')
          .find((c) => visibleText((c.args.view as { blocks: [] }).blocks).includes('total *3h*')),
      6000,
    );
    expect(h.fake.callsTo('views.publish').length).toBeLessThanOrEqual(2);
  });
  it('redraws the Home tab only of someone who opened it in the last hour', async () => {
    // Never opened: a /log spends no views.publish on a tab nobody is looking at.
    await log('1h design');
    await h.app.idle();
    expect(h.fake.callsTo('views.publish')).toHaveLength(0);
    await openHome();
    h.clock.advance(59 * 60_000);
    await log('1h design');
    await h.app.idle();
    const drawn = h.fake.callsTo('views.publish');
    expect(drawn).toHaveLength(2);
    expect(visibleText((drawn[1]?.args.view as { blocks: [] } | undefined)?.blocks)).toContain('total *2h*');
    // Over an hour since it was opened: they get a fresh tab when they open it again.
    h.clock.advance(2 * 60_000);
    await log('1h design');
    await h.app.idle();
    expect(h.fake.callsTo('views.publish')).toHaveLength(2);
    expect(
      await db.handle.db
        .select({ at: members.homeOpenedAt })
        .from(members)
        .where(and(eq(members.teamId, TEAM_ID), eq(members.userId, 'UADA'))),
    ).toEqual([{ at: new Date('2026-11-24T15:00:00Z') }]);
  });
});

describe('requests not signed by Slack', () => {
  it.each([
    ['unsigned', 'none' as const],
    ['signed with the wrong secret', 'wrong' as const],
    ['ten minutes old', { ageSeconds: 600 }],
  ])('refuses a request that is %s and stores nothing', async (_name, sign) => {
    const sent = await h.slack.command({ command: '/log', text: '2h design', userId: 'UADA', sign });
    expect(sent.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(h.fake.responsesTo(sent.responseUrl)).toHaveLength(0);
    expect(await entriesOf('UADA')).toHaveLength(0);
  });
});

describe('the daily users.list sweep', () => {
  it("refreshes known members' zones once a day, even when a user_change event was missed", async () => {
    await log('1h design');
    await log('1h design', 'URAVI');
    h.fake.updateUser('UADA', { tz: 'America/Chicago' });
    h.fake.addUser({ id: 'USTRANGER', name: 'stranger', tz: 'Europe/Paris' });
    await h.app.tick(new Date('2026-11-24T15:01:00Z'));
    expect(h.fake.callsTo('users.list')).toHaveLength(0);
    await h.app.tick(new Date('2026-11-24T16:00:00Z'));
    await h.app.tick(new Date('2026-11-24T17:00:00Z'));
    expect(h.fake.callsTo('users.list').length).toBeGreaterThan(0);
    const calls = h.fake.callsTo('users.list').length;
    const rows = await db.handle.db.select().from(members);
    expect(rows.map((m) => [m.userId, m.tz]).sort()).toEqual([
      ['UADA', 'America/Chicago'],
      ['URAVI', 'Asia/Kolkata'],
    ]);
    await h.app.tick(new Date('2026-11-24T23:00:00Z'));
    expect(h.fake.callsTo('users.list')).toHaveLength(calls);
    await h.app.tick(new Date('2026-11-25T00:00:00Z'));
    expect(h.fake.callsTo('users.list').length).toBeGreaterThan(calls);
  });
});
