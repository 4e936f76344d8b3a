import { formatMoney } from '../../../../domain/money.js';
import { parseUserMention } from '../../../../domain/slack-mentions.js';
import { memberRateMessage, RATE_PERSON_MISSING } from '../../../blocks/punchcard.blocks.js';
import { problem } from '../../context.js';
import type { Handler } from '../router.js';

/** `/punchcard rate @user <amount> <currency> [project]`: a member's rate, on one project if named. */
export const rate: Handler = async ({ deps, teamId, userId, args }) => {
  const [mention, amount, currency, projectKey] = args;
  const targetUserId = mention ? parseUserMention(mention) : null;
  if (!targetUserId) return problem(RATE_PERSON_MISSING);
  const result = await deps.services.projects.setMemberRate({
    teamId,
    userId,
    targetUserId,
    amount,
    currency,
    projectKey,
  });
  if (!result.ok) return problem(result.error);
  return memberRateMessage({
    targetUserId,
    rate: formatMoney(result.value.rateMinor, result.value.currency),
    projectKey: result.value.project?.key ?? null,
  });
};
