import { and, eq, sql } from 'drizzle-orm';
import { DeliveryKind, TIME_OFF } from '../../domain/delivery.js';
import type { DeliveryHistoryPort, SilentStreak } from '../../services/ports.js';
import type { Database } from '../client.js';
import { checkinParticipants, checkins, members } from '../schema.js';

/** The silent-contractor runs of every workspace, in two statements (see the port for the rule). */
export async function silentStreaks(
  db: Database,
  input: Parameters<DeliveryHistoryPort['silentStreaks']>[0],
): Promise<SilentStreak[]> {
  // Each participant's today depends on their zone: worked out once per distinct zone, in the caller.
  const zones = await db
    .selectDistinct({ zone: sql<string>`coalesce(${checkins.fixedTz}, ${members.tz})` })
    .from(checkinParticipants)
    .innerJoin(checkins, eq(checkins.id, checkinParticipants.checkinId))
    .innerJoin(
      members,
      and(eq(members.teamId, checkinParticipants.teamId), eq(members.userId, checkinParticipants.userId)),
    )
    .where(and(sql`${checkins.archivedAt} is null`, eq(members.deleted, false)));
  if (zones.length === 0) return [];
  const todays = zones.map(({ zone }) => sql`(${zone}::text, ${input.todayIn(zone)}::date)`);
  // A finished check-in day of participant `pa`: a prompt row `d` before their today, not pending
  // or failed, not a day off.
  const finishedDay = sql`d.team_id = pa.team_id and d.kind = ${DeliveryKind.checkinPrompt}
    and d.subject_id = pa.checkin_id::text and d.member_id = pa.user_id
    and d.local_date >= ${input.sinceDate}::date and d.local_date < pa.today
    and d.status not in ('pending', 'failed')
    and not (d.status = 'skipped' and d.last_error is not distinct from ${TIME_OFF})`;
  // Kept: answered, or time logged that day. Either breaks a run. (Materialized below, so it is
  // worked out once a day, not once for each use.)
  const kept = sql`(exists (
      select 1 from checkin_responses r
      where r.team_id = pa.team_id and r.checkin_id = pa.checkin_id and r.user_id = pa.user_id
        and r.local_date = d.local_date and r.status = 'submitted'
    ) or exists (
      select 1 from time_entries e
      where e.team_id = pa.team_id and e.user_id = pa.user_id and e.work_date = d.local_date
        and e.deleted_at is null
    ))`;
  const result = (await db.execute(sql`
    with zone_today(zone, today) as (values ${sql.join(todays, sql`, `)}),
    participant as (
      select c.team_id, c.id as checkin_id, c.channel_id, p.user_id, z.today
      from checkin_participants p
      join checkins c on c.id = p.checkin_id and c.archived_at is null
      join members m on m.team_id = p.team_id and m.user_id = p.user_id and not m.deleted
      join zone_today z on z.zone = coalesce(c.fixed_tz, m.tz)
    ),
    -- Most people kept one of their last few days: only those who kept none of them (read
    -- newest first through the claim key's index) can have a run long enough.
    candidate as (
      select pa.* from participant pa
      where (
        select count(*) from (
          select d.local_date from deliveries d where ${finishedDay}
          order by d.local_date desc limit ${input.threshold}::int
        ) d
        where not ${kept}
      ) >= ${input.threshold}::int
    ),
    day as materialized (
      select pa.team_id, pa.checkin_id, pa.channel_id, pa.user_id, d.local_date, ${kept} as kept
      from candidate pa join deliveries d on ${finishedDay}
    ),
    -- The run: the days after the last kept one.
    run as (
      select team_id, checkin_id, channel_id, user_id, count(*)::int as missed, min(local_date) as since
      from (
        select day.*,
          max(local_date) filter (where kept) over (partition by team_id, checkin_id, user_id) as last_kept
        from day
      ) marked
      where not kept and (last_kept is null or local_date > last_kept)
      group by team_id, checkin_id, channel_id, user_id
    )
    select run.team_id as "teamId", run.checkin_id as "checkinId", run.channel_id as "channelId",
      run.user_id as "userId", run.missed, to_char(run.since, 'YYYY-MM-DD') as since
    from run
    where run.missed >= ${input.threshold}::int
      and not exists (
        select 1 from deliveries a
        where a.team_id = run.team_id and a.kind = ${input.alertKind}
          and a.subject_id = run.checkin_id::text and a.member_id = run.user_id
          and a.local_date = run.since and a.status <> 'pending'
      )
    order by run.team_id, run.checkin_id, run.user_id`)) as unknown as { rows: SilentStreak[] };
  return result.rows.map((r) => ({ ...r, checkinId: Number(r.checkinId), missed: Number(r.missed) }));
}
