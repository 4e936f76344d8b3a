import type { App } from '@slack/bolt';
import { FeedbackIds, ViewId } from '../../blocks/ids.js';
import { InvoiceIds } from '../../blocks/invoice.blocks.js';
import type { ListenerDeps } from '../context.js';
import { checkinAnswersSubmission } from './checkin-answers.view.js';
import { checkinSettingsSubmission } from './checkin-settings.view.js';
import { contractSubmission } from './contract.view.js';
import { entryEditSubmission } from './entry-edit-modal.view.js';
import { feedbackSubmission } from './feedback.view.js';
import { invoiceRejectSubmission, invoiceSubmission } from './invoice.view.js';
import { logModalSubmission } from './log-modal.view.js';
import { onboardingEditorSubmission } from './onboarding-editor.view.js';

/** Every modal's submission, by the modal's callback id (blocks/ids.ts). */
export function register(app: App, deps: ListenerDeps): void {
  app.view(ViewId.logModal, logModalSubmission(deps));
  app.view(ViewId.editEntryModal, entryEditSubmission(deps));
  app.view(ViewId.checkinAnswers, checkinAnswersSubmission(deps));
  app.view(ViewId.checkinSettings, checkinSettingsSubmission(deps));
  app.view(ViewId.onboardingEditor, onboardingEditorSubmission(deps));
  app.view(FeedbackIds.modal, feedbackSubmission(deps));
  app.view(InvoiceIds.modal, invoiceSubmission(deps));
  app.view(InvoiceIds.rejectModal, invoiceRejectSubmission(deps));
  app.view(ViewId.contract, contractSubmission(deps));
}
