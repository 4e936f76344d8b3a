import type {
  Checkin,
  CheckinResponse,
  CheckinResponsePatch,
  CheckinSettingsPatch,
  CheckinWithParticipants,
  NewCheckin,
  NewCheckinResponse,
} from '../../domain/checkin.js';
import type { Delivery } from '../../domain/delivery.js';
import type { TimeOff } from '../../domain/time-off.js';

/** Check-ins and who takes part in them. "Live" check-ins are the ones not deleted. */
export interface CheckinsPort {
  /** null when the channel already has a live check-in. */
  create(checkin: NewCheckin): Promise<Checkin | null>;
  findByChannel(teamId: string, channelId: string): Promise<Checkin | null>;
  /** Live or deleted. */
  find(teamId: string, id: number): Promise<Checkin | null>;
  /** A workspace's live check-ins with their participants. */
  list(teamId: string): Promise<CheckinWithParticipants[]>;
  /** Changes a live check-in; null when there is none. */
  update(teamId: string, id: number, patch: CheckinSettingsPatch): Promise<Checkin | null>;
  /** Deletes a live check-in (it is kept, archived); false when there was none. */
  archive(teamId: string, id: number, at: Date): Promise<boolean>;
  /** User ids, in the order they joined. */
  participants(checkinId: number): Promise<string[]>;
  participantsSince(checkinId: number): Promise<Array<{ userId: string; joinedAt: Date }>>;
  /** Adds people; returns those who were not in already. */
  addParticipants(teamId: string, checkinId: number, userIds: readonly string[], at: Date): Promise<string[]>;
  /** Removes people; returns those who were in. */
  removeParticipants(checkinId: number, userIds: readonly string[]): Promise<string[]>;
  /** Live check-ins a person takes part in. */
  forMember(teamId: string, userId: string): Promise<Checkin[]>;
}

export interface CheckinResponsesPort {
  /** The response for one person, check-in and local date, created (in progress) if missing. */
  ensure(input: NewCheckinResponse): Promise<CheckinResponse>;
  findById(teamId: string, id: number): Promise<CheckinResponse | null>;
  /** Row lock: two DM replies arriving together advance the conversation one at a time. */
  lock(id: number): Promise<CheckinResponse | null>;
  /** The conversation a DM reply belongs to: the newest check-in still being answered. */
  latestInProgress(teamId: string, userId: string, sinceDate: string): Promise<CheckinResponse | null>;
  update(id: number, patch: CheckinResponsePatch): Promise<CheckinResponse>;
  /** A workspace's responses on local dates in [from, to]. */
  forTeamBetween(teamId: string, from: string, to: string): Promise<CheckinResponse[]>;
}

/** Days off, per person (ranges of member-local dates). */
export interface TimeOffPort {
  add(teamId: string, userId: string, fromDate: string, toDate: string): Promise<TimeOff>;
  /** Ranges that end on or after `from` (current and future time off). */
  upcoming(teamId: string, userId: string, from: string): Promise<TimeOff[]>;
  /** Removes current and future time off (ranges ending on or after `from`); returns how many. */
  clearUpcoming(teamId: string, userId: string, from: string): Promise<number>;
  coversDate(teamId: string, userId: string, date: string): Promise<boolean>;
  /** These people's time off touching [from, to]. */
  forUsers(teamId: string, userIds: string[], from: string, to: string): Promise<TimeOff[]>;
}

/**
 * One (check-in, member zone, local date) whose prompt a tick found due or past its catch-up window:
 * `tz` is the raw zone stored on member rows (null when the check-in fixes one, so all its members).
 */
export interface PromptSlot {
  checkinId: number;
  tz: string | null;
  localDate: string;
  scheduledAt: Date;
}

/** A sent, unanswered prompt whose reminder may be due, with the check-in and the member's zone. */
export interface ReminderCandidate {
  prompt: Delivery;
  checkin: Checkin;
  tz: string;
}

/**
 * What the minute tick asks, set-based: it reads per check-in and zone, never every participant.
 * Implemented in SQL (db/repositories/checkin-schedule.repository.ts).
 */
export interface CheckinSchedulePort {
  /** Every live check-in with participants, with the distinct zones on its (not deleted) members' rows. */
  zoneGroups(): Promise<Array<{ checkin: Checkin; tzs: string[] }>>;
  /**
   * The participants of these slots with no `kind` delivery claimed yet for their check-in and local
   * date, who had joined by the slot's scheduled time (deleted members left out), and whether time
   * off covers that date. `slot` is the index into `slots`.
   */
  unclaimedInSlots(
    kind: string,
    slots: readonly PromptSlot[],
  ): Promise<Array<{ slot: number; userId: string; off: boolean }>>;
  /**
   * `promptKind` rows sent in [`sentSince`, `sentUntil`] on local dates from `sinceDate`, still in progress
   * (response not submitted), of live check-ins with reminders whose member still takes part, with
   * `now` between the reminder's time and the end of its catch-up window, and no `reminderKind`
   * row claimed for the same key yet.
   */
  reminderCandidates(input: {
    promptKind: string;
    reminderKind: string;
    now: Date;
    sentSince: Date;
    sentUntil: Date;
    sinceDate: string;
  }): Promise<ReminderCandidate[]>;
}
