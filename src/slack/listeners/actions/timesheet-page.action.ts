import type { BlockButtonAction, Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';
import { STALE_PAGE_BUTTON } from '../../blocks/errors.blocks.js';
import { ActionId } from '../../blocks/ids.js';
import { parseSheetRef } from '../../payloads.js';
import { answer, type ListenerDeps, refuseUntrusted, teamIdOf } from '../context.js';
import { redrawTimesheet } from './timesheet-redraw.js';

export const PAGE_ACTION = new RegExp(`^${ActionId.timesheetPage}_(prev|next)$`);

export function timesheetPageAction(
  deps: ListenerDeps,
): Middleware<SlackActionMiddlewareArgs<BlockButtonAction>> {
  return async ({ ack, body, action, respond, context }) => {
    await ack();
    await answer(deps, respond, 'action:timesheet_page', async () => {
      const decoded = parseSheetRef(action.value);
      if (!decoded) return refuseUntrusted(deps, 'action:timesheet_page', STALE_PAGE_BUTTON);
      return redrawTimesheet(deps, { teamId: teamIdOf(context), userId: body.user.id, ref: decoded.ref });
    });
  };
}
