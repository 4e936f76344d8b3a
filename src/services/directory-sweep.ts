import { DeliveryKind, NOBODY } from '../domain/delivery.js';
import { localToday } from '../domain/local-date.js';
import type { MemberService } from './members.service.js';
import type { Outbox } from './outbox/outbox.js';
import type { MembersPort } from './ports.js';
import type { DirectorySweep } from './tick.js';

export const SWEEP = DeliveryKind.directorySweep;

/**
 * Once a UTC day per workspace, refreshes members from users.list. Claimed like any scheduled
 * send, so several replicas sweep once; a failed sweep is simply tried again the next day.
 */
export function createDirectorySweep(deps: {
  repos: { members: MembersPort };
  members: MemberService;
  outbox: Outbox;
}): DirectorySweep {
  const { repos, members, outbox } = deps;
  return {
    async runTick(now) {
      // Tried at the top of each hour (so an outage costs at most an hour); claimed once a day. A
      // failed sweep is not retried (its deadline is now): the next day's sweep catches up.
      if (now.getUTCMinutes() !== 0) return;
      const day = localToday(now, 'UTC');
      const teams = await repos.members.teamIds();
      await outbox.deliver(
        teams.map((teamId) => ({
          key: { teamId, kind: SWEEP, subjectId: teamId, memberId: NOBODY, localDate: day },
          scheduledAt: now,
          deadline: now,
          send: async () => ({ channelId: 'users.list', ts: String(await members.sweep(teamId)) }),
        })),
        now,
      );
    },
  };
}
