import {
  CONTRACT_ENDING_DAYS,
  type Contract,
  type ContractFieldName,
  type ContractFormInput,
  type ContractTerms,
  contractAlertDay,
  DEFAULT_TERMS,
  parseContractForm,
} from '../domain/contracts.js';
import { DeliveryKind, deliveryKeyString } from '../domain/delivery.js';
import { addDays, daysBetween, localToday, safeZone } from '../domain/local-date.js';
import type { Project } from '../domain/projects.js';
import { parseProjectKey } from '../domain/projects.js';
import { type DomainError, fail, ok, quoted, type Result } from '../domain/result.js';
import { parseUserMention } from '../domain/slack-mentions.js';
import { scheduledInstant } from '../domain/time-of-day.js';
import type { MemberService } from './members.service.js';
import type { Due, Outbox, Sender } from './outbox/outbox.js';
import type { ChannelMessenger, Clock, ContractsPort, StorePorts, UnitOfWork } from './ports.js';
import { NO_PROJECT } from './projects/common.js';
import { writeRate } from './projects/rates.js';

/*
 * Contract terms per person (for the workspace, or one project): set by admins and managers in a
 * form, shown to the person on Home, read by invoices (`contractFor`), and two weeks before a
 * contract ends, one DM to each of its managers through the outbox.
 */

export const CONTRACT_ENDING = DeliveryKind.contractEnding;
const ALERT_TIME = '09:00';
export const CONTRACT_EXAMPLE = '`/punchcard contract @ada` or `/punchcard contract @ada acme-web`';

export interface ContractAlertOutcome {
  kind: typeof CONTRACT_ENDING;
  teamId: string;
  subjectId: string;
  memberId: string;
  result: 'sent' | 'missed' | 'retry' | 'failed' | 'skipped';
  detail?: string;
}

type Rate = { rateMinor: number; currency: string };

/** Who and what the form is for, as the command resolved it. */
export interface ContractTarget {
  personId: string;
  project: Pick<Project, 'id' | 'key'> | null;
}

const NOT_ALLOWED = (personId: string) =>
  fail(
    'contract.forbidden',
    `Only workspace admins and the managers of a project <@${personId}> is on can set their contract.`,
    '`/punchcard project members acme-web` shows who is on a project and who manages it.',
  );
const CONTRACTORS_REFUSED = fail(
  'contract.contractor',
  "Contracts are set by managers and admins. Your own contract's terms are on your Home tab.",
  'ask a manager or an admin to change them.',
);

/**
 * The terms an invoice for this person (on this project, or none) follows: the project's contract,
 * else their workspace contract, else monthly, net 30 ({@link DEFAULT_TERMS}).
 */
export async function contractFor(
  contracts: Pick<ContractsPort, 'mostSpecific'>,
  teamId: string,
  userId: string,
  projectId: number | null,
): Promise<ContractTerms> {
  const c = await contracts.mostSpecific(teamId, userId, projectId);
  if (!c) return { ...DEFAULT_TERMS };
  return {
    paymentTermsDays: c.paymentTermsDays,
    invoicePeriod: c.invoicePeriod,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    reference: c.reference,
  };
}

export function createContractsService(deps: {
  repos: Pick<StorePorts, 'contracts' | 'projects' | 'projectPeople'> &
    UnitOfWork<Pick<StorePorts, 'contracts' | 'members' | 'projects' | 'audit'>>;
  members: MemberService;
  channels: ChannelMessenger;
  clock: Clock;
  outbox: Outbox;
  defaultTz: string;
}) {
  const { repos, members, channels, clock, outbox } = deps;
  const zone = safeZone(deps.defaultTz);

  /**
   * Admins may set anyone's contract; a manager, a contract on a project they manage (any person),
   * or a workspace contract of a person on a project they manage. Contractors none.
   */
  async function mayManage(
    teamId: string,
    actorId: string,
    personId: string,
    project: ContractTarget['project'],
  ): Promise<Result<true>> {
    const actor = await members.actor(teamId, actorId);
    if (actor.role === 'admin') return ok(true);
    if (actor.role !== 'manager') return CONTRACTORS_REFUSED;
    if (project)
      return (await repos.projectPeople.isManager(teamId, project.id, actorId))
        ? ok(true)
        : NOT_ALLOWED(personId);
    const [managed, theirs] = await Promise.all([
      repos.projectPeople.projectsOf(teamId, actorId),
      repos.projectPeople.projectsOf(teamId, personId),
    ]);
    const mine = new Set(managed.filter((p) => p.manager).map((p) => p.project.id));
    return theirs.some((p) => p.member && mine.has(p.project.id)) ? ok(true) : NOT_ALLOWED(personId);
  }

  /** The rate in force that the form would replace: theirs on the project, else their own. */
  async function currentRate(teamId: string, target: ContractTarget): Promise<Rate | null> {
    if (target.project) {
      const found = await repos.projects.findForMember(teamId, target.project.key, target.personId);
      return found?.memberRate ?? null;
    }
    const member = await members.lookup(teamId, target.personId);
    return member?.rateMinor != null && member.currency
      ? { rateMinor: member.rateMinor, currency: member.currency }
      : null;
  }

  async function sendEnding(c: Contract, managerId: string, today: string) {
    if (c.endsOn === null) return { skip: 'contract has no end' };
    return channels.contractEnding({
      managerId,
      personId: c.userId,
      projectKey: c.projectKey,
      endsOn: c.endsOn,
      daysLeft: Math.max(0, daysBetween(today, c.endsOn)),
      reference: c.reference,
    });
  }

  return {
    /**
     * The terms an invoice for this person (on this project, or none) follows: the project's
     * contract, else their workspace contract, else monthly, net 30.
     */
    contractFor(teamId: string, userId: string, projectId: number | null): Promise<ContractTerms> {
      return contractFor(repos.contracts, teamId, userId, projectId);
    },

    /** A person's contracts, for their Home tab. */
    forPerson(teamId: string, userId: string): Promise<Contract[]> {
      return repos.contracts.forPerson(teamId, userId);
    },

    /** `/punchcard contract @user [project]`: whether the form may open, and what it starts with. */
    async open(input: {
      teamId: string;
      userId: string;
      args: readonly string[];
    }): Promise<
      Result<{ target: ContractTarget; contract: Contract | null; rate: Rate | null; today: string }>
    > {
      const [mention, rawKey, ...extra] = input.args;
      const actor = await members.actor(input.teamId, input.userId);
      if (actor.role === 'contractor') return CONTRACTORS_REFUSED;
      if (!mention) return fail('contract.no_person', 'Name whose contract it is, with @.', CONTRACT_EXAMPLE);
      const personId = parseUserMention(mention);
      if (!personId)
        return fail(
          'contract.unknown_user',
          `I don't know \`${quoted(mention)}\`: name one person in this workspace with @.`,
          CONTRACT_EXAMPLE,
        );
      if (extra.length > 0)
        return fail(
          'contract.extra',
          'Name one person and at most one project; the terms go in the form.',
          CONTRACT_EXAMPLE,
        );
      const person = await members.lookup(input.teamId, personId);
      if (!person || person.deleted)
        return fail(
          'contract.unknown_user',
          `I can't find <@${personId}> in this workspace.`,
          CONTRACT_EXAMPLE,
        );
      if (person.isBot)
        return fail('contract.bot', `<@${personId}> is a bot: contracts are for people.`, CONTRACT_EXAMPLE);
      let project: ContractTarget['project'] = null;
      if (rawKey !== undefined) {
        const key = parseProjectKey(rawKey);
        if (!key.ok) return key;
        const found = await repos.projects.findByKey(input.teamId, key.value);
        if (!found) return NO_PROJECT(key.value);
        project = { id: found.id, key: found.key };
      }
      const allowed = await mayManage(input.teamId, input.userId, personId, project);
      if (!allowed.ok) return allowed;
      const target = { personId, project };
      const [contract, rate] = await Promise.all([
        repos.contracts.find(input.teamId, personId, project?.id ?? null),
        currentRate(input.teamId, target),
      ]);
      return ok({ target, contract, rate, today: localToday(clock.now(), safeZone(actor.member.tz)) });
    },

    /**
     * The form sent: checked field by field (each mistake shown under its field), the permission
     * checked again, then the rate (through the rate path, audited) and the contract (audited) saved
     * in one transaction: all of it or nothing.
     */
    async save(input: {
      teamId: string;
      userId: string;
      target: ContractTarget;
      form: ContractFormInput;
    }): Promise<
      | { ok: true; value: { contract: Contract; rateChanged: boolean } }
      | { ok: false; fields: Partial<Record<ContractFieldName, string>> }
      | { ok: false; error: DomainError }
    > {
      const form = parseContractForm(input.form);
      if (!form.ok) return { ok: false, fields: form.errors };
      const { personId } = input.target;
      let project = input.target.project;
      if (project) {
        // The project as it is now (a key kept in the form may have been archived or removed meanwhile).
        const found = await repos.projects.findByKey(input.teamId, project.key);
        if (!found || found.id !== project.id) return NO_PROJECT(project.key);
        project = { id: found.id, key: found.key };
      }
      const allowed = await mayManage(input.teamId, input.userId, personId, project);
      if (!allowed.ok) return allowed;
      const before = await currentRate(input.teamId, { personId, project });
      const { rate, ...terms } = form.value;
      const rateChanged =
        rate !== null &&
        (before === null || before.rateMinor !== rate.rateMinor || before.currency !== rate.currency);
      const contract = await repos.transaction(async (tx) => {
        const previous = await tx.contracts.find(input.teamId, personId, project?.id ?? null);
        if (rate !== null && rateChanged)
          await writeRate(tx, {
            teamId: input.teamId,
            actorId: input.userId,
            userId: personId,
            project,
            before,
            after: rate,
          });
        const saved = await tx.contracts.save({
          teamId: input.teamId,
          userId: personId,
          projectId: project?.id ?? null,
          form: {
            ...terms,
            // A contract without a rate in the form keeps the one it had.
            rateMinor: rate?.rateMinor ?? previous?.rateMinor ?? null,
            currency: rate?.currency ?? previous?.currency ?? null,
          },
          savedBy: input.userId,
        });
        const snapshot = (c: Contract | null) =>
          c === null
            ? {}
            : {
                projectKey: c.projectKey,
                rateMinor: c.rateMinor,
                currency: c.currency,
                paymentTermsDays: c.paymentTermsDays,
                invoicePeriod: c.invoicePeriod,
                startsOn: c.startsOn,
                endsOn: c.endsOn,
                reference: c.reference,
              };
        await tx.audit.record({
          teamId: input.teamId,
          actorId: input.userId,
          subjectUserId: personId,
          entity: 'contract',
          entityId: String(saved.id),
          action: 'save',
          before: snapshot(previous),
          after: snapshot(saved),
        });
        return saved;
      });
      return { ok: true, value: { contract, rateChanged } };
    },

    /**
     * Each contract ending within two weeks: one DM to each of its managers, exactly once (the
     * outbox's claim key is the contract and its end date, so a changed end date alerts again). Due
     * at 09:00 (DEFAULT_TZ) fourteen days before the end; a contract saved closer to its end alerts at
     * the next tick; retried until the end day is over.
     */
    async runTick(now: Date = clock.now()): Promise<ContractAlertOutcome[]> {
      const today = localToday(now, zone);
      const ending = await repos.contracts.endingToAlert({
        today,
        days: CONTRACT_ENDING_DAYS,
        alertKind: CONTRACT_ENDING,
      });
      const dues: Due[] = [];
      const senders = new Map<string, Sender>();
      for (const { contract: c, managerId } of ending) {
        if (c.endsOn === null) continue;
        const alertDay = contractAlertDay(c.endsOn);
        const scheduledAt = scheduledInstant(alertDay, ALERT_TIME, zone);
        if (scheduledAt > now) continue;
        const deadline = scheduledInstant(addDays(c.endsOn, 1), '00:00', zone);
        const sender: Sender = { deadline, send: () => sendEnding(c, managerId, today) };
        const key = {
          teamId: c.teamId,
          kind: CONTRACT_ENDING,
          subjectId: `${c.id}:${c.endsOn}`,
          memberId: managerId,
          localDate: alertDay,
        };
        dues.push({ key, scheduledAt, ...sender });
        senders.set(deliveryKeyString(key), sender);
      }
      const outcomes: ContractAlertOutcome[] = [];
      const report = (
        key: { teamId: string; subjectId: string; memberId: string },
        delivered: { result: ContractAlertOutcome['result']; detail?: string },
      ) =>
        outcomes.push({
          kind: CONTRACT_ENDING,
          teamId: key.teamId,
          subjectId: key.subjectId,
          memberId: key.memberId,
          ...delivered,
        });
      for (const { due, outcome } of await outbox.deliver(dues, now)) report(due.key, outcome);
      const retried = await outbox.retry([CONTRACT_ENDING], now, async (delivery) => {
        const sender = senders.get(deliveryKeyString(delivery));
        return sender ?? { skip: 'contract changed or ended' };
      });
      for (const { delivery, outcome } of retried) report(delivery, outcome);
      return outcomes;
    },
  };
}

export type ContractsService = ReturnType<typeof createContractsService>;
