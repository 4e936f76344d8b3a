import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createRepositories } from '../../src/db/repositories/index.js';
import {
  auditLog,
  contracts,
  deliveries,
  members,
  projectMemberRates,
  timeEntries,
} from '../../src/db/schema.js';
import { contractFor } from '../../src/services/contracts.service.js';
import { useE2E } from '../support/e2e.js';
import { type Harness, TEAM_ID } from '../support/harness.js';
import { visibleText } from '../support/slack-ui.js';
import type { TestDatabase } from '../support/test-db.js';

// biome-ignore lint/suspicious/noExplicitAny: tests read messages and views freely
type Json = any;

let db: TestDatabase;
let h: Harness;

// Monday 16 Nov 2026, 12:00 UTC. UMGR adds acme-web (so manages it); UADA is on it; URAVI is not.
const { reply: command } = useE2E(
  {
    env: { DEFAULT_TZ: 'UTC' },
    team: {
      at: '2026-11-16T12:00:00Z',
      people: { UBOSS: 'UTC', UMGR: 'UTC', UADA: 'UTC', UBEN: 'UTC', URAVI: 'UTC' },
    },
  },
  (ctx) => {
    ({ db, h } = ctx);
  },
);

const dms = (userId: string) => h.fake.messagesIn(`D${userId}`);
const tickAt = (at: string) => {
  h.clock.set(at);
  return h.app.tick(new Date(at));
};

async function acme() {
  await command('/punchcard', 'role <@UMGR|mina> manager', 'UBOSS');
  expect(
    (await command('/punchcard', 'project add acme-web <#CACME|acme> Acme website', 'UMGR')).text,
  ).toContain('Project added');
  await command('/punchcard', 'project member add acme-web <@UADA|ada>', 'UMGR');
}

/** `/punchcard contract …` as Slack sends it: the modal Slack was asked to open, or the ephemeral reply. */
async function openForm(text: string, userId = 'UMGR'): Promise<{ view: Json | null; reply: Json }> {
  const sent = await h.slack.command({ command: '/punchcard', text: `contract ${text}`, userId });
  await h.app.idle();
  const open = h.fake.callsTo('views.open').find((c) => c.args.trigger_id === sent.triggerId);
  const reply = h.fake.responsesTo(sent.responseUrl)[0]?.body ?? sent.body;
  return { view: open?.args.view ?? null, reply };
}

interface Fields {
  rate?: string | null;
  currency?: string | null;
  terms?: string | null;
  period?: string | null;
  start?: string | null;
  end?: string | null;
  reference?: string | null;
}

async function submit(view: Json, f: Fields, userId = 'UMGR', metadata?: string) {
  const text = (value: string | null | undefined) => ({
    value: { type: 'plain_text_input', value: value ?? null },
  });
  const sent = await h.slack.viewSubmission({
    userId,
    view: {
      callback_id: 'contract_modal',
      private_metadata: metadata ?? view.private_metadata,
      state: {
        values: {
          contract_rate: text(f.rate),
          contract_currency: text(f.currency),
          contract_terms: text(f.terms ?? '30'),
          contract_period: {
            value: {
              type: 'static_select',
              selected_option: f.period === null ? null : { value: f.period ?? 'monthly' },
            },
          },
          contract_start: {
            value: { type: 'datepicker', selected_date: f.start === undefined ? '2026-12-01' : f.start },
          },
          contract_end: { value: { type: 'datepicker', selected_date: f.end ?? null } },
          contract_reference: text(f.reference),
        },
      },
    },
  });
  await h.app.idle();
  return sent;
}

async function openHome(userId: string): Promise<string> {
  const before = h.fake.callsTo('views.publish').filter((c) => c.args.user_id === userId).length;
  await h.slack.event({ type: 'app_home_opened', user: userId, channel: `D${userId}`, tab: 'home' });
  const call = await h.fake.waitFor(
    () => h.fake.callsTo('views.publish').filter((c) => c.args.user_id === userId)[before],
  );
  return visibleText((call.args.view as { blocks: never[] }).blocks);
}

const TEAM = TEAM_ID;
/** What the app answered the manager after a form, on the form's response_url (or by DM). */
const answers = (view: Json) => {
  const url = JSON.parse(view.private_metadata).responseUrl;
  const dmd = h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'UMGR');
  return JSON.stringify([...h.fake.responsesTo(url).map((r) => r.body), ...dmd.map((c) => c.args)]);
};
const contractRows = () => db.handle.db.select().from(contracts).orderBy(contracts.id);

describe('/punchcard contract', () => {
  it('opens a form with the labelled fields, saves the terms and the rate in one go, and shows them on Home', async () => {
    await acme();
    await command('/punchcard', 'rate <@UADA|ada> 60 EUR', 'UBOSS');
    const { view } = await openForm('<@UADA|ada>');
    expect(view.title.text).toBe('Contract');
    expect(view.blocks.filter((b: Json) => b.type === 'input').map((b: Json) => b.label.text)).toEqual([
      'Rate',
      'Currency',
      'Payment terms (days)',
      'Invoice period',
      'Start',
      'End',
      'Reference',
    ]);
    // Prefilled with the rate in force and the defaults.
    const input = (id: string) => view.blocks.find((b: Json) => b.block_id === id).element;
    expect(input('contract_rate').initial_value).toBe('60.00');
    expect(input('contract_currency').initial_value).toBe('EUR');
    expect(input('contract_terms').initial_value).toBe('30');
    expect(input('contract_period').initial_option.value).toBe('monthly');
    expect(input('contract_start').initial_date).toBe('2026-11-16');

    const sent = await submit(view, {
      rate: '5,000',
      currency: 'jpy',
      terms: '15',
      period: 'biweekly',
      start: '2026-12-01',
      end: '2027-05-31',
      reference: 'PO-2026-114 <!channel>',
    });
    expect(sent.body).toBeFalsy();
    expect(await contractRows()).toMatchObject([
      {
        teamId: TEAM,
        userId: 'UADA',
        projectId: null,
        rateMinor: 5000,
        currency: 'JPY',
        paymentTermsDays: 15,
        invoicePeriod: 'biweekly',
        startsOn: '2026-12-01',
        endsOn: '2027-05-31',
        reference: 'PO-2026-114 <!channel>',
        createdBy: 'UMGR',
      },
    ]);
    // The rate went through the rate path: new entries snapshot it, and it is audited.
    const [ada] = (await db.handle.db.select().from(members)).filter((m) => m.userId === 'UADA');
    expect([ada?.rateMinor, ada?.currency]).toEqual([5000, 'JPY']);
    await command('/log', '1h design', 'UADA');
    expect((await db.handle.db.select().from(timeEntries)).map((e) => [e.rateMinor, e.currency])).toEqual([
      [5000, 'JPY'],
    ]);
    const audits = (await db.handle.db.select().from(auditLog).orderBy(auditLog.id))
      .filter((a) => a.action === 'rate' || a.entity === 'contract')
      .map((a) => [a.actorId, a.entity, a.action]);
    expect(audits).toEqual([
      ['UBOSS', 'member', 'rate'],
      ['UMGR', 'member', 'rate'],
      ['UMGR', 'contract', 'save'],
    ]);
    expect(answers(view)).toContain('Contract saved for <@UADA> for the workspace');

    const home = await openHome('UADA');
    expect(home).toContain('*Your contract*');
    expect(home).toContain(
      '• *Workspace*: ¥5,000/h · net 15 · invoiced every two weeks · Tue 1 Dec 2026 – Mon 31 May 2027 · ref PO-2026-114 &lt;!channel&gt;',
    );

    // Opened again, the form shows the contract as saved.
    const again = (await openForm('<@UADA|ada>')).view;
    const field = (id: string) => again.blocks.find((b: Json) => b.block_id === id).element;
    expect(field('contract_rate').initial_value).toBe('5000');
    expect(field('contract_terms').initial_value).toBe('15');
    expect(field('contract_period').initial_option.value).toBe('biweekly');
    expect(field('contract_end').initial_date).toBe('2027-05-31');
    expect(field('contract_reference').initial_value).toBe('PO-2026-114 <!channel>');
    // Saved again: the one workspace contract is replaced (a null project is one key), the rate kept.
    await submit(again, {
      rate: '5000',
      currency: 'JPY',
      terms: '30',
      period: 'monthly',
      start: '2026-12-01',
    });
    expect(await contractRows()).toMatchObject([
      {
        userId: 'UADA',
        projectId: null,
        rateMinor: 5000,
        paymentTermsDays: 30,
        invoicePeriod: 'monthly',
        endsOn: null,
        reference: null,
      },
    ]);
    expect((await db.handle.db.select().from(auditLog)).filter((a) => a.action === 'rate')).toHaveLength(2);
  });

  it('shows each mistake under its field with an example, and saves nothing', async () => {
    await acme();
    const { view } = await openForm('<@UADA|ada>');
    const sent = await submit(view, {
      rate: '5000.5',
      currency: 'JPY',
      terms: '400',
      period: null,
      start: '2026-12-01',
      end: '2026-11-01',
      reference: 'x'.repeat(201),
    });
    expect(sent.body).toEqual({
      response_action: 'errors',
      errors: {
        contract_rate: 'JPY has no decimals: give the rate as a whole number, like `5000`.',
        contract_terms: 'Give the days an invoice has to be paid in, from 0 to 365, like `30` for net 30.',
        contract_period: 'Pick how often to invoice, like Monthly.',
        contract_end: "The end can't be before the start (Tue 1 Dec 2026).",
        contract_reference: 'Keep the reference to 200 characters, like `PO-2026-114`.',
      },
    });
    const currency = await submit(view, { rate: '85', currency: 'dollars' });
    expect(currency.body.errors).toEqual({
      contract_currency: 'Use a three-letter ISO currency code, like `USD`, `EUR` or `JPY`.',
    });
    const noCurrency = await submit(view, { rate: '85.123' });
    expect(noCurrency.body.errors).toEqual({
      contract_currency: 'Add the currency of the rate, like `USD`.',
    });
    expect(await contractRows()).toEqual([]);
    expect((await db.handle.db.select().from(auditLog)).filter((a) => a.entity === 'contract')).toEqual([]);
    // A form whose metadata was changed on the way is refused as out of date.
    const forged = await submit(view, { rate: '85', currency: 'USD' }, 'UMGR', '{"personId":"nobody"}');
    expect(forged.body.response_action).toBe('errors');
    expect(JSON.stringify(forged.body)).toContain('out of date');
    expect(await contractRows()).toEqual([]);
  });

  it('keeps a contract per project beside the workspace one; contractFor picks the most specific, else monthly net 30', async () => {
    await acme();
    const project = (await openForm('<@UADA|ada> acme-web')).view;
    expect(visibleText(project.blocks)).toContain('on `acme-web`');
    await submit(project, {
      rate: '90',
      currency: 'USD',
      terms: '45',
      period: 'milestone',
      reference: 'ACME-7',
    });
    const rates = await db.handle.db.select().from(projectMemberRates);
    expect(rates.map((r) => [r.userId, r.rateMinor, r.currency])).toEqual([['UADA', 9000, 'USD']]);
    const workspace = (await openForm('<@UADA|ada>')).view;
    await submit(workspace, { terms: '30', period: 'weekly' });
    const [ada] = (await db.handle.db.select().from(members)).filter((m) => m.userId === 'UADA');
    expect(ada?.rateMinor).toBeNull();
    const rows = await contractRows();
    expect(rows.map((c) => [c.projectId, c.rateMinor, c.paymentTermsDays, c.invoicePeriod])).toEqual([
      [rows[0]?.projectId, 9000, 45, 'milestone'],
      [null, null, 30, 'weekly'],
    ]);
    const store = createRepositories({ db: db.handle.db });
    const terms = (userId: string, projectId: number | null) =>
      contractFor(store.contracts, TEAM, userId, projectId);
    expect(await terms('UADA', rows[0]?.projectId ?? -1)).toEqual({
      paymentTermsDays: 45,
      invoicePeriod: 'milestone',
      startsOn: '2026-12-01',
      endsOn: null,
      reference: 'ACME-7',
    });
    expect((await terms('UADA', null)).invoicePeriod).toBe('weekly');
    expect((await terms('UADA', 999)).invoicePeriod).toBe('weekly');
    expect(await terms('UBEN', null)).toEqual({
      paymentTermsDays: 30,
      invoicePeriod: 'monthly',
      startsOn: null,
      endsOn: null,
      reference: null,
    });
    // Their data export holds both.
    const held = await store.personData.records(TEAM, 'UADA');
    expect(held?.contracts.map((c) => [c.projectKey, c.invoicePeriod, c.reference])).toEqual([
      [null, 'weekly', null],
      ['acme-web', 'milestone', 'ACME-7'],
    ]);
    const home = await openHome('UADA');
    expect(home).toContain('• *Workspace*: net 30 · invoiced weekly · from Tue 1 Dec 2026');
    expect(home).toContain(
      '• *`acme-web`*: $90.00/h · net 45 · invoiced per milestone · from Tue 1 Dec 2026 · ref ACME-7',
    );
  });

  it.each([
    [
      '<@UADA|ada>',
      'UADA',
      "Contracts are set by managers and admins. Your own contract's terms are on your Home tab.",
    ],
    [
      '<@URAVI|ravi>',
      'UMGR',
      'Only workspace admins and the managers of a project <@URAVI> is on can set their contract.',
    ],
    ['', 'UMGR', 'Name whose contract it is, with @.'],
    ['ada', 'UMGR', "I don't know `ada`: name one person in this workspace with @."],
    ['<@UADA|ada> nope', 'UMGR', 'There is no project `nope`.'],
  ])('refuses `/punchcard contract %s` by %s with a friendly reply', async (text, userId, says) => {
    await acme();
    const { view, reply } = await openForm(text, userId);
    expect(view).toBeNull();
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain(says);
  });

  it('an admin may set anyone’s contract; a manager loses the right when the person leaves their project', async () => {
    await acme();
    expect((await openForm('<@URAVI|ravi>', 'UBOSS')).view).not.toBeNull();
    const { view } = await openForm('<@UADA|ada>');
    await command('/punchcard', 'project member remove acme-web <@UADA|ada>', 'UMGR');
    await submit(view, { terms: '30' });
    expect(await contractRows()).toEqual([]);
    expect(answers(view)).toContain('Only workspace admins and the managers of a project <@UADA> is on');
  });
});

describe('contracts at their limits', () => {
  it('draws the form and Home with the longest references and more contracts than Home lists', async () => {
    await acme();
    const longest = '&'.repeat(40); // 200 as Slack counts
    const { view } = await openForm('<@UADA|ada>', 'UBOSS');
    expect(
      (await submit(view, { rate: '2,147,483.647', currency: 'BHD', reference: longest }, 'UBOSS')).body,
    ).toBeFalsy();
    expect(
      (await submit(view, { rate: '1', currency: 'USD', reference: `${longest}&` }, 'UBOSS')).body.errors,
    ).toEqual({
      contract_reference: 'Keep the reference to 200 characters, like `PO-2026-114`.',
    });
    for (let i = 0; i < 22; i++) {
      await db.handle.db.execute(
        sql.raw(
          `insert into projects (team_id, key, created_by) values ('${TEAM}', 'project-number-${i}', 'UBOSS')`,
        ),
      );
      await db.handle.db.execute(
        sql.raw(`insert into contracts (team_id, user_id, project_id, rate_minor, currency, starts_on, ends_on, reference)
          select '${TEAM}', 'UADA', id, 2147483647, 'CLF', '2026-12-01', '2027-12-31', '${'<'.repeat(50)}'
          from projects where key = 'project-number-${i}'`),
      );
    }
    const again = (await openForm('<@UADA|ada>', 'UBOSS')).view;
    expect(again.blocks.find((b: Json) => b.block_id === 'contract_reference').element.initial_value).toBe(
      longest,
    );
    expect(again.blocks.find((b: Json) => b.block_id === 'contract_rate').element.initial_value).toBe(
      '2147483.647',
    );
    const home = await openHome('UADA');
    expect(home).toContain('BHD\u00a02,147,483.647/h');
    expect(home).toContain('…and 3 more');
  });
});

describe('contract ending alert', () => {
  it('DMs each manager of the project once, 14 days before the end at 09:00, across ticks and a restart', async () => {
    await acme();
    const { view } = await openForm('<@UADA|ada> acme-web');
    await submit(view, { start: '2026-11-16', end: '2026-12-31', reference: 'PO-9' });
    const alerts = () => dms('UMGR').filter((m) => m.text.includes('contract'));
    expect(await tickAt('2026-12-17T08:59:00Z')).toEqual([]);
    // Two ticks at once (two replicas): one claims the send, the other finds it claimed.
    const at = new Date('2026-12-17T09:00:00Z');
    h.clock.set(at.toISOString());
    const [first, second] = await Promise.all([h.app.tick(at), h.app.tick(at)]);
    expect([...first, ...second]).toMatchObject([
      { kind: 'contract_ending', result: 'sent', memberId: 'UMGR' },
    ]);
    expect(await tickAt('2026-12-17T09:01:00Z')).toEqual([]);
    await h.restart();
    expect(await tickAt('2026-12-18T09:00:00Z')).toEqual([]);
    expect(alerts()).toHaveLength(1);
    expect(visibleText(alerts()[0]?.blocks as never)).toContain(
      "<@UADA>'s contract on `acme-web` (ref PO-9) ends on Thu 31 Dec 2026, in 14 days.",
    );
    // The person themself and admins of the workspace are not told of a project's contract.
    expect(dms('UADA').filter((m) => m.text.includes('contract'))).toHaveLength(0);
    expect(dms('UBOSS').filter((m) => m.text.includes('contract'))).toHaveLength(0);
    expect(
      (await db.handle.db.select().from(deliveries)).filter((d) => d.kind === 'contract_ending'),
    ).toMatchObject([{ memberId: 'UMGR', localDate: '2026-12-17', status: 'sent' }]);
    // Extended: a new end date alerts again, once, two weeks before it.
    const extended = (await openForm('<@UADA|ada> acme-web')).view;
    await submit(extended, { start: '2026-11-16', end: '2027-01-31' });
    await tickAt('2027-01-16T09:00:00Z');
    await tickAt('2027-01-17T09:00:00Z');
    await tickAt('2027-01-17T09:01:00Z');
    expect(alerts()).toHaveLength(2);
  });

  it('tells the workspace’s managers and admins of a workspace contract, at once when saved inside the two weeks', async () => {
    await acme();
    h.clock.set('2026-11-20T10:00:00Z');
    const { view } = await openForm('<@UADA|ada>');
    await submit(view, { start: '2026-11-01', end: '2026-11-27' });
    const outcomes = await tickAt('2026-11-20T10:01:00Z');
    expect(outcomes.map((o) => [o.kind, (o as { memberId?: string }).memberId, o.result]).sort()).toEqual([
      ['contract_ending', 'UBOSS', 'sent'],
      ['contract_ending', 'UMGR', 'sent'],
    ]);
    expect(visibleText(dms('UBOSS').at(-1)?.blocks as never)).toContain(
      "<@UADA>'s contract for the workspace ends on Fri 27 Nov 2026, in 7 days.",
    );
    expect(await tickAt('2026-11-20T10:02:00Z')).toEqual([]);
    // After its end nothing more is sent.
    await tickAt('2026-11-28T10:00:00Z');
    expect(dms('UMGR').filter((m) => m.text.includes('contract'))).toHaveLength(1);
  });
});
