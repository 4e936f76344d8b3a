import { formatDayLabel } from '../../../../domain/local-date.js';
import { plainMessage } from '../../../blocks/message.js';
import { problem } from '../../context.js';
import type { Handler } from '../router.js';

/** `/punchcard feedback-reminder <key> every <N> weeks` (or `off`): the project's managers only. */
export const feedbackReminder: Handler = async ({ deps, teamId, userId, args }) => {
  const result = await deps.services.feedback.setReminder({ teamId, userId, args });
  if (!result.ok) return problem(result.error);
  const { projectKey, everyWeeks, first, removed } = result.value;
  if (everyWeeks === 0)
    return plainMessage(
      removed
        ? `:bell: Feedback reminders for \`${projectKey}\` stopped.`
        : `You had no feedback reminder for \`${projectKey}\`: nothing to stop.`,
    );
  const every = everyWeeks === 1 ? 'every week' : `every ${everyWeeks} weeks`;
  return plainMessage(
    `:bell: Feedback reminder for \`${projectKey}\` set: ${every}, I'll DM you who on it is due for feedback` +
      ` (no feedback from anyone in ${everyWeeks === 1 ? 'a week' : `${everyWeeks} weeks`}), at 09:00 your time.` +
      (first ? ` The first comes ${formatDayLabel(first)}.` : ''),
  );
};
