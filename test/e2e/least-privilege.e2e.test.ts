import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { useE2E } from '../support/e2e.js';
import { expectNoFigures } from '../support/figures.js';
import type { Harness } from '../support/harness.js';
import { visibleText } from '../support/slack-ui.js';
import { usingPostgres } from '../support/test-db.js';

/*
 * Issue #15, least privilege: contractors see their own hours and the projects they work on, never
 * money or anyone else's hours; a project's managers see its members and its figures; admins see
 * everything. Asserted on what each person is shown: replies, files, Home tabs and buttons.
 */

let h: Harness;

// Wednesday 25 Nov 2026.
const { reply: command } = useE2E(
  {
    team: {
      at: '2026-11-25T12:00:00Z',
      people: { UBOSS: 'UTC', UMGR: 'UTC', UNEW: 'UTC', UADA: 'UTC', UBEN: 'UTC', URAVI: 'UTC' },
    },
  },
  (ctx) => {
    ({ h } = ctx);
  },
);

/**
 * Mina (a manager) runs acme-web with Ada and Ben on it; the admin runs globex with Ravi on it, and
 * a check-in in a channel (#secret) Ada, Ben and Mina are not in. Newbie is a manager of nothing.
 */
async function seed() {
  await command('/punchcard', 'role <@UMGR|mina> manager', 'UBOSS');
  await command('/punchcard', 'role <@UNEW|newbie> manager', 'UBOSS');
  await command('/punchcard', 'project add acme-web <#CACME|acme> Acme', 'UMGR');
  await command('/punchcard', 'project rate acme-web 85 USD', 'UMGR');
  await command('/punchcard', 'project budget acme-web 40h', 'UMGR');
  await command('/punchcard', 'project member add acme-web <@UADA|ada> <@UBEN|ben>', 'UMGR');
  await command('/punchcard', 'project add globex <#CGLOBEX|globex> Globex', 'UBOSS');
  await command('/punchcard', 'project rate globex 120 EUR', 'UBOSS');
  await command('/punchcard', 'project member add globex <@URAVI|ravi>', 'UBOSS');
  await command('/milestone', 'add acme-web 2026-12-20 Launch checkout <@UADA|ada>', 'UMGR');
  await command('/milestone', 'add globex 2026-12-21 Globex portal <@URAVI|ravi>', 'UBOSS');
  await command('/standup', 'create <#CTEAM|team> 09:00 daily <@UADA|ada> <@UBEN|ben>', 'UMGR');
  await command('/standup', 'create <#CSECRET|secret> 10:00 daily <@URAVI|ravi>', 'UBOSS');
  await command('/log', '2h acme-web ada-note mon', 'UADA');
  await command('/log', '3h acme-web ben-note', 'UBEN');
  await command('/log', '5h globex ravi-note', 'URAVI');
}

async function openHome(userId: string) {
  const before = h.fake.callsTo('views.publish').filter((c) => c.args.user_id === userId).length;
  await h.slack.event({ type: 'app_home_opened', user: userId, channel: `D${userId}`, tab: 'home' });
  const call = await h.fake.waitFor(
    () => h.fake.callsTo('views.publish').filter((c) => c.args.user_id === userId)[before],
  );
  return visibleText((call.args.view as { blocks: never[] }).blocks);
}

// biome-ignore lint/suspicious/noExplicitAny: a reply's blocks are read freely
const textOf = (reply: any) => `${reply.text ?? ''}\n${visibleText(reply.blocks ?? [])}`;

/** Money, budget or hours on a project or milestone line (the Home tab's "from your logged time" is none). */
const FIGURES = /\$|€|\/h|of 40h|logged since|% of|budget/;

describe(`least privilege on ${usingPostgres ? 'Postgres' : 'the embedded store'}`, () => {
  it('shows a contractor the projects and milestones they work on, without money or hours', async () => {
    await seed();
    const projects = textOf(await command('/punchcard', 'project list', 'UADA'));
    expect(projects).toContain('Your projects');
    expect(projects).toContain('*`acme-web`* Acme · <#CACME>');
    expect(projects).not.toMatch(FIGURES);
    expect(projects).not.toContain('globex');

    const milestones = textOf(await command('/milestone', 'list', 'UADA'));
    expect(milestones).toContain('Launch checkout');
    expect(milestones).not.toContain('Globex portal');
    expect(milestones).not.toMatch(FIGURES);
    // Updating her own milestone: the reply says its status, not the project's hours.
    const updated = textOf(await command('/milestone', 'update 1 in-progress', 'UADA'));
    expect(updated).toContain('Updated:');
    expect(updated).not.toMatch(FIGURES);

    // Ravi has logged on globex without being added to any other project: he sees globex alone.
    const ravis = textOf(await command('/punchcard', 'project list', 'URAVI'));
    expect(ravis).toContain('globex');
    expect(ravis).not.toContain('acme-web');
    expect(ravis).not.toMatch(FIGURES);
  });

  it("refuses a contractor anyone else's hours through commands, buttons and the Home tab", async () => {
    await seed();
    for (const [name, text] of [
      ['/timesheet', '<@UBEN|ben>'],
      ['/timesheet', 'export this week <@UBEN|ben>'],
      ['/timesheet', 'export this week all'],
      ['/punchcard', 'digest preview <#CACME|acme>'],
    ] as const) {
      const reply = await command(name, text, 'UADA');
      expect(JSON.stringify(reply), `${name} ${text}`).not.toMatch(/ben-note|3h|ravi-note/);
      expect(reply.text, `${name} ${text}`).toMatch(/only|Only/);
    }
    expect(h.fake.uploadedFiles).toHaveLength(0);
    const page = await h.slack.action({
      userId: 'UADA',
      actionId: 'timesheet_page_next',
      value: '|UBEN|2026-11-01|2026-11-30|0',
    });
    const pageReply = await h.fake.waitForResponse(page.responseUrl as string);
    expect(JSON.stringify(pageReply)).not.toContain('ben-note');
    const home = await openHome('UADA');
    expect(home).not.toContain('Your team');
    expect(home).not.toContain('<@UBEN>');
    expect(home).toContain('Launch checkout');
    expect(home).not.toMatch(FIGURES);
  });

  it('lists the check-ins a person takes part in or set up, and only counts the others', async () => {
    await seed();
    const ada = textOf(await command('/standup', 'list', 'UADA'));
    expect(ada).toContain('<#CTEAM>');
    expect(ada).not.toContain('CSECRET');
    expect(ada).not.toContain('<@URAVI>');
    expect(ada).toContain('1 other check-in');
    const mina = textOf(await command('/standup', 'list', 'UMGR'));
    expect(mina).toContain('<#CTEAM>');
    expect(mina).not.toContain('CSECRET');
    const ravi = textOf(await command('/standup', 'list', 'URAVI'));
    expect(ravi).toContain('<#CSECRET>');
    expect(ravi).not.toContain('<@UADA>');
    const boss = textOf(await command('/standup', 'list', 'UBOSS'));
    expect(boss).toContain('<#CTEAM>');
    expect(boss).toContain('<#CSECRET>');
    expect(boss).not.toContain('other check-in');
  });

  it('shows a manager the members and figures of the projects they manage, and nobody else', async () => {
    await seed();
    const projects = textOf(await command('/punchcard', 'project list', 'UMGR'));
    expect(projects).toContain('*`acme-web`* Acme · <#CACME> · $85.00/h · 5h of 40h (12%)');
    expect(projects).not.toContain('globex');
    expect(textOf(await command('/milestone', 'list', 'UMGR'))).toContain('logged since it started');

    expect(textOf(await command('/timesheet', '<@UBEN|ben>', 'UMGR'))).toContain('Timesheet for ben');
    const ravi = await command('/timesheet', '<@URAVI|ravi>', 'UMGR');
    expect(ravi.text).toContain('You can only see your own timesheet');
    expect(JSON.stringify(ravi)).not.toContain('ravi-note');

    await command('/timesheet', 'export this week all', 'UMGR');
    const [file] = h.fake.uploadedFiles;
    const rows = parse((file as { content: Buffer }).content.toString('utf8')) as string[][];
    expect(rows.slice(1).map((r) => r[1])).toEqual(['ada', 'ben']);
    expect(JSON.stringify(rows)).not.toContain('ravi');
    expect((await command('/timesheet', 'export this week <@URAVI|ravi>', 'UMGR')).text).toContain(
      'You can only export your own time',
    );

    const home = await openHome('UMGR');
    expect(home).toContain('Your team');
    expect(home).toContain('The members and milestones of the projects you manage.');
    expect(home).toContain('<@UBEN>  3h\n<@UADA>  2h');
    expect(home).toContain('<#CTEAM>: 0/2');
    expect(home).not.toContain('URAVI');
    expect(home).not.toContain('CSECRET');

    const preview = await command('/punchcard', 'digest preview <#CACME|acme>', 'UMGR');
    expect(textOf(preview)).toContain('acme-web');
    const globex = await command('/punchcard', 'digest preview <#CGLOBEX|globex>', 'UMGR');
    expect(globex.text).toContain("projects you don't manage");
    expect(JSON.stringify(globex)).not.toContain('URAVI');
  });

  it("shows a manager money only on the projects they manage, and anyone's time on them", async () => {
    await seed();
    // Ben also works on globex, at globex's rate; Ravi logs on acme-web without being on it.
    await command('/punchcard', 'project member add globex <@UBEN|ben>', 'UBOSS');
    await command('/log', '1h globex ben-globex-note', 'UBEN');
    await command('/log', '30m acme-web ravi-acme-note', 'URAVI');

    const sheet = textOf(await command('/timesheet', '<@UBEN|ben>', 'UMGR'));
    expect(sheet).toContain('ben-globex-note');
    expect(sheet).toContain('$255.00'); // 3h on acme-web at $85
    expect(sheet).not.toContain('€');

    await command('/timesheet', 'export this week all', 'UMGR');
    const [file] = h.fake.uploadedFiles;
    const rows = parse((file as { content: Buffer }).content.toString('utf8')) as string[][];
    // date, member, project, category, minutes, hours, billable, rate, amount, currency, note
    const byNote = new Map(rows.slice(1).map((r) => [r[10], r]));
    expect(byNote.get('ben-note')?.slice(7, 10)).toEqual(['85.00', '255.00', 'USD']);
    expect(byNote.get('ben-globex-note')?.slice(7, 10)).toEqual(['', '', '']);
    expect(byNote.get('ravi-acme-note')?.slice(1, 3)).toEqual(['ravi', 'acme-web']);
    expect(byNote.has('ravi-note')).toBe(false);

    // #team's check-in is Ada's and Ben's, Mina's people: she previews its digest (last week's)…
    expect(textOf(await command('/punchcard', 'digest preview <#CTEAM|team>', 'UMGR'))).toContain(
      'Weekly digest',
    );
    // …until it would show Ben's time on globex, which she doesn't manage.
    await command('/log', '1h globex 2026-11-20', 'UBEN');
    const refused = await command('/punchcard', 'digest preview <#CTEAM|team>', 'UMGR');
    expect(refused.text).toContain("projects you don't manage");
    expect(JSON.stringify(refused)).not.toContain('globex');
    expect(textOf(await command('/punchcard', 'digest preview <#CTEAM|team>', 'UBOSS'))).toContain('globex');
  });

  it('shows a manager of no project only their own time, and how to see a team', async () => {
    await seed();
    const home = await openHome('UNEW');
    expect(home).toContain('You manage no project yet');
    expect(home).not.toContain('<@UADA>');
    expect((await command('/timesheet', '<@UADA|ada>', 'UNEW')).text).toContain(
      'You can only see your own timesheet',
    );
    expect((await command('/timesheet', 'export this week all', 'UNEW')).text).toContain(
      'You can only export your own time',
    );
    expect((await command('/punchcard', 'project list', 'UNEW')).text).toContain('You are on no project yet');
    // Named a manager of acme-web, she sees its people.
    await command('/punchcard', 'project manager acme-web <@UNEW|newbie>', 'UMGR');
    expect(textOf(await command('/timesheet', '<@UADA|ada>', 'UNEW'))).toContain('Timesheet for ada');
  });

  it('shows an admin everything', async () => {
    await seed();
    const projects = textOf(await command('/punchcard', 'project list', 'UBOSS'));
    expect(projects).toContain('$85.00/h · 5h of 40h (12%)');
    expect(projects).toContain('€120.00/h · 5h logged');
    expect(textOf(await command('/timesheet', '<@URAVI|ravi>', 'UBOSS'))).toContain('Timesheet for ravi');
    await command('/timesheet', 'export this week all', 'UBOSS');
    const rows = parse(
      (h.fake.uploadedFiles[0] as { content: Buffer }).content.toString('utf8'),
    ) as string[][];
    expect(rows.slice(1).map((r) => r[1])).toEqual(['ada', 'ben', 'ravi']);
    const home = await openHome('UBOSS');
    expect(home).toContain('<@URAVI>  5h');
    expect(home).not.toContain('projects you manage');
  });

  it('posts nothing with hours, amounts or budgets in the channels a contractor reads', async () => {
    await seed();
    await command('/punchcard', 'digest <#CACME|acme> mon 09:00 UTC', 'UMGR');
    await command('/punchcard', 'digest <#CTEAM|team> mon 09:00 UTC', 'UMGR');
    // A milestone update in #acme, acme-web past 80% of its 40h budget, and a milestone overdue.
    await command('/milestone', 'update 1 50% checkout half done', 'UADA');
    await command('/milestone', 'add acme-web 2026-11-26 Payments <@UBEN|ben>', 'UMGR');
    for (const day of ['mon', 'tue', 'wed']) await command('/log', `10h acme-web ${day}`, 'UBEN');
    const tick = (at: string) => {
      h.clock.set(at);
      return h.app.tick(new Date(at));
    };
    await tick('2026-11-25T12:01:00Z');
    await tick('2026-11-27T09:00:00Z');
    await tick('2026-11-30T09:00:00Z');
    const read = (channel: string) =>
      h.fake.messagesIn(channel).map((m) => `${m.text}\n${visibleText((m.blocks ?? []) as never)}`);
    const acme = read('CACME');
    const team = read('CTEAM');
    expect(acme.filter((t) => t.includes('set milestone *#1*'))).toHaveLength(1);
    // Overdue the morning after its due date (Fri 27), and reminded 3 days later (Mon 30).
    expect(acme.filter((t) => t.includes('is overdue'))).toHaveLength(2);
    for (const channel of [acme, team])
      expect(channel.filter((t) => t.startsWith('Weekly digest'))).toHaveLength(1);
    for (const text of [...acme, ...team]) expectNoFigures(text);
    // The budget alert went to Mina, acme-web's manager, by DM: not to Ada or Ben, not in #acme.
    expect(read('DUMGR').filter((t) => t.includes('has passed 80% of its budget'))).toHaveLength(1);
    for (const dm of ['DUADA', 'DUBEN'])
      expect(read(dm).filter((t) => /budget|\$|logged since/.test(t))).toEqual([]);
  });
});
