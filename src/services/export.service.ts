import { toCsv } from '../domain/csv.js';
import { isIsoDate, safeZone } from '../domain/local-date.js';
import { fail, ok, type Result } from '../domain/result.js';
import {
  createNameOrder,
  EXPORT_COLUMNS,
  type ExportEntry,
  exportRow,
  exportRows,
  sortExportEntries,
} from '../domain/timesheet-export.js';
import { type DateRange, parseTimesheetArgs } from '../domain/timesheet-range.js';
import type { MemberService } from './members.service.js';
import type { Clock, ExportPort, ExportWho, MembersPort, ProjectPeoplePort } from './ports.js';
import { managesAnyone, moneyFor, seesPerson, viewerOf } from './projects/visibility.js';

export interface CsvExport {
  filename: string;
  csv: string;
  rowCount: number;
  range: DateRange;
  /** Whose time: one member's id, or 'all'. */
  scope: string;
}

/** `Zoë Smith (contractor)` → `zoe-smith-contractor`: safe in a filename on every system. */
function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A CSV too big to hold: its text in order, a page of whole days at a time. */
export interface CsvStream {
  range: DateRange;
  scope: string;
  chunks: AsyncIterable<string>;
}

/** About this many rows are read and held at once by a streamed export. */
export const EXPORT_PAGE_ROWS = 5000;

/** Rows of CSV text made and handed over at once: a page's text is never built whole. */
const CSV_SLICE_ROWS = 500;

/**
 * Consecutive days grouped into pages of at most `pageRows` rows (a day with more is a page of its
 * own). Whole days, so sorting each page by date first sorts the whole export.
 */
export function dayPages(
  days: ReadonlyArray<{ workDate: string; rows: number }>,
  pageRows: number,
): Array<{ from: string; to: string }> {
  const pages: Array<{ from: string; to: string }> = [];
  let rows = 0;
  for (const day of days) {
    const last = pages.at(-1);
    if (last && rows + day.rows <= pageRows) {
      last.to = day.workDate;
      rows += day.rows;
    } else {
      pages.push({ from: day.workDate, to: day.workDate });
      rows = day.rows;
    }
  }
  return pages;
}

const CLI_HINT = '`npm run -s cli -- export --from 2026-11-01 --to 2026-11-30`';

/** The CLI's --from/--to, checked before any database is opened. */
export function checkExportRange(from: string, to: string): Result<{ from: string; to: string }> {
  if (!isIsoDate(from) || !isIsoDate(to) || from > to) {
    return fail(
      'export.range',
      '--from and --to must be dates (YYYY-MM-DD), --from not after --to.',
      CLI_HINT,
    );
  }
  return ok({ from, to });
}

export function createExportService(deps: {
  repos: { exports: ExportPort; members: MembersPort; projectPeople: ProjectPeoplePort };
  members: MemberService;
  clock: Clock;
  /** Rows per page of a streamed export; {@link EXPORT_PAGE_ROWS} unless a test wants small pages. */
  pageRows?: number;
}) {
  const { repos, members, clock } = deps;
  const pageRows = deps.pageRows ?? EXPORT_PAGE_ROWS;

  /** The CSV a page at a time: the header, then each page's rows, the same text `build` makes. */
  async function* csvChunks(teamId: string, range: DateRange, userId: string | null): AsyncGenerator<string> {
    yield toCsv([[...EXPORT_COLUMNS]]);
    const days = await repos.exports.dayCounts(teamId, range.from, range.to, userId);
    const pages = dayPages(days, pageRows);
    const read = (i: number) => {
      const page = pages[i];
      if (!page) return null;
      const entries = repos.exports.entries(teamId, page.from, page.to, userId);
      // Awaited on the next turn; until then a failure must not count as unhandled.
      entries.catch(() => undefined);
      return entries;
    };
    // The next page is read while this one is written: two pages in memory at most.
    const names = createNameOrder();
    let next = read(0);
    for (let i = 0; next; i++) {
      const entries = sortExportEntries(await next, names);
      next = read(i + 1);
      for (let at = 0; at < entries.length; at += CSV_SLICE_ROWS) {
        yield toCsv(entries.slice(at, at + CSV_SLICE_ROWS).map(exportRow));
      }
      entries.length = 0; // let this page go before the one after next is read
    }
  }

  async function build(
    teamId: string,
    range: DateRange,
    who: ExportWho,
    label: string,
    money: (e: ExportEntry) => ExportEntry,
  ): Promise<CsvExport> {
    const entries = (await repos.exports.entries(teamId, range.from, range.to, who)).map(money);
    const rows = exportRows(entries);
    const name = slug(label) || 'export';
    return {
      filename: `punchcard-${range.from}-to-${range.to}-${name}.csv`,
      csv: toCsv(rows),
      rowCount: rows.length - 1,
      range,
      scope: typeof who === 'string' ? who : 'all',
    };
  }

  return {
    /**
     * `/timesheet export [range] [@user|all]`: contractors export only themselves; a project's
     * managers its members (`all`: every member of the projects they manage); admins anyone.
     */
    async forCommand(input: { teamId: string; userId: string; text: string }): Promise<Result<CsvExport>> {
      const tokens = input.text.trim().split(/\s+/).filter(Boolean);
      const everyone = tokens.some((t) => t.toLowerCase() === 'all');
      const { actor, scope } = await viewerOf(
        { members, projectPeople: repos.projectPeople },
        input.teamId,
        input.userId,
      );
      const args = parseTimesheetArgs(tokens.filter((t) => t.toLowerCase() !== 'all').join(' '), {
        now: clock.now(),
        zone: safeZone(actor.member.tz),
      });
      if (!args.ok)
        return fail(
          args.error.code,
          args.error.message,
          args.error.hint.replace(/\/timesheet /g, '/timesheet export '),
        );
      if (everyone && args.value.userId) {
        return fail(
          'export.ambiguous',
          'Name one person or `all`, not both.',
          '`/timesheet export last month all`',
        );
      }
      const subject = everyone ? null : (args.value.userId ?? input.userId);
      const allowed = subject === null ? managesAnyone(scope) : seesPerson(scope, subject);
      if (!allowed) {
        return fail(
          'export.forbidden',
          "You can only export your own time. A project's managers can export its members' time (`all`: everyone on the projects they manage); admins anyone's.",
          '`/timesheet export last month`',
        );
      }
      const label =
        subject === null ? 'all' : (await members.ensure(input.teamId, subject)).displayName || subject;
      // `all` is the whole workspace for an admin; for a manager, the members of their projects and
      // anyone's time on those projects.
      const who: ExportWho =
        subject ??
        (scope.all ? null : { userIds: [...scope.userIds], projectIds: [...scope.managedProjectIds] });
      // Rates and amounts of others' time only on projects they manage (see moneyFor).
      const managedKeys = scope.all
        ? null
        : new Map(
            (await repos.projectPeople.projectsOf(input.teamId, input.userId))
              .filter((p) => p.manager)
              .map((p) => [p.project.key, p.project.id]),
          );
      const money = (e: ExportEntry) =>
        moneyFor(
          scope,
          input.userId,
          e,
          e.projectKey === null ? null : (managedKeys?.get(e.projectKey) ?? null),
        );
      return ok(await build(input.teamId, args.value.range, who, label, money));
    },

    /**
     * `npm run -s cli -- export --from … --to …`: everything (or one member) in one workspace, read
     * and handed over a page of whole days at a time, so memory stays flat however many rows.
     */
    async forCli(input: {
      from: string;
      to: string;
      teamId?: string;
      userId?: string;
    }): Promise<Result<CsvStream>> {
      const hint = CLI_HINT;
      const checked = checkExportRange(input.from, input.to);
      if (!checked.ok) return checked;
      let teamId = input.teamId;
      const teams = await repos.members.teamIds();
      if (teamId && !teams.includes(teamId)) {
        return fail(
          'export.team_unknown',
          teams.length === 0
            ? `No workspace ${teamId} in this database: it holds no workspace yet.`
            : `No workspace ${teamId} in this database; it holds ${teams.join(', ')}.`,
          `${hint} --team ${teams[0] ?? 'T0123'}`,
        );
      }
      if (!teamId) {
        if (teams.length !== 1) {
          return fail(
            'export.team',
            teams.length === 0
              ? 'The database has no workspace yet.'
              : `The database holds ${teams.length} workspaces: name one with --team.`,
            `${hint} --team T0123`,
          );
        }
        teamId = teams[0] as string;
      }
      if (input.userId && !(await repos.members.find(teamId, input.userId))) {
        return fail(
          'export.user_unknown',
          `Punchcard has never seen ${input.userId} in workspace ${teamId}: check the member ID (Slack profile → ⋯ → Copy member ID).`,
          `${hint} --user U012ABCDEF`,
        );
      }
      const range = { from: input.from, to: input.to, label: `${input.from}..${input.to}` };
      return ok({
        range,
        scope: input.userId ?? 'all',
        chunks: csvChunks(teamId, range, input.userId ?? null),
      });
    },
  };
}

export type ExportService = ReturnType<typeof createExportService>;
