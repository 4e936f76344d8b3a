import type { ChecklistLine } from '../../domain/onboarding.js';
import type { Project } from '../../domain/projects.js';

/** A project one person is on or manages: the Home tab's list. */
export interface PersonProject {
  project: Project;
  member: boolean;
  manager: boolean;
}

/** Members and managers of projects. */
export interface ProjectPeoplePort {
  /** Adds these people; returns the ones that were not members yet. */
  addMembers(
    teamId: string,
    projectId: number,
    userIds: readonly string[],
    addedBy: string,
  ): Promise<string[]>;
  /** Removes these people; returns the ones that were members. */
  removeMembers(teamId: string, projectId: number, userIds: readonly string[]): Promise<string[]>;
  /** A project's members, in the order they were added. */
  members(teamId: string, projectId: number): Promise<string[]>;
  /** A project's named managers (workspace admins aside), in the order they were named. */
  managers(teamId: string, projectId: number): Promise<string[]>;
  /** Names a manager; false when they were one already. */
  addManager(teamId: string, projectId: number, userId: string, addedBy: string): Promise<boolean>;
  /** false when they were not one. */
  removeManager(teamId: string, projectId: number, userId: string): Promise<boolean>;
  isManager(teamId: string, projectId: number, userId: string): Promise<boolean>;
  /** The projects a person is a member or a manager of, archived ones included, by key. */
  projectsOf(teamId: string, userId: string): Promise<PersonProject[]>;
  /** Everyone who is a member of a project this person manages (named managers only; admins aside). */
  peopleManagedBy(teamId: string, managerId: string): Promise<string[]>;
  /** The projects a person has live time on (member or not), by id. */
  loggedProjectIds(teamId: string, userId: string): Promise<number[]>;
}

/** An item as a checklist shows it. */
export interface ChecklistItem {
  id: number;
  position: number;
  text: string;
  link: string | null;
  askUserId: string | null;
  askName: string | null;
  days: number | null;
}

export interface Checklist {
  projectId: number;
  welcome: string;
  announce: boolean;
  items: ChecklistItem[];
}

/** A line ready to store: its `@name` resolved to a user id where one matched. */
export interface ChecklistLineToSave extends Omit<ChecklistLine, 'ask'> {
  askUserId: string | null;
  askName: string | null;
}

/** One person's checklist on one project, as the DM and the Home tab draw it. */
export interface OnboardingView {
  id: number;
  teamId: string;
  userId: string;
  projectId: number;
  projectKey: string;
  projectName: string;
  channelId: string | null;
  welcome: string;
  announce: boolean;
  startedAt: Date;
  touchedAt: Date;
  completedAt: Date | null;
  announcedAt: Date | null;
  dmChannelId: string | null;
  dmTs: string | null;
  items: Array<ChecklistItem & { ticked: boolean }>;
}

/** How far one person is: a line of a manager's Home tab and of the digest. */
export interface OnboardingProgress {
  onboardingId: number;
  userId: string;
  /** Their display name, else their user id. */
  name: string;
  projectKey: string;
  done: number;
  total: number;
  startedAt: Date;
}

/** An item past its days, not ticked, whose reminder was not sent yet. */
export interface OverdueItem {
  teamId: string;
  onboardingId: number;
  userId: string;
  itemId: number;
  /** The day the person started: the reminder's claim key date. */
  startedAt: Date;
  /** Its days after the later of the start and the item's being added. */
  dueAt: Date;
}

/** A checklist not finished and not touched since `touchedAt`, with whom to tell. */
export interface UntouchedOnboarding {
  teamId: string;
  onboardingId: number;
  userId: string;
  tz: string;
  projectKey: string;
  touchedAt: Date;
  done: number;
  total: number;
  managerIds: string[];
}

export interface OnboardingPort {
  checklist(teamId: string, projectId: number): Promise<Checklist | null>;
  /**
   * Saves the welcome, the switch and the items in one transaction: a line whose text (any case) is
   * already there keeps its id, and so everyone's tick on it; lines taken out are marked removed.
   */
  saveChecklist(input: {
    teamId: string;
    projectId: number;
    welcome: string;
    announce: boolean;
    items: readonly ChecklistLineToSave[];
    updatedBy: string;
    /** The instant of the save: new items count their days from it (for people already onboarding). */
    at: Date;
  }): Promise<{ added: number; removed: number }>;
  /** Display names of known people, for `@name` on an item: lower-cased name → user id. */
  userIdsByName(teamId: string, names: readonly string[]): Promise<Map<string, string>>;
  /** Starts a person's onboarding; null when they have one on this project already. */
  start(input: {
    teamId: string;
    projectId: number;
    userId: string;
    startedBy: string;
    at: Date;
  }): Promise<number | null>;
  find(teamId: string, projectId: number, userId: string): Promise<number | null>;
  view(teamId: string, onboardingId: number): Promise<OnboardingView | null>;
  /**
   * Of `itemIds` (the items one group of checkboxes shows), ticks `ticked` and unticks the rest, and
   * marks the checklist touched. Items no longer on the checklist are left alone.
   */
  setTicks(input: {
    teamId: string;
    onboardingId: number;
    itemIds: readonly number[];
    ticked: readonly number[];
    at: Date;
  }): Promise<void>;
  /** Finished (or not, after an untick) at `at`. */
  setCompleted(onboardingId: number, at: Date | null): Promise<void>;
  /** Claims the "all set" post: true for the one caller that set it. */
  claimAnnouncement(onboardingId: number, at: Date): Promise<boolean>;
  setDm(onboardingId: number, dm: { channelId: string; ts: string }): Promise<void>;
  /** Drops the unfinished checklists of people who left a project (finished ones stay, as history). */
  dropOpen(teamId: string, projectId: number, userIds: readonly string[]): Promise<void>;
  /** A person's checklists not finished, oldest first. */
  openFor(teamId: string, userId: string): Promise<number[]>;
  /** The open checklists of people still onboarding on these projects (by onboarding id), with a DM to update. */
  openOnProject(teamId: string, projectId: number): Promise<number[]>;
  /** Progress of everyone still onboarding, on the projects a manager manages (all of them for an admin). */
  progress(input: { teamId: string; managerId: string | null; limit: number }): Promise<OnboardingProgress[]>;
  /** Progress of everyone still onboarding on a channel's projects. */
  progressInChannel(teamId: string, channelId: string): Promise<OnboardingProgress[]>;
  /** Items past their days on unfinished checklists, with no closed `alertKind` row yet. */
  overdueItems(input: { now: Date; alertKind: string }): Promise<OverdueItem[]>;
  /** Unfinished checklists untouched since before `before`, on live projects. */
  untouched(input: { before: Date }): Promise<UntouchedOnboarding[]>;
}
