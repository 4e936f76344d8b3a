import { and, asc, eq, isNull, or, type SQL, sql } from 'drizzle-orm';
import { type Contract, INVOICE_PERIODS, type InvoicePeriod } from '../../domain/contracts.js';
import type { ContractsPort, EndingContract } from '../../services/ports/contracts.js';
import type { Database } from '../client.js';
import { contracts, projects } from '../schema.js';

const period = (raw: string): InvoicePeriod => INVOICE_PERIODS.find((p) => p === raw) ?? 'monthly';

const toContract = (r: typeof contracts.$inferSelect, projectKey: string | null): Contract => ({
  id: r.id,
  teamId: r.teamId,
  userId: r.userId,
  projectId: r.projectId,
  projectKey,
  rateMinor: r.rateMinor,
  currency: r.currency,
  paymentTermsDays: r.paymentTermsDays,
  invoicePeriod: period(r.invoicePeriod),
  startsOn: r.startsOn,
  endsOn: r.endsOn,
  reference: r.reference,
  createdBy: r.createdBy,
  updatedAt: r.updatedAt,
});

export function createContractsRepository({ db }: { db: Database }) {
  const select = (where: SQL | undefined) =>
    db
      .select({ c: contracts, key: projects.key })
      .from(contracts)
      .leftJoin(projects, eq(projects.id, contracts.projectId))
      .where(where);
  const forProject = (projectId: number | null) =>
    projectId === null ? isNull(contracts.projectId) : eq(contracts.projectId, projectId);

  return {
    async find(teamId: string, userId: string, projectId: number | null): Promise<Contract | null> {
      const [row] = await select(
        and(eq(contracts.teamId, teamId), eq(contracts.userId, userId), forProject(projectId)),
      );
      return row ? toContract(row.c, row.key) : null;
    },

    async byId(teamId: string, id: number): Promise<Contract | null> {
      const [row] = await select(and(eq(contracts.teamId, teamId), eq(contracts.id, id)));
      return row ? toContract(row.c, row.key) : null;
    },

    async mostSpecific(teamId: string, userId: string, projectId: number | null): Promise<Contract | null> {
      const [row] = await select(
        and(
          eq(contracts.teamId, teamId),
          eq(contracts.userId, userId),
          projectId === null
            ? isNull(contracts.projectId)
            : or(isNull(contracts.projectId), eq(contracts.projectId, projectId)),
        ),
      )
        // The project's own contract first (nulls last).
        .orderBy(sql`${contracts.projectId} asc nulls last`)
        .limit(1);
      return row ? toContract(row.c, row.key) : null;
    },

    async forPerson(teamId: string, userId: string): Promise<Contract[]> {
      const rows = await select(and(eq(contracts.teamId, teamId), eq(contracts.userId, userId))).orderBy(
        sql`${projects.key} asc nulls first`,
        asc(contracts.id),
      );
      return rows.map((r) => toContract(r.c, r.key));
    },

    async save(input): Promise<Contract> {
      const values = {
        rateMinor: input.form.rateMinor,
        currency: input.form.currency,
        paymentTermsDays: input.form.paymentTermsDays,
        invoicePeriod: input.form.invoicePeriod,
        startsOn: input.form.startsOn,
        endsOn: input.form.endsOn,
        reference: input.form.reference,
        createdBy: input.savedBy,
        updatedAt: sql`now()`,
      };
      const [row] = await db
        .insert(contracts)
        .values({ teamId: input.teamId, userId: input.userId, projectId: input.projectId, ...values })
        // The unique key treats a null project as a value (NULLS NOT DISTINCT): one workspace contract.
        .onConflictDoUpdate({
          target: [contracts.teamId, contracts.userId, contracts.projectId],
          set: values,
        })
        .returning();
      if (!row) throw new Error('contract not saved');
      const key =
        row.projectId === null
          ? null
          : ((await db.select({ key: projects.key }).from(projects).where(eq(projects.id, row.projectId)))[0]
              ?.key ?? null);
      return toContract(row, key);
    },

    async endingToAlert(input: {
      today: string;
      days: number;
      alertKind: string;
    }): Promise<EndingContract[]> {
      const result = await db.execute(sql`
        with ending as (
          select c.id from contracts c
          where c.ends_on >= ${input.today}::date and c.ends_on <= ${input.today}::date + ${input.days}::int
        ),
        told as (
          select c.id, pm.user_id as manager_id
          from ending e join contracts c on c.id = e.id
          join project_managers pm on pm.project_id = c.project_id and pm.team_id = c.team_id
          where c.project_id is not null
          union
          select c.id, m.user_id
          from ending e join contracts c on c.id = e.id
          join members m on m.team_id = c.team_id
          where c.project_id is null and (m.role in ('manager', 'admin') or m.slack_admin)
            and not m.deleted and not m.is_bot
        )
        select t.id, t.manager_id from told t join contracts c on c.id = t.id
        where t.manager_id <> c.user_id
          and not exists (
            select 1 from deliveries d
            where d.team_id = c.team_id and d.kind = ${input.alertKind}
              and d.subject_id = c.id::text || ':' || c.ends_on::text
              and d.member_id = t.manager_id and d.status <> 'pending'
          )
        order by t.id, t.manager_id`);
      const rows = (result as unknown as { rows: Array<{ id: number; manager_id: string }> }).rows;
      if (rows.length === 0) return [];
      const ids = [...new Set(rows.map((r) => Number(r.id)))];
      const found = await select(sql`${contracts.id} in ${ids}`);
      const byId = new Map(found.map((r) => [r.c.id, toContract(r.c, r.key)]));
      return rows.flatMap((r) => {
        const contract = byId.get(Number(r.id));
        return contract ? [{ contract, managerId: r.manager_id }] : [];
      });
    },
  } satisfies ContractsPort;
}
