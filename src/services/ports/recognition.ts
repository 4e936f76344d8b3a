import type { FeedbackReminder, FeedbackView, NewFeedback } from '../../domain/feedback.js';
import type { KudosView } from '../../domain/kudos.js';

/** Kudos: given within a daily limit, and read back for the Home tab and the digest. */
export interface KudosPort {
  /**
   * Writes one kudos per recipient, all or none: refused (with how many the giver already gave)
   * when the giver's kudos since `since` plus these would pass `limit`. Counted under the giver's
   * member row lock, so two `/kudos` at once cannot both slip under the limit.
   */
  give(input: {
    teamId: string;
    giverId: string;
    recipientIds: string[];
    channelId: string;
    text: string;
    /** When it is given (the app's clock), and the start of the giver's day. */
    at: Date;
    since: Date;
    limit: number;
  }): Promise<{ ok: true; ids: number[]; given: number } | { ok: false; given: number }>;
  /** Takes back kudos that could not be posted anywhere. */
  remove(teamId: string, ids: number[]): Promise<void>;
  /** Kudos a person received since a moment, newest first: the first `limit`, and how many in all. */
  received(
    teamId: string,
    userId: string,
    since: Date,
    limit: number,
  ): Promise<{ rows: KudosView[]; total: number }>;
  /**
   * Kudos given in [from, to) that were typed in the channel or went to one of `userIds`, oldest
   * first: the first `limit`, and how many in all.
   */
  forDigest(input: {
    teamId: string;
    channelId: string;
    userIds: string[];
    from: Date;
    to: Date;
    limit: number;
  }): Promise<{ rows: KudosView[]; total: number }>;
}

/** Private feedback, its thread replies, and feedback reminders. */
export interface FeedbackPort {
  create(input: NewFeedback): Promise<FeedbackView>;
  /** Where the DM landed, so thread replies can be matched to it. */
  delivered(id: number, dmChannelId: string, messageTs: string): Promise<void>;
  remove(id: number): Promise<void>;
  find(teamId: string, id: number): Promise<FeedbackView | null>;
  /** The feedback whose DM is this message (a thread's parent). */
  findByMessage(dmChannelId: string, messageTs: string): Promise<FeedbackView | null>;
  /** Marks it acknowledged once; false when it already was. */
  acknowledge(teamId: string, id: number, at: Date): Promise<boolean>;
  /** Keeps a thread reply once per message ts; false for a repeat. */
  addReply(input: {
    teamId: string;
    feedbackId: number;
    userId: string;
    text: string;
    ts: string;
    createdAt: Date;
  }): Promise<boolean>;
  /** Feedback a person received or gave, newest first: the first `limit`. */
  history(teamId: string, userId: string, limit: number): Promise<FeedbackView[]>;
  /** Every feedback in the workspace, newest first, for admins: the first `limit`. */
  recent(teamId: string, limit: number): Promise<FeedbackView[]>;

  upsertReminder(input: Omit<FeedbackReminder, 'id' | 'projectKey'>): Promise<FeedbackReminder>;
  removeReminder(teamId: string, projectId: number, managerId: string): Promise<boolean>;
  /** Every workspace's reminders, with their project keys (archived projects left out). */
  allReminders(): Promise<FeedbackReminder[]>;
  /** When each of these people last had feedback from anyone (null: never), in one grouped query. */
  lastFeedback(
    teamId: string,
    userIds: string[],
  ): Promise<Array<{ userId: string; name: string; last: Date | null }>>;
}
