import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { KudosView } from '../../domain/kudos.js';
import type { KudosPort } from '../../services/ports/recognition.js';
import type { Database } from '../client.js';
import { kudos } from '../schema.js';

const rowsOf = async <T>(db: Database, query: SQL): Promise<T[]> =>
  ((await db.execute(query)) as unknown as { rows: T[] }).rows;

interface KudosRow {
  id: number;
  giver_id: string;
  giver_name: string | null;
  recipient_id: string;
  recipient_name: string | null;
  text: string;
  created_at: Date | string;
  total: number | string;
}

const view = (r: KudosRow): KudosView => ({
  id: r.id,
  giverId: r.giver_id,
  giverName: r.giver_name?.trim() || r.giver_id,
  recipientId: r.recipient_id,
  recipientName: r.recipient_name?.trim() || r.recipient_id,
  text: r.text,
  createdAt: new Date(r.created_at),
});

/** Kudos with both names, and how many rows matched in all (a window count). */
const selectViews = (where: SQL, order: SQL, limit: number) => sql`
  select k.id, k.giver_id, g.display_name as giver_name, k.recipient_id, r.display_name as recipient_name,
    k.text, k.created_at, count(*) over () as total
  from kudos k
  left join members g on g.team_id = k.team_id and g.user_id = k.giver_id
  left join members r on r.team_id = k.team_id and r.user_id = k.recipient_id
  where ${where}
  order by ${order}
  limit ${limit}`;

export function createKudosRepository({ db }: { db: Database }) {
  const page = async (query: SQL) => {
    const rows = await rowsOf<KudosRow>(db, query);
    return { rows: rows.map(view), total: Number(rows[0]?.total ?? 0) };
  };
  return {
    async give(input: {
      teamId: string;
      giverId: string;
      recipientIds: string[];
      channelId: string;
      text: string;
      at: Date;
      since: Date;
      limit: number;
    }) {
      return db.transaction(async (tx) => {
        // The giver's row lock: a second /kudos by the same person waits here and then counts ours.
        await tx.execute(
          sql`select 1 from members where team_id = ${input.teamId} and user_id = ${input.giverId} for update`,
        );
        const [row] = await rowsOf<{ n: number }>(
          tx as unknown as Database,
          sql`select count(*)::int as n from kudos
              where team_id = ${input.teamId} and giver_id = ${input.giverId} and created_at >= ${input.since.toISOString()}`,
        );
        const given = Number(row?.n ?? 0);
        if (given + input.recipientIds.length > input.limit) return { ok: false as const, given };
        const inserted = await tx
          .insert(kudos)
          .values(
            input.recipientIds.map((recipientId) => ({
              teamId: input.teamId,
              giverId: input.giverId,
              recipientId,
              channelId: input.channelId,
              text: input.text,
              createdAt: input.at,
            })),
          )
          .returning({ id: kudos.id });
        return { ok: true as const, ids: inserted.map((r) => r.id), given };
      });
    },

    async remove(teamId: string, ids: number[]) {
      if (ids.length === 0) return;
      await db.delete(kudos).where(and(eq(kudos.teamId, teamId), inArray(kudos.id, ids)));
    },

    async received(teamId: string, userId: string, since: Date, limit: number) {
      return page(
        selectViews(
          sql`k.team_id = ${teamId} and k.recipient_id = ${userId} and k.created_at >= ${since.toISOString()}`,
          sql`k.created_at desc, k.id desc`,
          limit,
        ),
      );
    },

    async forDigest(input: {
      teamId: string;
      channelId: string;
      userIds: string[];
      from: Date;
      to: Date;
      limit: number;
    }) {
      const people =
        input.userIds.length === 0
          ? sql`false`
          : sql`k.recipient_id in (${sql.join(
              input.userIds.map((u) => sql`${u}`),
              sql`, `,
            )})`;
      return page(
        selectViews(
          sql`k.team_id = ${input.teamId} and k.created_at >= ${input.from.toISOString()}
              and k.created_at < ${input.to.toISOString()} and (k.channel_id = ${input.channelId} or ${people})`,
          sql`k.created_at, k.id`,
          input.limit,
        ),
      );
    },
  } satisfies KudosPort;
}
