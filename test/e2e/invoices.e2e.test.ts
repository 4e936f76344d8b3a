import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  auditLog,
  deliveries,
  invoiceLines,
  invoices,
  milestones,
  timeEntries,
} from '../../src/db/schema.js';
import { useE2E } from '../support/e2e.js';
import type { Harness } from '../support/harness.js';
import { pdfText } from '../support/pdf.js';
import { visibleText } from '../support/slack-ui.js';
import { type TestDatabase, usingPostgres } from '../support/test-db.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

// biome-ignore lint/suspicious/noExplicitAny: tests read messages and views freely
type Json = any;

let db: TestDatabase;
let h: Harness;

// Wednesday 2 Dec 2026: November is the last complete month. UBOSS is an admin; UMGR manages acme-web,
// which UADA and UBEN work on at 85 USD an hour; URAVI is on nothing.
const { reply: command } = useE2E(
  {
    env: { DEFAULT_TZ: 'UTC' },
    team: {
      at: '2026-12-02T12:00:00Z',
      people: { UBOSS: 'UTC', UMGR: 'UTC', UADA: 'UTC', UBEN: 'UTC', URAVI: 'UTC' },
    },
  },
  (ctx) => {
    ({ db, h } = ctx);
  },
);

const d = () => db.handle.db;
const dms = (userId: string) => h.fake.messagesIn(`D${userId}`);

async function acme() {
  await command('/punchcard', 'role <@UMGR|mina> manager', 'UBOSS');
  await command('/punchcard', 'project add acme-web <#CACME|acme> Acme website', 'UMGR');
  await command('/punchcard', 'project rate acme-web 85 USD', 'UMGR');
  await command('/punchcard', 'project member add acme-web <@UADA|ada> <@UBEN|ben>', 'UMGR');
}

/** Logs time as Slack sends `/log`; the reply must say it was logged. */
async function log(text: string, userId = 'UADA') {
  const reply = await command('/log', text, userId);
  expect(reply.text, text).toContain('Logged');
  return reply;
}

/** `/invoice …`: the draft modal Slack was asked to open, or the ephemeral reply. */
async function invoice(text: string, userId = 'UADA'): Promise<{ view: Json | null; reply: Json }> {
  const sent = await h.slack.command({ command: '/invoice', text, userId });
  await h.app.idle();
  const open = h.fake.callsTo('views.open').find((c) => c.args.trigger_id === sent.triggerId);
  const reply = h.fake.responsesTo(sent.responseUrl)[0]?.body ?? sent.body;
  return { view: open ? h.fake.findView('invoice_modal') : null, reply };
}

function expenseState(generation: number, description: string, amount: string) {
  return {
    [`expense_description_${generation}`]: { value: { type: 'plain_text_input', value: description } },
    [`expense_amount_${generation}`]: { value: { type: 'plain_text_input', value: amount } },
  };
}

async function submit(
  view: Json,
  userId = 'UADA',
  typed: { description: string; amount: string } | null = null,
) {
  const generation = JSON.parse(view.private_metadata).generation as number;
  const sent = await h.slack.viewSubmission({
    userId,
    view: {
      id: view.id,
      callback_id: 'invoice_modal',
      private_metadata: view.private_metadata,
      state: { values: typed ? expenseState(generation, typed.description, typed.amount) : {} },
    },
  });
  await h.app.idle();
  return sent;
}

const stored = () => d().select().from(invoices).orderBy(asc(invoices.id));
/** Approval requests in a person's DMs (`:receipt:`), as asked or as redrawn once decided. */
const approvalRequests = (userId: string): Json[] =>
  dms(userId).filter((m) => JSON.stringify(m.blocks ?? []).includes(':receipt:'));
const approvalRequest = (userId: string): Json => approvalRequests(userId)[0];
const pdfsIn = (userId: string) =>
  h.fake.uploadedFiles.filter((f) => f.channels.includes(`D${userId}`) && f.filename.endsWith('.pdf'));

describe('/invoice: from logged time to a paid invoice', () => {
  it('drafts last month, submits it numbered with a PDF, locks its entries, and gets approved and paid', async () => {
    await acme();
    await log('3h acme-web login page 2026-11-10');
    await log('2h30m acme-web review 2026-11-24');
    await log('1h design 2026-11-24'); // no rate: left out, and said so
    await log('2h acme-web next month already 2026-12-01');

    const { view } = await invoice('');
    expect(view).not.toBeNull();
    const text = visibleText(view.blocks);
    expect(text).toContain('Invoice for 1–30 Nov 2026');
    expect(text).toContain('Payment terms: net 30');
    expect(text).toContain('*acme-web*: 5h 30m × $85.00/h = *$467.50* (2 entries)');
    expect(text).toContain('*Total:* $467.50');
    expect(text).toContain('1h of billable time has no rate and is left out');
    expect(view.blocks.filter((b: Json) => b.type === 'input').map((b: Json) => b.label.text)).toEqual([
      'Expense',
      'Amount',
    ]);

    // An expense added with the button, then one typed and taken along on submit.
    await h.slack.action({
      userId: 'UADA',
      actionId: 'invoice_add_expense',
      viewId: view.id,
      stateValues: expenseState(0, 'Train to the <b>workshop</b>', '45.50'),
    });
    await h.app.idle();
    const updated = h.fake.findView('invoice_modal') as Json;
    expect(visibleText(updated.blocks)).toContain(
      'Expense: Train to the &lt;b&gt;workshop&lt;/b&gt;: *$45.50*',
    );
    expect(visibleText(updated.blocks)).toContain('*Total:* $513.00');
    expect(updated.blocks.some((b: Json) => b.block_id === 'expense_description_1')).toBe(true);

    const sent = await submit(updated, 'UADA', { description: 'Hotel', amount: '120 EUR' });
    expect(sent.body).toBeFalsy();
    const [row] = await stored();
    expect(row).toMatchObject({
      number: 'INV-2026-0001',
      userId: 'UADA',
      status: 'submitted',
      periodFrom: '2026-11-01',
      periodTo: '2026-11-30',
      paymentTermsDays: 30,
      submittedOn: '2026-12-02',
      dueOn: null,
    });
    const lines = await d()
      .select()
      .from(invoiceLines)
      .where(eq(invoiceLines.invoiceId, row?.id ?? 0))
      .orderBy(asc(invoiceLines.position));
    expect(lines.map((l) => [l.kind, l.description, l.minutes, l.amountMinor, l.currency])).toEqual([
      ['time', 'acme-web: login page', 180, 25500, 'USD'],
      ['time', 'acme-web: review', 150, 21250, 'USD'],
      ['expense', 'Train to the <b>workshop</b>', null, 4550, 'USD'],
      ['expense', 'Hotel', null, 12000, 'EUR'],
    ]);
    // The invoiced entries are locked; December's and the unrated one are not.
    const entries = await d()
      .select()
      .from(timeEntries)
      .orderBy(asc(timeEntries.workDate), asc(timeEntries.id));
    expect(entries.map((e) => [e.workDate, e.category, e.invoiceId !== null])).toEqual([
      ['2026-11-10', 'acme-web', true],
      ['2026-11-24', 'acme-web', true],
      ['2026-11-24', 'design', false],
      ['2026-12-01', 'acme-web', false],
    ]);

    // The manager is asked, with the PDF in the request's thread; the person gets the PDF too.
    const request = approvalRequest('UMGR');
    expect(visibleText(request.blocks)).toContain('Please approve invoice *INV-2026-0001* from <@UADA>');
    expect(visibleText(request.blocks)).toContain('$513.00 + €120.00');
    const managerPdf = pdfsIn('UMGR');
    expect(managerPdf).toHaveLength(1);
    expect(managerPdf[0]?.thread_ts).toBe(request.ts);
    const pdf = await pdfText(managerPdf[0]?.content ?? Buffer.alloc(0));
    expect(pdf).toContain('Invoice INV-2026-0001');
    expect(pdf).toContain('From: ada');
    expect(pdf).toContain('To: ');
    expect(pdf).toContain('Period: 1–30 Nov 2026');
    expect(pdf).toContain('login page');
    expect(pdf).toContain('255.00 USD');
    expect(pdf).toContain('Total USD');
    expect(pdf).toContain('513.00 USD');
    expect(pdf).toContain('Total EUR');
    expect(pdf).toContain('120.00 EUR');
    expect(pdf).toContain('Due: 30 days after approval');
    expect(pdfsIn('UADA')).toHaveLength(1);
    expect(dms('UADA').some((m) => m.text.includes('You submitted invoice *INV-2026-0001*'))).toBe(true);
    expect(approvalRequest('UBEN')).toBeUndefined();

    // A locked entry can't be undone or edited, and the refusal names the invoice.
    const entryId = entries[0]?.id ?? 0;
    const refused = await h.slack.action({
      userId: 'UADA',
      actionId: 'entry_undo',
      value: String(entryId),
    });
    expect(refused.status).toBe(200);
    const refusal = await h.fake.waitForResponse(refused.responseUrl ?? '');
    expect(refusal.text).toContain('That entry is on invoice INV-2026-0001');
    expect(refusal.text).toContain('rejecting the invoice');
    expect(
      (await d().select().from(timeEntries).where(eq(timeEntries.id, entryId)))[0]?.deletedAt,
    ).toBeNull();

    // Approve: the due date comes from the terms; the person is told with the PDF.
    h.clock.set('2026-12-03T10:00:00Z');
    const approved = await h.slack.action({
      userId: 'UMGR',
      actionId: 'invoice_approve',
      channelId: 'DUMGR',
      messageTs: request.ts,
    });
    expect(approved.status).toBe(200);
    await h.app.idle();
    // The request is redrawn in place with the decision, without its buttons.
    const redrawn = h.fake.findMessage('DUMGR', request.ts) as Json;
    expect(visibleText(redrawn.blocks)).toContain('<@UMGR> approved it: due on 2027-01-02.');
    expect(JSON.stringify(redrawn.blocks)).not.toContain('invoice_approve');
    expect((await stored())[0]).toMatchObject({ status: 'approved', decidedBy: 'UMGR', dueOn: '2027-01-02' });
    expect(
      dms('UADA').some((m) =>
        m.text.includes('<@UMGR> approved invoice *INV-2026-0001*: it is due on 2027-01-02.'),
      ),
    ).toBe(true);
    const approvedPdf = await pdfText(pdfsIn('UADA')[1]?.content ?? Buffer.alloc(0));
    expect(approvedPdf).toContain('Due: 2027-01-02 (net 30)');
    expect(approvedPdf).toContain('Status: approved');

    // Only an admin marks it paid; the person is told.
    const notAdmin = await command('/invoice', 'paid INV-2026-0001', 'UMGR');
    expect(notAdmin.text).toContain('Only Punchcard admins mark invoices paid');
    const paid = await command('/invoice', 'paid inv-2026-0001 2026-12-20', 'UBOSS');
    expect(paid.text).toContain('INV-2026-0001 marked paid on 2026-12-20');
    expect((await stored())[0]).toMatchObject({ status: 'paid', paidOn: '2026-12-20', paidBy: 'UBOSS' });
    expect(
      dms('UADA').some((m) => m.text.includes('Invoice *INV-2026-0001* was marked paid on 2026-12-20')),
    ).toBe(true);
    const again = await command('/invoice', 'paid INV-2026-0001', 'UBOSS');
    expect(again.text).toContain('INV-2026-0001 was already marked paid on 2026-12-20');

    // Every step is in the audit.
    const audit = await d()
      .select()
      .from(auditLog)
      .where(eq(auditLog.entity, 'invoice'))
      .orderBy(asc(auditLog.id));
    expect(audit.map((a) => [a.action, a.actorId, a.entityId])).toEqual([
      ['submit', 'UADA', 'INV-2026-0001'],
      ['approve', 'UMGR', 'INV-2026-0001'],
      ['paid', 'UBOSS', 'INV-2026-0001'],
    ]);

    // `/invoice list` and Home show it.
    const list = await command('/invoice', 'list', 'UADA');
    expect(visibleText(list.blocks)).toContain(
      '*INV-2026-0001* · 1–30 Nov 2026 · $513.00 + €120.00 · paid 2026-12-20',
    );
  });

  it('rejects with a reason, which unlocks the entries and tells the person why', async () => {
    await acme();
    await log('3h acme-web 2026-11-10');
    const { view } = await invoice('2026-11-01..2026-11-15');
    expect(visibleText(view.blocks)).toContain('Invoice for 1–15 Nov 2026');
    await submit(view);
    const request = approvalRequest('UMGR');

    // Not the person's own to approve; not someone else's project.
    const self = await h.slack.action({
      userId: 'UADA',
      actionId: 'invoice_approve',
      channelId: 'DUMGR',
      messageTs: request.ts,
    });
    expect((await h.fake.waitForResponse(self.responseUrl ?? '')).text).toContain(
      'You cannot approve your own invoice',
    );
    const stranger = await h.slack.action({
      userId: 'URAVI',
      actionId: 'invoice_approve',
      channelId: 'DUMGR',
      messageTs: request.ts,
    });
    expect((await h.fake.waitForResponse(stranger.responseUrl ?? '')).text).toContain(
      'Only someone who manages every project on INV-2026-0001 (or an admin) can approve it',
    );

    const clicked = await h.slack.action({
      userId: 'UMGR',
      actionId: 'invoice_reject',
      channelId: 'DUMGR',
      messageTs: request.ts,
    });
    await h.app.idle();
    const open = h.fake.callsTo('views.open').find((c) => c.args.trigger_id === clicked.triggerId);
    expect(open).toBeTruthy();
    const form = h.fake.findView('invoice_reject_modal') as Json;
    // A reason is required: the form stays open and nothing changes.
    const empty = await h.slack.viewSubmission({
      userId: 'UMGR',
      view: {
        id: form.id,
        callback_id: 'invoice_reject_modal',
        private_metadata: form.private_metadata,
        state: { values: { reason: { value: { type: 'plain_text_input', value: '  ' } } } },
      },
    });
    expect(empty.body.errors.reason).toContain('Say why');
    expect((await stored())[0]?.status).toBe('submitted');
    await h.slack.viewSubmission({
      userId: 'UMGR',
      view: {
        id: form.id,
        callback_id: 'invoice_reject_modal',
        private_metadata: form.private_metadata,
        state: {
          values: {
            reason: {
              value: { type: 'plain_text_input', value: 'Hours on 10 Nov belong to <the> other project' },
            },
          },
        },
      },
    });
    await h.app.idle();
    expect((await stored())[0]).toMatchObject({
      status: 'rejected',
      decidedBy: 'UMGR',
      rejectReason: 'Hours on 10 Nov belong to <the> other project',
    });
    expect((await d().select().from(timeEntries))[0]?.invoiceId).toBeNull();
    const told = dms('UADA').find((m) => m.text.includes('rejected invoice'));
    expect(told?.text).toContain(
      '<@UMGR> rejected invoice *INV-2026-0001*: “Hours on 10 Nov belong to &lt;the&gt; other project”',
    );
    // The request was redrawn without its buttons.
    const redrawn = h.fake.findMessage('DUMGR', request.ts) as Json;
    expect(JSON.stringify(redrawn.blocks)).not.toContain('invoice_approve');
    expect(visibleText(redrawn.blocks)).toContain('<@UMGR> rejected it');

    // Unlocked: it can be invoiced again, under the next number (no number is reused).
    const { view: again } = await invoice('2026-11-01..2026-11-15');
    await submit(again);
    expect((await stored()).map((i) => [i.number, i.status])).toEqual([
      ['INV-2026-0001', 'rejected'],
      ['INV-2026-0002', 'submitted'],
    ]);
  });

  it('asks only whoever manages every project on the invoice, else the admins', async () => {
    await acme();
    // beta is the admin's project (who adds a project manages it); Ada works on both.
    await command('/punchcard', 'project add beta <#CBETA|beta> Beta', 'UBOSS');
    await command('/punchcard', 'project rate beta 60 USD', 'UBOSS');
    await command('/punchcard', 'project member add beta <@UADA|ada>', 'UBOSS');
    await log('3h acme-web 2026-11-10');
    await log('2h beta 2026-11-11');
    await submit((await invoice('')).view);
    // The acme-web manager would see beta's lines: the admin is asked instead.
    expect(approvalRequest('UMGR')).toBeUndefined();
    const request = approvalRequest('UBOSS');
    expect(visibleText(request.blocks)).toContain('$375.00');
    const refused = await h.slack.action({
      userId: 'UMGR',
      actionId: 'invoice_approve',
      channelId: 'DUBOSS',
      messageTs: request.ts,
    });
    expect((await h.fake.waitForResponse(refused.responseUrl ?? '')).text).toContain(
      'Only someone who manages every project on INV-2026-0001 (or an admin) can approve it',
    );
    expect((await stored())[0]?.status).toBe('submitted');
    // Nor is it on the acme-web manager's list.
    expect(visibleText((await command('/invoice', 'list', 'UMGR')).blocks)).not.toContain('INV-2026-0001');
    expect(visibleText((await command('/invoice', 'list', 'UBOSS')).blocks)).toContain(
      '*Waiting for your approval*\n*INV-2026-0001* <@UADA>',
    );
  });

  it('voids a submitted invoice (admins only), unlocking its entries', async () => {
    await acme();
    await log('3h acme-web 2026-11-10');
    await submit((await invoice('')).view);
    const refused = await command('/invoice', 'void INV-2026-0001 mistake', 'UADA');
    expect(refused.text).toContain('Only Punchcard admins');
    const noReason = await command('/invoice', 'void INV-2026-0001', 'UBOSS');
    expect(noReason.text).toContain('Say why the invoice is void');
    const done = await command('/invoice', 'void INV-2026-0001 sent twice by mistake', 'UBOSS');
    expect(done.text).toContain('INV-2026-0001 is void');
    expect((await stored())[0]).toMatchObject({
      status: 'void',
      voidReason: 'sent twice by mistake',
      voidedBy: 'UBOSS',
    });
    expect((await d().select().from(timeEntries))[0]?.invoiceId).toBeNull();
    expect(dms('UADA').some((m) => m.text.includes('voided invoice *INV-2026-0001*'))).toBe(true);
    const twice = await command('/invoice', 'void INV-2026-0001 again', 'UBOSS');
    expect(twice.text).toContain('INV-2026-0001 is void: only a submitted or approved invoice can be voided');
    // The approval request says so, without buttons, and a stale click approves nothing.
    const request = approvalRequest('UMGR');
    expect(visibleText(request.blocks)).toContain('It is void now.');
    expect(JSON.stringify(request.blocks)).not.toContain('invoice_approve');
    // A client still showing the old buttons (Slack sends the button's value as it was drawn).
    const late = await h.slack.action({
      userId: 'UMGR',
      actionId: 'invoice_approve',
      channelId: 'DUMGR',
      messageTs: request.ts,
      value: String((await stored())[0]?.id),
    });
    expect((await h.fake.waitForResponse(late.responseUrl ?? '')).text).toContain(
      'INV-2026-0001 is void now',
    );
  });

  it('refuses what it cannot invoice, each with an example', async () => {
    await acme();
    expect((await invoice('')).reply.text).toContain('There is nothing to invoice for 1–30 Nov 2026');
    expect((await invoice('2026-11-30..2026-11-01')).reply.text).toContain('The range starts after it ends');
    expect((await invoice('last week')).reply.text).toContain("I don't know `/invoice last week`");
    expect((await invoice('milestone x')).reply.text).toContain('Name one milestone by its number');
    expect((await invoice('milestone 999')).reply.text).toContain('There is no milestone #999');
    expect((await command('/invoice', 'paid INV-2026-0042', 'UBOSS')).text).toContain(
      'There is no invoice INV-2026-0042',
    );
    expect((await command('/invoice', 'paid 42', 'UBOSS')).text).toContain('`42` is not an invoice number');
    // A bad expense keeps the form open with the mistake under its input; nothing is saved.
    await log('3h acme-web 2026-11-10');
    const { view } = await invoice('');
    const yen = await submit(view, 'UADA', { description: 'Taxi', amount: '5000.5 JPY' });
    expect(yen.body.errors.expense_amount_0).toContain('JPY has no decimals');
    const noText = await submit(view, 'UADA', { description: '', amount: '12' });
    expect(noText.body.errors.expense_description_0).toContain('Say what the expense was for');
    expect(await stored()).toEqual([]);
    expect((await d().select().from(timeEntries))[0]?.invoiceId).toBeNull();
  });

  it('invoices a done milestone: its project’s entries since the milestone before it', async () => {
    await acme();
    await command('/milestone', 'add acme-web 2026-11-20 Beta', 'UMGR');
    await log('3h acme-web 2026-11-10');
    await log('2h design 2026-11-11');
    const [milestone = { id: 0 }] = await d().select({ id: milestones.id }).from(milestones);
    const open = await invoice(`milestone ${milestone.id}`);
    expect(open.reply.text).toContain('is not done yet');
    await command('/milestone', `done ${milestone.id}`, 'UMGR');
    const { view } = await invoice(`milestone ${milestone.id}`);
    expect(visibleText(view.blocks)).toContain('Invoice for milestone “Beta” (acme-web)');
    expect(visibleText(view.blocks)).toContain('*acme-web*: 3h × $85.00/h');
    await submit(view);
    expect((await stored())[0]).toMatchObject({ milestoneId: milestone.id, status: 'submitted' });
  });
});

describe('contract terms', () => {
  /** `/punchcard contract @ada` as UMGR, saved with these terms (the contract form's own fields). */
  async function contract(terms: { period: string; days: string; start: string; reference: string }) {
    const sent = await h.slack.command({
      command: '/punchcard',
      text: 'contract <@UADA|ada>',
      userId: 'UMGR',
    });
    await h.app.idle();
    const open = h.fake.callsTo('views.open').find((c) => c.args.trigger_id === sent.triggerId);
    const view = open?.args.view as Json;
    const text = (value: string | null) => ({ value: { type: 'plain_text_input', value } });
    const saved = await h.slack.viewSubmission({
      userId: 'UMGR',
      view: {
        callback_id: 'contract_modal',
        private_metadata: view.private_metadata,
        state: {
          values: {
            contract_rate: text(null),
            contract_currency: text(null),
            contract_terms: text(terms.days),
            contract_period: { value: { type: 'static_select', selected_option: { value: terms.period } } },
            contract_start: { value: { type: 'datepicker', selected_date: terms.start } },
            contract_end: { value: { type: 'datepicker', selected_date: null } },
            contract_reference: text(terms.reference),
          },
        },
      },
    });
    expect(saved.body).toBeFalsy();
    await h.app.idle();
  }

  it('take the period, the payment terms and the reference from the person’s contract', async () => {
    await acme();
    await contract({ period: 'weekly', days: '15', start: '2026-11-01', reference: 'PO-7781' });
    await log('2h acme-web 2026-11-20'); // the week before last: not in the draft
    await log('3h acme-web 2026-11-24');
    const { view } = await invoice('');
    const text = visibleText(view.blocks);
    expect(text).toContain('Invoice for 23–29 Nov 2026');
    expect(text).toContain('Payment terms: net 15 · Reference: PO-7781');
    expect(text).toContain('*acme-web*: 3h × $85.00/h = *$255.00* (1 entry)');
    await submit(view);
    expect((await stored())[0]).toMatchObject({
      periodFrom: '2026-11-23',
      periodTo: '2026-11-29',
      paymentTermsDays: 15,
      reference: 'PO-7781',
    });
    const request = approvalRequest('UMGR');
    expect(visibleText(request.blocks)).toContain('Net 15 · submitted 2026-12-02 · reference PO-7781');
    await h.slack.action({
      userId: 'UMGR',
      actionId: 'invoice_approve',
      channelId: 'DUMGR',
      messageTs: request.ts,
    });
    await h.app.idle();
    expect((await stored())[0]?.dueOn).toBe('2026-12-17');
    const pdf = await pdfText(pdfsIn('UADA').at(-1)?.content ?? Buffer.alloc(0));
    expect(pdf).toContain('Reference: PO-7781');
    expect(pdf).toContain('Due: 2026-12-17 (net 15)');
  });

  it('a contract per milestone asks for the milestone', async () => {
    await acme();
    await contract({ period: 'milestone', days: '30', start: '2026-11-01', reference: '' });
    await log('3h acme-web 2026-11-24');
    expect((await invoice('')).reply.text).toContain('Your contract invoices per milestone');
  });
});

describe('invoice numbers under concurrency', () => {
  it('numbers twenty submissions at once 1 to 20, without gaps or repeats', async () => {
    await acme();
    const people = ['UADA', 'UBEN'];
    // Each person logs ten days; each day is invoiced on its own, all at once.
    for (const userId of people)
      for (let day = 1; day <= 10; day++)
        await log(`1h acme-web 2026-11-${String(day).padStart(2, '0')}`, userId);
    const views: Array<{ view: Json; userId: string }> = [];
    for (const userId of people)
      for (let day = 1; day <= 10; day++) {
        const date = `2026-11-${String(day).padStart(2, '0')}`;
        const { view } = await invoice(`${date}..${date}`, userId);
        views.push({ view: { ...view }, userId });
      }
    await Promise.all(views.map(({ view, userId }) => submit(view, userId)));
    const numbers = (await stored()).map((i) => i.number).sort();
    expect(numbers).toEqual(
      Array.from({ length: 20 }, (_, i) => `INV-2026-${String(i + 1).padStart(4, '0')}`),
    );
    // Each entry is on exactly one invoice.
    expect((await d().select().from(timeEntries)).every((e) => e.invoiceId !== null)).toBe(true);
  });
});

describe('approval requests go through the outbox', () => {
  it('are retried by the tick when Slack fails at submit, and never sent twice', async () => {
    await acme();
    await log('3h acme-web 2026-11-10');
    const { view } = await invoice('');
    h.fake.failNext('chat.postMessage', { status: 500 });
    await submit(view);
    // The invoice is submitted whatever Slack said; the request waits for its retry.
    expect((await stored())[0]?.status).toBe('submitted');
    expect(approvalRequest('UMGR')).toBeUndefined();
    const tick = async (at: string) => {
      h.clock.set(at);
      await h.app.tick(new Date(at));
    };
    await tick('2026-12-02T12:05:00Z');
    await tick('2026-12-02T12:06:00Z');
    expect(approvalRequests('UMGR')).toHaveLength(1);
    const rows = await d().select().from(deliveries).where(eq(deliveries.kind, 'invoice_approval'));
    expect(rows.map((r) => [r.memberId, r.status, r.attempts])).toEqual([['UMGR', 'sent', 2]]);
    // Decided: later ticks send nothing more.
    await h.slack.action({
      userId: 'UMGR',
      actionId: 'invoice_approve',
      channelId: 'DUMGR',
      messageTs: approvalRequest('UMGR').ts,
    });
    await h.app.idle();
    await tick('2026-12-03T12:00:00Z');
    expect(approvalRequests('UMGR')).toHaveLength(1);
  });
});

describe('overdue invoices', () => {
  it('alerts admins once the day after the due date, and reminds them once a week later', async () => {
    await acme();
    await log('3h acme-web 2026-11-10');
    await submit((await invoice('')).view);
    const request = approvalRequest('UMGR');
    await h.slack.action({
      userId: 'UMGR',
      actionId: 'invoice_approve',
      channelId: 'DUMGR',
      messageTs: request.ts,
    });
    await h.app.idle();
    const tick = async (at: string) => {
      h.clock.set(at);
      await h.app.tick(new Date(at));
    };
    const alerts = () =>
      dms('UBOSS').filter((m) => m.text.includes('INV-2026-0001') && m.text.includes('was due on'));
    await tick('2027-01-01T09:00:00Z'); // the due date itself: not overdue yet
    await tick('2027-01-02T08:59:00Z'); // the morning after, before 09:00 in DEFAULT_TZ
    expect(alerts()).toHaveLength(0);
    await tick('2027-01-02T09:00:00Z');
    await tick('2027-01-02T09:01:00Z');
    expect(alerts().map((m) => m.text)).toEqual([
      ':warning: Invoice INV-2026-0001 from <@UADA> ($255.00) was due on 2027-01-01 and is not marked paid.',
    ]);
    await tick('2027-01-05T09:00:00Z');
    expect(alerts()).toHaveLength(1);
    await tick('2027-01-09T08:59:00Z');
    expect(alerts()).toHaveLength(1);
    await tick('2027-01-09T09:00:00Z');
    await tick('2027-01-10T09:00:00Z');
    expect(alerts()).toHaveLength(2);
    expect(alerts()[1]?.text).toContain('Reminder: invoice INV-2026-0001');
    const rows = await d().select().from(deliveries).where(eq(deliveries.kind, 'invoice_overdue'));
    expect(rows.map((r) => [r.memberId, r.localDate, r.status]).sort()).toEqual([
      ['UBOSS', '2027-01-02', 'sent'],
      ['UBOSS', '2027-01-09', 'sent'],
    ]);
    // Paid: nothing more.
    await command('/invoice', 'paid INV-2026-0001', 'UBOSS');
    await tick('2027-01-20T09:00:00Z');
    expect(alerts()).toHaveLength(2);
  });
});

describe('where invoices show: Home, the digest, and the accounting CSV', () => {
  async function submitted() {
    await acme();
    await log('3h acme-web 2026-11-10');
    await submit((await invoice('')).view);
  }

  async function openHome(userId: string): Promise<string> {
    const before = h.fake.callsTo('views.publish').filter((c) => c.args.user_id === userId).length;
    await h.slack.event({ type: 'app_home_opened', user: userId, channel: `D${userId}`, tab: 'home' });
    const call = await h.fake.waitFor(
      () => h.fake.callsTo('views.publish').filter((c) => c.args.user_id === userId)[before],
    );
    return visibleText((call.args.view as { blocks: never[] }).blocks);
  }

  it('shows the person their invoices and the manager what waits for them on Home', async () => {
    await submitted();
    const mine = await openHome('UADA');
    expect(mine).toContain(
      '*Your invoices*\n*INV-2026-0001* · 1–30 Nov 2026 · $255.00 · waiting for approval',
    );
    expect(mine).not.toContain('Waiting for your approval');
    const manager = await openHome('UMGR');
    expect(manager).toContain(
      '*Waiting for your approval*\n*INV-2026-0001* <@UADA> · 1–30 Nov 2026 · $255.00',
    );
    // Someone on no project of the invoice sees nothing of it.
    expect(await openHome('UBEN')).not.toContain('INV-2026-0001');
  });

  it('puts the person’s invoices, with their lines, in /punchcard my-data', async () => {
    await submitted();
    await command('/punchcard', 'my-data', 'UADA');
    const file = h.fake.uploadedFiles.find((f) => f.filename.endsWith('.json'));
    const document = JSON.parse(file?.content.toString('utf8') ?? '{}');
    expect(document.invoices).toEqual([
      expect.objectContaining({
        number: 'INV-2026-0001',
        status: 'submitted',
        periodFrom: '2026-11-01',
        lines: [expect.objectContaining({ kind: 'time', minutes: 180, amountMinor: 25500, currency: 'USD' })],
      }),
    ]);
    // Someone else's my-data holds none of it.
    await command('/punchcard', 'my-data', 'UBEN');
    const theirs = h.fake.uploadedFiles.filter((f) => f.filename.endsWith('.json')).at(-1);
    expect(JSON.parse(theirs?.content.toString('utf8') ?? '{}').invoices).toEqual([]);
  });

  it('names the invoice holding each entry in /timesheet export', async () => {
    await submitted();
    await log('1h acme-web 2026-11-20', 'UADA');
    await command('/timesheet', 'export 2026-11-01..2026-11-30', 'UADA');
    const csv = h.fake.uploadedFiles.find((f) => f.filename.endsWith('.csv'));
    const rows = parse(csv?.content.toString('utf8') ?? '') as string[][];
    expect(rows[0]?.at(-1)).toBe('invoice');
    expect(rows.slice(1).map((r) => [r[0], r.at(-1)])).toEqual([
      ['2026-11-10', 'INV-2026-0001'],
      ['2026-11-20', ''],
    ]);
  });

  it('lists open invoices in the weekly digest, without amounts', async () => {
    await submitted();
    const preview = await command('/punchcard', 'digest preview <#CACME|acme>', 'UMGR');
    const text = visibleText(preview.blocks);
    expect(text).toContain('*Invoices*');
    expect(text).toContain('INV-2026-0001 from <@UADA>: waiting for approval');
  });

  function cli(
    args: string[],
    env: Record<string, string>,
  ): Promise<{ code: number | null; out: string; err: string }> {
    return new Promise((done) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'invoices', ...args], {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'error', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
      });
      child.stderr.on('data', (chunk) => {
        err += chunk;
      });
      child.on('close', (code) => done({ code, out, err }));
    });
  }

  // PGlite belongs to the process that opened it, so the CLI reads the same data only on Postgres.
  it.skipIf(!usingPostgres)(
    'cli invoices lists them for accounting, filtered on status and submission date',
    async () => {
      await submitted();
      const all = await cli(['--from', '2026-12-01', '--to', '2026-12-31'], { DATABASE_URL: db.url ?? '' });
      expect(all.err).toBe('');
      expect(all.code).toBe(0);
      const rows = parse(all.out) as string[][];
      expect(rows[0]).toEqual([
        'number',
        'team',
        'member_id',
        'member',
        'status',
        'submitted_on',
        'period_from',
        'period_to',
        'due_on',
        'paid_on',
        'reference',
        'currency',
        'total',
        'lines',
      ]);
      expect(rows.slice(1)).toEqual([
        [
          'INV-2026-0001',
          'T0001',
          'UADA',
          'ada',
          'submitted',
          '2026-12-02',
          '2026-11-01',
          '2026-11-30',
          '',
          '',
          '',
          'USD',
          '255.00',
          '1',
        ],
      ]);
      const approved = await cli(['--status', 'approved'], { DATABASE_URL: db.url ?? '' });
      expect(parse(approved.out)).toHaveLength(1);
      const november = await cli(['--to', '2026-11-30'], { DATABASE_URL: db.url ?? '' });
      expect(parse(november.out)).toHaveLength(1);
    },
    30_000,
  );

  it('cli invoices refuses a bad status with a hint, before opening any database', async () => {
    const result = await cli(['--status', 'open'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(result.code).toBe(2);
    expect(result.err).toContain('--status is one of submitted, approved, rejected, paid, void');
    expect(result.err).toContain('Try: npm run -s cli -- invoices --status approved');
  }, 30_000);
});
