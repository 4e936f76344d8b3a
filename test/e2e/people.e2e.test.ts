import { describe, expect, it } from 'vitest';
import { projectManagers, projectMembers, timeEntries } from '../../src/db/schema.js';
import { useE2E } from '../support/e2e.js';
import type { Harness } from '../support/harness.js';
import { visibleText } from '../support/slack-ui.js';
import type { TestDatabase } from '../support/test-db.js';

let db: TestDatabase;
let h: Harness;

// Wednesday 25 Nov 2026. UBOSS is a workspace admin; UMGR is made a manager; the rest are contractors.
const { reply: command } = useE2E(
  {
    env: { DEFAULT_TZ: 'UTC' },
    team: {
      at: '2026-11-25T12:00:00Z',
      people: { UBOSS: 'UTC', UMGR: 'UTC', UADA: 'UTC', UBEN: 'UTC', URAVI: 'UTC' },
    },
  },
  (ctx) => {
    ({ db, h } = ctx);
  },
);

const members = async () => (await db.handle.db.select().from(projectMembers)).map((r) => r.userId).sort();
const managers = async () => (await db.handle.db.select().from(projectManagers)).map((r) => r.userId).sort();

async function openHome(userId: string) {
  const before = h.fake.callsTo('views.publish').filter((c) => c.args.user_id === userId).length;
  await h.slack.event({ type: 'app_home_opened', user: userId, channel: `D${userId}`, tab: 'home' });
  const call = await h.fake.waitFor(
    () => h.fake.callsTo('views.publish').filter((c) => c.args.user_id === userId)[before],
  );
  return visibleText((call.args.view as { blocks: never[] }).blocks);
}

/** UMGR, a workspace manager, adds acme-web: they manage it. */
async function acme() {
  await command('/punchcard', 'role <@UMGR|mina> manager', 'UBOSS');
  expect(
    (await command('/punchcard', 'project add acme-web <#CACME|acme> Acme website', 'UMGR')).text,
  ).toContain('Project added');
}

describe('project membership', () => {
  it('whoever adds a project manages it and adds, lists and removes its members', async () => {
    await acme();
    expect(await managers()).toEqual(['UMGR']);
    const added = await command('/punchcard', 'project member add acme-web <@UADA|ada> <@UBEN|ben>', 'UMGR');
    expect(added.text).toContain('Added <@UADA>, <@UBEN> to `acme-web`.');
    // No checklist yet: the reply says how to set one up, and nobody is DMed.
    expect(added.text).toContain('`/punchcard onboarding acme-web`');
    expect(h.fake.messagesIn('DUADA')).toHaveLength(0);
    expect(await members()).toEqual(['UADA', 'UBEN']);

    const again = await command('/punchcard', 'project member add acme-web <@UADA|ada>', 'UMGR');
    expect(again.text).toContain('<@UADA> was already on `acme-web`.');

    // Anyone may see who is on a project.
    const list = await command('/punchcard', 'project members acme-web', 'URAVI');
    expect(list.text).toContain('Managers: <@UMGR>');
    expect(list.text).toContain('Members (2): <@UADA>, <@UBEN>');

    const removed = await command(
      '/punchcard',
      'project member remove acme-web <@UBEN|ben> <@URAVI|ravi>',
      'UMGR',
    );
    expect(removed.text).toContain('Removed <@UBEN> from `acme-web`.');
    expect(removed.text).toContain('<@URAVI> was not a member of `acme-web`.');
    expect(await members()).toEqual(['UADA']);
  });

  it('refuses a contractor, and a manager of another project, anything that changes members or managers', async () => {
    await acme();
    await command('/punchcard', 'role <@URAVI|ravi> manager', 'UBOSS');
    for (const [text, who] of [
      ['project member add acme-web <@UBEN|ben>', 'UADA'],
      ['project member remove acme-web <@UBEN|ben>', 'UADA'],
      ['project manager acme-web <@UADA|ada>', 'UADA'],
      ['project manager remove acme-web <@UMGR|mina>', 'UADA'],
      ['onboarding acme-web', 'UADA'],
      ['onboard <@UBEN|ben> acme-web', 'UADA'],
      // A workspace manager who neither added nor was named to acme-web.
      ['project member add acme-web <@UBEN|ben>', 'URAVI'],
    ] as const) {
      const reply = await command('/punchcard', text, who);
      expect(reply.text, text).toContain("Only `acme-web`'s managers and workspace admins can");
      expect(reply.text, text).toContain('`/punchcard project members acme-web`');
    }
    expect(await members()).toEqual([]);
    expect(await managers()).toEqual(['UMGR']);
    // Workspace admins manage every project.
    expect((await command('/punchcard', 'project member add acme-web <@UBEN|ben>', 'UBOSS')).text).toContain(
      'Added <@UBEN>',
    );
  });

  it('names and removes managers; a contractor named a manager may then change members', async () => {
    await acme();
    expect((await command('/punchcard', 'project manager acme-web <@UADA|ada>', 'UMGR')).text).toContain(
      '<@UADA> now manages `acme-web`',
    );
    expect((await command('/punchcard', 'project manager acme-web <@UADA|ada>', 'UMGR')).text).toContain(
      'already manages',
    );
    expect(await managers()).toEqual(['UADA', 'UMGR']);
    expect((await command('/punchcard', 'project member add acme-web <@UBEN|ben>', 'UADA')).text).toContain(
      'Added <@UBEN>',
    );
    expect(
      (await command('/punchcard', 'project manager remove acme-web <@UADA|ada>', 'UMGR')).text,
    ).toContain('<@UADA> no longer manages `acme-web`.');
    expect(await managers()).toEqual(['UMGR']);
    expect((await command('/punchcard', 'project member add acme-web <@URAVI|ravi>', 'UADA')).text).toContain(
      'Only `acme-web`',
    );
  });

  it('answers each mistake with an example and saves nothing', async () => {
    await acme();
    const cases: Array<[string, string, string]> = [
      ['project member add nope <@UADA|ada>', 'There is no project `nope`.', '`/punchcard project list`'],
      [
        'project member add',
        'Name the project key first',
        '`/punchcard project member add acme-web @alice @bob`',
      ],
      [
        'project member add acme-web',
        'Name the people with @.',
        '`/punchcard project member add acme-web @alice @bob`',
      ],
      [
        'project member add acme-web ada',
        '`ada` is not a person: mention each one with @.',
        '`/punchcard project member add acme-web',
      ],
      ['project member add acme-web <@UADA|ada> and', '`and` is not a person', '@alice @bob'],
      [
        `project member add acme-web ${Array.from({ length: 21 }, (_, i) => `<@U${String(i).padStart(4, '0')}X|p${i}>`).join(' ')}`,
        'That is 21 people: name at most 20 at a time.',
        '@alice @bob',
      ],
      ['project members nope', 'There is no project `nope`.', '`/punchcard project list`'],
      [
        'project manager acme-web <@UADA|ada> <@UBEN|ben>',
        'Name one person at a time.',
        '`/punchcard project manager acme-web @dana`',
      ],
      [
        'project member frobnicate',
        '/punchcard project member frobnicate',
        '`/punchcard project member add <key> @user…`',
      ],
    ];
    for (const [text, message, hint] of cases) {
      const reply = await command('/punchcard', text, 'UMGR');
      expect(reply.text, text).toContain(message);
      expect(reply.text, text).toContain(hint);
    }
    expect(await members()).toEqual([]);
    expect(await managers()).toEqual(['UMGR']);
  });

  it('archived projects keep their members and take no new ones', async () => {
    await acme();
    await command('/punchcard', 'project member add acme-web <@UADA|ada>', 'UMGR');
    await command('/punchcard', 'project archive acme-web', 'UMGR');
    expect((await command('/punchcard', 'project member add acme-web <@UBEN|ben>', 'UMGR')).text).toContain(
      'is archived: it keeps its members but takes no new ones',
    );
    expect((await command('/punchcard', 'project members acme-web', 'UADA')).text).toContain(
      'Members (1): <@UADA>',
    );
    expect(await openHome('UADA')).toContain('`acme-web` Acme website · member · _archived_');
  });

  it("the Home tab lists a person's projects", async () => {
    await acme();
    await command('/punchcard', 'project add beta <#CBETA|beta>', 'UBOSS');
    await command('/punchcard', 'project member add acme-web <@UADA|ada>', 'UMGR');
    await command('/punchcard', 'project member add beta <@UADA|ada>', 'UBOSS');
    const ada = await openHome('UADA');
    expect(ada).toContain('*Your projects*');
    expect(ada).toContain('`acme-web` Acme website · member');
    expect(ada).toContain('`beta` · member');
    expect(await openHome('UMGR')).toContain('`acme-web` Acme website · manager');
    expect(await openHome('UBEN')).toContain('You are not on any project yet');
  });
});

describe('/log and project membership', () => {
  it("suggests the person's own project keys when the category is no project, and still logs it", async () => {
    await acme();
    await command('/punchcard', 'project add acme-app <#CACME|acme>', 'UMGR');
    await command('/punchcard', 'project member add acme-web <@UADA|ada>', 'UMGR');
    await command('/punchcard', 'project member add acme-app <@UADA|ada>', 'UMGR');
    const reply = await command('/log', '1h acme fixing the header', 'UADA');
    expect(reply.text).toContain('Logged 1h to acme');
    expect(visibleText(reply.blocks)).toContain(
      '`acme` is not a project. Did you mean `acme-app`? (your other projects: `acme-web`) Fix it with Edit.',
    );
    // Someone on no project gets no suggestion.
    expect(visibleText((await command('/log', '1h design', 'UBEN')).blocks)).not.toContain('Did you mean');
    // Logging to one of their projects says nothing more.
    expect(visibleText((await command('/log', '1h acme-web', 'UADA')).blocks)).not.toContain('not a');
    const rows = await db.handle.db.select().from(timeEntries);
    expect(rows.map((r) => r.category).sort()).toEqual(['acme', 'acme-web', 'design']);
  });

  it('saves time on a project the person is not on, says so, and flags it to managers in the digest', async () => {
    await acme();
    await command('/punchcard', 'project member add acme-web <@UADA|ada>', 'UMGR');
    const reply = await command('/log', '2h acme-web 2026-11-18', 'UBEN');
    expect(reply.text).toContain('Logged 2h to acme-web');
    expect(visibleText(reply.blocks)).toContain(
      ":warning: You are not a member of `acme-web`: the time is saved, and the project's managers will see it flagged in their digest preview.",
    );
    await command('/log', '3h acme-web 2026-11-18', 'UADA');
    const rows = await db.handle.db.select().from(timeEntries);
    expect(rows.map((r) => r.minutes).sort()).toEqual([120, 180]);

    const preview = visibleText((await command('/punchcard', 'digest preview <#CACME|acme>', 'UMGR')).blocks);
    expect(preview).toContain('*Logged by people not on the project*');
    expect(preview).toContain(':warning: ben on acme-web: 2h, not a member');
    expect(preview).not.toContain('ada on acme-web: 3h, not a member');
  });
});
