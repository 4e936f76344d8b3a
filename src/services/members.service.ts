import type { Member, SlackProfile } from '../domain/members.js';
import { fail, ok, type Result } from '../domain/result.js';
import { type Actor, canGrantRoles, effectiveRole, type Role } from '../domain/roles.js';
import type { AuditPort, MembersPort, SlackDirectory, UnitOfWork } from './ports.js';

/** A member with the role that counts: workspace admins and ADMIN_USER_IDS are admins. */
export interface MemberWithRole extends Member {
  effectiveRole: Role;
}

const SWEEP_BATCH = 1_000;

export class SlackUnavailableError extends Error {
  readonly code = 'slack.unavailable';
}

export function createMemberService(deps: {
  repos: { members: MembersPort } & UnitOfWork<{ members: MembersPort; audit: AuditPort }>;
  directory: SlackDirectory;
  adminUserIds: readonly string[];
}) {
  const { repos, directory, adminUserIds } = deps;
  const withRole = (row: Member): MemberWithRole => ({
    ...row,
    effectiveRole: effectiveRole(row, adminUserIds),
  });

  async function fetchProfile(userId: string): Promise<SlackProfile | null> {
    try {
      return await directory.getProfile(userId);
    } catch (cause) {
      throw new SlackUnavailableError(`users.info failed for ${userId}`, { cause });
    }
  }

  /** First lookups in flight, by team and user. */
  const firstContacts = new Map<string, Promise<MemberWithRole>>();

  async function firstContact(teamId: string, userId: string): Promise<MemberWithRole> {
    const profile = (await fetchProfile(userId)) ?? {
      userId,
      displayName: '',
      tz: 'UTC',
      slackAdmin: false,
      isBot: false,
      deleted: false,
    };
    return withRole(await repos.members.upsertProfile(teamId, profile));
  }

  const service = {
    /** A member row read elsewhere (with other data in one query), with its role. */
    known: withRole,

    /**
     * The member row, created on first contact with the zone from users.info. Later requests read
     * the row only: the zone is refreshed by user_change events, never fetched per request.
     */
    async ensure(teamId: string, userId: string): Promise<MemberWithRole> {
      const existing = await repos.members.find(teamId, userId);
      if (existing) return withRole(existing);
      // Someone new sending several commands at once is looked up in Slack once (users.info is
      // rate-limited per workspace): later calls wait for the first lookup.
      const key = `${teamId}:${userId}`;
      const pending = firstContacts.get(key);
      if (pending) return pending;
      // A lookup that finished between our read and here has written the row (it leaves the map only
      // after its upsert): read again before asking Slack, so each person costs one users.info.
      const lookup = (async () => {
        const written = await repos.members.find(teamId, userId);
        return written ? withRole(written) : firstContact(teamId, userId);
      })().finally(() => firstContacts.delete(key));
      firstContacts.set(key, lookup);
      return lookup;
    },

    /**
     * Someone named in a command: their member row, created from Slack's profile on first sight;
     * null when Slack does not know them (nothing is written then).
     */
    async lookup(teamId: string, userId: string): Promise<MemberWithRole | null> {
      const existing = await repos.members.find(teamId, userId);
      if (existing) return withRole(existing);
      const profile = await fetchProfile(userId);
      if (!profile) return null;
      return withRole(await repos.members.upsertProfile(teamId, profile));
    },

    async actor(teamId: string, userId: string): Promise<Actor & { member: MemberWithRole }> {
      const member = await service.ensure(teamId, userId);
      return { userId, role: member.effectiveRole, member };
    },

    /** A user_change event: refreshes people Punchcard already knows, ignores everyone else. */
    async refreshIfKnown(teamId: string, profile: SlackProfile): Promise<MemberWithRole | null> {
      const existing = await repos.members.find(teamId, profile.userId);
      if (!existing) return null;
      return withRole(await repos.members.upsertProfile(teamId, profile));
    },

    /**
     * The daily users.list sweep: refreshes the zone, name and admin flag of everyone Punchcard
     * knows, in case a user_change event was missed, a thousand people a statement. Returns how
     * many members changed.
     */
    async sweep(teamId: string): Promise<number> {
      const profiles = await directory.listProfiles();
      let changed = 0;
      for (let at = 0; at < profiles.length; at += SWEEP_BATCH) {
        changed += await repos.members.refreshProfiles(teamId, profiles.slice(at, at + SWEEP_BATCH));
      }
      return changed;
    },

    async setRole(input: {
      teamId: string;
      actorId: string;
      targetUserId: string;
      role: Role;
    }): Promise<Result<{ member: MemberWithRole; previous: Role; changed: boolean }>> {
      const actor = await service.actor(input.teamId, input.actorId);
      if (!canGrantRoles(actor)) {
        return fail(
          'role.forbidden',
          'Only Punchcard admins can change roles.',
          'Ask an admin (workspace admins and owners are admins) to run `/punchcard role @you manager`.',
        );
      }
      const target = await service.ensure(input.teamId, input.targetUserId);
      if (target.isBot) {
        return fail('role.bot', 'Bots cannot have Punchcard roles.', '`/punchcard role @alice manager`');
      }
      const previous = target.role;
      if (previous === input.role) return ok({ member: target, previous, changed: false });
      const member = await repos.transaction(async (tx) => {
        const updated = await tx.members.setRole(input.teamId, input.targetUserId, input.role);
        if (!updated) throw new Error('role change lost its member row');
        await tx.audit.record({
          teamId: input.teamId,
          actorId: input.actorId,
          subjectUserId: input.targetUserId,
          entity: 'member',
          entityId: input.targetUserId,
          action: 'role_change',
          before: { role: previous },
          after: { role: input.role },
        });
        return updated;
      });
      return ok({ member: withRole(member), previous, changed: true });
    },
  };
  return service;
}

export type MemberService = ReturnType<typeof createMemberService>;
