import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  checkinParticipants,
  checkins,
  digests,
  members,
  milestones,
  milestoneUpdates,
  projectManagers,
  projectMembers,
  projects,
  timeEntries,
} from '../../src/db/schema.js';
import {
  MAX_MILESTONE_NOTE_LENGTH,
  MAX_MILESTONE_TITLE_LENGTH,
  MAX_PROJECT_NAME_LENGTH,
} from '../../src/domain/projects.js';
import { slackLength } from '../../src/domain/text-length.js';
import { useE2E } from '../support/e2e.js';
import { expectNoFigures } from '../support/figures.js';
import type { Harness } from '../support/harness.js';
import { TEAM_ID } from '../support/harness.js';
import { button, elements, logFormState, visibleText } from '../support/slack-ui.js';
import type { TestDatabase } from '../support/test-db.js';

/*
 * Every screen filled to the most the product allows, checked against the fake Slack, which refuses
 * what real Slack refuses (useE2E fails a test on any refusal). Each test also checks that what was
 * filled in is all there for the person to read, somewhere across the messages.
 */

let db: TestDatabase;
let h: Harness;

// Wednesday 25 Nov 2026.
const { command } = useE2E(
  { env: { DEFAULT_TZ: 'UTC' }, team: { at: '2026-11-25T12:00:00Z', people: { UBOSS: 'UTC', UADA: 'UTC' } } },
  (ctx) => {
    ({ db, h } = ctx);
  },
);

// biome-ignore lint/suspicious/noExplicitAny: tests read Block Kit JSON freely
type Json = any;

/** Every message a command posted to its response_url, in order, once the app is done. */
async function replies(responseUrl: string): Promise<Json[]> {
  await h.app.idle();
  return h.fake.responsesTo(responseUrl).map((r) => r.body);
}

const textOf = (messages: Json[]) => messages.map((m) => visibleText(m.blocks)).join('\n');

/** `base` padded with `fill` to exactly `length` characters as Slack counts them. */
function ofLength(base: string, length: number, fill = 'x'): string {
  let text = base;
  while (slackLength(text + fill) <= length) text += fill;
  while (slackLength(text) < length) text += 'x';
  return text;
}

/** A name of the longest length allowed, with `&` in it so escaping counts. */
const maxName = (i: number, max: number) => ofLength(`P${i} R&D <dev> `, max);

async function addMember(userId: string, displayName: string, role: 'contractor' | 'manager' = 'contractor') {
  await db.handle.db.insert(members).values({ teamId: TEAM_ID, userId, displayName, tz: 'UTC', role });
}

async function addProjects(n: number) {
  const rows = await db.handle.db
    .insert(projects)
    .values(
      Array.from({ length: n }, (_, i) => ({
        teamId: TEAM_ID,
        key: ofLength(`p${i}-`, 40, 'k'),
        name: maxName(i, MAX_PROJECT_NAME_LENGTH),
        channelId: 'CTEAM',
        rateMinor: 123_456_789,
        currency: 'USD',
        budgetMinutes: 600,
      })),
    )
    .returning();
  return rows;
}

describe('/log at its limits', () => {
  it('refuses a 1,000-character note of & with the limit as Slack counts it, and saves nothing', async () => {
    const { reply } = await command('/log', `1h design ${'&'.repeat(1000)}`, 'UADA');
    expect(reply.text).toContain('That note is 5,000 characters as Slack counts them');
    expect(reply.text).toContain('keep it to 1,000 characters or fewer');
    expect(reply.text).toContain('Try: `/log 2h design');
    expect(await db.handle.db.select().from(timeEntries)).toHaveLength(0);
  });

  it('confirms the longest note it accepts in full, with Undo and Edit', async () => {
    const note = '&'.repeat(200);
    const { reply } = await command('/log', `1h design ${note}`, 'UADA');
    expect(reply.text).toBe('Logged 1h to design for Wed 25 Nov · today 1h');
    expect(visibleText(reply.blocks)).toContain(`_${'&amp;'.repeat(200)}_`);
    const [row] = await db.handle.db.select().from(timeEntries);
    expect(row?.note).toBe(note);

    await h.slack.action({
      userId: 'UADA',
      actionId: 'entry_edit',
      value: button(reply.blocks, 'entry_edit').value,
    });
    const open = await h.fake.waitForCall('views.open');
    const noteInput = (open.args.view as Json).blocks.find((b: Json) => b.block_id === 'note');
    expect(noteInput.element.initial_value).toBe(note);
    expect(noteInput.element.max_length).toBe(1000);
    expect(noteInput.hint.text).toBe('Up to 1,000 characters; each &, < and > counts as 4 or 5');
  });

  it('shows /log help and /timesheet help as Slack accepts them', async () => {
    const log = await command('/log', 'help', 'UADA');
    expect(visibleText(log.reply.blocks)).toContain(
      '*Log time:* `/log &lt;duration&gt; &lt;category&gt; [note…] [when]`',
    );
    expect(visibleText(log.reply.blocks)).toContain(
      '• Note (optional): up to 1,000 characters; each &amp;, &lt; and &gt; counts as 4 or 5',
    );
    const sheet = await command('/timesheet', 'help', 'UADA');
    expect(visibleText(sheet.reply.blocks)).toContain('*Timesheet:*');
  });

  it('the log modal states the note limit and refuses a longer note under its input', async () => {
    await h.slack.command({ command: '/log', text: '', userId: 'UADA' });
    const open = await h.fake.waitForCall('views.open');
    const view = open.args.view as Json;
    const noteInput = view.blocks.find((b: Json) => b.block_id === 'note');
    expect(noteInput.hint.text).toContain('Up to 1,000 characters');
    const refused = await h.slack.viewSubmission({
      userId: 'UADA',
      view: {
        callback_id: 'log_modal',
        private_metadata: view.private_metadata,
        state: {
          values: logFormState({
            duration: '1h',
            category: 'design',
            date: '2026-11-25',
            note: '<'.repeat(300),
          }),
        },
      },
    });
    expect(refused.body).toMatchObject({ response_action: 'errors' });
    expect(refused.body.errors.note).toBe(
      'That note is 1,200 characters as Slack counts them (each &, < and > counts as 4 or 5): keep it to 1,000 characters or fewer.',
    );
    expect(await db.handle.db.select().from(timeEntries)).toHaveLength(0);
  });
});

describe('/timesheet at its limits', () => {
  /** 60 entries over November, each with a 1,000-character note (half of them all `&`) and its own 40-letter category. */
  async function seedMonth() {
    await addMember('UADA', 'ada');
    await db.handle.db.insert(timeEntries).values(
      Array.from({ length: 60 }, (_, i) => ({
        teamId: TEAM_ID,
        userId: 'UADA',
        workDate: `2026-11-${String((i % 25) + 1).padStart(2, '0')}`,
        minutes: 30,
        category: ofLength(`c${String(i).padStart(2, '0')}-`, 40, 'y'),
        note:
          i % 2 === 0
            ? `${String(i).padStart(2, '0')}${'&'.repeat(998)}`
            : `${String(i).padStart(2, '0')}${'n'.repeat(998)}`,
        source: 'slash' as const,
      })),
    );
  }

  async function allPages(first: Json): Promise<Json[]> {
    const pages = [first];
    for (;;) {
      const next = elements(pages.at(-1).blocks).find((e) => e.element.action_id === 'timesheet_page_next');
      if (!next) return pages;
      const click = await h.slack.action({
        userId: 'UADA',
        actionId: 'timesheet_page_next',
        value: next.element.value,
      });
      pages.push(await h.fake.waitForResponse(click.responseUrl as string));
    }
  }

  it('pages 60 entries with 1,000-character notes, each page within Slack’s limits, every entry shown', async () => {
    await seedMonth();
    const { reply } = await command('/timesheet', 'month', 'UADA');
    const pages = await allPages(reply);
    expect(pages).toHaveLength(3);
    const text = textOf(pages);
    for (let i = 0; i < 60; i += 1)
      expect(text).toContain(ofLength(`c${String(i).padStart(2, '0')}-`, 40, 'y'));
    expect(text).toContain('*Total 30h*');
    expect(text).toContain('Long notes are shortened here (…): *Edit* shows the whole note.');
    // Shortened at an entity boundary, never mid-`&amp;`.
    expect(text).not.toMatch(/&a?m?p?…/);
    expect(text).toContain('&amp;…');
  });

  it('the Edit form holds an entry’s whole 1,000-character note', async () => {
    await seedMonth();
    const { reply, responseUrl } = await command('/timesheet', 'month', 'UADA');
    const menu = elements(reply.blocks).find((e) => e.element.action_id === 'timesheet_entry_menu')?.element;
    const edit = menu.options.find((o: Json) => o.text.text === 'Edit');
    await h.slack.action({
      userId: 'UADA',
      actionId: 'timesheet_entry_menu',
      selectedOption: edit,
      responseUrl,
    });
    const open = await h.fake.waitForCall('views.open');
    const noteInput = (open.args.view as Json).blocks.find((b: Json) => b.block_id === 'note');
    expect(noteInput.element.initial_value).toHaveLength(1000);
  });

  it("shows a manager a member's month within Slack’s limits, pointing to the export for whole notes", async () => {
    await seedMonth();
    const { reply } = await command('/timesheet', 'month <@UADA|ada>', 'UBOSS');
    expect(reply.blocks[0].text.text).toBe('Timesheet for ada');
    expect(visibleText(reply.blocks)).toContain('`/timesheet export` has them in full');
    expect(visibleText(reply.blocks)).toContain('Entries 1–20 of 60');
  });
});

describe('/punchcard at its limits', () => {
  it('refuses a project name over the limit, saying the limit, and saves nothing', async () => {
    const name = ofLength('Acme ', MAX_PROJECT_NAME_LENGTH + 1);
    const { reply } = await command('/punchcard', `project add acme-web <#CACME|acme> ${name}`, 'UBOSS');
    expect(reply.text).toContain('That project name is 101 characters: keep it to 100 characters or fewer.');
    expect(reply.text).toContain('Try: `/punchcard project add acme-web #acme Acme website`');
    expect(await db.handle.db.select().from(projects)).toHaveLength(0);
    const ok = await command('/punchcard', `project add acme-web <#CACME|acme> ${maxName(1, 100)}`, 'UBOSS');
    expect(ok.reply.text).toContain('Project added');
  });

  it('lists 30 projects with the longest names in one message Slack accepts', async () => {
    const rows = await addProjects(30);
    // An admin's list: every project, with its rate and budget (a contractor's lines are shorter).
    const { responseUrl } = await command('/punchcard', 'project list', 'UBOSS');
    const messages = await replies(responseUrl);
    expect(messages).toHaveLength(1);
    expect(messages[0].blocks.length).toBeGreaterThan(2);
    const text = textOf(messages);
    for (const p of rows)
      expect(text).toContain(p.name.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
  });

  it('splits 250 projects over five replies and says how many more there are', async () => {
    const rows = await addProjects(250);
    const { responseUrl } = await command('/punchcard', 'project list', 'UBOSS');
    const messages = await replies(responseUrl);
    expect(messages).toHaveLength(5);
    expect(messages[0].text).toBe('250 projects (1/5)');
    expect(visibleText(messages[1].blocks)).toContain('Projects (continued, 2/5)');
    const text = textOf(messages);
    const shown = rows.filter((p) => text.includes(`*\`${p.key}\`*`)).length;
    const more = /…and (\d+) more projects than fit/.exec(text);
    expect(more).not.toBeNull();
    expect(shown + Number(more?.[1])).toBe(250);
    // Each shown once: none doubled across messages.
    expect(text.match(/\*`p\d+-k+`\*/g)).toHaveLength(shown);
  });

  it('shortens the echo of 3,500 characters of nonsense', async () => {
    const { reply } = await command('/punchcard', 'z'.repeat(3500), 'UADA');
    expect(reply.text).toBe(`I don't know \`/punchcard ${'z'.repeat(39)}…\`.\nTry: \`/punchcard help\``);
    const role = await command('/punchcard', `role <@UADA|ada> ${'q'.repeat(3500)}`, 'UBOSS');
    expect(role.reply.text).toContain(`\`${'q'.repeat(39)}…\` is not a role.`);
    const verb = await command('/punchcard', `project ${'v'.repeat(3500)}`, 'UBOSS');
    expect(verb.reply.text).toContain(`\`/punchcard project ${'v'.repeat(39)}…\``);
  });

  it('help, whoami, role, rate and digest list replies are all accepted', async () => {
    await addProjects(1);
    const help = await command('/punchcard', 'help', 'UADA');
    expect(visibleText(help.reply.blocks)).toContain('(a name of up to 100 characters)');
    const milestoneHelp = await command('/milestone', 'help', 'UADA');
    expect(milestoneHelp.reply.text).toContain('a title of up to 150 characters');
    expect(milestoneHelp.reply.text).toContain('a note of up to 1,000 characters');
    expect((await command('/punchcard', 'whoami', 'UADA')).reply.text).toContain('contractor');
    expect((await command('/punchcard', 'role <@UADA|ada> manager', 'UBOSS')).reply.text).toContain(
      'manager',
    );
    expect((await command('/punchcard', 'rate <@UADA|ada> 9999999.99 USD', 'UBOSS')).reply.text).toContain(
      '$9,999,999.99/h',
    );
    await db.handle.db.insert(digests).values(
      Array.from({ length: 60 }, (_, i) => ({
        teamId: TEAM_ID,
        channelId: `C${String(i).padStart(10, '0')}`,
        weekday: 1,
        timeOfDay: '09:00',
        tz: 'America/Argentina/ComodRivadavia',
        createdBy: 'UBOSS',
      })),
    );
    const list = await command('/punchcard', 'digest list', 'UBOSS');
    expect(visibleText(list.reply.blocks).match(/America\/Argentina\/ComodRivadavia/g)).toHaveLength(60);
  });
});

describe('/milestone at its limits', () => {
  async function seedMilestones(n: number) {
    const [project] = await addProjects(1);
    if (!project) throw new Error('no project');
    await addMember('UADA', 'ada');
    const rows = await db.handle.db
      .insert(milestones)
      .values(
        Array.from({ length: n }, (_, i) => ({
          teamId: TEAM_ID,
          projectId: project.id,
          title: maxName(i, MAX_MILESTONE_TITLE_LENGTH),
          dueDate: '2026-11-20',
          ownerId: 'UADA',
          status: 'in-progress' as const,
          percent: 99,
          createdBy: 'UBOSS',
        })),
      )
      .returning();
    return { project, rows };
  }

  it('lists 60 milestones with the longest titles across messages Slack accepts, every one shown', async () => {
    const { project, rows } = await seedMilestones(60);
    const { responseUrl } = await command('/milestone', 'list', 'UADA');
    const messages = await replies(responseUrl);
    expect(messages.length).toBeGreaterThan(1);
    const text = textOf(messages);
    for (const m of rows) expect(text).toContain(`*#${m.id}* \`${project.key}\``);
    expect(text).not.toContain('more milestone');
  });

  it('refuses a title and a note over their limits, saying the limit, and saves nothing', async () => {
    const { project, rows } = await seedMilestones(1);
    const title = ofLength('Launch ', MAX_MILESTONE_TITLE_LENGTH + 1);
    const add = await command('/milestone', `add ${project.key} 2026-12-15 ${title}`, 'UBOSS');
    expect(add.reply.text).toContain('That title is 151 characters: keep it to 150 characters or fewer.');
    expect(await db.handle.db.select().from(milestones)).toHaveLength(1);

    const long = ofLength('Waiting ', 3200);
    const update = await command('/milestone', `update ${rows[0]?.id} blocked ${long}`, 'UBOSS');
    expect(update.reply.text).toContain(
      'That note is 3,200 characters: keep it to 1,000 characters or fewer.',
    );
    expect(update.reply.text).toContain('Try: `/milestone update 12 blocked');
    expect(await db.handle.db.select().from(milestoneUpdates)).toHaveLength(0);
    expect(h.fake.messagesIn('CTEAM')).toHaveLength(0);
  });

  it('posts an update with the longest note and title to the channel whole', async () => {
    const { rows } = await seedMilestones(1);
    const note = ofLength('Waiting on <legal> & ', MAX_MILESTONE_NOTE_LENGTH, '&');
    // Sent as Slack sends typed text: &, < and > as entities.
    const sent = note.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const { reply } = await command('/milestone', `update ${rows[0]?.id} blocked ${sent}`, 'UADA');
    expect(reply.text).toContain('Updated:');
    const [post] = h.fake.messagesIn('CTEAM');
    const text = visibleText(post?.blocks as Json);
    expect(text).toContain(`> ${note.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}`);
    expect(text).toContain(rows[0]?.title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
  });

  it('posts overdue and budget alerts for the longest titles and keys', async () => {
    const { project } = await seedMilestones(3);
    await db.handle.db.insert(timeEntries).values({
      teamId: TEAM_ID,
      userId: 'UADA',
      workDate: '2026-11-24',
      minutes: 660,
      category: project.key,
      projectId: project.id,
      source: 'slash',
    });
    await db.handle.db
      .insert(projectManagers)
      .values({ teamId: TEAM_ID, projectId: project.id, userId: 'UBOSS' });
    h.clock.set('2026-11-24T09:00:00Z');
    await h.app.tick(new Date('2026-11-24T09:00:00Z'));
    const text = textOf(h.fake.messagesIn('CTEAM'));
    expect(text.match(/Still overdue/g)).toHaveLength(3);
    expectNoFigures(text);
    // The budget alert is a DM to the project's manager.
    expect(textOf(h.fake.messagesIn('DUBOSS'))).toContain('*Budget used up*');
  });
});

describe('digests and the Home tab at their limits', () => {
  /** 40 people with 80-character names logging on 30 projects with the longest keys, and 60 milestones. */
  async function seedTeam() {
    const people = Array.from({ length: 40 }, (_, i) => `UP${String(i).padStart(3, '0')}`);
    for (const [i, id] of people.entries()) await addMember(id, ofLength(`Person ${i} & <co> `, 80));
    await addMember('UADA', 'ada');
    const projectRows = await addProjects(30);
    await db.handle.db.insert(timeEntries).values(
      people.flatMap((userId, i) =>
        projectRows.map((p, j) => ({
          teamId: TEAM_ID,
          userId,
          workDate: '2026-11-17',
          minutes: 1 + ((i + j) % 5),
          category: p.key,
          projectId: p.id,
          rateMinor: 123_456,
          currency: j % 2 === 0 ? 'USD' : 'EUR',
          source: 'slash' as const,
        })),
      ),
    );
    const first = projectRows[0];
    if (!first) throw new Error('no project');
    await db.handle.db.insert(milestones).values(
      Array.from({ length: 60 }, (_, i) => ({
        teamId: TEAM_ID,
        projectId: first.id,
        title: maxName(i, MAX_MILESTONE_TITLE_LENGTH),
        dueDate: i % 2 === 0 ? '2026-11-18' : '2026-11-10',
        ownerId: i % 3 === 0 ? 'UADA' : (people[i % 40] ?? null),
        status: 'blocked' as const,
        percent: 99,
        createdBy: 'UBOSS',
      })),
    );
    return { people, projectRows };
  }

  it('previews and posts a digest for 40 people and 30 projects as one message within Slack’s limits, counting whom it leaves out', async () => {
    const { people, projectRows } = await seedTeam();
    expect((await command('/punchcard', 'digest <#CTEAM|team> mon 08:00 UTC', 'UBOSS')).reply.text).toContain(
      'Weekly digest scheduled',
    );
    const { responseUrl } = await command('/punchcard', 'digest preview <#CTEAM|team>', 'UBOSS');
    const preview = await replies(responseUrl);
    expect(preview[0].text).toMatch(/^Preview: Weekly digest/);
    h.clock.set('2026-11-23T08:00:00Z');
    await h.app.tick(new Date('2026-11-23T08:00:00Z'));
    const posted = h.fake.messagesIn('CTEAM').filter((m) => m.text.startsWith('Weekly digest'));
    expect(preview).toHaveLength(1);
    const text = textOf(preview);
    const hours = text.slice(text.indexOf('*Hours by person*'), text.indexOf('*Hours by project*'));
    const shown = people.filter((_, i) => hours.includes(`Person ${i} &amp; &lt;co&gt; `));
    expect(shown.length).toBeGreaterThan(0);
    expect(hours).toContain(`_…and ${40 - shown.length} more_`);
    const projects = text.slice(text.indexOf('*Hours by project*'), text.indexOf('*Check-ins*'));
    const keys = projectRows.filter((p) => projects.includes(`${p.key}  \``));
    expect(projects).toContain(`_…and ${30 - keys.length} more_`);
    expect(text).toContain('`/timesheet export 2026-11-16..2026-11-22 all`');
    // The channel's post: one message too, summarised to fit, without the hours, amounts and budgets.
    expect(posted).toHaveLength(1);
    const post = textOf(posted);
    const overdue = post.slice(post.indexOf('_Overdue_'), post.indexOf('*Coming up*'));
    expect(overdue).toMatch(/_…and \d+ more_/);
    expect(post).toMatch(/Too long for one message, so each list shows its first \d+ lines?\./);
    expect(post).not.toContain('*Hours by');
    expectNoFigures(post);
  });

  it("fills a member's and a manager's Home tab within Slack's limits", async () => {
    const { people, projectRows } = await seedTeam();
    await db.handle.db
      .update(members)
      .set({ role: 'manager' })
      .where(and(eq(members.teamId, TEAM_ID), eq(members.userId, 'UP000')));
    // Their team is the members of the projects they manage: all 30 projects, everyone on them.
    await db.handle.db
      .insert(projectManagers)
      .values(projectRows.map((p) => ({ teamId: TEAM_ID, projectId: p.id, userId: 'UP000' })));
    await db.handle.db
      .insert(projectMembers)
      .values(
        projectRows.flatMap((p) => people.map((userId) => ({ teamId: TEAM_ID, projectId: p.id, userId }))),
      );
    for (const userId of ['UADA', 'UP000']) {
      const before = h.fake.callsTo('views.publish').length;
      await h.slack.event({ type: 'app_home_opened', user: userId, channel: `D${userId}`, tab: 'home' });
      const call = await h.fake.waitFor(() =>
        h.fake
          .callsTo('views.publish')
          .slice(before)
          .find((c) => c.args.user_id === userId),
      );
      expect(call.response).toMatchObject({ ok: true });
      const view = call.args.view as Json;
      expect(view.blocks.length).toBeLessThanOrEqual(100);
      const text = visibleText(view.blocks);
      if (userId === 'UADA') expect(text.match(/:no_entry: \*#/g)).toHaveLength(20);
      else {
        expect(text).toContain('Your team');
        expect(text.match(/:warning: :no_entry:/g)).toHaveLength(60);
      }
    }
  });

  it("shows a manager a 300-person check-in's waiting list whole on the Home tab", async () => {
    const people = Array.from({ length: 300 }, (_, i) => `UW${String(i).padStart(9, '0')}`);
    const [checkin] = await db.handle.db
      .insert(checkins)
      .values({
        teamId: TEAM_ID,
        channelId: 'CTEAM',
        timeOfDay: '09:00',
        days: [1, 2, 3, 4, 5, 6, 7],
        questions: ['Done?', 'Next?', 'Blockers?'],
        createdBy: 'UBOSS',
      })
      .returning();
    if (!checkin) throw new Error('no checkin');
    await db.handle.db
      .insert(checkinParticipants)
      .values(people.map((userId) => ({ checkinId: checkin.id, teamId: TEAM_ID, userId })));
    await h.slack.event({ type: 'app_home_opened', user: 'UBOSS', channel: 'DUBOSS', tab: 'home' });
    const call = await h.fake.waitForCall('views.publish', (c) => c.args.user_id === 'UBOSS');
    const text = visibleText((call.args.view as Json).blocks);
    expect(text).toContain('<#CTEAM>: 0/300 — done nobody yet; waiting on');
    for (const id of people) expect(text).toContain(`<@${id}>`);
  });
  it('shows a manager a 10,000-person check-in on the Home tab: whole counts, the first names, the rest counted', async () => {
    const [checkin] = await db.handle.db
      .insert(checkins)
      .values({
        teamId: TEAM_ID,
        channelId: 'CTEAM',
        timeOfDay: '09:00',
        days: [1, 2, 3, 4, 5, 6, 7],
        questions: ['Done?', 'Next?', 'Blockers?'],
        createdBy: 'UBOSS',
      })
      .returning();
    if (!checkin) throw new Error('no checkin');
    // 10,000 people in it, one in four answered today, every one logged an hour this week.
    await db.handle.db.execute(sql`
      insert into checkin_participants (checkin_id, team_id, user_id, joined_at)
      select ${checkin.id}, ${TEAM_ID}, 'UX' || lpad(i::text, 5, '0'), timestamptz '2026-11-01T00:00:00Z' + i * interval '1 second'
      from generate_series(1, 10000) as i`);
    await db.handle.db.execute(sql`
      insert into checkin_responses (team_id, checkin_id, user_id, local_date, status, questions, answers)
      select ${TEAM_ID}, ${checkin.id}, 'UX' || lpad(i::text, 5, '0'), '2026-11-25', 'submitted', '[]', '[]'
      from generate_series(4, 10000, 4) as i`);
    await db.handle.db.execute(sql`
      insert into time_entries (team_id, user_id, work_date, minutes, category, source)
      select ${TEAM_ID}, 'UX' || lpad(i::text, 5, '0'), '2026-11-24', 60 + i % 7, 'dev', 'slash'
      from generate_series(1, 10000) as i`);
    await h.slack.event({ type: 'app_home_opened', user: 'UBOSS', channel: 'DUBOSS', tab: 'home' });
    const call = await h.fake.waitForCall('views.publish', (c) => c.args.user_id === 'UBOSS');
    expect(call.response).toMatchObject({ ok: true });
    const blocks = (call.args.view as Json).blocks;
    expect(blocks.length).toBeLessThanOrEqual(100);
    const text = visibleText(blocks);
    expect(text).toContain('<#CTEAM>: 2500/10000 — done <@UX00004> <@UX00008>');
    // The first 500 of each list in joining order, then how many more.
    expect(text).toContain(
      '<@UX02000> …and 2000 more; waiting on <@UX00001> <@UX00002> <@UX00003> <@UX00005>',
    );
    expect(text).toContain(' …and 7000 more');
    // Most hours first: 66 minutes is the most anyone logged.
    expect(text).toContain('*Hours this week*\n<@UX00006>  1h 6m\n<@UX00013>  1h 6m');
  });
});

describe('text typed into commands is stored as typed and escaped once when shown', () => {
  it('a project name, milestone title and note with &, < and a channel mention', async () => {
    // Slack sends a typed `&` as `&amp;` and `<` as `&lt;`; an @channel picked from the menu as `<!channel>`.
    const add = await command('/punchcard', 'project add acme <#CTEAM|team> R&amp;D &lt;web&gt;', 'UBOSS');
    expect(add.reply.text).toContain('R&amp;D &lt;web&gt;');
    const [project] = await db.handle.db.select().from(projects);
    expect(project?.name).toBe('R&D <web>');

    await command('/milestone', 'add acme 2026-12-15 Ship R&amp;D <!channel> &lt;now&gt;', 'UBOSS');
    const [milestone] = await db.handle.db.select().from(milestones);
    // A broadcast becomes a plain word when stored (typedText): drawn later it can never ping.
    expect(milestone?.title).toBe('Ship R&D @channel <now>');
    await command('/milestone', `update ${milestone?.id} blocked waiting &amp; <!here>`, 'UBOSS');
    const [update] = await db.handle.db.select().from(milestoneUpdates);
    expect(update?.note).toBe('waiting & @here');

    const posts = h.fake.messagesIn('CTEAM');
    expect(posts).toHaveLength(2);
    const all = posts.map((p) => `${p.text}\n${visibleText(p.blocks as Json)}`).join('\n');
    expect(all).toContain('Ship R&amp;D @channel &lt;now&gt;');
    expect(all).toContain('> waiting &amp; @here');
    expect(all).not.toContain('<!channel>');
    expect(all).not.toContain('<!here>');
    expect(all).not.toContain('&amp;amp;');
  });
});
