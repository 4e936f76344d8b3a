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
