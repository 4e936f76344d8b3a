import type { App, BlockAction, BlockButtonAction, CheckboxesAction, OverflowAction } from '@slack/bolt';
import { ActionId, FeedbackIds } from '../../blocks/ids.js';
import { InvoiceIds } from '../../blocks/invoice.blocks.js';
import type { ListenerDeps } from '../context.js';
import { auditMoreAction } from './audit-more.action.js';
import { checkinFormAction } from './checkin-form.action.js';
import { entryEditAction } from './entry-edit.action.js';
import { entryRestoreAction } from './entry-restore.action.js';
import { entryUndoAction } from './entry-undo.action.js';
import { feedbackAckAction } from './feedback-ack.action.js';
import { homeAnswerCheckinAction } from './home-answer-checkin.action.js';
import { invoiceAddExpenseAction, invoiceApproveAction, invoiceRejectAction } from './invoice.action.js';
import { onboardingTickAction } from './onboarding-tick.action.js';
import { openLogModalAction } from './open-log-modal.action.js';
import { timesheetEntryMenuAction } from './timesheet-entry-menu.action.js';
import { PAGE_ACTION, timesheetPageAction } from './timesheet-page.action.js';

/** Every button and menu the app's messages, modals and Home tab carry (ids: blocks/ids.ts). */
export function register(app: App, deps: ListenerDeps): void {
  app.action<BlockButtonAction>(ActionId.entryUndo, entryUndoAction(deps));
  app.action<BlockButtonAction>(ActionId.entryEdit, entryEditAction(deps));
  app.action<BlockButtonAction>(ActionId.entryRestore, entryRestoreAction(deps));
  app.action<BlockAction<OverflowAction>>(ActionId.timesheetEntryMenu, timesheetEntryMenuAction(deps));
  app.action<BlockButtonAction>(PAGE_ACTION, timesheetPageAction(deps));
  app.action<BlockButtonAction>(ActionId.checkinOpenForm, checkinFormAction(deps));
  app.action<BlockButtonAction>(ActionId.checkinEditAnswers, checkinFormAction(deps));
  app.action<BlockButtonAction>(ActionId.openLogModal, openLogModalAction(deps));
  app.action<BlockButtonAction>(ActionId.homeAnswerCheckin, homeAnswerCheckinAction(deps));
  app.action<BlockAction<CheckboxesAction>>(ActionId.onboardingTick, onboardingTickAction(deps));
  app.action<BlockButtonAction>(FeedbackIds.acknowledge, feedbackAckAction(deps));
  app.action<BlockButtonAction>(ActionId.auditMore, auditMoreAction(deps));
  app.action<BlockButtonAction>(InvoiceIds.approve, invoiceApproveAction(deps));
  app.action<BlockButtonAction>(InvoiceIds.reject, invoiceRejectAction(deps));
  app.action<BlockButtonAction>(InvoiceIds.addExpense, invoiceAddExpenseAction(deps));
}
