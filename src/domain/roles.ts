export const ROLES = ['contractor', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  userId: string;
  role: Role;
}

/** Slack workspace admins and owners, and ADMIN_USER_IDS, are admins whatever role was granted. */
export function effectiveRole(
  member: { userId: string; role: Role; slackAdmin: boolean },
  adminUserIds: readonly string[],
): Role {
  if (member.slackAdmin || adminUserIds.includes(member.userId)) return 'admin';
  return member.role;
}

/*
 * Whose data someone may see follows the projects they manage, not their role:
 * src/services/projects/visibility.ts (admins see everyone's).
 */

/** Only the person who logged an entry edits or deletes it: a manager's view is read-only. */
export function canChangeEntry(actor: Actor, entryOwnerId: string): boolean {
  return actor.userId === entryOwnerId;
}

export function canGrantRoles(actor: Actor): boolean {
  return actor.role === 'admin';
}

/** Setting up check-ins (create, edit, delete) is for managers and admins. */
export function canManageCheckins(actor: Actor): boolean {
  return actor.role === 'manager' || actor.role === 'admin';
}
