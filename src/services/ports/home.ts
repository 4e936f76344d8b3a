import type { MilestoneWithProject } from '../../domain/projects.js';

/** A check-in's answers today, as the manager's Home tab draws them: counts, and the first few ids. */
export interface CheckedInToday {
  checkinId: number;
  channelId: string;
  done: string[];
  pending: string[];
  doneCount: number;
  pendingCount: number;
}

/** The reads of the Home tab: each grouped in SQL and bounded by what the tab can draw. */
export interface HomePort {
  /** One person's check-in responses on local dates in [from, to]. */
  memberResponses(
    teamId: string,
    userId: string,
    from: string,
    to: string,
  ): Promise<Array<{ checkinId: number; localDate: string; status: 'in_progress' | 'submitted' }>>;
  /** Every zone the workspace's live check-ins are answered in (the check-in's fixed zone, else the member's), as stored. */
  participantZones(teamId: string): Promise<string[]>;
  /**
   * Per live check-in (by id), who has submitted an answer on their today and who has not: both
   * counted, and the first `limit` of each in joining order. `today` gives the date in each zone
   * {@link participantZones} returned.
   */
  checkedIn(
    teamId: string,
    today: ReadonlyArray<{ zone: string; date: string }>,
    limit: number,
    /** Only the members of the projects this person manages (check-ins with none of them left out); null: everyone. */
    managerId?: string | null,
  ): Promise<CheckedInToday[]>;
  /** Live minutes per member in [from, to], most first: the first `limit`, and how many people logged. */
  topHours(
    teamId: string,
    from: string,
    to: string,
    limit: number,
    /** Only the members of the projects this person manages; null: everyone. */
    managerId?: string | null,
  ): Promise<{ rows: Array<{ userId: string; minutes: number }>; people: number }>;
  /** Milestones past due and not done, by due date: the first `limit`, and how many there are. */
  overdue(
    teamId: string,
    today: string,
    limit: number,
    /** Only milestones of projects this person manages; null: every project. */
    managerId?: string | null,
  ): Promise<{ rows: MilestoneWithProject[]; total: number }>;
}
