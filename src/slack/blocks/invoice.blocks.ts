import type { KnownBlock, ModalView } from '@slack/types';
import { formatMinutes } from '../../domain/duration.js';
import {
  EXPENSE_DESCRIPTION_MAX,
  type Expense,
  groupByProject,
  type Invoice,
  type InvoiceDocument,
  MAX_EXPENSES,
  REASON_MAX,
  STATUS_LABEL,
  totalsByCurrency,
} from '../../domain/invoices.js';
import { formatRangeLabel } from '../../domain/local-date.js';
import { formatMoney } from '../../domain/money.js';
import type { DraftView, InvoiceNotice } from '../../services/invoices.service.js';
import type { SlackMessage } from './message.js';
import { escapeAnswer, escapeMrkdwn, escapeWithin } from './text.js';

/* Invoices as people see them: the draft modal, the approval request, notices and lists. */

export const InvoiceIds = {
  modal: 'invoice_modal',
  rejectModal: 'invoice_reject_modal',
  approve: 'invoice_approve',
  reject: 'invoice_reject',
  addExpense: 'invoice_add_expense',
  /** Input blocks carry a generation suffix (`expense_description_2`) so an added line clears them. */
  expenseDescription: 'expense_description',
  expenseAmount: 'expense_amount',
  reason: 'reason',
} as const;

/** The draft's expense inputs' block ids for one generation of the form. */
export function expenseBlockIds(generation: number): { description: string; amount: string } {
  return {
    description: `${InvoiceIds.expenseDescription}_${generation}`,
    amount: `${InvoiceIds.expenseAmount}_${generation}`,
  };
}

/** Project groups the modal lists before it says "and N more" (every line is on the PDF). */
const MODAL_GROUPS = 20;
/** Invoices one list shows. */
const LIST_LIMIT = 10;

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const context = (text: string): KnownBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });

export type Totals = ReadonlyArray<{ currency: string; amountMinor: number }>;
export const totalsText = (totals: Totals): string =>
  totals.length === 0 ? 'nothing' : totals.map((t) => formatMoney(t.amountMinor, t.currency)).join(' + ');

const hours = (minutes: number) => formatMinutes(minutes);

/** The draft as the modal shows it, with a place to add an expense line. */
export function invoiceDraftModal(input: {
  view: DraftView;
  expenses: readonly Expense[];
  metadata: string;
  /** Bumped each time an expense is added, so the inputs come back empty. */
  generation: number;
  approverHint: string;
  /** A mistake in the expense just added, shown above its inputs. */
  notice?: string;
}): ModalView {
  const { view } = input;
  const groups = groupByProject(view.draft.lines);
  const blocks: KnownBlock[] = [];
  const terms = [`Payment terms: net ${view.terms.paymentTermsDays}`];
  if (view.terms.reference) terms.push(`Reference: ${escapeWithin(view.terms.reference, 200)}`);
  blocks.push(section(`*Invoice for ${escapeMrkdwn(view.label)}*\n${terms.join(' · ')}`));
  for (const g of groups.slice(0, MODAL_GROUPS)) {
    blocks.push(
      section(
        `*${g.projectKey ? escapeMrkdwn(g.projectKey) : 'No project'}*: ${hours(g.minutes)} × ${formatMoney(g.rateMinor, g.currency)}/h = *${formatMoney(g.amountMinor, g.currency)}* (${g.lines} ${g.lines === 1 ? 'entry' : 'entries'})`,
      ),
    );
  }
  if (groups.length > MODAL_GROUPS)
    blocks.push(context(`…and ${groups.length - MODAL_GROUPS} more (every line is on the PDF).`));
  for (const x of input.expenses)
    blocks.push(
      section(
        `Expense: ${escapeWithin(x.description, EXPENSE_DESCRIPTION_MAX)}: *${formatMoney(x.amountMinor, x.currency)}*`,
      ),
    );
  blocks.push(section(`*Total:* ${totalsText(totalsByCurrency(view.draft.lines))}`));
  if (view.draft.unratedMinutes > 0)
    blocks.push(
      context(
        `:warning: ${hours(view.draft.unratedMinutes)} of billable time has no rate and is left out: ask a manager to set your rate (\`/punchcard rate @you 85 USD\`).`,
      ),
    );
  blocks.push({ type: 'divider' });
  if (input.notice) blocks.push(context(`:warning: ${escapeMrkdwn(input.notice)}`));
  if (input.expenses.length < MAX_EXPENSES) {
    const ids = expenseBlockIds(input.generation);
    blocks.push(
      {
        type: 'input',
        block_id: ids.description,
        optional: true,
        label: { type: 'plain_text', text: 'Expense' },
        element: {
          type: 'plain_text_input',
          action_id: 'value',
          max_length: EXPENSE_DESCRIPTION_MAX,
          placeholder: { type: 'plain_text', text: 'Train to the client workshop' },
        },
      },
      {
        type: 'input',
        block_id: ids.amount,
        optional: true,
        label: { type: 'plain_text', text: 'Amount' },
        hint: {
          type: 'plain_text',
          text: `Like 45.50, in ${defaultCurrencyOf(view) ?? 'the invoice currency'}; or name one: 45.50 EUR`,
        },
        element: {
          type: 'plain_text_input',
          action_id: 'value',
          max_length: 30,
          placeholder: { type: 'plain_text', text: '45.50' },
        },
      },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: InvoiceIds.addExpense,
            text: { type: 'plain_text', text: 'Add this expense' },
            value: 'add',
          },
        ],
      },
    );
  }
  blocks.push(
    context(
      `Submitting numbers the invoice, locks these entries and asks ${input.approverHint} to approve it. An expense typed above is added when you submit.`,
    ),
  );
  return {
    type: 'modal',
    callback_id: InvoiceIds.modal,
    private_metadata: input.metadata,
    title: { type: 'plain_text', text: 'Invoice draft' },
    submit: { type: 'plain_text', text: 'Submit for approval' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}

/** The currency an expense is in when none is named: the draft's only (or first) currency. */
export function defaultCurrencyOf(view: DraftView): string | null {
  return view.draft.lines.find((l) => l.kind === 'time')?.currency ?? null;
}

function summaryLines(doc: InvoiceDocument): string[] {
  const lines = groupByProject(doc.lines)
    .slice(0, 10)
    .map(
      (g) =>
        `• ${g.projectKey ? escapeMrkdwn(g.projectKey) : 'No project'}: ${hours(g.minutes)} × ${formatMoney(g.rateMinor, g.currency)}/h = ${formatMoney(g.amountMinor, g.currency)}`,
    );
  const expenses = doc.lines.filter((l) => l.kind === 'expense');
  if (expenses.length > 0)
    lines.push(
      `• Expenses: ${formatMoneyList(expenses)} (${expenses.length} ${expenses.length === 1 ? 'line' : 'lines'})`,
    );
  return lines;
}

const formatMoneyList = (lines: InvoiceDocument['lines']) => totalsText(totalsByCurrency(lines));

const heading = (doc: InvoiceDocument) =>
  `*${doc.invoice.number}* from <@${doc.invoice.userId}> for ${formatRangeLabel(doc.invoice.periodFrom, doc.invoice.periodTo)}: *${formatMoneyList(doc.lines)}*`;

/** The approver's DM: what is asked, the summary, Approve and Reject (the PDF follows in the thread). */
export function approvalRequestMessage(doc: InvoiceDocument): SlackMessage {
  const blocks: KnownBlock[] = [section(`:receipt: Please approve invoice ${heading(doc)}`)];
  blocks.push(section(summaryLines(doc).join('\n')));
  const ctx = [`Net ${doc.invoice.paymentTermsDays}`, `submitted ${doc.invoice.submittedOn}`];
  if (doc.invoice.reference) ctx.push(`reference ${escapeWithin(doc.invoice.reference, 200)}`);
  ctx.push('the PDF is in the thread');
  blocks.push(context(ctx.join(' · ')));
  blocks.push({
    type: 'actions',
    elements: [
      {
        type: 'button',
        action_id: InvoiceIds.approve,
        style: 'primary',
        text: { type: 'plain_text', text: 'Approve' },
        value: String(doc.invoice.id),
      },
      {
        type: 'button',
        action_id: InvoiceIds.reject,
        style: 'danger',
        text: { type: 'plain_text', text: 'Reject' },
        value: String(doc.invoice.id),
      },
    ],
  });
  return {
    text: `Please approve invoice ${doc.invoice.number} from <@${doc.invoice.userId}>: ${formatMoneyList(doc.lines)}`,
    blocks,
  };
}

/** The approval request once decided (replaces it): what was decided, by whom. */
export function decidedMessage(doc: InvoiceDocument): SlackMessage {
  const i = doc.invoice;
  const what =
    i.status === 'approved'
      ? `:white_check_mark: <@${i.decidedBy}> approved it: due on ${i.dueOn}.`
      : i.status === 'rejected'
        ? `:x: <@${i.decidedBy}> rejected it: “${escapeAnswer(i.rejectReason ?? '')}”`
        : `It is ${STATUS_LABEL[i.status]} now.`;
  return {
    text: `${i.number}: ${STATUS_LABEL[i.status]}`,
    blocks: [
      section(`:receipt: Invoice ${heading(doc)}`),
      section(summaryLines(doc).join('\n')),
      section(what),
    ],
  };
}

/** The reason form behind Reject. */
export function rejectModal(input: { invoice: Invoice; metadata: string }): ModalView {
  return {
    type: 'modal',
    callback_id: InvoiceIds.rejectModal,
    private_metadata: input.metadata,
    title: { type: 'plain_text', text: 'Reject invoice' },
    submit: { type: 'plain_text', text: 'Reject' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      section(
        `Reject *${input.invoice.number}* from <@${input.invoice.userId}>? Its entries are unlocked and they are told why.`,
      ),
      {
        type: 'input',
        block_id: InvoiceIds.reason,
        label: { type: 'plain_text', text: 'Reason' },
        element: {
          type: 'plain_text_input',
          action_id: 'value',
          multiline: true,
          max_length: REASON_MAX,
          placeholder: { type: 'plain_text', text: 'The hours on 12 Nov belong to the Acme project' },
        },
      },
    ],
  };
}

/** An admin's DM when an approved invoice is unpaid past its due date (and the reminder a week on). */
export function overdueMessage(doc: InvoiceDocument, reminder: boolean): SlackMessage {
  const i = doc.invoice;
  const text = `${reminder ? ':rotating_light: Reminder: invoice' : ':warning: Invoice'} *${i.number}* from <@${i.userId}> (${formatMoneyList(doc.lines)}) was due on ${i.dueOn} and is not marked paid.`;
  return {
    text: text.replaceAll('*', ''),
    blocks: [
      section(text),
      context(
        `Mark it paid with \`/invoice paid ${i.number} YYYY-MM-DD\`, or void it with \`/invoice void ${i.number} <reason>\`.`,
      ),
    ],
  };
}

/** One invoice in a list: number, period, total, where it stands. */
export function invoiceLine(i: Invoice, totals: Totals, options: { withPerson: boolean }): string {
  const who = options.withPerson ? ` <@${i.userId}>` : '';
  const where =
    i.status === 'approved'
      ? `approved, due ${i.dueOn}`
      : i.status === 'paid'
        ? `paid ${i.paidOn}`
        : STATUS_LABEL[i.status];
  return `*${i.number}*${who} · ${formatRangeLabel(i.periodFrom, i.periodTo)} · ${totalsText(totals)} · ${where}`;
}

export interface InvoiceOverviewView {
  mine: Invoice[];
  toApprove: Invoice[];
  unpaid: Invoice[] | null;
  totals: Map<number, Totals>;
}

/** `/invoice list` and the Home tab's part: yours, what waits for your approval, and (admins) unpaid. */
export function invoiceOverviewBlocks(view: InvoiceOverviewView): KnownBlock[] {
  const t = (i: Invoice) => view.totals.get(i.id) ?? [];
  const blocks: KnownBlock[] = [];
  const list = (title: string, items: Invoice[], withPerson: boolean, empty: string) => {
    const shown = items.slice(0, LIST_LIMIT);
    const lines = shown.map((i) => invoiceLine(i, t(i), { withPerson }));
    if (items.length > shown.length) lines.push(`…and ${items.length - shown.length} more`);
    blocks.push(section(`*${title}*\n${lines.length > 0 ? lines.join('\n') : empty}`));
  };
  list('Your invoices', view.mine, false, 'None yet: `/invoice` drafts one from your time.');
  if (view.toApprove.length > 0) list('Waiting for your approval', view.toApprove, true, '');
  if (view.unpaid && view.unpaid.length > 0) list('Approved, not yet paid', view.unpaid, true, '');
  return blocks;
}

export function invoiceOverviewMessage(view: InvoiceOverviewView): SlackMessage {
  return { text: 'Your invoices', blocks: invoiceOverviewBlocks(view) };
}

/** The person's confirmation after submitting (the DM with the PDF says the rest). */
export function submittedMessage(doc: InvoiceDocument, approvers: readonly string[]): SlackMessage {
  const who =
    approvers.length > 0
      ? `${approvers.map((id) => `<@${id}>`).join(', ')} ${approvers.length === 1 ? 'was' : 'were'} asked to approve it`
      : 'nobody can approve it yet: ask an admin to add a manager to your project';
  const text = `:receipt: Invoice *${doc.invoice.number}* submitted (${formatMoneyList(doc.lines)}): ${who}. Its entries are locked; the PDF is in your DM.`;
  return { text: text.replaceAll('*', ''), blocks: [section(text)] };
}

/** The person's DM about their invoice: what happened, by whom, and what it means for them. */
export function personNoticeMessage(doc: InvoiceDocument, notice: InvoiceNotice): SlackMessage {
  const i = doc.invoice;
  let text: string;
  switch (notice.kind) {
    case 'submitted':
      text = `You submitted invoice *${i.number}* (${formatMoneyList(doc.lines)}). ${
        notice.approvers.length > 0
          ? `${notice.approvers.map((id) => `<@${id}>`).join(', ')} ${notice.approvers.length === 1 ? 'has' : 'have'} been asked to approve it.`
          : 'Nobody can approve it yet: ask an admin to add a manager to your project.'
      } The PDF is in this message's thread.`;
      break;
    case 'approved':
      text = `<@${i.decidedBy}> approved invoice *${i.number}*: it is due on ${i.dueOn}. The PDF is in this message's thread.`;
      break;
    case 'rejected':
      text = `<@${i.decidedBy}> rejected invoice *${i.number}*: “${escapeAnswer(i.rejectReason ?? '')}”. Its entries are unlocked: fix them with \`/timesheet\`, then submit again with \`/invoice ${i.periodFrom}..${i.periodTo}\`.`;
      break;
    case 'paid':
      text = `Invoice *${i.number}* was marked paid on ${i.paidOn} by <@${i.paidBy}>.`;
      break;
    case 'void':
      text = `<@${i.voidedBy}> voided invoice *${i.number}*: “${escapeAnswer(i.voidReason ?? '')}”. Its entries are unlocked.`;
      break;
  }
  return { text, blocks: [section(text)] };
}

/** An admin's confirmation of `/invoice paid` or `/invoice void`. */
export function adminDoneMessage(doc: InvoiceDocument): SlackMessage {
  const i = doc.invoice;
  const text =
    i.status === 'paid'
      ? `:moneybag: *${i.number}* marked paid on ${i.paidOn}; <@${i.userId}> was told.`
      : `:wastebasket: *${i.number}* is void; its entries are unlocked and <@${i.userId}> was told.`;
  return { text: text.replaceAll('*', ''), blocks: [section(text)] };
}
