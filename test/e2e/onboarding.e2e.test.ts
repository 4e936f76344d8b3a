import { describe, expect, it } from 'vitest';
import { onboardingChecklists, onboardingItems, onboardingTicks } from '../../src/db/schema.js';
import { useE2E } from '../support/e2e.js';
import type { Harness } from '../support/harness.js';
import { visibleText } from '../support/slack-ui.js';
import type { TestDatabase } from '../support/test-db.js';

// biome-ignore lint/suspicious/noExplicitAny: tests read messages and views freely
type Json = any;

let db: TestDatabase;
let h: Harness;

// Wednesday 25 Nov 2026, 12:00 UTC. UMGR adds acme-web and manages it; UADA and UBEN are contractors.
const { reply: command } = useE2E(
  {
    env: { DEFAULT_TZ: 'UTC' },
    team: {
      at: '2026-11-25T12:00:00Z',
      people: { UBOSS: 'UTC', UMGR: 'UTC', UADA: 'UTC', UBEN: 'UTC' },
    },
  },
  (ctx) => {
    ({ db, h } = ctx);
  },
);

const ITEMS = [
  'Read the handbook https://wiki.acme.test/start',
  'Get repo access https://github.com/acme @mina 2d',
  'Meet the team <@UBEN> 1d',
  'Set up your laptop',
  'Say hi in the channel',
  'Ship a first fix 5d',
].join('\n');

const dms = (userId: string) => h.fake.messagesIn(`D${userId}`);
const channelPosts = () => h.fake.messagesIn('CACME');
const tickAt = (at: string) => {
  h.clock.set(at);
  return h.app.tick(new Date(at));
};

/** The checklist DM (the one with checkboxes) a person got. */
const checklistDm = (userId: string): Json =>
  dms(userId).find((m) => (m.blocks as Json[] | undefined)?.some((b) => b.type === 'actions'));

/** The groups of checkboxes in blocks: each block id with its options' values and the ticked ones. */
function groups(blocks: Json[]): Array<{ blockId: string; values: string[]; ticked: string[] }> {
  return blocks
    .filter((b) => b.type === 'actions' && b.elements?.[0]?.type === 'checkboxes')
    .map((b) => ({
      blockId: b.block_id,
      values: b.elements[0].options.map((o: Json) => o.value),
      ticked: (b.elements[0].initial_options ?? []).map((o: Json) => o.value),
    }));
}

async function acme() {
  await command('/punchcard', 'role <@UMGR|mina> manager', 'UBOSS');
  await command('/punchcard', 'project add acme-web <#CACME|acme> Acme website', 'UMGR');
}

/** Opens the checklist modal as `userId` and returns the view Slack was asked to open. */
async function openEditor(userId = 'UMGR'): Promise<Json> {
  const sent = await h.slack.command({ command: '/punchcard', text: 'onboarding acme-web', userId });
  const open = await h.fake.waitForCall('views.open', (c) => c.args.trigger_id === sent.triggerId);
  return open.args.view;
}

const state = (welcome: string, items: string, announce = true) => ({
  welcome: { value: { type: 'plain_text_input', value: welcome } },
  items: { value: { type: 'plain_text_input', value: items } },
  announce: {
    value: { type: 'checkboxes', selected_options: announce ? [{ value: 'announce' }] : [] },
  },
});

async function submit(view: Json, welcome: string, items: string, announce = true, userId = 'UMGR') {
  return h.slack.viewSubmission({
    userId,
    view: {
      callback_id: 'onboarding_editor_modal',
      private_metadata: view.private_metadata,
      state: { values: state(welcome, items, announce) },
    },
  });
}

/** A checklist saved through the modal, as a manager does. */
async function checklist(items = ITEMS, announce = true) {
  const view = await openEditor();
  const saved = await submit(
    view,
    'Hi! Start with *the handbook*. Ask <#CACME> anything & everything.',
    items,
    announce,
  );
  expect(saved.status).toBe(200);
  expect(saved.body).toBeFalsy();
  await h.fake.waitFor(async () => (await db.handle.db.select().from(onboardingChecklists)).length === 1);
}

/** Ticks exactly `ticked` in one group of a message's checkboxes (or the Home tab's), as Slack sends it. */
async function tick(
  userId: string,
  where: { messageTs: string } | { viewId: string },
  blockId: string,
  ticked: string[],
) {
  await h.slack.action({
    userId,
    actionId: 'onboarding_tick',
    actionType: 'checkboxes',
    blockId,
    ...('messageTs' in where
      ? { channelId: `D${userId}`, messageTs: where.messageTs }
      : { viewId: where.viewId }),
    extra: { selected_options: ticked.map((value) => ({ value })) },
  });
  await h.app.idle();
}

async function openHome(userId: string): Promise<Json> {
  const before = h.fake.callsTo('views.publish').filter((c) => c.args.user_id === userId).length;
  await h.slack.event({ type: 'app_home_opened', user: userId, channel: `D${userId}`, tab: 'home' });
  await h.fake.waitFor(
    () => h.fake.callsTo('views.publish').filter((c) => c.args.user_id === userId)[before],
  );
  await h.app.idle();
  return h.fake.homeViews.get(userId);
}

describe('the onboarding checklist modal', () => {
  it('opens with fields labelled Welcome and Items and the "all set" switch, and shows what was saved', async () => {
    await acme();
    const empty = await openEditor();
    const labels = empty.blocks.filter((b: Json) => b.type === 'input').map((b: Json) => b.label.text);
    expect(labels).toEqual(['Welcome', 'Items', 'When someone finishes']);
    expect(empty.blocks[3].element.initial_options).toHaveLength(1);
    await checklist();
    const again = await openEditor();
    expect(again.blocks[1].element.initial_value).toContain('Start with *the handbook*');
    expect(again.blocks[2].element.initial_value).toBe(
      [
        'Read the handbook https://wiki.acme.test/start',
        // `@mina` is someone Punchcard knows: saved as them.
        'Get repo access https://github.com/acme <@UMGR> 2d',
        'Meet the team <@UBEN> 1d',
        'Set up your laptop',
        'Say hi in the channel',
        'Ship a first fix 5d',
      ].join('\n'),
    );
    const items = await db.handle.db.select().from(onboardingItems);
    expect(items.map((i) => [i.text, i.link, i.askUserId, i.days])).toContainEqual([
      'Get repo access',
      'https://github.com/acme',
      'UMGR',
      2,
    ]);
  });

  it('refuses too many items, over-long lines, a long welcome and bad days on their field, saving nothing', async () => {
    await acme();
    const view = await openEditor();
    const cases: Array<[string, string, string, string]> = [
      [
        'items',
        '',
        Array.from({ length: 21 }, (_, i) => `Item ${i + 1}`).join('\n'),
        'That is 21 items: a checklist holds at most 20.',
      ],
      ['items', '', `Short one\n${'x'.repeat(76)} 2d`, 'Line 2 is 76 characters'],
      ['items', '', 'Tea & biscuits '.repeat(5).trim(), 'as Slack counts them'],
      ['items', '', 'Read the docs 0d', 'Line 1: give the days as 1d to 365d.'],
      ['items', '', 'Read the docs\nread the DOCS', 'Line 2 repeats an earlier item'],
      ['welcome', 'y'.repeat(2001), 'Read the docs', 'The welcome is 2,001 characters'],
    ];
    for (const [field, welcome, items, message] of cases) {
      const res = await submit(view, welcome, items);
      expect(res.body.response_action, message).toBe('errors');
      expect(res.body.errors[field], message).toContain(message);
      // Each with an example of the right form.
      if (field === 'items') expect(res.body.errors.items).toMatch(/`[^`]+ 2d`/);
    }
    expect(await db.handle.db.select().from(onboardingChecklists)).toEqual([]);
    expect(await db.handle.db.select().from(onboardingItems)).toEqual([]);
  });

  it('refuses a contractor, an unknown project and a missing key with an example', async () => {
    await acme();
    expect((await command('/punchcard', 'onboarding acme-web', 'UADA')).text).toContain(
      "Only `acme-web`'s managers and workspace admins can edit its onboarding checklist.",
    );
    expect((await command('/punchcard', 'onboarding nope', 'UMGR')).text).toContain(
      'There is no project `nope`.',
    );
    expect((await command('/punchcard', 'onboarding', 'UMGR')).text).toContain(
      '`/punchcard onboarding acme-web`',
    );
    expect(h.fake.callsTo('views.open')).toHaveLength(0);
  });
});

describe('the checklist DM', () => {
  it('goes out at once when someone is added, and ticking saves, unticks, and updates in place', async () => {
    await acme();
    await checklist();
    const added = await command('/punchcard', 'project member add acme-web <@UADA|ada>', 'UMGR');
    expect(added.text).toContain('Sent the onboarding checklist to <@UADA>.');
    // At once: no tick has run.
    const dm = checklistDm('UADA');
    const text = visibleText(dm.blocks);
    expect(text).toContain('Welcome to acme-web (Acme website)');
    expect(text).toContain('Start with *the handbook*. Ask &lt;#CACME&gt; anything &amp; everything.');
    expect(text).toContain('Get repo access: https://github.com/acme · ask <@UMGR>');
    expect(text).toContain('0 of 6 done');
    const [group] = groups(dm.blocks);
    expect(group?.values).toHaveLength(6);
    const [first, second] = group?.values ?? [];

    await tick('UADA', { messageTs: dm.ts }, group?.blockId ?? '', [first as string, second as string]);
    expect(await db.handle.db.select().from(onboardingTicks)).toHaveLength(2);
    expect(visibleText(checklistDm('UADA').blocks)).toContain('2 of 6 done');
    expect(groups(checklistDm('UADA').blocks)[0]?.ticked).toEqual([first, second]);
    expect(
      dms('UADA').filter((m) => (m.blocks as Json[] | undefined)?.some((b) => b.type === 'actions')),
    ).toHaveLength(1);

    // Unticking undoes.
    await tick('UADA', { messageTs: dm.ts }, group?.blockId ?? '', [second as string]);
    expect(await db.handle.db.select().from(onboardingTicks)).toHaveLength(1);
    expect(visibleText(checklistDm('UADA').blocks)).toContain('1 of 6 done');

    // Someone else's tick on it changes nothing.
    await tick('UBEN', { messageTs: dm.ts }, group?.blockId ?? '', group?.values ?? []);
    expect(await db.handle.db.select().from(onboardingTicks)).toHaveLength(1);
  });

  it('posts "all set" to the project channel once when the last item is ticked, unless switched off', async () => {
    await acme();
    await checklist();
    await command('/punchcard', 'project member add acme-web <@UADA|ada> <@UBEN|ben>', 'UMGR');
    const dm = checklistDm('UADA');
    const [group] = groups(dm.blocks);
    await tick('UADA', { messageTs: dm.ts }, group?.blockId ?? '', group?.values ?? []);
    expect(visibleText(checklistDm('UADA').blocks)).toContain(
      ':tada: 6 of 6 done: you are all set on `acme-web`.',
    );
    expect(channelPosts().map((m) => m.text)).toEqual([':tada: <@UADA> is all set on `acme-web`.']);
    // Unticking and ticking again does not post twice.
    await tick('UADA', { messageTs: dm.ts }, group?.blockId ?? '', []);
    await tick('UADA', { messageTs: dm.ts }, group?.blockId ?? '', group?.values ?? []);
    expect(channelPosts()).toHaveLength(1);

    // Switched off: Ben finishing is not posted.
    const view = await openEditor();
    await submit(view, 'Hi', ITEMS, false);
    await h.app.idle();
    const ben = checklistDm('UBEN');
    const [benGroup] = groups(ben.blocks);
    await tick('UBEN', { messageTs: ben.ts }, benGroup?.blockId ?? '', benGroup?.values ?? []);
    expect(visibleText(checklistDm('UBEN').blocks)).toContain('6 of 6 done');
    expect(channelPosts()).toHaveLength(1);
  });

  it('splits more than ten items into groups of at most ten, each ticked on its own', async () => {
    await acme();
    await checklist(Array.from({ length: 20 }, (_, i) => `Step ${i + 1} of the setup`).join('\n'));
    await command('/punchcard', 'onboard <@UADA|ada> acme-web', 'UMGR');
    const dm = checklistDm('UADA');
    const parts = groups(dm.blocks);
    expect(parts.map((g) => g.values.length)).toEqual([10, 10]);
    await tick('UADA', { messageTs: dm.ts }, parts[1]?.blockId ?? '', parts[1]?.values.slice(0, 3) ?? []);
    await tick('UADA', { messageTs: dm.ts }, parts[0]?.blockId ?? '', parts[0]?.values.slice(0, 1) ?? []);
    expect(visibleText(checklistDm('UADA').blocks)).toContain('4 of 20 done');
    const after = groups(checklistDm('UADA').blocks);
    expect(after.map((g) => g.ticked.length)).toEqual([1, 3]);
  });

  it('editing later keeps ticks and adds new items to people still onboarding, not to those finished', async () => {
    await acme();
    await checklist('Read the handbook\nSet up your laptop');
    await command('/punchcard', 'project member add acme-web <@UADA|ada> <@UBEN|ben>', 'UMGR');
    const ada = checklistDm('UADA');
    const [adaGroup] = groups(ada.blocks);
    await tick('UADA', { messageTs: ada.ts }, adaGroup?.blockId ?? '', adaGroup?.values.slice(0, 1) ?? []);
    const ben = checklistDm('UBEN');
    const [benGroup] = groups(ben.blocks);
    await tick('UBEN', { messageTs: ben.ts }, benGroup?.blockId ?? '', benGroup?.values ?? []);

    const view = await openEditor();
    await submit(view, 'Hi', 'Read the handbook\nSet up your laptop\nPair with Dana 3d');
    await h.app.idle();
    // Ada (still onboarding) sees the new item, her tick kept; Ben (finished) keeps his two of two.
    expect(visibleText(checklistDm('UADA').blocks)).toContain('1 of 3 done');
    expect(groups(checklistDm('UADA').blocks)[0]?.values).toHaveLength(3);
    const benHome = visibleText((await openHome('UBEN')).blocks);
    expect(benHome).not.toContain('Onboarding on');
    expect(visibleText(checklistDm('UBEN').blocks)).toContain('2 of 2 done');
  });

  it('/punchcard onboard sends the checklist now, again when asked, and refuses with an example', async () => {
    await acme();
    expect((await command('/punchcard', 'onboard <@UADA|ada> acme-web', 'UMGR')).text).toContain(
      '`acme-web` has no onboarding checklist yet.',
    );
    await checklist();
    expect((await command('/punchcard', 'onboard <@UADA|ada> acme-web', 'UMGR')).text).toContain(
      'Sent the onboarding checklist to <@UADA>.',
    );
    expect((await command('/punchcard', 'onboard <@UADA|ada> acme-web', 'UMGR')).text).toContain(
      'Sent <@UADA> their checklist again',
    );
    expect((await command('/punchcard', 'project members acme-web', 'UMGR')).text).toContain(
      'Members (1): <@UADA>',
    );
    expect((await command('/punchcard', 'onboard ada acme-web', 'UMGR')).text).toContain(
      '`/punchcard onboard @alice acme-web`',
    );
    expect((await command('/punchcard', 'onboard <@UADA|ada> nope', 'UMGR')).text).toContain(
      'There is no project `nope`.',
    );
  });
});

describe("Slack's limits", () => {
  it('the largest checklist fits a DM and the Home tab, three at a time, with every text escaped once', async () => {
    await acme();
    await command('/punchcard', 'project add acme-app <#CACME|acme>', 'UMGR');
    await command('/punchcard', 'project add acme-api <#CACME|acme>', 'UMGR');
    // 20 items of 75 characters as Slack counts them (& counts 5), each with whom to ask and days:
    // the Items field's 3,000 characters leave room for links on a few.
    const line = (i: number) => `${String(i).padStart(2, '0')} ${'&'.repeat(14)}`;
    const items = Array.from({ length: 20 }, (_, i) =>
      i < 3 ? `${line(i)} https://example.test/${'p'.repeat(300)} @mina 365d` : `${line(i)} <@UBEN> 365d`,
    ).join('\n');
    expect(items.length).toBeLessThanOrEqual(3000);
    for (const key of ['acme-web', 'acme-app', 'acme-api']) {
      const sent = await h.slack.command({
        command: '/punchcard',
        text: `onboarding ${key}`,
        userId: 'UMGR',
      });
      const open = await h.fake.waitForCall('views.open', (c) => c.args.trigger_id === sent.triggerId);
      const saved = await submit(open.args.view, '<b>&</b> '.repeat(80).trim(), items);
      expect(saved.body, JSON.stringify(saved.body)).toBeFalsy();
      await h.app.idle();
      await command('/punchcard', `project member add ${key} <@UADA|ada>`, 'UMGR');
    }
    const dm = checklistDm('UADA');
    expect(groups(dm.blocks).map((g) => g.values.length)).toEqual([10, 10]);
    expect(visibleText(dm.blocks)).toContain('&lt;b&gt;&amp;&lt;/b&gt;');
    const home = await openHome('UADA');
    expect(groups(home.blocks)).toHaveLength(6);
    // Views Slack would refuse fail the test in afterEach; re-opening the editor with the saved lines too.
    const again = await openEditor();
    expect(again.blocks[2].element.initial_value.split('\n')).toHaveLength(20);
  });
});

describe('the Home tab', () => {
  it("lets a person tick items, and shows managers each person's progress", async () => {
    await acme();
    await checklist();
    await command('/punchcard', 'project member add acme-web <@UADA|ada>', 'UMGR');
    const home = await openHome('UADA');
    expect(visibleText(home.blocks)).toContain('*Onboarding on `acme-web`* · 0 of 6 done');
    const [group] = groups(home.blocks);
    await tick('UADA', { viewId: home.id }, group?.blockId ?? '', group?.values.slice(0, 2) ?? []);
    // Saved, and the DM follows.
    expect(await db.handle.db.select().from(onboardingTicks)).toHaveLength(2);
    expect(visibleText(checklistDm('UADA').blocks)).toContain('2 of 6 done');
    await h.fake.waitFor(() =>
      visibleText(h.fake.homeViews.get('UADA')?.blocks as never).includes('2 of 6 done'),
    );

    const manager = visibleText((await openHome('UMGR')).blocks);
    expect(manager).toContain('*Onboarding on your projects*');
    expect(manager).toContain('<@UADA> on `acme-web`: 2 of 6 done');
    // A contractor who manages nothing sees nobody's progress.
    expect(visibleText((await openHome('UBEN')).blocks)).not.toContain('Onboarding on your projects');
  });
});

describe('reminders and the digest', () => {
  it('reminds an item past its days once, and flags a checklist untouched for 3 workdays once, across ticks and a restart', async () => {
    await acme();
    await checklist();
    await command('/punchcard', 'project member add acme-web <@UADA|ada>', 'UMGR');
    const reminders = () => dms('UADA').filter((m) => m.text.includes('Reminder'));
    const flags = () => dms('UMGR').filter((m) => m.text.includes('has not moved'));

    await tickAt('2026-11-26T11:00:00Z');
    expect(reminders()).toHaveLength(0);
    // Thursday 12:00: "Meet the team" (1d) is due.
    await tickAt('2026-11-26T12:00:00Z');
    expect(reminders().map((m) => m.text)).toEqual([
      expect.stringContaining('*Meet the team* on your `acme-web` checklist was due within 1 day'),
    ]);
    await tickAt('2026-11-26T12:01:00Z');
    await h.restart();
    await tickAt('2026-11-26T13:00:00Z');
    expect(reminders()).toHaveLength(1);
    // Friday 12:00: "Get repo access" (2d), with whom to ask.
    await tickAt('2026-11-27T12:30:00Z');
    expect(reminders()).toHaveLength(2);
    expect(reminders()[1]?.text).toContain('Stuck? ask <@UMGR>.');

    // Touched Wednesday: Thursday, Friday and Monday are three workdays.
    await tickAt('2026-11-29T12:00:00Z');
    expect(flags()).toHaveLength(0);
    await tickAt('2026-11-30T00:30:00Z');
    expect(flags().map((m) => m.text)).toEqual([
      expect.stringContaining(
        "<@UADA>'s onboarding checklist on `acme-web` has not moved since Wed 25 Nov (0 of 6 done)",
      ),
    ]);
    await tickAt('2026-11-30T00:31:00Z');
    await h.restart();
    await tickAt('2026-11-30T09:00:00Z');
    expect(flags()).toHaveLength(1);
    expect(reminders()).toHaveLength(2);
  });

  it('does not remind an item ticked in time', async () => {
    await acme();
    await checklist('Meet the team 1d\nSet up your laptop');
    await command('/punchcard', 'project member add acme-web <@UADA|ada>', 'UMGR');
    const dm = checklistDm('UADA');
    const [group] = groups(dm.blocks);
    await tick('UADA', { messageTs: dm.ts }, group?.blockId ?? '', group?.values.slice(0, 1) ?? []);
    await tickAt('2026-11-27T12:00:00Z');
    expect(dms('UADA').filter((m) => m.text.includes('Reminder'))).toHaveLength(0);
  });

  it("shows who is still onboarding in the digest's Onboarding section", async () => {
    await acme();
    await checklist();
    await command('/punchcard', 'project member add acme-web <@UADA|ada>', 'UMGR');
    const dm = checklistDm('UADA');
    const [group] = groups(dm.blocks);
    await tick('UADA', { messageTs: dm.ts }, group?.blockId ?? '', group?.values.slice(0, 4) ?? []);
    const preview = visibleText((await command('/punchcard', 'digest preview <#CACME|acme>', 'UMGR')).blocks);
    expect(preview).toContain('*Onboarding*');
    expect(preview).toMatch(/ada on acme-web {2}`[█░]+` {2}4 of 6 done/);
  });
});
