import { localToday, safeZone } from '../domain/local-date.js';
import { fail, ok, type Result } from '../domain/result.js';
import { canChangeEntry } from '../domain/roles.js';
import type { TimeEntry } from '../domain/time-entry.js';
import { summarizeTimesheet, type TimesheetSummary } from '../domain/timesheet.js';
import { type DateRange, parseTimesheetArgs } from '../domain/timesheet-range.js';
import type { MemberService, MemberWithRole } from './members.service.js';
import type { Clock, ProjectPeoplePort, TimeEntriesPort } from './ports.js';
import { moneyFor, seesPerson, viewerOf } from './projects/visibility.js';

export interface Timesheet {
  subject: MemberWithRole;
  requesterId: string;
  range: DateRange;
  today: string;
  entries: TimeEntry[];
  summary: TimesheetSummary;
  /** Only the owner edits or deletes their entries; a manager's view is read-only. */
  editable: boolean;
}

export function createTimesheetService(deps: {
  repos: { timeEntries: TimeEntriesPort; projectPeople: ProjectPeoplePort };
  members: MemberService;
  clock: Clock;
}) {
  const { repos, members, clock } = deps;

  async function build(
    teamId: string,
    requesterId: string,
    subjectId: string,
    range: DateRange,
  ): Promise<Result<Timesheet>> {
    const { actor, scope } = await viewerOf(
      { members, projectPeople: repos.projectPeople },
      teamId,
      requesterId,
    );
    if (!seesPerson(scope, subjectId)) {
      return fail(
        'timesheet.forbidden',
        "You can only see your own timesheet, and those of the members of projects you manage (admins see everyone's).",
        '`/timesheet last week`',
      );
    }
    const subject = subjectId === requesterId ? actor.member : await members.ensure(teamId, subjectId);
    // Rates and amounts of someone else's time only on projects the viewer manages (all for admins).
    const entries = (await repos.timeEntries.listForMember(teamId, subjectId, range.from, range.to)).map(
      (e) => moneyFor(scope, requesterId, e, e.projectId),
    );
    return ok({
      subject,
      requesterId,
      range,
      today: localToday(clock.now(), safeZone(subject.tz)),
      entries,
      summary: summarizeTimesheet(entries, range),
      editable: canChangeEntry(actor, subjectId),
    });
  }

  return {
    /** `/timesheet [range] [@user]`, ranges in the requester's own zone. */
    async fromCommand(input: { teamId: string; userId: string; text: string }): Promise<Result<Timesheet>> {
      const requester = await members.ensure(input.teamId, input.userId);
      const args = parseTimesheetArgs(input.text, { now: clock.now(), zone: safeZone(requester.tz) });
      if (!args.ok) return args;
      return build(input.teamId, input.userId, args.value.userId ?? input.userId, args.value.range);
    },

    /** Re-renders a timesheet from a button (after a delete or edit, or another page). */
    async forRange(input: {
      teamId: string;
      userId: string;
      subjectId: string;
      range: DateRange;
    }): Promise<Result<Timesheet>> {
      return build(input.teamId, input.userId, input.subjectId, input.range);
    },
  };
}

export type TimesheetService = ReturnType<typeof createTimesheetService>;
