import type { Middleware, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { parseInvoiceCommand } from '../../../../domain/invoices.js';
import { splitSubcommand } from '../../../../domain/subcommand.js';
import { helpMessage, INVOICE_HELP } from '../../../blocks/help.blocks.js';
import { adminDoneMessage, defaultCurrencyOf, invoiceDraftModal } from '../../../blocks/invoice.blocks.js';
import type { InvoiceModalMetadata } from '../../../payloads.js';
import { afterChange, problem } from '../../context.js';
import { commandListener, type Handler, type Router } from '../router.js';
import { invoiceOverview } from './overview.js';

const help: Handler = async () => helpMessage(INVOICE_HELP);

/** Who is asked to approve, as the draft says it before anyone is asked. */
const APPROVER_HINT = "your project's managers (or an admin)";

/** Everything `/invoice` does, read from its whole text (parseInvoiceCommand is the grammar). */
const run: Handler = async (call) => {
  const text = [call.word ?? '', call.rest].filter(Boolean).join(' ');
  const parsed = parseInvoiceCommand(text);
  if (!parsed.ok) return problem(parsed.error);
  const { deps, teamId, userId } = call;
  const invoices = deps.services.invoices;
  const command = parsed.value;
  switch (command.kind) {
    case 'help':
      return help(call);
    case 'list':
      return invoiceOverview(deps, teamId, userId);
    case 'paid': {
      const done = await invoices.markPaid({
        teamId,
        userId,
        number: command.number,
        paidOn: command.paidOn,
      });
      if (!done.ok) return problem(done.error);
      afterChange(deps, teamId, userId);
      afterChange(deps, teamId, done.value.invoice.userId);
      return adminDoneMessage(done.value);
    }
    case 'void': {
      const done = await invoices.voidInvoice({
        teamId,
        userId,
        number: command.number,
        reason: command.reason,
      });
      if (!done.ok) return problem(done.error);
      afterChange(deps, teamId, userId);
      afterChange(deps, teamId, done.value.invoice.userId);
      return adminDoneMessage(done.value);
    }
    case 'draft':
    case 'milestone': {
      const source =
        command.kind === 'milestone' ? { milestoneId: command.milestoneId } : { period: command.period };
      const drafted = await invoices.draft({ teamId, userId, source, expenses: [] });
      if (!drafted.ok) return problem(drafted.error);
      const view = drafted.value;
      const metadata: InvoiceModalMetadata = {
        responseUrl: call.responseUrl,
        period: view.source.period,
        milestoneId: view.source.milestoneId,
        projectId: view.source.projectId,
        expenses: [],
        currency: defaultCurrencyOf(view),
        generation: 0,
      };
      await call.client.views.open({
        trigger_id: call.triggerId,
        view: invoiceDraftModal({
          view,
          expenses: [],
          metadata: JSON.stringify(metadata),
          generation: 0,
          approverHint: APPROVER_HINT,
        }),
      });
      return null;
    }
  }
};

/** `/invoice`: a draft (last period, a range or a milestone), `list`, and for admins `paid` and `void`. */
export const INVOICE: Router = {
  routes: {
    '': { usage: '`/invoice`', run },
    help: { run: help },
    '?': { run: help },
    list: { usage: '`/invoice list`', run },
    milestone: { usage: '`/invoice milestone <id>`', run },
    paid: { usage: '`/invoice paid <number> [YYYY-MM-DD]`', run },
    void: { usage: '`/invoice void <number> <reason>`', run },
  },
  otherwise: run,
};

export { APPROVER_HINT };

export function invoiceCommand(
  deps: Parameters<typeof commandListener>[0],
): Middleware<SlackCommandMiddlewareArgs> {
  return commandListener(deps, '/invoice', splitSubcommand, INVOICE);
}
