import type { Middleware, SlackViewMiddlewareArgs } from '@slack/bolt';
import { parseExpense, parseReason } from '../../../domain/invoices.js';
import { expenseBlockIds, InvoiceIds, submittedMessage } from '../../blocks/invoice.blocks.js';
import {
  parseInvoiceExpenseState,
  parseInvoiceModalMetadata,
  parseRejectMetadata,
  parseRejectState,
  STALE_FORM,
} from '../../payloads.js';
import { replyAfterModal } from '../../respond.js';
import { afterChange, answer, type ListenerDeps, problem, teamIdOf } from '../context.js';

/**
 * The draft submitted: an expense typed but not added is checked (mistakes under its input, the
 * form stays open) and taken along; then the form closes and the invoice is drawn again from the
 * entries, numbered and stored in one transaction, and the approvers asked.
 */
export function invoiceSubmission(deps: ListenerDeps): Middleware<SlackViewMiddlewareArgs> {
  return async ({ ack, body, view, client, context }) => {
    const meta = parseInvoiceModalMetadata(view.private_metadata, deps.responseUrlHosts);
    const typed = meta ? parseInvoiceExpenseState(view.state.values, meta.generation) : null;
    const { description: descriptionBlock, amount: amountBlock } = expenseBlockIds(meta?.generation ?? 0);
    if (!meta || !typed) {
      deps.logger.warn({ where: 'view:invoice', viewId: view.id }, 'invoice payload refused');
      await ack({ response_action: 'errors', errors: { [descriptionBlock]: STALE_FORM } });
      return;
    }
    const teamId = teamIdOf(context);
    const userId = body.user.id;
    const expense = parseExpense(typed.description, typed.amount, meta.currency);
    if (!expense.ok) {
      await ack({
        response_action: 'errors',
        errors: { [expense.field === 'description' ? descriptionBlock : amountBlock]: expense.message },
      });
      return;
    }
    await ack();
    const send = (message: Parameters<typeof replyAfterModal>[2]) =>
      replyAfterModal(client, { responseUrl: meta.responseUrl, userId }, message);
    await answer(deps, send, 'view:invoice', async () => {
      const result = await deps.services.invoices.submit({
        teamId,
        userId,
        source: { period: meta.period, milestoneId: meta.milestoneId, projectId: meta.projectId },
        expenses: expense.value ? [...meta.expenses, expense.value] : meta.expenses,
      });
      if (!result.ok) return problem(result.error);
      afterChange(deps, teamId, userId);
      for (const id of result.value.approvers) afterChange(deps, teamId, id);
      return submittedMessage(result.value.doc, result.value.approvers);
    });
  };
}

/** The Reject form sent: the reason is required; the invoice is rejected (its requests redrawn). */
export function invoiceRejectSubmission(deps: ListenerDeps): Middleware<SlackViewMiddlewareArgs> {
  return async ({ ack, body, view, client, context }) => {
    const meta = parseRejectMetadata(view.private_metadata);
    const state = parseRejectState(view.state.values);
    if (!meta || !state) {
      deps.logger.warn({ where: 'view:invoice_reject', viewId: view.id }, 'reject payload refused');
      await ack({ response_action: 'errors', errors: { [InvoiceIds.reason]: STALE_FORM } });
      return;
    }
    const reason = parseReason(state.reason);
    if (!reason.ok) {
      await ack({ response_action: 'errors', errors: { [InvoiceIds.reason]: reason.error.message } });
      return;
    }
    await ack();
    const teamId = teamIdOf(context);
    const userId = body.user.id;
    const send = (message: Parameters<typeof replyAfterModal>[2]) =>
      replyAfterModal(client, { responseUrl: null, userId }, message);
    await answer(deps, send, 'view:invoice_reject', async () => {
      const result = await deps.services.invoices.reject({
        teamId,
        userId,
        invoiceId: meta.invoiceId,
        reason: reason.value,
      });
      if (!result.ok) return problem(result.error);
      afterChange(deps, teamId, userId);
      afterChange(deps, teamId, result.value.invoice.userId);
      // Every approval request, this one too, was redrawn with the decision: nothing more to say.
      return null;
    });
  };
}
