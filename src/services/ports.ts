import type { SlackProfile } from '../db/repositories/members.repository.js';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Who a Slack user is (name, zone, admin flag). Implemented over users.info in slack/. */
export interface SlackDirectory {
  /** null when Slack does not know the user; throws when Slack cannot be reached. */
  getProfile(userId: string): Promise<SlackProfile | null>;
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
