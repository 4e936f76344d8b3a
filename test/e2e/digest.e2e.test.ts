import { describe, expect, it } from 'vitest';
import { checkinResponses, milestones, timeEntries, timeOff } from '../../src/db/schema.js';
import { useE2E } from '../support/e2e.js';
import { expectNoFigures } from '../support/figures.js';
import type { Harness } from '../support/harness.js';
import { TEAM_ID } from '../support/harness.js';
import { visibleText } from '../support/slack-ui.js';
import type { TestDatabase } from '../support/test-db.js';

let db: TestDatabase;
let h: Harness;

const { reply: command } = useE2E(
  {
    env: { DEFAULT_TZ: 'America/New_York' },
    team: {
      at: '2026-10-20T12:00:00Z',
      people: { UBOSS: 'America/New_York', UADA: 'America/New_York', UBEN: 'Europe/London' },
    },
  },
  (ctx) => {
    ({ db, h } = ctx);
  },
);

const tick = (at: string) => {
  h.clock.set(at);
  return h.app.tick(new Date(at));
};
const posts = () => h.fake.messagesIn('CTEAM');
const digestPosts = () => posts().filter((m) => m.text.startsWith('Weekly digest'));
const allText = (messages: Array<{ blocks?: unknown }>) =>
  messages.map((m) => visibleText(m.blocks as never)).join('\n');

const entry = (
  userId: string,
  workDate: string,
  minutes: number,
  projectId: number | null,
  category: string,
  rateMinor: number | null,
) => ({
  teamId: TEAM_ID,
  userId,
  workDate,
  minutes,
  projectId,
  category,
  rateMinor,
  currency: rateMinor === null ? null : 'USD',
  source: 'slash' as const,
});

/**
 * The week of Mon 26 Oct – Sun 1 Nov 2026 in New York, which ends on the day the clocks go back
 * (1 Nov, 02:00 EDT → 01:00 EST). The digest goes out Monday 2 Nov at 09:00 EST (14:00Z).
 */
async function seedWeek() {
  await command('/punchcard', 'project add acme-web <#CTEAM|team> Acme', 'UBOSS');
  await command('/punchcard', 'project budget acme-web 10h', 'UBOSS');
  await command('/standup', 'create <#CTEAM|team> 09:00 daily <@UADA|ada> <@UBEN|ben>', 'UBOSS');
  const milestone = await command(
    '/milestone',
    'add acme-web 2026-10-28 Launch checkout <@UADA|ada>',
    'UBOSS',
  );
  expect(milestone.text).toContain('Added');
  const projectId = 1;
  await db.handle.db.insert(timeEntries).values([
    entry('UADA', '2026-10-25', 600, projectId, 'acme-web', 10000), // the Sunday before: not this week
    entry('UADA', '2026-10-26', 120, projectId, 'acme-web', 10000),
    entry('UADA', '2026-11-01', 90, projectId, 'acme-web', 10000), // the DST day
    entry('UBEN', '2026-10-31', 60, null, 'design', null),
    entry('UBEN', '2026-11-02', 30, projectId, 'acme-web', 10000), // the Monday after: next week
  ]);
  await db.handle.db.insert(checkinResponses).values({
    teamId: TEAM_ID,
    checkinId: 1,
    userId: 'UADA',
    localDate: '2026-10-27',
    status: 'submitted',
    questions: ['What did you get done?', 'What are you working on today?', 'Anything blocking you?'],
    answers: ['a', 'b', 'Waiting on API keys & creds'],
    hasBlocker: true,
    submittedAt: new Date('2026-10-27T13:00:00Z'),
  });
  await db.handle.db
    .insert(timeOff)
    .values({ teamId: TEAM_ID, userId: 'UBEN', fromDate: '2026-10-30', toDate: '2026-10-31' });
  expect(await db.handle.db.select().from(milestones)).toHaveLength(1);
  expect(
    (await command('/punchcard', 'digest <#CTEAM|team> mon 09:00 America/New_York', 'UBOSS')).text,
  ).toContain('Weekly digest scheduled for <#CTEAM>: Mon at 09:00 (America/New_York)');
}

describe('weekly digest', () => {
  it('posts once, at its local time, without figures; the preview has the exact numbers of a week that ends on a DST change', async () => {
    await seedWeek();
    expect((await tick('2026-11-02T13:59:00Z')).filter((o) => o.kind === 'weekly_digest')).toEqual([]);
    expect(digestPosts()).toHaveLength(0);
    const outcomes = await tick('2026-11-02T14:00:00Z');
    expect(outcomes.filter((o) => o.kind === 'weekly_digest')).toMatchObject([
      { result: 'sent', week: '2026-10-26' },
    ]);
    const digest = digestPosts();
    const text = allText(digest);
    expect(digest[0]?.text).toBe('Weekly digest · 26 Oct – 1 Nov 2026: 1 open blocker, 1 overdue milestone');
    // Everyone in the channel reads it, contractors too: participation, blockers and milestones, no figures.
    expect(text).toContain('ada  1/7 (6 missed)');
    expect(text).toContain('ben  0/5 (5 missed, 2 off)');
    expect(text).toContain(':rotating_light: *ada* (Tue 27 Oct): Waiting on API keys &amp; creds');
    expect(text).toContain('Launch checkout');
    expect(text).toContain(
      'Hours, amounts and budgets are left out of this post: managers and admins see them with `/punchcard digest preview` in this channel.',
    );
    expectNoFigures(text);
    expectNoFigures(digest[0]?.text ?? '');
    expect(text).not.toMatch(/ada {2}`/);
    // The preview that day, for its manager: the same week with its figures.
    const preview = visibleText(
      (await command('/punchcard', 'digest preview <#CTEAM|team>', 'UBOSS')).blocks,
    );
    expect(preview).toContain("It shows hours, amounts and budgets; the channel's post leaves them out.");
    expect(preview).toContain('4h 30m');
    expect(preview).toContain('$350.00');
    expect(preview).toMatch(/ada {2}`[█░]+` {2}3h 30m/);
    expect(preview).toMatch(/ben {2}`[█░]+` {2}1h/);
    expect(preview).toMatch(/acme-web {2}`[█░]+` {2}3h 30m · billable · \$350\.00/);
    expect(preview).toContain('ada  1/7 (6 missed)');
    // Budget use is all time: 10h + 2h + 1h 30m + 30m on acme-web.
    expect(preview).toMatch(/acme-web {2}`█+` {2}140% of 10h \(14h used\) :warning:/);
    // Repeated ticks and a restart never post it again.
    await tick('2026-11-02T14:01:00Z');
    await h.restart();
    await tick('2026-11-02T18:00:00Z');
    expect(digestPosts()).toHaveLength(digest.length);
  });

  it('catches up a digest missed during an outage, but not one half a day late', async () => {
    await seedWeek();
    await tick('2026-11-02T20:00:00Z');
    expect(digestPosts().length).toBeGreaterThan(0);
    await db.reset();
    h.fake.reset();
    h.clock.set('2026-10-20T12:00:00Z');
    h.fake.addUser({ id: 'UBOSS', name: 'boss', tz: 'America/New_York', is_admin: true });
    await command('/punchcard', 'digest <#CTEAM|team> mon 09:00 America/New_York', 'UBOSS');
    expect((await tick('2026-11-03T03:00:00Z')).filter((o) => o.kind === 'weekly_digest')).toMatchObject([
      { result: 'missed' },
    ]);
    expect(posts()).toHaveLength(0);
  });

  it('previews privately for managers and refuses contractors', async () => {
    await seedWeek();
    h.clock.set('2026-11-03T15:00:00Z');
    const preview = await command('/punchcard', 'digest preview <#CTEAM|team>', 'UBOSS');
    expect(visibleText(preview.blocks)).toContain('Preview');
    expect(visibleText(preview.blocks)).toContain('4h 30m');
    expect(digestPosts()).toHaveLength(0);
    const refused = await command('/punchcard', 'digest preview <#CTEAM|team>', 'UADA');
    expect(refused.text).toContain('only managers and admins can preview them');
    expect(JSON.stringify(refused)).not.toContain('3h 30m');
  });

  it("posts a 60-person team's digest as one message Slack takes: the top of each list and how many more; the preview names the CSV", async () => {
    h.clock.set('2026-11-10T12:00:00Z');
    const people = Array.from({ length: 60 }, (_, i) => `UMEMBER${String(i).padStart(2, '0')}`);
    for (const id of people) h.fake.addUser({ id, name: `member-${id.slice(-2)}`, tz: 'UTC' });
    await command(
      '/standup',
      `create <#CTEAM|team> 09:00 daily ${people.map((id) => `<@${id}|x>`).join(' ')}`,
      'UBOSS',
    );
    await db.handle.db
      .insert(timeEntries)
      .values(people.map((id, i) => entry(id, '2026-11-17', 30 + i, null, `task-${i % 15}`, null)));
    await db.handle.db.insert(checkinResponses).values(
      people.map((id) => ({
        teamId: TEAM_ID,
        checkinId: 1,
        userId: id,
        localDate: '2026-11-18',
        status: 'submitted' as const,
        questions: ['Done?', 'Next?', 'Anything blocking you?'],
        answers: ['x', 'y', `Blocked on a very long story ${'lorem ipsum dolor sit amet '.repeat(14)}`],
        hasBlocker: true,
      })),
    );
    await command('/punchcard', 'digest <#CTEAM|team> mon 08:00 UTC', 'UBOSS');
    await tick('2026-11-23T08:00:00Z');
    const digest = digestPosts();
    expect(digest).toHaveLength(1);
    for (const call of h.fake.callsTo('chat.postMessage')) expect(call.response).toMatchObject({ ok: true });
    const blocks = digest[0]?.blocks as Array<{ text?: { text: string } }>;
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const b of blocks) expect((b.text?.text ?? '').length).toBeLessThanOrEqual(3000);
    const text = allText(digest);
    const blockers = text.match(/Blocked on a very long story/g)?.length ?? 0;
    expect(blockers).toBeGreaterThan(0);
    expect(text).toContain(`_…and ${60 - blockers} more_`);
    expect(text).toMatch(/Too long for one message, so each list shows its first \d+ lines?\.$/);
    expect(text).not.toContain('/timesheet export');
    expectNoFigures(text);
    // The preview: people by hours too, most first (member-59 logged 89 minutes, member-00 30).
    const reply = await command('/punchcard', 'digest preview <#CTEAM|team>', 'UBOSS');
    const preview = visibleText(reply.blocks);
    expect((reply.blocks ?? []).length).toBeLessThanOrEqual(50);
    const shown = people.filter((id) => preview.includes(`member-${id.slice(-2)}  \``));
    expect(shown.length).toBeGreaterThan(0);
    expect(shown).toEqual(people.slice(60 - shown.length));
    expect(preview.indexOf('member-59  `')).toBeLessThan(preview.indexOf('member-58  `'));
    expect(preview).toContain(`_…and ${60 - shown.length} more_`);
    expect(preview).toContain('`/timesheet export 2026-11-16..2026-11-22 all`');
  });

  it("lists what is coming up in the 7 days after the day it is posted, and the week's kudos", async () => {
    await seedWeek();
    // Posted Mon 2 Nov: coming up means due Tue 3 – Mon 9 Nov.
    await command('/milestone', 'add acme-web 2026-11-02 Due on the day <@UBEN|ben>', 'UBOSS');
    await command('/milestone', 'add acme-web 2026-11-03 Payments <@UBEN|ben>', 'UBOSS');
    await command('/milestone', 'add acme-web 2026-11-09 Refunds', 'UBOSS');
    await command('/milestone', 'add acme-web 2026-11-10 Too far <@UADA|ada>', 'UBOSS');
    await command('/milestone', 'add acme-web 2026-11-05 Already done', 'UBOSS');
    await command('/milestone', 'done 6', 'UBOSS');
    // Kudos: one typed in the digest's channel during the week, one to a participant typed elsewhere,
    // one the week before, and one between strangers elsewhere.
    h.clock.set('2026-10-23T15:00:00Z');
    await command('/kudos', '<@UADA|ada> for last week', 'UBEN');
    h.clock.set('2026-10-28T15:00:00Z');
    await h.fake.addUser({ id: 'URAVI', name: 'ravi', tz: 'UTC' });
    const inTeam = await h.slack.command({
      command: '/kudos',
      text: '<@UBEN|ben> for the &lt;API&gt; keys',
      userId: 'UADA',
      channelId: 'CTEAM',
    });
    // Saved before the next one: both carry the same clock time, so their order is their ids'.
    await h.fake.waitForResponse(inTeam.responseUrl);
    await command('/kudos', '<@UADA|ada> for the checkout', 'UBEN');
    await command('/kudos', '<@UBOSS|boss> for nothing we see', 'URAVI');
    await h.app.idle();
    await tick('2026-11-02T14:00:00Z');
    const text = allText(digestPosts());
    const comingUp = text.slice(text.indexOf('*Coming up*'), text.indexOf('*Recognition*'));
    expect(comingUp.split('\n')).toEqual([
      '*Coming up*',
      '• `acme-web` Payments — due Tue 3 Nov · planned · ben',
      '• `acme-web` Refunds — due Mon 9 Nov · planned · no owner',
      '',
    ]);
    expectNoFigures(text);
    const recognition = text.slice(text.indexOf('*Recognition*'), text.indexOf('*Onboarding*'));
    expect(recognition.split('\n')).toEqual([
      '*Recognition*',
      ':tada: *ada* → *ben*: for the &lt;API&gt; keys',
      ':tada: *ben* → *ada*: for the checkout',
      '',
    ]);
    // The preview on Tuesday looks at the 7 days after Tuesday.
    h.clock.set('2026-11-03T15:00:00Z');
    const preview = visibleText(
      (await command('/punchcard', 'digest preview <#CTEAM|team>', 'UBOSS')).blocks,
    );
    expect(preview).toContain(
      '• `acme-web` Refunds — due Mon 9 Nov · planned · no owner · budget 140% used (14h of 10h) :warning:',
    );
    expect(preview).toContain('Too far');
    expect(preview).not.toContain('Payments — due');
  });
});
