import { timesheetMessage } from '../../../blocks/timesheet.blocks.js';
import { problem } from '../../context.js';
import type { Handler } from '../router.js';

/** `/timesheet [range] [@user]`: the week (or the range named), yours or, for managers, someone's. */
export const sheet: Handler = async ({ deps, teamId, userId, rest }) => {
  const result = await deps.services.timesheet.fromCommand({ teamId, userId, text: rest });
  if (!result.ok) return problem(result.error);
  return timesheetMessage(result.value);
};
