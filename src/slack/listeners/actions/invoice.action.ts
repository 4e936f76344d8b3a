import type { BlockButtonAction, Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';
import { MAX_EXPENSES, parseExpense } from '../../../domain/invoices.js';
import { invoiceDraftModal, rejectModal } from '../../blocks/invoice.blocks.js';
import {
  type InvoiceModalMetadata,
  parseInvoiceExpenseState,
  parseInvoiceModalMetadata,
  parseRowIdValue,
} from '../../payloads.js';
import { APPROVER_HINT } from '../commands/invoice/index.js';
import { afterChange, answer, type ListenerDeps, problem, refuseUntrusted, teamIdOf } from '../context.js';

const STALE_REQUEST = {
  message: 'That approval request is out of date.',
  hint: '`/invoice list` shows what waits for your approval.',
};

/** Approve on an approval request: the invoice gets its due date, its requests are redrawn, the person told. */
export function invoiceApproveAction(
  deps: ListenerDeps,
): Middleware<SlackActionMiddlewareArgs<BlockButtonAction>> {
  return async ({ ack, body, action, respond, context }) => {
    await ack();
    await answer(deps, respond, 'action:invoice_approve', async () => {
      const invoiceId = parseRowIdValue(action.value);
      if (invoiceId === null) return refuseUntrusted(deps, 'action:invoice_approve', STALE_REQUEST);
      const teamId = teamIdOf(context);
      const result = await deps.services.invoices.approve({ teamId, userId: body.user.id, invoiceId });
      if (!result.ok) return problem(result.error);
      afterChange(deps, teamId, body.user.id);
      afterChange(deps, teamId, result.value.invoice.userId);
      // Every approval request, this one too, was redrawn with the decision: nothing more to say.
      return null;
    });
  };
}

/** Reject on an approval request: the reason form opens (nothing changes until it is sent). */
export function invoiceRejectAction(
  deps: ListenerDeps,
): Middleware<SlackActionMiddlewareArgs<BlockButtonAction>> {
  return async ({ ack, body, action, respond, client, context }) => {
    await ack();
    await answer(deps, respond, 'action:invoice_reject', async () => {
      const invoiceId = parseRowIdValue(action.value);
      if (invoiceId === null) return refuseUntrusted(deps, 'action:invoice_reject', STALE_REQUEST);
      const invoice = await deps.services.invoices.find(teamIdOf(context), invoiceId);
      if (!invoice) return problem({ message: 'That invoice no longer exists.', hint: STALE_REQUEST.hint });
      if (invoice.status !== 'submitted')
        return problem({ message: `${invoice.number} was decided already.`, hint: STALE_REQUEST.hint });
      await client.views.open({
        trigger_id: body.trigger_id,
        view: rejectModal({ invoice, metadata: JSON.stringify({ invoiceId }) }),
      });
      return null;
    });
  };
}

/**
 * "Add this expense" in the draft: the typed expense is checked and listed, and the form is drawn
 * again with empty inputs (new block ids) and the totals updated; a mistake is shown in the form.
 */
export function invoiceAddExpenseAction(
  deps: ListenerDeps,
): Middleware<SlackActionMiddlewareArgs<BlockButtonAction>> {
  return async ({ ack, body, client, context }) => {
    await ack();
    const view = body.view;
    if (!view) return;
    const meta = parseInvoiceModalMetadata(view.private_metadata, deps.responseUrlHosts);
    const typed = meta ? parseInvoiceExpenseState(view.state?.values, meta.generation) : null;
    if (!meta || !typed) {
      deps.logger.warn(
        { where: 'action:invoice_add_expense' },
        'a value from Slack did not fit its schema: refused',
      );
      return;
    }
    const teamId = teamIdOf(context);
    const userId = body.user.id;
    try {
      const expense = parseExpense(typed.description, typed.amount, meta.currency);
      let next: InvoiceModalMetadata = meta;
      let notice: string | null = null;
      if (!expense.ok) notice = expense.message;
      else if (!expense.value) notice = 'Type the expense and its amount first.';
      else if (meta.expenses.length >= MAX_EXPENSES)
        notice = `One invoice holds at most ${MAX_EXPENSES} expenses.`;
      else {
        next = { ...meta, expenses: [...meta.expenses, expense.value], generation: meta.generation + 1 };
        if (JSON.stringify(next).length > 2900) {
          next = meta;
          notice = 'That is as many expenses as this form can hold: submit, and invoice the rest separately.';
        }
      }
      const drafted = await deps.services.invoices.draft({
        teamId,
        userId,
        source: next.milestoneId !== null ? { milestoneId: next.milestoneId } : { period: next.period },
        expenses: next.expenses,
      });
      if (!drafted.ok) return;
      const modal = invoiceDraftModal({
        view: drafted.value,
        expenses: next.expenses,
        metadata: JSON.stringify(next),
        generation: next.generation,
        approverHint: APPROVER_HINT,
        ...(notice ? { notice } : {}),
      });
      await client.views.update({ view_id: view.id, hash: view.hash, view: modal });
    } catch (error) {
      deps.logger.warn({ err: error, where: 'action:invoice_add_expense' }, 'invoice draft not redrawn');
    }
  };
}
