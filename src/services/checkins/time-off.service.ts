import { addDays, daysBetween, isIsoDate, localToday, safeZone } from '../../domain/local-date.js';
import { fail, ok, type Result } from '../../domain/result.js';
import type { MemberService } from '../members.service.js';
import type { Clock, TimeOffPort } from '../ports.js';

/** `/standup skip`, `/standup off …`: days on which a person gets no check-in prompt. */
export function createTimeOffService(deps: {
  repos: { timeOff: TimeOffPort };
  members: MemberService;
  clock: Clock;
}) {
  const { repos, members, clock } = deps;
  return {
    /** `/standup skip` and `/standup off FROM [TO]`: no prompt on those member-local days. */
    async addTimeOff(input: {
      teamId: string;
      userId: string;
      from: string | null;
      to: string | null;
    }): Promise<Result<{ from: string; to: string }>> {
      const member = await members.ensure(input.teamId, input.userId);
      const today = localToday(clock.now(), safeZone(member.tz));
      const from = input.from ?? today;
      const to = input.to ?? from;
      const hint = `\`/standup off ${addDays(today, 7)} ${addDays(today, 11)}\``;
      if (!isIsoDate(from) || !isIsoDate(to)) {
        return fail('timeoff.invalid', 'Give dates as YYYY-MM-DD.', hint);
      }
      if (daysBetween(from, to) < 0)
        return fail('timeoff.reversed', 'The first date must not be after the second.', hint);
      if (daysBetween(today, to) < 0) return fail('timeoff.past', 'That time off is already over.', hint);
      if (daysBetween(from, to) > 366)
        return fail('timeoff.too_long', 'Time off can span at most a year at once.', hint);
      await repos.timeOff.add(input.teamId, input.userId, from, to);
      return ok({ from, to });
    },

    async listTimeOff(input: { teamId: string; userId: string }) {
      const member = await members.ensure(input.teamId, input.userId);
      return repos.timeOff.upcoming(input.teamId, input.userId, localToday(clock.now(), safeZone(member.tz)));
    },

    async clearTimeOff(input: { teamId: string; userId: string }): Promise<number> {
      const member = await members.ensure(input.teamId, input.userId);
      return repos.timeOff.clearUpcoming(
        input.teamId,
        input.userId,
        localToday(clock.now(), safeZone(member.tz)),
      );
    },
  };
}
