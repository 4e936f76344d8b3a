import type { Role } from './roles.js';

/** Who a Slack user is, as Slack says (users.info, users.list, user_change): Slack owns these fields. */
export interface SlackProfile {
  userId: string;
  displayName: string;
  tz: string;
  slackAdmin: boolean;
  isBot: boolean;
  deleted: boolean;
}

/** A Slack user Punchcard has met, in one workspace. `tz` is Slack's IANA zone. */
export interface Member extends SlackProfile {
  teamId: string;
  /** The role granted in Punchcard. Workspace admins and owners are admins whatever this says. */
  role: Role;
  /** Hourly rate in minor units (cents) and ISO currency; null when none is set. */
  rateMinor: number | null;
  currency: string | null;
  createdAt: Date;
  updatedAt: Date;
}
