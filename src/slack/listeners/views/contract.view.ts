import type { Middleware, SlackViewMiddlewareArgs } from '@slack/bolt';
import { ContractField } from '../../../domain/contracts.js';
import { contractSaved } from '../../blocks/contract.blocks.js';
import { parseContractMetadata, parseContractState, STALE_FORM } from '../../payloads.js';
import { replyAfterModal } from '../../respond.js';
import { afterChange, answer, type ListenerDeps, problem, teamIdOf } from '../context.js';

/**
 * The contract form sent. Its mistakes are shown under their fields while the form stays open; the
 * saving itself (permission checked again, rate and contract in one transaction) happens before the
 * answer, so a refusal can still be shown in the form. Then the manager is told where they began.
 */
export function contractSubmission(deps: ListenerDeps): Middleware<SlackViewMiddlewareArgs> {
  return async ({ ack, body, view, client, context }) => {
    const meta = parseContractMetadata(view.private_metadata, deps.responseUrlHosts);
    const state = parseContractState(view.state.values);
    if (!meta || !state) {
      deps.logger.warn({ where: 'view:contract', viewId: view.id }, 'contract payload refused');
      await ack({ response_action: 'errors', errors: { [ContractField.rate]: STALE_FORM } });
      return;
    }
    const teamId = teamIdOf(context);
    const managerId = body.user.id;
    const result = await deps.services.contracts.save({
      teamId,
      userId: managerId,
      target: { personId: meta.personId, project: meta.project },
      form: state,
    });
    if (!result.ok && 'fields' in result) {
      const errors: Record<string, string> = {};
      for (const [field, message] of Object.entries(result.fields))
        errors[ContractField[field as keyof typeof ContractField]] = message;
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    const send = (message: Parameters<typeof replyAfterModal>[2]) =>
      replyAfterModal(client, { responseUrl: meta.responseUrl, userId: managerId }, message);
    await answer(deps, send, 'view:contract', async () => {
      if (!result.ok) return problem(result.error);
      afterChange(deps, teamId, meta.personId);
      return contractSaved(result.value);
    });
  };
}
