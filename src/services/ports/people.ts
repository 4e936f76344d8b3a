import type { AuditEntry, AuditQuery, AuditRecord } from '../../domain/audit.js';
import type { Member, SlackProfile } from '../../domain/members.js';
import type { PersonRecords } from '../../domain/person-data.js';
import type { Role } from '../../domain/roles.js';

/** The people Punchcard has met, per workspace. */
export interface MembersPort {
  find(teamId: string, userId: string): Promise<Member | null>;
  /** Inserts or refreshes what Slack owns (name, zone, admin flag); never touches the granted role. */
  upsertProfile(teamId: string, profile: SlackProfile): Promise<Member>;
  /** Refreshes known members from these profiles in one go (others ignored); how many changed. */
  refreshProfiles(teamId: string, profiles: readonly SlackProfile[]): Promise<number>;
  setRole(teamId: string, userId: string, role: Role): Promise<Member | null>;
  findMany(teamId: string, userIds: readonly string[]): Promise<Member[]>;
  /** Every workspace with at least one member: a read of the whole members table. */
  teamIds(): Promise<string[]>;
  setRate(teamId: string, userId: string, rateMinor: number, currency: string): Promise<void>;
  /** Notes that the person opened the app's Home tab at `at`. */
  homeOpened(teamId: string, userId: string, at: Date): Promise<void>;
  /** Whether the person opened the Home tab at or after `since`. */
  homeOpenedSince(teamId: string, userId: string, since: Date): Promise<boolean>;
}

/** Every change a person makes to someone's data. */
export interface AuditPort {
  record(entry: AuditRecord): Promise<void>;
  /** Records newest first (by id), about or by `userId` when given: one page of `limit`. */
  list(query: AuditQuery): Promise<AuditEntry[]>;
}

/** One person's data as a whole: read for access requests, erased on request, expired by retention. */
export interface PersonDataPort {
  /** Everything held about the person in the workspace; null when Punchcard never met them. */
  records(teamId: string, userId: string): Promise<PersonRecords | null>;
  /**
   * In one transaction: removes the person's name, answers, notes and Slack id everywhere, keeps
   * their time entries under a new pseudonym, and audits the erasure. Null when there is no such person.
   */
  erase(input: {
    teamId: string;
    userId: string;
    actorId: string;
  }): Promise<{ pseudonymId: string; pseudonymName: string } | null>;
  /**
   * Retention: deletes check-in answers dated before `answersBefore`, processed event ids received
   * before `before`, and closed deliveries of `deliveryKinds` keyed before `answersBefore`.
   */
  forgetOld(input: {
    answersBefore: string;
    before: Date;
    deliveryKinds: readonly string[];
  }): Promise<{ answers: number; events: number; deliveries: number }>;
}

/**
 * What a claim on an event found: `claimed` (this attempt holds it now), `done` (an earlier attempt's
 * handling committed) or `busy` (another attempt holds it and its lease has not run out).
 */
export type EventClaim = 'claimed' | 'done' | 'busy';

/** Slack event ids and how far their handling got: a retried event is handled until it succeeds, once. */
export interface ProcessedEventsPort {
  /** Takes the event for `leaseMs` unless it is done or another attempt's lease still runs. */
  claim(teamId: string, eventId: string, leaseMs: number): Promise<EventClaim>;
  /** Records the event as handled (after its handling committed) and ends the lease. */
  finish(teamId: string, eventId: string): Promise<void>;
  /** Ends the lease of an attempt that failed, so the next attempt handles the event. */
  release(teamId: string, eventId: string): Promise<void>;
  prune(olderThan: Date): Promise<void>;
}
