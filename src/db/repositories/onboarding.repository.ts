import { and, asc, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import type { ChecklistLineToSave, OnboardingPort, OnboardingProgress } from '../../services/ports.js';
import type { Database } from '../client.js';
import {
  members,
  onboardingChecklists,
  onboardingItems,
  onboardings,
  onboardingTicks,
  projects,
} from '../schema.js';

type Rows<T> = { rows: T[] };
const rowsOf = <T>(result: unknown): T[] =>
  (Array.isArray(result) ? result : (result as Rows<T>).rows) as T[];

const itemColumns = {
  id: onboardingItems.id,
  position: onboardingItems.position,
  text: onboardingItems.text,
  link: onboardingItems.link,
  askUserId: onboardingItems.askUserId,
  askName: onboardingItems.askName,
  days: onboardingItems.days,
};

/** Counts of an open checklist's live items and of those ticked, for the onboarding row `o`. */
const TOTAL = sql`(select count(*) from onboarding_items i
  where i.project_id = o.project_id and i.removed_at is null)::int`;
const DONE = sql`(select count(*) from onboarding_ticks t join onboarding_items i on i.id = t.item_id
  where t.onboarding_id = o.id and i.removed_at is null)::int`;

interface ProgressRow {
  id: number;
  user_id: string;
  name: string;
  key: string;
  started_at: Date | string;
  done: number;
  total: number;
}
const toProgress = (r: ProgressRow): OnboardingProgress => ({
  onboardingId: Number(r.id),
  userId: r.user_id,
  name: r.name,
  projectKey: r.key,
  done: Number(r.done),
  total: Number(r.total),
  startedAt: new Date(r.started_at),
});

export function createOnboardingRepository({ db }: { db: Database }) {
  const repo = {
    async checklist(teamId: string, projectId: number) {
      const [head] = await db
        .select()
        .from(onboardingChecklists)
        .where(and(eq(onboardingChecklists.teamId, teamId), eq(onboardingChecklists.projectId, projectId)));
      if (!head) return null;
      const items = await db
        .select(itemColumns)
        .from(onboardingItems)
        .where(and(eq(onboardingItems.projectId, projectId), isNull(onboardingItems.removedAt)))
        .orderBy(asc(onboardingItems.position));
      return { projectId, welcome: head.welcome, announce: head.announce, items };
    },

    async saveChecklist(input: {
      teamId: string;
      projectId: number;
      welcome: string;
      announce: boolean;
      items: readonly ChecklistLineToSave[];
      updatedBy: string;
      at: Date;
    }) {
      const { teamId, projectId } = input;
      return db.transaction(async (tx) => {
        await tx
          .insert(onboardingChecklists)
          .values({
            teamId,
            projectId,
            welcome: input.welcome,
            announce: input.announce,
            updatedBy: input.updatedBy,
          })
          .onConflictDoUpdate({
            target: onboardingChecklists.projectId,
            set: {
              welcome: input.welcome,
              announce: input.announce,
              updatedBy: input.updatedBy,
              updatedAt: sql`now()`,
            },
          });
        // Lock the checklist's live items: two saves at once apply one after the other.
        const live = await tx
          .select({ id: onboardingItems.id, text: onboardingItems.text })
          .from(onboardingItems)
          .where(and(eq(onboardingItems.projectId, projectId), isNull(onboardingItems.removedAt)))
          .for('update');
        const byText = new Map(live.map((i) => [i.text.toLowerCase(), i.id]));
        const kept: Array<{ id: number; position: number; line: ChecklistLineToSave }> = [];
        const added: Array<{ position: number; line: ChecklistLineToSave }> = [];
        input.items.forEach((line, position) => {
          const id = byText.get(line.text.toLowerCase());
          if (id === undefined) added.push({ position, line });
          else kept.push({ id, position, line });
        });
        const keptIds = kept.map((k) => k.id);
        const removed = await tx
          .update(onboardingItems)
          .set({ removedAt: input.at })
          .where(
            and(
              eq(onboardingItems.projectId, projectId),
              isNull(onboardingItems.removedAt),
              keptIds.length > 0 ? notInArray(onboardingItems.id, keptIds) : undefined,
            ),
          )
          .returning({ id: onboardingItems.id });
        if (kept.length > 0) {
          const values = sql.join(
            kept.map(
              (k) =>
                sql`(${k.id}::int, ${k.position}::int, ${k.line.text}::text, ${k.line.link}::text, ${k.line.askUserId}::text, ${k.line.askName}::text, ${k.line.days}::int)`,
            ),
            sql`, `,
          );
          await tx.execute(sql`update onboarding_items as i set position = v.position, text = v.text,
              link = v.link, ask_user_id = v.ask_user_id, ask_name = v.ask_name, days = v.days
            from (values ${values}) as v(id, position, text, link, ask_user_id, ask_name, days)
            where i.id = v.id`);
        }
        if (added.length > 0)
          await tx.insert(onboardingItems).values(
            added.map(({ position, line }) => ({
              teamId,
              projectId,
              position,
              text: line.text,
              link: line.link,
              askUserId: line.askUserId,
              askName: line.askName,
              days: line.days,
              createdAt: input.at,
            })),
          );
        return { added: added.length, removed: removed.length };
      });
    },

    async userIdsByName(teamId: string, names: readonly string[]) {
      const wanted = [...new Set(names.map((n) => n.toLowerCase()))];
      if (wanted.length === 0) return new Map<string, string>();
      const rows = await db
        .select({ userId: members.userId, name: sql<string>`lower(${members.displayName})` })
        .from(members)
        .where(
          and(
            eq(members.teamId, teamId),
            eq(members.deleted, false),
            inArray(sql`lower(${members.displayName})`, wanted),
          ),
        )
        .orderBy(asc(members.userId));
      const out = new Map<string, string>();
      for (const r of rows) if (!out.has(r.name)) out.set(r.name, r.userId);
      return out;
    },

    async start(input: { teamId: string; projectId: number; userId: string; startedBy: string; at: Date }) {
      const [row] = await db
        .insert(onboardings)
        .values({
          teamId: input.teamId,
          projectId: input.projectId,
          userId: input.userId,
          startedBy: input.startedBy,
          startedAt: input.at,
          touchedAt: input.at,
        })
        .onConflictDoNothing()
        .returning({ id: onboardings.id });
      return row?.id ?? null;
    },

    async find(teamId: string, projectId: number, userId: string) {
      const [row] = await db
        .select({ id: onboardings.id })
        .from(onboardings)
        .where(
          and(
            eq(onboardings.teamId, teamId),
            eq(onboardings.projectId, projectId),
            eq(onboardings.userId, userId),
          ),
        );
      return row?.id ?? null;
    },

    async view(teamId: string, onboardingId: number) {
      const [row] = await db
        .select({
          o: onboardings,
          key: projects.key,
          name: projects.name,
          channelId: projects.channelId,
          welcome: onboardingChecklists.welcome,
          announce: onboardingChecklists.announce,
        })
        .from(onboardings)
        .innerJoin(projects, eq(projects.id, onboardings.projectId))
        .leftJoin(onboardingChecklists, eq(onboardingChecklists.projectId, onboardings.projectId))
        .where(and(eq(onboardings.teamId, teamId), eq(onboardings.id, onboardingId)));
      if (!row) return null;
      const { o } = row;
      const ticked = sql<boolean>`exists (select 1 from onboarding_ticks t
        where t.onboarding_id = ${o.id} and t.item_id = ${onboardingItems.id})`;
      const items = await db
        .select({ ...itemColumns, ticked })
        .from(onboardingItems)
        .where(
          and(
            eq(onboardingItems.projectId, o.projectId),
            isNull(onboardingItems.removedAt),
            // Someone who finished keeps the checklist they finished: items added later are not theirs.
            o.completedAt ? sql`${onboardingItems.createdAt} <= ${o.completedAt}` : undefined,
          ),
        )
        .orderBy(asc(onboardingItems.position));
      return {
        id: o.id,
        teamId: o.teamId,
        userId: o.userId,
        projectId: o.projectId,
        projectKey: row.key,
        projectName: row.name,
        channelId: row.channelId,
        welcome: row.welcome ?? '',
        announce: row.announce ?? true,
        startedAt: o.startedAt,
        touchedAt: o.touchedAt,
        completedAt: o.completedAt,
        announcedAt: o.announcedAt,
        dmChannelId: o.dmChannelId,
        dmTs: o.dmTs,
        items: items.map((i) => ({ ...i, ticked: Boolean(i.ticked) })),
      };
    },

    async setTicks(input: {
      teamId: string;
      onboardingId: number;
      itemIds: readonly number[];
      ticked: readonly number[];
      at: Date;
    }) {
      const { onboardingId } = input;
      const ticked = input.ticked.filter((id) => input.itemIds.includes(id));
      const unticked = input.itemIds.filter((id) => !ticked.includes(id));
      await db.transaction(async (tx) => {
        if (unticked.length > 0)
          await tx
            .delete(onboardingTicks)
            .where(
              and(eq(onboardingTicks.onboardingId, onboardingId), inArray(onboardingTicks.itemId, unticked)),
            );
        if (ticked.length > 0)
          await tx.execute(sql`insert into onboarding_ticks (onboarding_id, item_id, ticked_at)
            select o.id, i.id, ${input.at.toISOString()}::timestamptz
            from onboardings o join onboarding_items i on i.project_id = o.project_id and i.removed_at is null
            where o.id = ${onboardingId} and o.team_id = ${input.teamId}
              and i.id in (${sql.join(
                ticked.map((id) => sql`${id}::int`),
                sql`, `,
              )})
            on conflict do nothing`);
        await tx
          .update(onboardings)
          .set({ touchedAt: input.at })
          .where(and(eq(onboardings.id, onboardingId), eq(onboardings.teamId, input.teamId)));
      });
    },

    async setCompleted(onboardingId: number, at: Date | null) {
      await db.update(onboardings).set({ completedAt: at }).where(eq(onboardings.id, onboardingId));
    },

    async claimAnnouncement(onboardingId: number, at: Date) {
      const rows = await db
        .update(onboardings)
        .set({ announcedAt: at })
        .where(and(eq(onboardings.id, onboardingId), isNull(onboardings.announcedAt)))
        .returning({ id: onboardings.id });
      return rows.length > 0;
    },

    async setDm(onboardingId: number, dm: { channelId: string; ts: string }) {
      await db
        .update(onboardings)
        .set({ dmChannelId: dm.channelId, dmTs: dm.ts })
        .where(eq(onboardings.id, onboardingId));
    },

    async dropOpen(teamId: string, projectId: number, userIds: readonly string[]) {
      if (userIds.length === 0) return;
      await db
        .delete(onboardings)
        .where(
          and(
            eq(onboardings.teamId, teamId),
            eq(onboardings.projectId, projectId),
            inArray(onboardings.userId, [...userIds]),
            isNull(onboardings.completedAt),
          ),
        );
    },

    async openFor(teamId: string, userId: string) {
      const rows = await db
        .select({ id: onboardings.id })
        .from(onboardings)
        .where(
          and(
            eq(onboardings.teamId, teamId),
            eq(onboardings.userId, userId),
            isNull(onboardings.completedAt),
          ),
        )
        .orderBy(asc(onboardings.startedAt), asc(onboardings.id));
      return rows.map((r) => r.id);
    },

    async openOnProject(teamId: string, projectId: number) {
      const rows = await db
        .select({ id: onboardings.id })
        .from(onboardings)
        .where(
          and(
            eq(onboardings.teamId, teamId),
            eq(onboardings.projectId, projectId),
            isNull(onboardings.completedAt),
          ),
        )
        .orderBy(asc(onboardings.id));
      return rows.map((r) => r.id);
    },

    async progress(input: { teamId: string; managerId: string | null; limit: number }) {
      const managed = input.managerId
        ? sql`and exists (select 1 from project_managers g where g.project_id = o.project_id and g.user_id = ${input.managerId})`
        : sql``;
      const result =
        await db.execute(sql`select o.id, o.user_id, coalesce(nullif(m.display_name, ''), o.user_id) as name, p.key,
          o.started_at, ${DONE} as done, ${TOTAL} as total
        from onboardings o join projects p on p.id = o.project_id
        left join members m on m.team_id = o.team_id and m.user_id = o.user_id
        where o.team_id = ${input.teamId} and o.completed_at is null and p.archived_at is null ${managed}
        order by p.key, o.started_at, o.id limit ${input.limit}`);
      return rowsOf<ProgressRow>(result).map(toProgress);
    },

    async progressInChannel(teamId: string, channelId: string) {
      const result =
        await db.execute(sql`select o.id, o.user_id, coalesce(nullif(m.display_name, ''), o.user_id) as name, p.key,
          o.started_at, ${DONE} as done, ${TOTAL} as total
        from onboardings o join projects p on p.id = o.project_id
        left join members m on m.team_id = o.team_id and m.user_id = o.user_id
        where o.team_id = ${teamId} and p.channel_id = ${channelId} and o.completed_at is null
          and p.archived_at is null
        order by p.key, o.started_at, o.id`);
      return rowsOf<ProgressRow>(result).map(toProgress);
    },

    async overdueItems(input: { now: Date; alertKind: string }) {
      const result = await db.execute(sql`select o.team_id, o.id as onboarding_id, o.user_id, i.id as item_id,
          o.started_at, greatest(o.started_at, i.created_at) + i.days * interval '1 day' as due_at
        from onboardings o
        join projects p on p.id = o.project_id and p.archived_at is null
        join onboarding_items i on i.project_id = o.project_id and i.removed_at is null and i.days is not null
        where o.completed_at is null
          and greatest(o.started_at, i.created_at) + i.days * interval '1 day' <= ${input.now.toISOString()}::timestamptz
          and not exists (select 1 from onboarding_ticks t where t.onboarding_id = o.id and t.item_id = i.id)
          and not exists (select 1 from deliveries d where d.team_id = o.team_id and d.kind = ${input.alertKind}
            and d.subject_id = o.id::text || ':' || i.id::text and d.status <> 'pending')
        order by o.id, i.position`);
      return rowsOf<{
        team_id: string;
        onboarding_id: number;
        user_id: string;
        item_id: number;
        started_at: Date | string;
        due_at: Date | string;
      }>(result).map((r) => ({
        teamId: r.team_id,
        onboardingId: Number(r.onboarding_id),
        userId: r.user_id,
        itemId: Number(r.item_id),
        startedAt: new Date(r.started_at),
        dueAt: new Date(r.due_at),
      }));
    },

    async untouched(input: { before: Date }) {
      const result =
        await db.execute(sql`select o.team_id, o.id, o.user_id, coalesce(m.tz, 'UTC') as tz, p.key,
          o.touched_at, ${DONE} as done, ${TOTAL} as total,
          coalesce((select array_agg(g.user_id order by g.user_id) from project_managers g
            where g.project_id = o.project_id), '{}') as manager_ids
        from onboardings o
        join projects p on p.id = o.project_id and p.archived_at is null
        left join members m on m.team_id = o.team_id and m.user_id = o.user_id
        where o.completed_at is null and o.touched_at < ${input.before.toISOString()}::timestamptz
        order by o.id`);
      return rowsOf<{
        team_id: string;
        id: number;
        user_id: string;
        tz: string;
        key: string;
        touched_at: Date | string;
        done: number;
        total: number;
        manager_ids: string[] | string;
      }>(result).map((r) => ({
        teamId: r.team_id,
        onboardingId: Number(r.id),
        userId: r.user_id,
        tz: r.tz,
        projectKey: r.key,
        touchedAt: new Date(r.touched_at),
        done: Number(r.done),
        total: Number(r.total),
        managerIds: parseArray(r.manager_ids),
      }));
    },
  } satisfies OnboardingPort;
  return repo;
}

/** A text[] as node-postgres (an array) or a driver that hands back its literal (`{a,b}`) gives it. */
function parseArray(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  const inner = value.replace(/^\{|\}$/g, '');
  return inner === '' ? [] : inner.split(',').map((v) => v.replace(/^"|"$/g, ''));
}
