/*
 * What a check-in is, as the services read and write it: the check-in itself, who takes part, and
 * one person's answers on one day. Its rules are beside it: checkin-schedule.ts (when prompts and
 * reminders are due), checkin-questions.ts (questions and answers), weekdays.ts and time-of-day.ts.
 */

/** A check-in for one channel: questions asked by DM at a local time on some weekdays. */
export interface Checkin {
  id: number;
  teamId: string;
  channelId: string;
  /** Local wall time `HH:MM`, read in each member's own zone (or `fixedTz`). */
  timeOfDay: string;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  days: number[];
  questions: string[];
  /** Minutes after the prompt was actually sent; null turns the reminder off. */
  reminderMinutes: number | null;
  /** How late a prompt may still go out after an outage; older ones are recorded as missed. */
  catchUpMinutes: number;
  fixedTz: string | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  archivedAt: Date | null;
}

/** What the settings form edits, as a person entered it (checked by the check-in service). */
export interface CheckinSettingsInput {
  questions: string[];
  time: string;
  days: number[];
  participantIds: string[];
  reminderMinutes: number | null;
  catchUpMinutes: number;
}

export type NewCheckin = Pick<
  Checkin,
  'teamId' | 'channelId' | 'timeOfDay' | 'days' | 'questions' | 'createdBy' | 'createdAt'
>;

export type CheckinSettingsPatch = Partial<
  Pick<Checkin, 'timeOfDay' | 'days' | 'questions' | 'reminderMinutes' | 'catchUpMinutes' | 'fixedTz'>
>;

export interface CheckinWithParticipants extends Checkin {
  /** User ids, in the order they joined. */
  participants: string[];
}

/** One person's answers to one check-in on one of their local dates. */
export interface CheckinResponse {
  id: number;
  teamId: string;
  checkinId: number;
  userId: string;
  localDate: string;
  status: 'in_progress' | 'submitted';
  /** The questions as asked (a later edit of the check-in does not rewrite history). */
  questions: string[];
  answers: string[];
  hasBlocker: boolean;
  channelId: string | null;
  channelMessageTs: string | null;
  dmChannelId: string | null;
  submittedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Whose answers, to which check-in, on which local date, to which questions. */
export type NewCheckinResponse = Pick<
  CheckinResponse,
  'teamId' | 'checkinId' | 'userId' | 'localDate' | 'questions'
>;

export type CheckinResponsePatch = Partial<
  Pick<
    CheckinResponse,
    'status' | 'answers' | 'hasBlocker' | 'channelId' | 'channelMessageTs' | 'dmChannelId' | 'submittedAt'
  >
>;
