import { splitSubcommand } from '../../../../domain/subcommand.js';
import {
  timeOffClearedMessage,
  timeOffListMessage,
  timeOffSavedMessage,
} from '../../../blocks/checkin/replies.blocks.js';
import { TIME_OFF_USAGE } from '../../../blocks/help.blocks.js';
import { problem } from '../../context.js';
import { type Handler, nested, type Router } from '../router.js';

const listTimeOff: Handler = async ({ deps, teamId, userId }) =>
  timeOffListMessage(await deps.services.checkins.listTimeOff({ teamId, userId }));

const clearTimeOff: Handler = async ({ deps, teamId, userId }) =>
  timeOffClearedMessage(await deps.services.checkins.clearTimeOff({ teamId, userId }));

/** `/standup off …`: `list` (also the default) and `clear`; anything else is the dates to take off. */
export const TIME_OFF: Router = {
  routes: {
    '': { run: listTimeOff },
    list: { usage: TIME_OFF_USAGE.list, run: listTimeOff },
    clear: { usage: TIME_OFF_USAGE.clear, run: clearTimeOff },
  },
  /** `/standup off 2026-12-24 [2026-12-31]`: from (and to, inclusive). */
  otherwise: async ({ deps, teamId, userId, word, args }) => {
    const result = await deps.services.checkins.addTimeOff({
      teamId,
      userId,
      from: word,
      to: args[0] ?? null,
    });
    if (!result.ok) return problem(result.error);
    return timeOffSavedMessage(result.value);
  },
};

export const off: Handler = nested(TIME_OFF, splitSubcommand);
