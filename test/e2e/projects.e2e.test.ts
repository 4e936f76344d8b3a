import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { deliveries, milestoneUpdates, projectManagers, timeEntries } from '../../src/db/schema.js';
import { useE2E } from '../support/e2e.js';
import { expectNoFigures } from '../support/figures.js';
import type { Harness } from '../support/harness.js';
import { visibleText } from '../support/slack-ui.js';
import type { TestDatabase } from '../support/test-db.js';

let db: TestDatabase;
let h: Harness;

const { reply: command } = useE2E(
  {
    env: { DEFAULT_TZ: 'UTC' },
    team: { at: '2026-11-16T12:00:00Z', people: { UBOSS: 'UTC', UADA: 'UTC', UBEN: 'UTC' } },
  },
  (ctx) => {
    ({ db, h } = ctx);
  },
);

const posts = (channel: string) => h.fake.messagesIn(channel);
const tick = (at: string) => {
  h.clock.set(at);
  return h.app.tick(new Date(at));
};
const entries = () => db.handle.db.select().from(timeEntries);

async function acme(budget?: string) {
  expect(
    (await command('/punchcard', 'project add acme-web <#CACME|acme> Acme website', 'UBOSS')).text,
  ).toContain('Project added');
  if (budget) {
    const set = (await command('/punchcard', `project budget acme-web ${budget}`, 'UBOSS')).text;
    expect(set).toContain('Budget set');
    expect(set).toContain("I'll tell its managers by DM at 80% and 100% (its channel sees no budgets).");
  }
}

describe('projects and rates', () => {
  it('adds, rates, budgets, lists and archives projects; contractors are refused', async () => {
    await acme('40h');
    expect((await command('/punchcard', 'project rate acme-web 85 usd', 'UBOSS')).text).toContain('$85.00/h');
    const list = await command('/punchcard', 'project list', 'UBOSS');
    expect(visibleText(list.blocks as never)).toContain(
      '*`acme-web`* Acme website · <#CACME> · $85.00/h · 0m of 40h (0%)',
    );
    // A contractor sees the projects they are on, without rate, budget or hours.
    expect((await command('/punchcard', 'project list', 'UADA')).text).toContain('You are on no project yet');
    await command('/punchcard', 'project member add acme-web <@UADA|ada>', 'UBOSS');
    const mine = visibleText((await command('/punchcard', 'project list', 'UADA')).blocks as never);
    expect(mine).toContain('Your projects');
    expect(mine).toContain('*`acme-web`* Acme website · <#CACME>');
    expect(mine).not.toMatch(/\$|40h|0m|%/);
    for (const text of [
      'project add other <#COTHER|other>',
      'project rate acme-web 1 USD',
      'project archive acme-web',
      'rate <@UBEN|ben> 10 USD',
    ]) {
      expect((await command('/punchcard', text, 'UADA')).text).toContain('Only managers and admins');
    }
    expect((await command('/punchcard', 'project add acme-web <#CACME|acme>', 'UBOSS')).text).toContain(
      'already exists',
    );
    expect((await command('/punchcard', 'project budget acme-web forty', 'UBOSS')).text).toContain(
      '`/punchcard project budget acme-web 40h`',
    );
    expect((await command('/punchcard', 'project rate acme-web 85 dollars', 'UBOSS')).text).toContain(
      'three-letter currency',
    );
    expect((await command('/punchcard', 'project archive acme-web', 'UBOSS')).text).toContain(
      'Archived `acme-web`',
    );
    const refused = await command('/log', '1h acme-web fixes', 'UADA');
    expect(refused.text).toContain('Project `acme-web` is archived');
    expect(await entries()).toHaveLength(0);
  });

  it('snapshots the rate in force by precedence: member-on-project, project, member', async () => {
    await acme();
    await command('/punchcard', 'project rate acme-web 85 USD', 'UBOSS');
    await command('/punchcard', 'rate <@UADA|ada> 50 EUR', 'UBOSS');
    expect((await command('/punchcard', 'rate <@UADA|ada> 100 USD acme-web', 'UBOSS')).text).toContain(
      '$100.00/h on `acme-web`',
    );
    await command('/log', '1h acme-web', 'UADA');
    await command('/log', '1h acme-web', 'UBEN');
    await command('/log', '1h design', 'UADA');
    await command('/punchcard', 'project rate acme-web 90 USD', 'UBOSS');
    const rows = (await entries()).map((e) => [
      e.userId,
      e.category,
      e.rateMinor,
      e.currency,
      e.projectId !== null,
    ]);
    expect(rows).toEqual([
      ['UADA', 'acme-web', 10000, 'USD', true],
      ['UBEN', 'acme-web', 8500, 'USD', true],
      ['UADA', 'design', 5000, 'EUR', false],
    ]);
    const sheet = await command('/timesheet', '', 'UADA');
    expect(visibleText(sheet.blocks as never)).toContain('€50.00');
    expect(visibleText(sheet.blocks as never)).toContain('$100.00');
  });

  it('keeps rates in the currency’s own decimals: yen without, dinars with three; amounts rounded per entry', async () => {
    const refused = await command('/punchcard', 'rate <@UADA|ada> 5000.5 JPY', 'UBOSS');
    expect(refused.response_type).toBe('ephemeral');
    expect(refused.text).toContain('JPY has no decimals: give the rate as a whole number, like `5000`.');
    expect((await command('/punchcard', 'rate <@UADA|ada> 5,000 jpy', 'UBOSS')).text).toContain('¥5,000/h');
    expect((await command('/punchcard', 'rate <@UBEN|ben> 12.345 BHD', 'UBOSS')).text).toContain(
      'BHD\u00a012.345/h',
    );
    expect((await command('/punchcard', 'rate <@UBEN|ben> 12.3456 BHD', 'UBOSS')).text).toContain(
      'BHD has 3 decimals',
    );
    // 20 minutes at ¥5,000/h is ¥1,666.67: ¥1,667 on its line; three such lines are ¥5,001.
    for (let i = 0; i < 3; i++) await command('/log', '20m design', 'UADA');
    await command('/log', '1h design', 'UBEN');
    expect((await entries()).map((e) => [e.userId, e.rateMinor, e.currency])).toEqual([
      ['UADA', 5000, 'JPY'],
      ['UADA', 5000, 'JPY'],
      ['UADA', 5000, 'JPY'],
      ['UBEN', 12345, 'BHD'],
    ]);
    expect(visibleText((await command('/timesheet', '', 'UADA')).blocks as never)).toContain('¥5,001');
    expect(visibleText((await command('/timesheet', '', 'UBEN')).blocks as never)).toContain(
      'BHD\u00a012.345',
    );
  });
});

describe('milestones', () => {
  it('adds and updates milestones, keeps history, posts to the project channel without hours, and shows its managers hours against the budget', async () => {
    await acme('10h');
    const added = await command('/milestone', 'add acme-web 2026-11-30 Launch checkout <@UADA|ada>', 'UBOSS');
    expect(added.text).toContain('Added:');
    expect(added.text).toContain('*#1* `acme-web` · Launch checkout · due Mon 30 Nov · planned · <@UADA>');
    expect(posts('CACME')[0]?.text).toBe('Milestone #1 added to acme-web: Launch checkout, due Mon 30 Nov');
    await command('/log', '2h30m acme-web checkout page', 'UBEN');
    const updated = await command('/milestone', 'update 1 60% waiting on copy', 'UADA');
    expect(updated.text).toContain('in-progress 60%');
    const post = posts('CACME')[1];
    expect(visibleText(post?.blocks)).toContain(
      '<@UADA> set milestone *#1* Launch checkout to *in-progress 60%*.',
    );
    expect(visibleText(post?.blocks)).toContain('> waiting on copy');
    // Everyone in the channel reads the post: no hours or budget there; its manager's list has them.
    for (const p of posts('CACME')) expectNoFigures(`${p.text}\n${visibleText(p.blocks)}`);
    expect(visibleText((await command('/milestone', 'list acme-web', 'UBOSS')).blocks as never)).toContain(
      '2h 30m logged since it started · 25% of the 10h budget',
    );
    expect((await command('/milestone', 'update 1 blocked', 'UBEN')).text).toContain(
      'Only the milestone’s owner or a manager',
    );
    expect((await command('/milestone', 'update 1 almost', 'UADA')).text).toContain('is not a status');
    await command('/milestone', 'done 1', 'UBOSS');
    const history = await db.handle.db.select().from(milestoneUpdates);
    expect(history.map((u) => [u.authorId, u.status, u.percent, u.note])).toEqual([
      ['UADA', 'in-progress', 60, 'waiting on copy'],
      ['UBOSS', 'done', 100, null],
    ]);
    const list = await command('/milestone', 'list acme-web', 'UBEN');
    expect(visibleText(list.blocks as never)).toContain(
      ':white_check_mark: *#1* `acme-web` · Launch checkout · due Mon 30 Nov · done',
    );
    expect((await command('/milestone', 'add acme-web 2026-12-01 Nope', 'UADA')).text).toContain(
      'Only managers and admins',
    );
  });

  it('tells the author when the project channel is private and the bot is not in it', async () => {
    await acme();
    h.fake.failNext('chat.postMessage', { error: 'not_in_channel' });
    const added = await command('/milestone', 'add acme-web 2026-11-30 Launch', 'UBOSS');
    expect(added.text).toContain("I couldn't post in <#CACME>: invite me there with `/invite @Punchcard`.");
  });
});

describe('alerts', () => {
  it('raises an overdue alert the morning after the due date, once, then every 3 days at most 3 times', async () => {
    await acme();
    await command('/milestone', 'add acme-web 2026-11-20 Launch checkout <@UADA|ada>', 'UBOSS');
    const overdue = () => posts('CACME').filter((m) => m.text.includes('is overdue'));
    await tick('2026-11-20T23:00:00Z');
    await tick('2026-11-21T08:59:00Z');
    expect(overdue()).toHaveLength(0);
    expect(await tick('2026-11-21T09:00:00Z')).toMatchObject([{ kind: 'milestone_overdue', result: 'sent' }]);
    await tick('2026-11-21T09:01:00Z');
    await tick('2026-11-22T09:00:00Z');
    expect(overdue()).toHaveLength(1);
    expect(overdue()[0]?.text).toBe(
      ':warning: Milestone #1 Launch checkout (acme-web) is overdue by 1 day: it was due Fri 20 Nov and is planned.',
    );
    for (const at of [
      '2026-11-24T09:00:00Z',
      '2026-11-27T09:30:00Z',
      '2026-11-30T10:00:00Z',
      '2026-12-03T09:00:00Z',
      '2026-12-06T09:00:00Z',
    ]) {
      await tick(at);
      await tick(at);
    }
    expect(overdue()).toHaveLength(4);
    expect(visibleText(overdue()[3]?.blocks)).toContain('(reminder 3 of 3)');
    for (const p of overdue()) expectNoFigures(`${p.text}\n${visibleText(p.blocks)}`);
  });

  it('retries an overdue alert that failed on a Slack 500, and drops it once the milestone is done', async () => {
    await acme();
    await command('/milestone', 'add acme-web 2026-11-20 Launch checkout', 'UBOSS');
    await command('/milestone', 'add acme-web 2026-11-20 Invoices', 'UBOSS');
    h.fake.failNext('chat.postMessage', { status: 500 }, 2);
    expect((await tick('2026-11-21T09:00:00Z')).map((o) => o.result)).toEqual(['retry', 'retry']);
    await command('/milestone', 'done 2', 'UBOSS');
    const retried = await tick('2026-11-21T09:01:00Z');
    expect(retried).toMatchObject([{ kind: 'milestone_overdue', subject: '1', result: 'sent' }]);
    const rows = await db.handle.db.select().from(deliveries).where(eq(deliveries.kind, 'milestone_overdue'));
    expect(rows.map((r) => [r.subjectId, r.status]).sort()).toEqual([
      ['1', 'sent'],
      ['2', 'skipped'],
    ]);
    expect(posts('CACME').filter((m) => m.text.includes('is overdue'))).toHaveLength(1);
  });

  it('stops overdue alerts once the milestone is done', async () => {
    await acme();
    await command('/milestone', 'add acme-web 2026-11-10 Launch', 'UBOSS');
    await command('/milestone', 'done 1', 'UBOSS');
    await tick('2026-11-11T09:00:00Z');
    expect(posts('CACME').filter((m) => m.text.includes('is overdue'))).toHaveLength(0);
  });

  it("DMs budget alerts at 80% and 100% to each of the project's managers, once each, never in its channel", async () => {
    await acme('10h');
    // Boss added it; Ben is named a manager too (a contractor can manage a project).
    await command('/punchcard', 'project manager acme-web <@UBEN|ben>', 'UBOSS');
    await command('/log', '7h acme-web', 'UADA');
    expect(await tick('2026-11-16T12:01:00Z')).toEqual([]);
    await command('/log', '1h acme-web', 'UBEN');
    const outcomes = await tick('2026-11-16T12:02:00Z');
    expect(outcomes).toHaveLength(2);
    expect(outcomes).toEqual(
      expect.arrayContaining(
        ['UBEN', 'UBOSS'].map((channelId) =>
          expect.objectContaining({ kind: 'budget_alert', channelId, subject: '1:600:80', result: 'sent' }),
        ),
      ),
    );
    await tick('2026-11-16T12:03:00Z');
    await command('/log', '2h30m acme-web', 'UBEN');
    await tick('2026-11-16T12:04:00Z');
    await h.restart();
    await tick('2026-11-16T12:05:00Z');
    const budgetAlerts = (channel: string) => posts(channel).filter((m) => m.text.includes('of its budget'));
    for (const dm of ['DUBOSS', 'DUBEN']) {
      expect(budgetAlerts(dm).map((m) => m.text)).toEqual([
        ':warning: Project acme-web has passed 80% of its budget: 8h of 10h used (80%).',
        ':rotating_light: Project acme-web has passed 100% of its budget: 10h 30m of 10h used (105%).',
      ]);
      expect(visibleText(budgetAlerts(dm)[0]?.blocks)).toContain(
        "Sent to `acme-web`'s managers only: its channel does not see budgets.",
      );
    }
    // Ada, a contractor, reads the channel: no budget there, and no DM to her.
    expect(budgetAlerts('CACME')).toEqual([]);
    expect(budgetAlerts('DUADA')).toEqual([]);
    const rows = await db.handle.db.select().from(deliveries).where(eq(deliveries.kind, 'budget_alert'));
    expect(rows.map((r) => `${r.subjectId} ${r.memberId} ${r.status}`).sort()).toEqual([
      '1:600:100 UBEN sent',
      '1:600:100 UBOSS sent',
      '1:600:80 UBEN sent',
      '1:600:80 UBOSS sent',
    ]);
  });

  it("DMs the workspace's admins when the project has no named manager", async () => {
    await acme('10h');
    await db.handle.db.delete(projectManagers);
    await command('/log', '9h acme-web', 'UADA');
    expect(await tick('2026-11-16T12:01:00Z')).toMatchObject([
      { kind: 'budget_alert', channelId: 'UBOSS', subject: '1:600:80', result: 'sent' },
    ]);
    const [alert] = posts('DUBOSS').filter((m) => m.text.includes('of its budget'));
    expect(visibleText(alert?.blocks)).toContain(
      "Sent to the workspace's admins: `acme-web` has no named manager (`/punchcard project manager acme-web @user` names one). Only you see this.",
    );
    expect(posts('CACME').filter((m) => m.text.includes('of its budget'))).toEqual([]);
  });

  it('DMs one alert naming the highest threshold when a project passes 80% and 100% between two ticks', async () => {
    await acme('10h');
    await command('/log', '7h acme-web', 'UADA');
    expect(await tick('2026-11-16T12:01:00Z')).toEqual([]);
    await command('/log', '4h acme-web', 'UBEN');
    expect(await tick('2026-11-16T12:02:00Z')).toMatchObject([
      { kind: 'budget_alert', subject: '1:600:100', result: 'sent' },
    ]);
    // Later ticks, a restart, and more time logged never bring the 80% alert after it.
    expect(await tick('2026-11-16T12:03:00Z')).toEqual([]);
    await h.restart();
    await command('/log', '1h acme-web', 'UADA');
    expect(await tick('2026-11-16T12:04:00Z')).toEqual([]);
    const alerts = posts('DUBOSS').filter((m) => m.text.includes('of its budget'));
    expect(alerts.map((m) => m.text)).toEqual([
      ':rotating_light: Project acme-web has passed 100% of its budget: 11h of 10h used (110%).',
    ]);
    expect(visibleText(alerts[0]?.blocks)).toContain('Budget used up');
  });

  it('flags a participant who missed 3 check-ins in a row and logged nothing, once per streak', async () => {
    await command('/standup', 'create <#CTEAM|team> 09:00 daily <@UADA|ada> <@UBEN|ben>', 'UBOSS');
    const silent = () => posts('CTEAM').filter((m) => m.text.includes('missed'));
    for (const day of ['17', '18', '19', '20', '21']) {
      await tick(`2026-11-${day}T09:00:00Z`);
      // Ben answers every day; Ada never does.
      const prompt = h.fake.messagesIn('DUBEN').length;
      expect(prompt).toBeGreaterThan(0);
      for (const answer of ['a', 'b', 'none']) {
        await h.slack.event({
          type: 'message',
          channel: 'DUBEN',
          channel_type: 'im',
          user: 'UBEN',
          text: answer,
          ts: `${Date.now() / 1000}`,
        });
      }
      await h.fake.waitFor(
        () =>
          h.fake.messagesIn('DUBEN').filter((m) => m.text.startsWith('Thanks!')).length === Number(day) - 16,
      );
    }
    await tick('2026-11-21T23:00:00Z');
    expect(silent().map((m) => m.text)).toEqual([
      ':zipper_mouth_face: <@UADA> has missed 3 check-ins in a row (since Tue 17 Nov) and logged no time on those days.',
    ]);
    await tick('2026-11-22T23:00:00Z');
    expect(silent()).toHaveLength(1);
    const rows = await db.handle.db.select().from(deliveries).where(eq(deliveries.kind, 'silent_contractor'));
    expect(rows).toMatchObject([{ memberId: 'UADA', localDate: '2026-11-17', status: 'sent' }]);
  });

  it('looks for silent streaks when a day has ended, at a quarter hour, not every minute', async () => {
    await command('/standup', 'create <#CTEAM|team> 09:00 daily <@UADA|ada>', 'UBOSS');
    for (const day of ['17', '18', '19']) await tick(`2026-11-${day}T09:00:00Z`);
    const silent = () => posts('CTEAM').filter((m) => m.text.includes('missed'));
    // Ada's third unanswered day ended at midnight; a tick that missed it finds the streak at 00:15.
    await tick('2026-11-20T00:07:00Z');
    expect(silent()).toHaveLength(0);
    await tick('2026-11-20T00:15:00Z');
    expect(silent().map((m) => m.text)).toEqual([
      ':zipper_mouth_face: <@UADA> has missed 3 check-ins in a row (since Tue 17 Nov) and logged no time on those days.',
    ]);
  });

  it('forgets old check-in deliveries at the top of an hour, and never repeats an alert it made', async () => {
    await acme('10h');
    await command('/log', '8h acme-web', 'UADA');
    await command('/standup', 'create <#CTEAM|team> 09:00 daily <@UADA|ada>', 'UBOSS');
    for (const day of ['17', '18', '19', '20']) await tick(`2026-11-${day}T09:00:00Z`);
    const alerts = () =>
      [...posts('DUBOSS'), ...posts('CTEAM')].filter((m) => /of its budget|has missed/.test(m.text));
    expect(alerts()).toHaveLength(2);
    const kinds = async () =>
      (await db.handle.db.select().from(deliveries)).map((r) => `${r.kind} ${r.localDate}`).sort();
    expect(await kinds()).toContain('checkin_prompt 2026-11-17');

    // 40 days on, at the top of an hour: the November check-in rows are gone, the budget's is kept.
    await tick('2026-12-30T12:00:00Z');
    expect(await kinds()).toEqual([
      'budget_alert 2000-01-01',
      'checkin_prompt 2026-12-29',
      'checkin_prompt 2026-12-30',
      'directory_sweep 2026-12-30',
    ]);
    await tick('2026-12-30T12:01:00Z');
    expect(alerts()).toHaveLength(2);
  });
});
