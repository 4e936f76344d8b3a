import type { Repositories } from '../db/repositories/index.js';
import { localToday } from '../domain/local-date.js';
import type { Logger } from '../logger.js';
import type { MemberService } from './members.service.js';
import type { DirectorySweep } from './tick.js';

export const SWEEP = 'directory_sweep';

/**
 * Once a UTC day per workspace, refreshes members from users.list. Claimed like any scheduled
 * send, so several replicas sweep once; a failed sweep is simply tried again the next day.
 */
export function createDirectorySweep(deps: {
  repos: Repositories;
  members: MemberService;
  logger: Logger;
}): DirectorySweep {
  const { repos, members, logger } = deps;
  return {
    async runTick(now) {
      // Tried at the top of each hour (so an outage costs at most an hour); claimed once a day.
      if (now.getUTCMinutes() !== 0) return;
      const day = localToday(now, 'UTC');
      for (const teamId of await repos.members.teamIds()) {
        const claim = await repos.deliveries.claim(
          { teamId, kind: SWEEP, subjectId: teamId, memberId: '-', localDate: day },
          { scheduledAt: now, status: 'pending', leaseUntil: null },
        );
        if (!claim) continue;
        try {
          const refreshed = await members.sweep(teamId);
          await repos.deliveries.markSent(claim.id, {
            channelId: 'users.list',
            messageTs: String(refreshed),
            sentAt: now,
          });
        } catch (error) {
          logger.warn({ err: error, teamId }, 'directory sweep failed');
          await repos.deliveries.markFinal(claim.id, 'failed', 'users.list failed');
        }
      }
    },
  };
}
