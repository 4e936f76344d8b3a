import type { Digest } from '../../domain/digest.js';
import type { FeedbackView } from '../../domain/feedback.js';
import type { SlackProfile } from '../../domain/members.js';
import type { OnboardingView } from './people-on-projects.js';

/* What the services need of Slack: the user directory and messages. Implemented in src/slack/. */

/** Who a Slack user is (name, zone, admin flag). Implemented over users.info in slack/. */
export interface SlackDirectory {
  /** null when Slack does not know the user; throws when Slack cannot be reached. */
  getProfile(userId: string): Promise<SlackProfile | null>;
  /** Everyone in the workspace (users.list, all pages): the daily sweep that catches missed user_change events. */
  listProfiles(): Promise<SlackProfile[]>;
}

/** A message Slack accepted: where it landed. */
export interface SentMessage {
  channelId: string;
  ts: string;
}

/**
 * A failed Slack call as the services see it: `retryable` (429, 5xx, timeout) is tried again on a
 * later tick; anything else (user gone, bot not in channel) is final.
 */
export class DeliveryError extends Error {
  constructor(
    readonly code: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(`delivery failed: ${code}`, options);
  }
}

export interface CheckinAnswersView {
  responseId: number;
  userId: string;
  displayName: string;
  channelId: string;
  localDate: string;
  questions: string[];
  answers: string[];
  blockerIndex: number;
  hasBlocker: boolean;
}

/** How check-ins talk to people; implemented over the Web API in slack/checkin-messenger.ts. */
export interface CheckinMessenger {
  sendPrompt(input: {
    userId: string;
    channelId: string;
    question: string;
    index: number;
    total: number;
    responseId: number;
    deliveryId: number;
    reminder: boolean;
  }): Promise<SentMessage>;
  /** Looks for a message carrying this delivery id in the person's DM (a send cut off before we recorded it). */
  findDelivery(input: { userId: string; deliveryId: number; since: Date }): Promise<SentMessage | null>;
  askNext(input: {
    userId: string;
    question: string;
    index: number;
    total: number;
    responseId: number;
  }): Promise<void>;
  /** Posts the answers to the channel, or updates the post in place when `ts` is given. */
  publishAnswers(view: CheckinAnswersView, ts: string | null): Promise<SentMessage>;
  confirm(input: {
    userId: string;
    view: CheckinAnswersView;
    posted: boolean;
    updated: boolean;
  }): Promise<void>;
  tell(input: { userId: string; text: string }): Promise<void>;
}

export interface MilestoneView {
  id: number;
  title: string;
  projectKey: string;
  dueDate: string;
  status: 'planned' | 'in-progress' | 'blocked' | 'done';
  percent: number | null;
  ownerId: string | null;
  /**
   * Minutes logged on the project since the milestone started, against the project's budget; both
   * null when the reader may not see them (only the project's managers and admins see hours).
   */
  loggedMinutes: number | null;
  budgetMinutes: number | null;
}

/** Posts to project and team channels; implemented over the Web API in slack/channel-messenger.ts. */
export interface ChannelMessenger {
  milestoneUpdate(input: {
    channelId: string;
    milestone: MilestoneView;
    authorId: string;
    note: string | null;
    created: boolean;
  }): Promise<SentMessage>;
  overdue(input: {
    channelId: string;
    milestone: MilestoneView;
    daysOverdue: number;
    reminder: number;
  }): Promise<SentMessage>;
  /**
   * A budget alert, by DM to one of the project's managers (or, when it has none, an admin): its
   * hours and budget are for them, not for everyone in the project's channel.
   */
  budget(input: {
    userId: string;
    /** Told as one of the workspace's admins, the project having no named manager. */
    asAdmin: boolean;
    projectKey: string;
    threshold: number;
    usedMinutes: number;
    budgetMinutes: number;
  }): Promise<SentMessage>;
  silent(input: { channelId: string; userId: string; missed: number; since: string }): Promise<SentMessage>;
  /** The weekly digest as one message, without hours, amounts or budgets (everyone in the channel reads it). */
  digest(input: { channelId: string; digest: Digest }): Promise<SentMessage>;
  tell(input: { userId: string; text: string }): Promise<void>;

  /** A kudos, posted where it was typed; throws DeliveryError (`not_in_channel`…) when it cannot be. */
  kudos(input: {
    channelId: string;
    giverId: string;
    recipientIds: string[];
    text: string;
  }): Promise<SentMessage>;
  /** Tells a recipient by DM; when `postedInChannel` is false the DM is the kudos itself. */
  kudosDm(input: {
    userId: string;
    giverId: string;
    text: string;
    channelId: string;
    postedInChannel: boolean;
  }): Promise<SentMessage>;
  /** Feedback delivered to the person by DM, with its Acknowledge button. */
  feedback(input: { feedback: FeedbackView }): Promise<SentMessage>;
  /** Redraws the feedback DM in place (acknowledged). */
  feedbackUpdate(input: { feedback: FeedbackView }): Promise<void>;
  /** Tells the manager the person acknowledged (reply null) or replied in the thread. */
  feedbackNotice(input: {
    managerId: string;
    personId: string;
    reply: string | null;
    when: string;
  }): Promise<void>;
  /** The manager's feedback reminder: the project's members due for feedback. */
  feedbackReminder(input: {
    managerId: string;
    projectKey: string;
    everyWeeks: number;
    due: Array<{ userId: string; last: string | null }>;
    more: number;
  }): Promise<SentMessage>;
  /** DMs a manager that a contract ends soon. */
  contractEnding(input: {
    managerId: string;
    personId: string;
    projectKey: string | null;
    endsOn: string;
    daysLeft: number;
    reference: string | null;
  }): Promise<SentMessage>;
}

/** Onboarding's messages: the checklist DM, its reminders and flags, the "all set" post. */
export interface OnboardingMessenger {
  /** DMs the welcome and the checklist. */
  sendChecklist(view: OnboardingView): Promise<SentMessage>;
  /** Redraws a checklist DM in place. */
  updateChecklist(view: OnboardingView, dm: SentMessage): Promise<void>;
  /** Reminds the person of one item past its days (a scheduled send: it carries its delivery id). */
  remindItem(input: { view: OnboardingView; itemId: number; deliveryId: number }): Promise<SentMessage>;
  /** Tells a manager a checklist has not moved for a few workdays (a scheduled send, too). */
  flagUntouched(input: {
    deliveryId: number;
    managerId: string;
    userId: string;
    projectKey: string;
    done: number;
    total: number;
    since: Date;
  }): Promise<SentMessage>;
  /** A scheduled DM carrying this delivery id, when one landed (a send cut off before it was recorded). */
  findDelivery(input: { userId: string; deliveryId: number; since: Date }): Promise<SentMessage | null>;
  /** "alice is all set on acme-web", in the project's channel. */
  announce(input: { channelId: string; userId: string; projectKey: string }): Promise<SentMessage>;
}
