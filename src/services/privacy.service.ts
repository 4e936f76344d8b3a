import { DateTime } from 'luxon';
import type { AuditEntry } from '../domain/audit.js';
import { DeliveryKind, NOBODY, PRUNABLE_KINDS } from '../domain/delivery.js';
import { addDays, localToday, safeZone } from '../domain/local-date.js';
import { type PersonDocument, personDocument, personEntriesCsv, personJson } from '../domain/person-data.js';
import { fail, ok, type Result } from '../domain/result.js';
import { canGrantRoles, effectiveRole } from '../domain/roles.js';
import { parseUserMention } from '../domain/slack-mentions.js';
import { parseTimesheetArgs } from '../domain/timesheet-range.js';
import type { MemberService } from './members.service.js';
import type { Outbox } from './outbox/outbox.js';
import type { AuditPort, Clock, MembersPort, PersonDataPort } from './ports.js';

/** Audit records a page. */
export const AUDIT_PAGE = 15;

/** Which audit records a page shows: what `/punchcard audit` asked for, and where the page starts. */
export interface AuditPageRef {
  userId: string | null;
  from: string | null;
  to: string | null;
  beforeId: number | null;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** The next page's ref when there are older records. */
  next: AuditPageRef | null;
  /** What the page covers, in words: `everyone, 1–30 Nov 2026`. */
  label: string;
  userId: string | null;
  first: boolean;
}

const AUDIT_HINT = '`/punchcard audit`, `/punchcard audit @alice` or `/punchcard audit @alice last month`';

/** Which workspace an operator command means: the one named, or the database's only one. */
async function operatorTeam(
  members: MembersPort,
  teamId: string | undefined,
  example: string,
): Promise<Result<string>> {
  const teams = await members.teamIds();
  if (teamId) {
    if (teams.includes(teamId)) return ok(teamId);
    return fail(
      'person.team_unknown',
      teams.length === 0
        ? `No workspace ${teamId} in this database: it holds no workspace yet.`
        : `No workspace ${teamId} in this database; it holds ${teams.join(', ')}.`,
      `${example} --team ${teams[0] ?? 'T0123'}`,
    );
  }
  if (teams.length === 1) return ok(teams[0] as string);
  return fail(
    'person.team',
    teams.length === 0
      ? 'The database has no workspace yet.'
      : `The database holds ${teams.length} workspaces: name one with --team.`,
    `${example} --team T0123`,
  );
}

const unknownPerson = (userId: string, teamId: string, example: string) =>
  fail(
    'person.unknown',
    `Punchcard has never seen ${userId} in workspace ${teamId} (or they were erased): check the member ID (Slack profile → ⋯ → Copy member ID).`,
    example,
  );

/**
 * The GDPR side of Punchcard: a person's data as a document (their own with `/punchcard my-data`,
 * anyone's for an operator), erasure under a pseudonym, the readable audit, and retention.
 */
export function createPrivacyService(deps: {
  repos: { personData: PersonDataPort; audit: AuditPort; members: MembersPort };
  members: MemberService;
  clock: Clock;
  adminUserIds: readonly string[];
}) {
  const { repos, members, clock, adminUserIds } = deps;

  async function document(teamId: string, userId: string): Promise<PersonDocument | null> {
    const records = await repos.personData.records(teamId, userId);
    if (!records) return null;
    return personDocument(records, {
      teamId,
      exportedAt: clock.now(),
      effectiveRole: effectiveRole(records.profile, adminUserIds),
    });
  }

  return {
    document,

    /** `/punchcard my-data`: the person's own data, as JSON and a CSV of their entries. */
    async myData(teamId: string, userId: string) {
      await members.ensure(teamId, userId);
      const records = await repos.personData.records(teamId, userId);
      if (!records) throw new Error('my-data: the member row is missing right after ensure');
      const doc = personDocument(records, {
        teamId,
        exportedAt: clock.now(),
        effectiveRole: effectiveRole(records.profile, adminUserIds),
      });
      const day = localToday(clock.now(), safeZone(records.profile.tz));
      return {
        json: { filename: `punchcard-my-data-${day}.json`, content: personJson(doc) },
        csv: { filename: `punchcard-my-entries-${day}.csv`, content: personEntriesCsv(records) },
        counts: {
          entries: records.entries.length,
          answers: records.checkinAnswers.length,
          audit: records.audit.length,
        },
      };
    },

    /** `cli person export <user-id> [--team T]`: the same document, for an operator. */
    async exportForOperator(input: { userId: string; teamId?: string }): Promise<Result<string>> {
      const example = `npm run -s cli -- person export ${input.userId}`;
      const team = await operatorTeam(repos.members, input.teamId, example);
      if (!team.ok) return team;
      const doc = await document(team.value, input.userId);
      if (!doc) return unknownPerson(input.userId, team.value, `${example} --team ${team.value}`);
      return ok(personJson(doc));
    },

    /** What `cli person erase` is about to erase, for its confirmation question. */
    async eraseTarget(input: {
      userId: string;
      teamId?: string;
    }): Promise<Result<{ teamId: string; displayName: string; entries: number; answers: number }>> {
      const example = `npm run -s cli -- person erase ${input.userId}`;
      const team = await operatorTeam(repos.members, input.teamId, example);
      if (!team.ok) return team;
      const records = await repos.personData.records(team.value, input.userId);
      if (!records) return unknownPerson(input.userId, team.value, `${example} --team ${team.value}`);
      return ok({
        teamId: team.value,
        displayName: records.profile.displayName,
        entries: records.entries.length,
        answers: records.checkinAnswers.length,
      });
    },

    /** `cli person erase <user-id> --yes`: one transaction, audited as done by `actorId`. */
    async erase(input: { teamId: string; userId: string; actorId: string }) {
      const done = await repos.personData.erase(input);
      if (!done)
        return unknownPerson(input.userId, input.teamId, 'npm run -s cli -- person export U012ABCDEF');
      return ok(done);
    },

    /** `/punchcard audit [@user] [range]`: admins only, newest first. */
    async audit(input: { teamId: string; userId: string; text: string }): Promise<Result<AuditPage>> {
      const actor = await members.actor(input.teamId, input.userId);
      if (!canGrantRoles(actor)) {
        return fail(
          'audit.forbidden',
          'Only Punchcard admins can read the audit.',
          'Ask an admin (workspace admins and owners are admins); `/timesheet` shows your own time.',
        );
      }
      const tokens = input.text.trim().split(/\s+/).filter(Boolean);
      const rangeWords = tokens.filter((t) => parseUserMention(t) === null);
      const parsed = parseTimesheetArgs(input.text, {
        now: clock.now(),
        zone: safeZone(actor.member.tz),
      });
      if (!parsed.ok) {
        return fail(parsed.error.code, parsed.error.message, AUDIT_HINT);
      }
      const zone = safeZone(actor.member.tz);
      const range = rangeWords.length === 0 ? null : parsed.value.range;
      const ref: AuditPageRef = {
        userId: parsed.value.userId,
        from: range ? DateTime.fromISO(range.from, { zone }).startOf('day').toUTC().toISO() : null,
        to: range
          ? DateTime.fromISO(range.to, { zone }).plus({ days: 1 }).startOf('day').toUTC().toISO()
          : null,
        beforeId: null,
      };
      return ok(await auditPage(input.teamId, ref, range?.label ?? 'all time'));
    },

    /** The "more" button: the page after the one shown, for admins only. */
    async auditMore(input: {
      teamId: string;
      userId: string;
      ref: AuditPageRef;
    }): Promise<Result<AuditPage>> {
      const actor = await members.actor(input.teamId, input.userId);
      if (!canGrantRoles(actor)) {
        return fail('audit.forbidden', 'Only Punchcard admins can read the audit.', 'Ask an admin.');
      }
      const zone = safeZone(actor.member.tz);
      const label =
        input.ref.from && input.ref.to
          ? `${DateTime.fromISO(input.ref.from).setZone(zone).toISODate()}..${DateTime.fromISO(input.ref.to).setZone(zone).minus({ days: 1 }).toISODate()}`
          : 'all time';
      return ok(await auditPage(input.teamId, input.ref, label));
    },
  };

  async function auditPage(teamId: string, ref: AuditPageRef, label: string): Promise<AuditPage> {
    const rows = await repos.audit.list({
      teamId,
      userId: ref.userId,
      from: ref.from ? new Date(ref.from) : null,
      to: ref.to ? new Date(ref.to) : null,
      beforeId: ref.beforeId,
      limit: AUDIT_PAGE + 1,
    });
    const entries = rows.slice(0, AUDIT_PAGE);
    const last = entries.at(-1);
    return {
      entries,
      next: rows.length > AUDIT_PAGE && last ? { ...ref, beforeId: last.id } : null,
      label,
      userId: ref.userId,
      first: ref.beforeId === null,
    };
  }
}

export type PrivacyService = ReturnType<typeof createPrivacyService>;

export const RETENTION = DeliveryKind.retention;

/**
 * `RETENTION_DAYS`: once a UTC day (claimed like a scheduled send, so several replicas run it once),
 * deletes check-in answers, processed event ids and closed delivery records older than that. Time
 * entries and the audit are kept. Unset, it does nothing.
 */
export function createRetention(deps: {
  personData: PersonDataPort;
  outbox: Outbox;
  retentionDays: number | undefined;
}) {
  const { personData, outbox, retentionDays } = deps;
  return {
    async runTick(now: Date): Promise<void> {
      if (retentionDays === undefined || now.getUTCMinutes() !== 0) return;
      const day = localToday(now, 'UTC');
      await outbox.deliver(
        [
          {
            key: { teamId: NOBODY, kind: RETENTION, subjectId: NOBODY, memberId: NOBODY, localDate: day },
            scheduledAt: now,
            deadline: now,
            send: async () => {
              const gone = await personData.forgetOld({
                answersBefore: addDays(day, -retentionDays),
                before: new Date(now.getTime() - retentionDays * 86_400_000),
                // Only kinds never claimed again once old: deleting a budget alert's row would resend it.
                deliveryKinds: PRUNABLE_KINDS,
              });
              return {
                channelId: 'retention',
                ts: `${gone.answers} answers, ${gone.events} events, ${gone.deliveries} deliveries`,
              };
            },
          },
        ],
        now,
      );
    },
  };
}

export type Retention = ReturnType<typeof createRetention>;
