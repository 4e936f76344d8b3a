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

/** Slack event ids already handled: a retried event is handled once. */
export interface ProcessedEventsPort {
  /** True the first time an event id is seen; false for Slack's retries of it. */
  claim(teamId: string, eventId: string): Promise<boolean>;
  prune(olderThan: Date): Promise<void>;
}
