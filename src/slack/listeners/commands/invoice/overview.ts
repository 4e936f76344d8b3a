import { invoiceOverviewMessage } from '../../../blocks/invoice.blocks.js';
import type { ListenerDeps, Reply } from '../../context.js';

/** `/invoice list`: your invoices, what waits for your approval, and (admins) what is unpaid. */
export async function invoiceOverview(deps: ListenerDeps, teamId: string, userId: string): Promise<Reply> {
  return invoiceOverviewMessage(await deps.services.invoices.overviewWithTotals(teamId, userId));
}
