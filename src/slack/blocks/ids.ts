/** Action, view and block ids shared by the builders and the listeners that answer them. */
export const ActionId = {
  entryUndo: 'entry_undo',
  entryEdit: 'entry_edit',
  entryRestore: 'entry_restore',
  timesheetEntryMenu: 'timesheet_entry_menu',
  timesheetPage: 'timesheet_page',
  openLogModal: 'open_log_modal',
  checkinOpenForm: 'standup_open_form',
  checkinEditAnswers: 'standup_edit_answers',
  homeAnswerCheckin: 'home_answer_checkin',
  onboardingTick: 'onboarding_tick',
  auditMore: 'audit_more',
} as const;

export const ViewId = {
  logModal: 'log_modal',
  editEntryModal: 'entry_edit_modal',
  checkinAnswers: 'standup_answers_modal',
  checkinSettings: 'standup_settings_modal',
  onboardingEditor: 'onboarding_editor_modal',
  contract: 'contract_modal',
} as const;

/** Block ids of the onboarding checklist modal's inputs; each input's action id is `value`. */
export const OnboardingField = {
  welcome: 'welcome',
  items: 'items',
  announce: 'announce',
} as const;

/** Block ids of the log and edit modals' inputs; each input's action id is `value`. */
export const LogField = {
  duration: 'duration',
  category: 'category',
  date: 'date',
  note: 'note',
} as const;

/**
 * A timesheet view packed into a button or overflow value (Slack allows 150 characters in an
 * option value and 2000 in a button value), so a click can redraw exactly what the person saw.
 */
export interface SheetRef {
  subjectId: string;
  from: string;
  to: string;
  page: number;
}

export function encodeSheetRef(ref: SheetRef, entryId?: number): string {
  return [entryId ?? '', ref.subjectId, ref.from, ref.to, ref.page].join('|');
}

/** What the log and edit modals carry in private_metadata (3000 characters at most). */
export interface ModalMetadata {
  responseUrl: string | null;
  channelId: string | null;
  entryId?: number;
  /** Set when the edit started from a timesheet: the timesheet is redrawn after saving. */
  sheet?: SheetRef;
}

/** Kudos and feedback: the feedback modal, its fields, and the Acknowledge button. */
export const FeedbackIds = {
  modal: 'feedback_modal',
  acknowledge: 'feedback_ack',
  wentWell: 'went_well',
  toImprove: 'to_improve',
  rating: 'rating',
} as const;
