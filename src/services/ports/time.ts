import type { Member } from '../../domain/members.js';
import type { NewTimeEntry, TimeEntry, TimeEntryPatch } from '../../domain/time-entry.js';
import type { ExportEntry } from '../../domain/timesheet-export.js';
import type { ProjectForMember } from './projects.js';

/** Logged time. "Live" entries are the ones not deleted. */
export interface TimeEntriesPort {
  /**
   * Writes one entry per idempotency key, refused (nothing written) when the member's day would hold
   * more than `dayLimit` minutes: the check and the write are one step, so two at once cannot both
   * pass. A second request with the same key (a retried request, a double submit) gets the first row
   * back with `created: false`. `dayTotal`: the live minutes on the entry's date, the entry included.
   */
  insert(
    entry: NewTimeEntry,
    dayLimit: number,
  ): Promise<
    { entry: TimeEntry; created: boolean; dayTotal: number } | { overDayLimit: true; already: number }
  >;
  /**
   * What a new entry needs, in one read: the member (null before their first contact), the entry an
   * earlier request with this idempotency key wrote, and the project `projectKey` names with the
   * member's own rate on it.
   */
  logContext(
    teamId: string,
    userId: string,
    lookFor: { idempotencyKey: string | null; projectKey?: string | undefined },
  ): Promise<{
    member: Member | null;
    seen: TimeEntry | null;
    project: ProjectForMember | null;
    /** Whether the person is a member or a manager of that project. */
    onProject: boolean;
    /** When the category names no project: the person's own live project keys, by key. */
    ownKeys: string[];
  }>;
  /** Takes the member's row lock for the rest of the transaction: changes to one member's time wait for each other. */
  lockMember(teamId: string, userId: string): Promise<void>;
  find(teamId: string, id: number): Promise<TimeEntry | null>;
  /** Live minutes a member has on one local date, optionally leaving one entry out (when editing it). */
  dayTotal(teamId: string, userId: string, workDate: string, excludeId?: number): Promise<number>;
  /** Live minutes per member in [from, to] across a workspace. */
  minutesByMember(
    teamId: string,
    from: string,
    to: string,
  ): Promise<Array<{ userId: string; minutes: number }>>;
  /** A member's live entries in [from, to], oldest first. */
  listForMember(teamId: string, userId: string, from: string, to: string): Promise<TimeEntry[]>;
  /** Changes a live entry; null when there is none. */
  update(teamId: string, id: number, patch: TimeEntryPatch): Promise<TimeEntry | null>;
  /** Marks a live entry deleted; null when it was deleted already (a double click). */
  softDelete(teamId: string, id: number, by: string, at: Date): Promise<TimeEntry | null>;
  /** Brings back a deleted entry; null when it was not deleted. */
  restore(teamId: string, id: number): Promise<TimeEntry | null>;
}

/** Live entries for a CSV export. */
/**
 * Whose time an export holds: one member; a manager's `all` (these people's time, and anyone's on
 * these projects); or everyone (null).
 */
export type ExportWho = string | { userIds: readonly string[]; projectIds: readonly number[] } | null;

export interface ExportPort {
  /**
   * Entries in [from, to] for one member, for a manager's `all` (the members of the projects they
   * manage, and anyone's time on those projects), or the whole workspace when `who` is null.
   */
  entries(teamId: string, from: string, to: string, who: ExportWho): Promise<ExportEntry[]>;
  /** How many entries each day in [from, to] holds (days without any left out), by date: a big export's pages. */
  dayCounts(
    teamId: string,
    from: string,
    to: string,
    who: ExportWho,
  ): Promise<Array<{ workDate: string; rows: number }>>;
}
