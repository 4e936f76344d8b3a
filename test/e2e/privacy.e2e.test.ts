import { parse } from 'csv-parse/sync';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createRepositories } from '../../src/db/repositories/index.js';
import {
  auditLog,
  checkinResponses,
  checkins,
  feedback,
  feedbackReplies,
  kudos,
  members,
  onboardingItems,
  onboardings,
  onboardingTicks,
  projectMembers,
  projects,
} from '../../src/db/schema.js';
import { createMemberService } from '../../src/services/members.service.js';
import { systemClock } from '../../src/services/ports.js';
import { createPrivacyService } from '../../src/services/privacy.service.js';
import { useE2E } from '../support/e2e.js';
import { type Harness, TEAM_ID } from '../support/harness.js';
import { button, visibleText } from '../support/slack-ui.js';
import type { TestDatabase } from '../support/test-db.js';

let db: TestDatabase;
let h: Harness;

// Wednesday 25 Nov 2026. Ada here has a name that appears nowhere else, so a search for it means something.
const ZELDA = { tz: 'UTC', name: 'zelda', display_name: 'Zelda Quartermain' };
const { command, reply } = useE2E(
  {
    team: {
      at: '2026-11-25T12:00:00Z',
      people: { UBOSS: 'UTC', UADA: ZELDA, UBEN: 'UTC', UMGR: 'UTC' },
    },
  },
  (ctx) => {
    ({ db, h } = ctx);
  },
);

/** A week of Punchcard: projects, rates, roles, entries, a check-in with answers, time off, a milestone. */
async function seed() {
  await reply('/punchcard', 'project add acme-web <#CACME|acme> Acme', 'UBOSS');
  await reply('/punchcard', 'project rate acme-web 85 USD', 'UBOSS');
  await reply('/punchcard', 'rate <@UADA|zelda> 60 EUR acme-web', 'UBOSS');
  await reply('/punchcard', 'role <@UMGR|mina> manager', 'UBOSS');
  expect((await reply('/log', '2h acme-web Zelda Quartermain fixed the cart mon', 'UADA')).text).toContain(
    '2h',
  );
  await reply('/log', '45m acme-web paired with <@UADA|zelda> on the cart mon', 'UBEN');
  await reply('/milestone', 'add acme-web 2026-12-15 Launch with <@UADA|zelda> <@UADA|zelda>', 'UBOSS');
  await reply('/standup', 'create <#CTEAM|team> 09:30 mon-fri <@UADA|zelda> <@UBEN|ben>', 'UBOSS');
  await reply('/standup', 'off 2026-12-24 2026-12-31', 'UADA');
  const [checkin] = await db.handle.db.select().from(checkins);
  await db.handle.db.insert(checkinResponses).values({
    teamId: TEAM_ID,
    checkinId: checkin?.id ?? 0,
    userId: 'UADA',
    localDate: '2026-11-24',
    status: 'submitted',
    questions: ['Done?', 'Next?', 'Blockers?'],
    answers: ['Zelda Quartermain shipped checkout', 'tests', 'none'],
    dmChannelId: 'DUADA',
    submittedAt: new Date('2026-11-24T09:40:00Z'),
  });
}

/** Zelda on a project, thanked and thanking, given feedback and giving it (the tables people-on-projects added). */
async function seedPeople() {
  expect((await reply('/punchcard', 'project member add acme-web <@UADA|zelda>', 'UBOSS')).text).toContain(
    'acme-web',
  );
  await reply('/kudos', '<@UADA|zelda> for untangling the cart', 'UBEN');
  await reply('/kudos', '<@UBEN|ben> from Zelda Quartermain: thanks for pairing', 'UADA');
  expect(await db.handle.db.select().from(kudos)).toHaveLength(2);
  const [received] = await db.handle.db
    .insert(feedback)
    .values([
      {
        teamId: TEAM_ID,
        managerId: 'UBOSS',
        personId: 'UADA',
        wentWell: 'Zelda Quartermain shipped',
        toImprove: 'none',
      },
      {
        teamId: TEAM_ID,
        managerId: 'UADA',
        personId: 'UBEN',
        wentWell: 'Zelda Quartermain says: great',
        toImprove: 'tests',
      },
    ])
    .returning();
  await db.handle.db.insert(feedbackReplies).values({
    teamId: TEAM_ID,
    feedbackId: received?.id ?? 0,
    userId: 'UADA',
    text: 'Thanks, Zelda Quartermain',
    ts: '1.1',
  });
}

/** The service `npm run cli -- person erase` runs, on this file's database. */
function privacy() {
  const repos = createRepositories({ db: db.handle.db });
  const refuse = async (): Promise<never> => {
    throw new Error('no Slack here');
  };
  const membersService = createMemberService({
    repos,
    adminUserIds: [],
    directory: { getProfile: refuse, listProfiles: refuse },
  });
  return createPrivacyService({ repos, members: membersService, clock: systemClock, adminUserIds: [] });
}

/** Every text, varchar, jsonb and array column of every table, and the rows where `needle` occurs. */
async function findEverywhere(needles: string[]): Promise<string[]> {
  const cols = (await db.handle.db.execute(sql`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema()
      and data_type in ('text', 'character varying', 'jsonb', 'json', 'ARRAY', 'character')`)) as unknown as {
    rows: Array<{ table_name: string; column_name: string }>;
  };
  expect(cols.rows.length).toBeGreaterThan(50);
  const found: string[] = [];
  for (const { table_name, column_name } of cols.rows) {
    for (const needle of needles) {
      const hits = (await db.handle.db.execute(
        sql`select count(*)::int as n from ${sql.identifier(table_name)}
            where strpos(lower(${sql.identifier(column_name)}::text), lower(${needle})) > 0`,
      )) as unknown as { rows: Array<{ n: number }> };
      if (Number(hits.rows[0]?.n) > 0) found.push(`${table_name}.${column_name} holds ${needle}`);
    }
  }
  return found;
}

describe('/punchcard my-data', () => {
  it("uploads the person's own data as JSON and their entries as CSV to their DM, and nobody else's", async () => {
    await seed();
    const { reply: sent, body } = await command('/punchcard', 'my-data', 'UADA');
    // Acked at once and empty: the files are made and uploaded after the ack.
    expect(body).toBe('');
    expect(sent.text).toBe(
      'Sent your data to your DM as punchcard-my-data-2026-11-25.json and punchcard-my-entries-2026-11-25.csv. An admin can erase it on request (see SECURITY.md).',
    );
    const [json, csv] = h.fake.uploadedFiles;
    expect(json?.channels).toEqual(['DUADA']);
    expect(csv?.channels).toEqual(['DUADA']);
    expect(json?.initial_comment).toContain(
      'Everything Punchcard holds about you: 1 time entry, 1 check-in answer',
    );
    const doc = JSON.parse(json?.content.toString('utf8') ?? '');
    expect(doc).toMatchObject({
      format: 'punchcard.person-export/1',
      workspace: TEAM_ID,
      profile: { userId: 'UADA', displayName: 'Zelda Quartermain', tz: 'UTC' },
      roles: { granted: 'contractor', effective: 'contractor', workspaceAdmin: false },
      rates: { own: null, onProjects: [{ projectKey: 'acme-web', rateMinor: 6000, currency: 'EUR' }] },
      checkins: [{ channelId: 'CTEAM' }],
      checkinAnswers: [
        { localDate: '2026-11-24', answers: ['Zelda Quartermain shipped checkout', 'tests', 'none'] },
      ],
      timeOff: [{ fromDate: '2026-12-24', toDate: '2026-12-31' }],
      milestones: [{ projectKey: 'acme-web', dueDate: '2026-12-15' }],
    });
    expect(doc.entries).toHaveLength(1);
    expect(doc.entries[0]).toMatchObject({
      workDate: '2026-11-23',
      minutes: 120,
      projectKey: 'acme-web',
      note: 'Zelda Quartermain fixed the cart',
      rateMinor: 6000,
      currency: 'EUR',
      deletedAt: null,
    });
    expect(doc.audit).toEqual([
      expect.objectContaining({ actorId: 'UBOSS', subjectUserId: 'UADA', entity: 'project_member_rate' }),
    ]);
    // Ben's entry is not Zelda's data.
    expect(json?.content.toString('utf8')).not.toContain('paired with');
    const rows = parse(csv?.content.toString('utf8') ?? '') as string[][];
    expect(rows).toEqual([
      [
        'date',
        'member',
        'project',
        'category',
        'minutes',
        'hours',
        'billable',
        'rate',
        'amount',
        'currency',
        'note',
        'invoice',
      ],
      [
        '2026-11-23',
        'Zelda Quartermain',
        'acme-web',
        'acme-web',
        '120',
        '2.00',
        'yes',
        '60.00',
        '120.00',
        'EUR',
        'Zelda Quartermain fixed the cart',
        '',
      ],
    ]);
  });

  it('holds their projects, onboarding checklist, kudos and feedback, given and received', async () => {
    await seed();
    await seedPeople();
    // Zelda's checklist on acme-web: two items, the first ticked.
    const [project] = await db.handle.db.select().from(projects);
    const projectId = project?.id ?? 0;
    const items = await db.handle.db
      .insert(onboardingItems)
      .values([
        {
          teamId: TEAM_ID,
          projectId,
          position: 0,
          text: 'Get repo access',
          link: 'https://example.com/repo',
        },
        { teamId: TEAM_ID, projectId, position: 1, text: 'Read the style guide' },
      ])
      .returning();
    const at = new Date('2026-11-24T10:00:00Z');
    const [started] = await db.handle.db
      .insert(onboardings)
      .values({ teamId: TEAM_ID, projectId, userId: 'UADA', startedAt: at, touchedAt: at })
      .returning();
    await db.handle.db
      .insert(onboardingTicks)
      .values({ onboardingId: started?.id ?? 0, itemId: items[0]?.id ?? 0, tickedAt: at });

    await reply('/punchcard', 'my-data', 'UADA');
    const json = h.fake.uploadedFiles[0]?.content.toString('utf8') ?? '';
    const doc = JSON.parse(json);
    expect(doc.projects).toEqual([
      { projectKey: 'acme-web', member: true, manager: false, since: expect.any(String) },
    ]);
    expect(doc.onboarding).toEqual([
      {
        projectKey: 'acme-web',
        startedAt: '2026-11-24T10:00:00.000Z',
        completedAt: null,
        items: [
          {
            text: 'Get repo access',
            link: 'https://example.com/repo',
            ticked: true,
            tickedAt: '2026-11-24T10:00:00.000Z',
          },
          { text: 'Read the style guide', link: null, ticked: false, tickedAt: null },
        ],
      },
    ]);
    expect(doc.kudos).toMatchObject({
      received: [
        { giverId: 'UBEN', channelId: expect.any(String), text: expect.stringContaining('untangling') },
      ],
      given: [{ recipientId: 'UBEN', text: expect.stringContaining('thanks for pairing') }],
    });
    expect(doc.feedback).toMatchObject({
      received: [{ managerId: 'UBOSS', personId: 'UADA', wentWell: 'Zelda Quartermain shipped' }],
      given: [{ managerId: 'UADA', personId: 'UBEN', wentWell: 'Zelda Quartermain says: great' }],
      replies: [{ text: 'Thanks, Zelda Quartermain' }],
    });
    expect(h.fake.uploadedFiles[0]?.initial_comment).toContain('onboarding checklists, kudos and feedback');
    // Ben's side of it is his: his my-data holds the kudos he gave Zelda, not her checklist.
    await reply('/punchcard', 'my-data', 'UBEN');
    const bens = JSON.parse(h.fake.uploadedFiles[2]?.content.toString('utf8') ?? '');
    expect(bens.onboarding).toEqual([]);
    expect(bens.projects).toEqual([]);
    expect(bens.kudos.given).toMatchObject([{ recipientId: 'UADA' }]);
  });

  it('works for someone Punchcard meets for the first time: a profile and nothing else', async () => {
    const sent = await reply('/punchcard', 'my-data', 'UBEN');
    expect(sent.text).toContain('Sent your data to your DM');
    const doc = JSON.parse(h.fake.uploadedFiles[0]?.content.toString('utf8') ?? '');
    expect(doc.profile.userId).toBe('UBEN');
    expect(doc.entries).toEqual([]);
    expect(parse(h.fake.uploadedFiles[1]?.content.toString('utf8') ?? '')).toHaveLength(1);
  });
});

describe('/punchcard audit', () => {
  it('refuses contractors and managers, and shows them nothing', async () => {
    await seed();
    for (const who of ['UADA', 'UMGR']) {
      const refused = await reply('/punchcard', 'audit', who);
      expect(refused.text).toContain('Only Punchcard admins can read the audit.');
      expect(visibleText(refused.blocks)).not.toContain('UADA');
    }
  });

  it('lists who changed what for an admin, newest first, about one person when named', async () => {
    await seed();
    const [entry] = await db.handle.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entity, 'project_member_rate'));
    expect(entry).toBeDefined();
    const all = await reply('/punchcard', 'audit', 'UBOSS');
    const lines = all.blocks.map((b: { text?: { text: string } }) => b.text?.text ?? '');
    expect(lines[0]).toBe('*Audit · everyone · all time · newest first*');
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(
        /^\*\d{1,2} \w{3} \d{4} \d\d:\d\d\* · <@UBOSS> changed the role of <@UMGR>: contractor → manager$/,
      ),
      expect.stringMatching(/· <@UBOSS> set the rate of <@UADA> on `acme-web`: none → €60\.00\/h$/),
      expect.stringMatching(
        /· <@UBOSS> set the rate of project `acme-web`: no rate or budget → rate \$85\.00\/h$/,
      ),
      expect.stringMatching(/· <@UBOSS> added project `acme-web`$/),
    ]);
    const ada = await reply('/punchcard', 'audit <@UADA|zelda>', 'UBOSS');
    expect(visibleText(ada.blocks)).toContain('Audit · <@UADA> · all time');
    expect(ada.blocks).toHaveLength(2);
    const lastWeek = await reply('/punchcard', 'audit last week', 'UBOSS');
    expect(lastWeek.text).toBe('No audit records for everyone in last week (16–22 Nov 2026).');
    const bad = await reply('/punchcard', 'audit someday', 'UBOSS');
    expect(bad.text).toContain("I don't know the period `someday`");
    expect(visibleText(bad.blocks)).toContain('/punchcard audit @alice last month');
  });

  it('pages with a More button whose value is checked, and More is for admins only', async () => {
    for (let i = 0; i < 10; i++) {
      await reply('/punchcard', `role <@UBEN|ben> ${i % 2 === 0 ? 'manager' : 'contractor'}`, 'UBOSS');
    }
    await reply('/punchcard', 'rate <@UBEN|ben> 50 EUR', 'UBOSS');
    for (let i = 0; i < 6; i++) await reply('/punchcard', `rate <@UBEN|ben> ${51 + i} EUR`, 'UBOSS');
    const first = await reply('/punchcard', 'audit <@UBEN|ben>', 'UBOSS');
    // A title, 15 records, and More.
    expect(first.blocks).toHaveLength(17);
    expect(first.blocks[1].text.text).toContain('set the rate of <@UBEN>: €55.00/h → €56.00/h');
    const more = button(first.blocks, 'audit_more', 'More');
    const click = await h.slack.action({ userId: 'UBOSS', actionId: 'audit_more', value: more.value });
    const second = await h.fake.waitForResponse(click.responseUrl as string);
    expect(second.replace_original).toBe(false);
    expect(second.blocks[0].text.text).toBe('*Audit · <@UBEN> · all time (older) · newest first*');
    expect(second.blocks.slice(1).map((b: { text: { text: string } }) => b.text.text)).toEqual([
      expect.stringContaining('changed the role of <@UBEN>: manager → contractor'),
      expect.stringContaining('changed the role of <@UBEN>: contractor → manager'),
    ]);
    expect(second.blocks.some((b: { type: string }) => b.type === 'actions')).toBe(false);

    const forged = await h.slack.action({
      userId: 'UBOSS',
      actionId: 'audit_more',
      value: '{"u":"<!channel>","b":1}',
    });
    expect((await h.fake.waitForResponse(forged.responseUrl as string)).text).toContain(
      'That button is out of date.',
    );
    const contractor = await h.slack.action({ userId: 'UADA', actionId: 'audit_more', value: more.value });
    expect((await h.fake.waitForResponse(contractor.responseUrl as string)).text).toContain(
      'Only Punchcard admins can read the audit.',
    );
  });
});

describe('erasure', () => {
  it('leaves nothing of the person in any text column, keeps their hours under a pseudonym, and audits it', async () => {
    await seed();
    await seedPeople();
    // Someone else's data stays as it was.
    expect(await findEverywhere(['paired with'])).not.toEqual([]);
    const done = await privacy().erase({ teamId: TEAM_ID, userId: 'UADA', actorId: 'cli:ops' });
    expect(done).toEqual({ ok: true, value: { pseudonymId: 'ERASED1', pseudonymName: 'former member 1' } });
    expect(await findEverywhere(['UADA', 'zelda', 'Quartermain'])).toEqual([]);

    const [pseudonym] = await db.handle.db
      .select()
      .from(members)
      .where(and(eq(members.teamId, TEAM_ID), eq(members.userId, 'ERASED1')));
    expect(pseudonym).toMatchObject({ displayName: 'former member 1', rateMinor: null, deleted: true });
    // Off the project; the feedback they received is gone; what they wrote for others is cleared.
    expect(await db.handle.db.select().from(projectMembers)).toEqual([]);
    expect(
      (await db.handle.db.select().from(feedback)).map((f) => [f.managerId, f.personId, f.wentWell]),
    ).toEqual([['ERASED1', 'UBEN', '']]);
    expect(await db.handle.db.select().from(feedbackReplies)).toEqual([]);
    expect(
      (await db.handle.db.select().from(kudos)).map((k) => [k.giverId, k.recipientId, k.text]).sort(),
    ).toEqual([
      ['ERASED1', 'UBEN', ''],
      ['UBEN', 'ERASED1', 'for untangling the cart'],
    ]);
    const [erasure] = await db.handle.db.select().from(auditLog).where(eq(auditLog.action, 'erase'));
    expect(erasure).toMatchObject({ actorId: 'cli:ops', subjectUserId: 'ERASED1', before: null });

    // Team reports keep the hours, under the pseudonym, and never ask Slack about it.
    const usersInfo = h.fake.callsTo('users.info').length;
    await reply('/timesheet', 'export this week all', 'UBOSS');
    const rows = parse(h.fake.uploadedFiles.at(-1)?.content.toString('utf8') ?? '') as string[][];
    expect(rows.map((r) => [r[1], r[4], r[8], r[10]])).toEqual([
      ['member', 'minutes', 'amount', 'note'],
      ['ben', '45', '63.75', 'paired with <@ERASED1> on the cart'],
      ['former member 1', '120', '120.00', ''],
    ]);
    const digest = await reply('/punchcard', 'digest preview <#CACME|acme>', 'UBOSS');
    expect(JSON.stringify(digest)).not.toContain('UADA');
    const audit = await reply('/punchcard', 'audit', 'UBOSS');
    expect(audit.blocks[1].text.text).toMatch(
      /· `cli:ops` erased a person at their request; their time entries are kept as `ERASED1`$/,
    );
    expect(h.fake.callsTo('users.info').length).toBe(usersInfo);

    // The erased Slack id finds nothing: writing again, they are someone new.
    const fresh = await reply('/timesheet', '', 'UADA');
    expect(visibleText(fresh.blocks)).toContain('No time logged in this range yet.');
    expect(h.fake.callsTo('users.info').map((c) => c.args.user)).toContain('UADA');
    const second = await privacy().erase({ teamId: TEAM_ID, userId: 'UADA', actorId: 'cli:ops' });
    expect(second).toEqual({ ok: true, value: { pseudonymId: 'ERASED2', pseudonymName: 'former member 2' } });
  });
});
