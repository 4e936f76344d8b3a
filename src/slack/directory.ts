import type { WebClient } from '@slack/web-api';
import { safeZone } from '../domain/local-date.js';
import type { SlackProfile } from '../domain/members.js';
import type { SlackDirectory } from '../services/ports.js';

interface SlackUserLike {
  id?: string;
  name?: string;
  real_name?: string;
  tz?: string;
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
  is_bot?: boolean;
  deleted?: boolean;
  profile?: { display_name?: string; real_name?: string };
}

/** Slack's user object (from users.info or a user_change event) as Punchcard keeps it. */
export function profileFromSlackUser(user: SlackUserLike): SlackProfile {
  return {
    userId: user.id ?? '',
    displayName: user.profile?.display_name || user.profile?.real_name || user.real_name || user.name || '',
    tz: safeZone(user.tz),
    slackAdmin: Boolean(user.is_admin || user.is_owner || user.is_primary_owner),
    isBot: Boolean(user.is_bot),
    deleted: Boolean(user.deleted),
  };
}

export function createSlackDirectory(client: WebClient): SlackDirectory {
  return {
    async getProfile(userId) {
      try {
        const res = await client.users.info({ user: userId });
        return res.user ? profileFromSlackUser(res.user as SlackUserLike) : null;
      } catch (error) {
        if ((error as { data?: { error?: string } }).data?.error === 'user_not_found') return null;
        throw error;
      }
    },
    async listProfiles() {
      const profiles: SlackProfile[] = [];
      // users.list is Tier 2 (about 20 calls a minute): 200 people a page keeps a sweep to a few calls.
      for await (const page of client.paginate('users.list', { limit: 200 })) {
        for (const user of (page as { members?: SlackUserLike[] }).members ?? []) {
          if (user.id) profiles.push(profileFromSlackUser(user));
        }
      }
      return profiles;
    },
  };
}
