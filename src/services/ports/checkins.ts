import type {
  Checkin,
  CheckinResponse,
  CheckinResponsePatch,
  CheckinSettingsPatch,
  CheckinWithParticipants,
  NewCheckin,
  NewCheckinResponse,
  ScheduledParticipant,
} from '../../domain/checkin.js';
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
  /**
   * Every participant of every live check-in in every workspace, with the zone stored on their
   * member row (deleted members left out): a read of all participants, once per tick.
   */
  scheduledAllTeams(): Promise<ScheduledParticipant[]>;
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
  /** Every workspace's submitted responses from `sinceDate` on. */
  submittedSinceAllTeams(sinceDate: string): Promise<CheckinResponse[]>;
  /** Every workspace's unfinished responses from `sinceDate` on. */
  inProgressSinceAllTeams(sinceDate: string): Promise<CheckinResponse[]>;
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
  /** Every workspace's time off touching [from, to]. */
  overlappingAllTeams(from: string, to: string): Promise<TimeOff[]>;
}
