import type {
  MemberProjectRate,
  Milestone,
  MilestoneChange,
  MilestoneWithProject,
  NewMilestone,
  NewProject,
  Project,
  ProjectPatch,
  ProjectUse,
} from '../../domain/projects.js';

/** A project, with one member's own rate on it when one is set. */
export interface ProjectForMember {
  project: Project;
  memberRate: { rateMinor: number; currency: string } | null;
}

export interface ProjectsPort {
  findByKey(teamId: string, key: string): Promise<Project | null>;
  /** null when the key is taken in this workspace. */
  create(input: NewProject): Promise<Project | null>;
  update(teamId: string, id: number, patch: ProjectPatch): Promise<Project | null>;
  /** A workspace's live projects (archived ones too when asked), by key. */
  list(teamId: string, options?: { includeArchived?: boolean }): Promise<Project[]>;
  inChannel(teamId: string, channelId: string): Promise<Project[]>;
  setMemberRate(input: MemberProjectRate): Promise<void>;
  /** The project a key names, with the member's own rate on it when one is set. */
  findForMember(teamId: string, key: string, userId: string): Promise<ProjectForMember | null>;
  /** Live minutes logged on a project, optionally from a date on. */
  loggedMinutes(teamId: string, projectId: number, fromDate?: string): Promise<number>;
  /**
   * Every workspace's live projects with a budget for which one of `thresholds` (percent) has no
   * closed `alertKind` row yet (its key: `projectId:budgetMinutes:threshold`) for someone it tells,
   * with their logged minutes and whom it tells: the project's named managers, else the workspace's
   * admins. Projects whose every alert was made are not summed.
   */
  budgetUseToAlert(input: {
    thresholds: readonly number[];
    alertKind: string;
    adminUserIds: readonly string[];
  }): Promise<BudgetUseToAlert[]>;
}

/** A project whose budget may have an alert to make, and whom its alerts go to by DM. */
export interface BudgetUseToAlert extends ProjectUse {
  /** The project's named managers; its workspace's admins when it has none (`toAdmins`). */
  recipients: string[];
  toAdmins: boolean;
}

export interface MilestonesPort {
  create(input: NewMilestone): Promise<Milestone>;
  find(teamId: string, id: number): Promise<MilestoneWithProject | null>;
  /** A workspace's milestones (or one project's), by due date. */
  list(teamId: string, projectId?: number): Promise<MilestoneWithProject[]>;
  /** A person's milestones that are not done, by due date. */
  forOwner(teamId: string, ownerId: string): Promise<MilestoneWithProject[]>;
  /**
   * Every workspace's milestones past due and not done, on live projects with a channel, whose latest
   * alert day come by `today` (the due date plus the largest of `offsets` that is not after today)
   * has no closed `alertKind` row yet.
   */
  overdueToAlert(input: {
    today: string;
    offsets: readonly number[];
    alertKind: string;
  }): Promise<MilestoneWithProject[]>;
  /** Live minutes logged on each milestone's project since the milestone's UTC creation day: one grouped query. */
  loggedSinceStart(teamId: string, milestoneIds: readonly number[]): Promise<Map<number, number>>;
  /** Sets the status and keeps the change as history; null when the milestone is gone. */
  applyUpdate(input: MilestoneChange): Promise<Milestone | null>;
}
