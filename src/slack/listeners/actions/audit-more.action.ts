import type { BlockButtonAction, Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';
import { safeZone } from '../../../domain/local-date.js';
import { auditMessage } from '../../blocks/privacy.blocks.js';
import { parseAuditRef } from '../../payloads.js';
import { answer, type ListenerDeps, problem, refuseUntrusted, teamIdOf } from '../context.js';

const STALE_AUDIT_BUTTON = {
  message: 'That button is out of date.',
  hint: 'read the audit again with `/punchcard audit`.',
} as const;

/** "More" under an audit page: the next older page, as a new message below it. */
export function auditMoreAction(
  deps: ListenerDeps,
): Middleware<SlackActionMiddlewareArgs<BlockButtonAction>> {
  return async ({ ack, body, action, respond, context }) => {
    await ack();
    await answer(deps, respond, 'action:audit_more', async () => {
      const ref = parseAuditRef(action.value);
      if (!ref) return refuseUntrusted(deps, 'action:audit_more', STALE_AUDIT_BUTTON);
      const teamId = teamIdOf(context);
      const result = await deps.services.privacy.auditMore({ teamId, userId: body.user.id, ref });
      if (!result.ok) return problem(result.error);
      const viewer = await deps.services.members.ensure(teamId, body.user.id);
      return { ...auditMessage(result.value, safeZone(viewer.tz)), replace_original: false };
    });
  };
}
