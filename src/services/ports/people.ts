import type { AuditRecord } from '../../domain/audit.js';
import type { Member, SlackProfile } from '../../domain/members.js';
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
