import { and, asc, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import { CLOSED_STATUSES } from '../../domain/delivery.js';
import type { PersonRecords } from '../../domain/person-data.js';
import type { PersonDataPort } from '../../services/ports.js';
import type { Database } from '../client.js';
import {
  ERASED_ROWS,
  PERSONAL_DATA,
  PSEUDONYM_PREFIX,
  pseudonymName,
  WRITTEN_SNAPSHOT_KEYS,
} from '../personal-data.js';
import {
  auditLog,
  checkinParticipants,
  checkinResponses,
  checkins,
  contracts,
  deliveries,
  feedback,
  feedbackReplies,
  invoiceLines,
  invoices,
  kudos,
  members,
  milestones,
  onboardingItems,
  onboardings,
  onboardingTicks,
  processedEvents,
  projectManagers,
  projectMemberRates,
  projectMembers,
  projects,
  timeEntries,
  timeOff,
} from '../schema.js';

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;
const id = (name: string) => sql.identifier(name);
/** A Slack id as a regular expression matches it literally. */
const literalPattern = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const CLEARED = { null: sql`null`, empty: sql`''`, 'empty-array': sql`'[]'::jsonb` } as const;

/** Every classified column, with the use PERSONAL_DATA gives it. */
function columns() {
  return Object.entries(PERSONAL_DATA).flatMap(([table, cols]) =>
    Object.entries(cols).map(([column, use]) => ({ table, column, use })),
  );
}

export function createPersonDataRepository({ db }: { db: Database }) {
  async function records(teamId: string, userId: string): Promise<PersonRecords | null> {
    const [profile] = await db
      .select()
      .from(members)
      .where(and(eq(members.teamId, teamId), eq(members.userId, userId)));
    if (!profile) return null;
    const [projectRates, theirContracts, entries, joined, answers, daysOff, owned, audit] = await Promise.all(
      [
        db
          .select({
            projectKey: projects.key,
            rateMinor: projectMemberRates.rateMinor,
            currency: projectMemberRates.currency,
            updatedAt: projectMemberRates.updatedAt,
          })
          .from(projectMemberRates)
          .innerJoin(projects, eq(projects.id, projectMemberRates.projectId))
          .where(and(eq(projectMemberRates.teamId, teamId), eq(projectMemberRates.userId, userId)))
          .orderBy(asc(projects.key)),
        db
          .select({
            projectKey: projects.key,
            rateMinor: contracts.rateMinor,
            currency: contracts.currency,
            paymentTermsDays: contracts.paymentTermsDays,
            invoicePeriod: contracts.invoicePeriod,
            startsOn: contracts.startsOn,
            endsOn: contracts.endsOn,
            reference: contracts.reference,
            updatedAt: contracts.updatedAt,
          })
          .from(contracts)
          .leftJoin(projects, eq(projects.id, contracts.projectId))
          .where(and(eq(contracts.teamId, teamId), eq(contracts.userId, userId)))
          .orderBy(sql`${projects.key} asc nulls first`),
        db
          .select({
            id: timeEntries.id,
            workDate: timeEntries.workDate,
            userId: timeEntries.userId,
            memberName: sql<string>`${profile.displayName}`,
            projectKey: projects.key,
            category: timeEntries.category,
            minutes: timeEntries.minutes,
            billable: timeEntries.billable,
            rateMinor: timeEntries.rateMinor,
            currency: timeEntries.currency,
            note: timeEntries.note,
            rawText: timeEntries.rawText,
            source: timeEntries.source,
            createdAt: timeEntries.createdAt,
            updatedAt: timeEntries.updatedAt,
            deletedAt: timeEntries.deletedAt,
          })
          .from(timeEntries)
          .leftJoin(projects, eq(projects.id, timeEntries.projectId))
          .where(and(eq(timeEntries.teamId, teamId), eq(timeEntries.userId, userId)))
          .orderBy(asc(timeEntries.workDate), asc(timeEntries.id)),
        db
          .select({
            checkinId: checkinParticipants.checkinId,
            channelId: checkins.channelId,
            joinedAt: checkinParticipants.joinedAt,
          })
          .from(checkinParticipants)
          .innerJoin(checkins, eq(checkins.id, checkinParticipants.checkinId))
          .where(and(eq(checkinParticipants.teamId, teamId), eq(checkinParticipants.userId, userId)))
          .orderBy(asc(checkinParticipants.checkinId)),
        db
          .select({
            checkinId: checkinResponses.checkinId,
            channelId: checkins.channelId,
            localDate: checkinResponses.localDate,
            status: checkinResponses.status,
            questions: checkinResponses.questions,
            answers: checkinResponses.answers,
            hasBlocker: checkinResponses.hasBlocker,
            submittedAt: checkinResponses.submittedAt,
          })
          .from(checkinResponses)
          .innerJoin(checkins, eq(checkins.id, checkinResponses.checkinId))
          .where(and(eq(checkinResponses.teamId, teamId), eq(checkinResponses.userId, userId)))
          .orderBy(asc(checkinResponses.localDate), asc(checkinResponses.id)),
        db
          .select({ fromDate: timeOff.fromDate, toDate: timeOff.toDate, createdAt: timeOff.createdAt })
          .from(timeOff)
          .where(and(eq(timeOff.teamId, teamId), eq(timeOff.userId, userId)))
          .orderBy(asc(timeOff.fromDate)),
        db
          .select({
            id: milestones.id,
            projectKey: projects.key,
            title: milestones.title,
            dueDate: milestones.dueDate,
            status: milestones.status,
            percent: milestones.percent,
          })
          .from(milestones)
          .innerJoin(projects, eq(projects.id, milestones.projectId))
          .where(and(eq(milestones.teamId, teamId), eq(milestones.ownerId, userId)))
          .orderBy(asc(milestones.dueDate), asc(milestones.id)),
        db
          .select({
            id: auditLog.id,
            at: auditLog.createdAt,
            actorId: auditLog.actorId,
            subjectUserId: auditLog.subjectUserId,
            entity: auditLog.entity,
            entityId: auditLog.entityId,
            action: auditLog.action,
            before: auditLog.before,
            after: auditLog.after,
          })
          .from(auditLog)
          .where(
            and(
              eq(auditLog.teamId, teamId),
              or(eq(auditLog.subjectUserId, userId), eq(auditLog.actorId, userId)),
            ),
          )
          .orderBy(desc(auditLog.id)),
      ],
    );
    const [projectsOf, onboarding, recognition, feedbackOf, invoicesOf] = await Promise.all([
      projectRecords(teamId, userId),
      onboardingRecords(teamId, userId),
      kudosRecords(teamId, userId),
      feedbackRecords(teamId, userId),
      invoiceRecords(teamId, userId),
    ]);
    const { teamId: _team, homeOpenedAt: _home, ...rest } = profile;
    return {
      profile: rest,
      projectRates,
      contracts: theirContracts,
      entries: entries.map((e) => ({ ...e, memberName: profile.displayName })),
      checkins: joined,
      checkinAnswers: answers,
      timeOff: daysOff,
      milestones: owned,
      projects: projectsOf,
      onboarding,
      kudos: recognition,
      feedback: feedbackOf,
      invoices: invoicesOf,
      audit,
    };
  }

  /** Their invoices, newest first, with their lines (two queries, whatever the number of invoices). */
  async function invoiceRecords(teamId: string, userId: string): Promise<PersonRecords['invoices']> {
    const rows = await db
      .select({
        id: invoices.id,
        number: invoices.number,
        status: invoices.status,
        periodFrom: invoices.periodFrom,
        periodTo: invoices.periodTo,
        reference: invoices.reference,
        paymentTermsDays: invoices.paymentTermsDays,
        submittedOn: invoices.submittedOn,
        decidedBy: invoices.decidedBy,
        rejectReason: invoices.rejectReason,
        dueOn: invoices.dueOn,
        paidOn: invoices.paidOn,
        voidReason: invoices.voidReason,
      })
      .from(invoices)
      .where(and(eq(invoices.teamId, teamId), eq(invoices.userId, userId)))
      .orderBy(desc(invoices.id));
    if (rows.length === 0) return [];
    const lines = await db
      .select({
        invoiceId: invoiceLines.invoiceId,
        kind: invoiceLines.kind,
        workDate: invoiceLines.workDate,
        projectKey: invoiceLines.projectKey,
        description: invoiceLines.description,
        minutes: invoiceLines.minutes,
        rateMinor: invoiceLines.rateMinor,
        currency: invoiceLines.currency,
        amountMinor: invoiceLines.amountMinor,
      })
      .from(invoiceLines)
      .where(and(eq(invoiceLines.teamId, teamId), eq(invoiceLines.userId, userId)))
      .orderBy(asc(invoiceLines.invoiceId), asc(invoiceLines.position));
    const byInvoice = new Map<number, PersonRecords['invoices'][number]['lines']>();
    for (const { invoiceId, ...line } of lines)
      byInvoice.set(invoiceId, [...(byInvoice.get(invoiceId) ?? []), line]);
    return rows.map(({ id, ...invoice }) => ({ ...invoice, lines: byInvoice.get(id) ?? [] }));
  }

  /** The projects a person is on or manages, with the earlier of the two dates. */
  async function projectRecords(teamId: string, userId: string): Promise<PersonRecords['projects']> {
    const [member, manager] = await Promise.all([
      db
        .select({ projectKey: projects.key, since: projectMembers.createdAt })
        .from(projectMembers)
        .innerJoin(projects, eq(projects.id, projectMembers.projectId))
        .where(and(eq(projectMembers.teamId, teamId), eq(projectMembers.userId, userId))),
      db
        .select({ projectKey: projects.key, since: projectManagers.createdAt })
        .from(projectManagers)
        .innerJoin(projects, eq(projects.id, projectManagers.projectId))
        .where(and(eq(projectManagers.teamId, teamId), eq(projectManagers.userId, userId))),
    ]);
    const byKey = new Map<string, PersonRecords['projects'][number]>();
    for (const [rows, role] of [
      [member, 'member'],
      [manager, 'manager'],
    ] as const) {
      for (const r of rows) {
        const row = byKey.get(r.projectKey) ?? {
          projectKey: r.projectKey,
          member: false,
          manager: false,
          since: r.since,
        };
        row[role] = true;
        if (r.since < row.since) row.since = r.since;
        byKey.set(r.projectKey, row);
      }
    }
    return [...byKey.values()].sort((a, b) => a.projectKey.localeCompare(b.projectKey));
  }

  /** Their checklists, every item still on them, ticked or not. */
  async function onboardingRecords(teamId: string, userId: string): Promise<PersonRecords['onboarding']> {
    const started = await db
      .select({
        id: onboardings.id,
        projectId: onboardings.projectId,
        projectKey: projects.key,
        startedAt: onboardings.startedAt,
        completedAt: onboardings.completedAt,
      })
      .from(onboardings)
      .innerJoin(projects, eq(projects.id, onboardings.projectId))
      .where(and(eq(onboardings.teamId, teamId), eq(onboardings.userId, userId)))
      .orderBy(asc(onboardings.startedAt), asc(onboardings.id));
    if (started.length === 0) return [];
    const [items, ticks] = await Promise.all([
      db
        .select({
          projectId: onboardingItems.projectId,
          id: onboardingItems.id,
          text: onboardingItems.text,
          link: onboardingItems.link,
        })
        .from(onboardingItems)
        .where(
          and(
            inArray(
              onboardingItems.projectId,
              started.map((o) => o.projectId),
            ),
            sql`${onboardingItems.removedAt} is null`,
          ),
        )
        .orderBy(asc(onboardingItems.position), asc(onboardingItems.id)),
      db
        .select({
          onboardingId: onboardingTicks.onboardingId,
          itemId: onboardingTicks.itemId,
          tickedAt: onboardingTicks.tickedAt,
        })
        .from(onboardingTicks)
        .where(
          inArray(
            onboardingTicks.onboardingId,
            started.map((o) => o.id),
          ),
        ),
    ]);
    return started.map((o) => ({
      projectKey: o.projectKey,
      startedAt: o.startedAt,
      completedAt: o.completedAt,
      items: items
        .filter((i) => i.projectId === o.projectId)
        .map((i) => {
          const tick = ticks.find((t) => t.onboardingId === o.id && t.itemId === i.id);
          return { text: i.text, link: i.link, ticked: tick !== undefined, tickedAt: tick?.tickedAt ?? null };
        }),
    }));
  }

  async function kudosRecords(teamId: string, userId: string): Promise<PersonRecords['kudos']> {
    const [received, given] = await Promise.all([
      db
        .select({
          id: kudos.id,
          giverId: kudos.giverId,
          channelId: kudos.channelId,
          text: kudos.text,
          createdAt: kudos.createdAt,
        })
        .from(kudos)
        .where(and(eq(kudos.teamId, teamId), eq(kudos.recipientId, userId)))
        .orderBy(asc(kudos.id)),
      db
        .select({
          id: kudos.id,
          recipientId: kudos.recipientId,
          channelId: kudos.channelId,
          text: kudos.text,
          createdAt: kudos.createdAt,
        })
        .from(kudos)
        .where(and(eq(kudos.teamId, teamId), eq(kudos.giverId, userId)))
        .orderBy(asc(kudos.id)),
    ]);
    return { received, given };
  }

  async function feedbackRecords(teamId: string, userId: string): Promise<PersonRecords['feedback']> {
    const fields = {
      id: feedback.id,
      managerId: feedback.managerId,
      personId: feedback.personId,
      wentWell: feedback.wentWell,
      toImprove: feedback.toImprove,
      rating: feedback.rating,
      acknowledgedAt: feedback.acknowledgedAt,
      createdAt: feedback.createdAt,
    };
    const [received, given, replies] = await Promise.all([
      db
        .select(fields)
        .from(feedback)
        .where(and(eq(feedback.teamId, teamId), eq(feedback.personId, userId)))
        .orderBy(asc(feedback.id)),
      db
        .select(fields)
        .from(feedback)
        .where(and(eq(feedback.teamId, teamId), eq(feedback.managerId, userId)))
        .orderBy(asc(feedback.id)),
      db
        .select({
          feedbackId: feedbackReplies.feedbackId,
          text: feedbackReplies.text,
          createdAt: feedbackReplies.createdAt,
        })
        .from(feedbackReplies)
        .where(and(eq(feedbackReplies.teamId, teamId), eq(feedbackReplies.userId, userId)))
        .orderBy(asc(feedbackReplies.id)),
    ]);
    return { received, given, replies };
  }

  return {
    records,

    async erase({ teamId, userId, actorId }) {
      return db.transaction(async (tx) => {
        const found = rowsOf<{ user_id: string }>(
          await tx.execute(sql`select user_id from members
            where team_id = ${teamId} and user_id = ${userId} for update`),
        );
        if (found.length === 0) return null;
        // Numbered per workspace; the members table's lock keeps two erasures from taking one number.
        await tx.execute(sql`lock table members in share row exclusive mode`);
        const [next] = rowsOf<{ n: number }>(
          await tx.execute(sql`select coalesce(max(substring(user_id from ${PSEUDONYM_PREFIX.length + 1}::int)::int), 0) + 1 as n
            from members where team_id = ${teamId} and user_id ~ ${`^${PSEUDONYM_PREFIX}[0-9]+$`}`),
        );
        const n = Number(next?.n ?? 1);
        const pseudonymId = `${PSEUDONYM_PREFIX}${n}`;
        const name = pseudonymName(n);
        const types = new Map(
          rowsOf<{ table_name: string; column_name: string; data_type: string }>(
            await tx.execute(sql`select table_name, column_name, data_type from information_schema.columns
              where table_schema = current_schema()`),
          ).map((r) => [`${r.table_name}.${r.column_name}`, r.data_type]),
        );
        const all = columns();

        // 1. Rows only about the person go.
        for (const [table, column] of Object.entries(ERASED_ROWS)) {
          await tx.execute(
            sql`delete from ${id(table)} where team_id = ${teamId} and ${id(column)} = ${userId}`,
          );
        }
        // 2. What they wrote themselves is cleared; what audit copies hold of it is dropped.
        for (const { table, column, use } of all) {
          if (typeof use !== 'object') continue;
          if ('authored' in use) {
            await tx.execute(sql`update ${id(table)} set ${id(column)} = ${CLEARED[use.authored.cleared]}
              where team_id = ${teamId} and ${id(use.authored.by)} = ${userId}`);
          } else {
            const dropped = WRITTEN_SNAPSHOT_KEYS.reduce(
              (acc, key) => sql`${acc} - ${key}::text`,
              sql`${id(column)}`,
            );
            await tx.execute(sql`update ${id(table)} set ${id(column)} = ${dropped}
              where team_id = ${teamId} and ${id(use.snapshot.by)} = ${userId}
                and jsonb_typeof(${id(column)}) = 'object'`);
          }
        }
        // 3. Their member row becomes the pseudonym's: no name, zone, rate or Slack flags.
        await tx.execute(sql`update members set user_id = ${pseudonymId}, display_name = ${name},
            tz = 'UTC', role = 'contractor', slack_admin = false, is_bot = false, deleted = true,
            rate_minor = null, currency = null, home_opened_at = null, updated_at = now()
          where team_id = ${teamId} and user_id = ${userId}`);
        // 4. Every other column holding their id now holds the pseudonym (or nothing).
        for (const { table, column, use } of all) {
          if (use !== 'person' && use !== 'person-dropped') continue;
          const value = use === 'person' ? sql`${pseudonymId}` : sql`null`;
          await tx.execute(sql`update ${id(table)} set ${id(column)} = ${value}
            where team_id = ${teamId} and ${id(column)} = ${userId}`);
        }
        // 5. Mentions of them in text others wrote (`<@U…>`, `<@U…|name>`) name the pseudonym, and
        // keys built from their id hold the pseudonym's.
        const mention = `<@${literalPattern(userId)}(\\|[^>]*)?>`;
        for (const { table, column, use } of all) {
          if (use !== 'shared' && use !== 'keyed' && typeof use !== 'object') continue;
          const jsonb = types.get(`${table}.${column}`) === 'jsonb';
          const asText = jsonb ? sql`${id(column)}::text` : sql`${id(column)}`;
          const replaced = sql`replace(regexp_replace(${asText}, ${mention}, ${`<@${pseudonymId}>`}, 'g'), ${userId}, ${pseudonymId})`;
          await tx.execute(sql`update ${id(table)} set ${id(column)} = ${jsonb ? sql`(${replaced})::jsonb` : replaced}
            where team_id = ${teamId} and strpos(${asText}, ${userId}) > 0`);
        }
        // 6. The erasure itself is audited: that it happened, by whom, when; nothing erased.
        await tx.insert(auditLog).values({
          teamId,
          actorId,
          subjectUserId: pseudonymId,
          entity: 'member',
          entityId: pseudonymId,
          action: 'erase',
          before: null,
          after: { pseudonym: name },
        });
        return { pseudonymId, pseudonymName: name };
      });
    },

    async forgetOld({ answersBefore, before, deliveryKinds }) {
      const answers = await db
        .delete(checkinResponses)
        .where(lt(checkinResponses.localDate, answersBefore))
        .returning({ id: checkinResponses.id });
      const events = await db
        .delete(processedEvents)
        .where(lt(processedEvents.receivedAt, before))
        .returning({ id: processedEvents.eventId });
      const sends =
        deliveryKinds.length === 0
          ? []
          : await db
              .delete(deliveries)
              .where(
                and(
                  inArray(deliveries.kind, [...deliveryKinds]),
                  lt(deliveries.localDate, answersBefore),
                  inArray(deliveries.status, [...CLOSED_STATUSES]),
                ),
              )
              .returning({ id: deliveries.id });
      return { answers: answers.length, events: events.length, deliveries: sends.length };
    },
  } satisfies PersonDataPort;
}

export type PersonDataRepository = ReturnType<typeof createPersonDataRepository>;
