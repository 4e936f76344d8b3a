import { renderInvoicePdf } from '../documents/invoice-pdf.js';
import { DeliveryKind, deliveryKeyString } from '../domain/delivery.js';
import {
  DEFAULT_TERMS,
  type Draft,
  draftLines,
  dueDate,
  type Expense,
  INVOICE_EXAMPLE,
  type Invoice,
  type InvoiceDocument,
  type InvoiceStatus,
  type InvoiceTerms,
  invoiceNumber,
  lastCompletePeriod,
  PAID_EXAMPLE,
  type Period,
  VOID_EXAMPLE,
  yearOf,
} from '../domain/invoices.js';
import { addDays, formatRangeLabel, localToday, safeZone } from '../domain/local-date.js';
import { fail, ok, type Result } from '../domain/result.js';
import { scheduledInstant } from '../domain/time-of-day.js';
import type { Logger } from '../logger.js';
import type { MemberService } from './members.service.js';
import type { Due, Outbox, Sender } from './outbox/outbox.js';
import type {
  AuditPort,
  Clock,
  InvoicesPort,
  MilestonesPort,
  ProjectPeoplePort,
  SentMessage,
  UnitOfWork,
} from './ports.js';

export const INVOICE_APPROVAL = DeliveryKind.invoiceApproval;
export const INVOICE_OVERDUE = DeliveryKind.invoiceOverdue;
/** An approval request not delivered within this long (Slack down) is given up; Home still lists it. */
const APPROVAL_WINDOW_MS = 3 * 24 * 3600_000;
/** An overdue alert or its reminder missed during an outage still goes out within this window. */
const OVERDUE_WINDOW_MS = 7 * 24 * 3600_000;
/** When overdue alerts go out, in DEFAULT_TZ. */
const OVERDUE_TIME = '09:00';
/** The overdue reminder follows the alert after this many days. */
const REMINDER_AFTER_DAYS = 7;

/** How invoices reach people in Slack (src/slack/invoice-messenger.ts). */
export interface InvoiceMessenger {
  /** The approval request, with Approve and Reject, in an approver's DM, and the PDF in its thread. */
  requestApproval(input: { doc: InvoiceDocument; approverId: string; pdf: Uint8Array }): Promise<SentMessage>;
  /** A DM to the person an invoice is about (what happened to it), with its PDF when there is one. */
  tellPerson(input: { doc: InvoiceDocument; notice: InvoiceNotice; pdf: Uint8Array | null }): Promise<void>;
  /** Redraws approval requests already sent with what became of the invoice (no more buttons). */
  closeRequests(input: {
    doc: InvoiceDocument;
    messages: Array<{ channelId: string; ts: string }>;
  }): Promise<void>;
  /** The overdue alert (or its reminder) in an admin's DM. */
  overdue(input: { doc: InvoiceDocument; adminId: string; reminder: boolean }): Promise<SentMessage>;
  /** The company's name as the PDF shows it (the Slack workspace's name). */
  companyName(): Promise<string>;
}

/** What the person is told: the invoice's new state says the rest (who decided, why, when due). */
export type InvoiceNotice =
  | { kind: 'submitted'; approvers: string[] }
  | { kind: 'approved' | 'rejected' | 'paid' | 'void' };

export interface InvoiceOutcome {
  kind: typeof INVOICE_APPROVAL | typeof INVOICE_OVERDUE;
  teamId: string;
  subjectId: string;
  memberId: string;
  result: 'sent' | 'missed' | 'retry' | 'failed' | 'skipped';
  detail?: string;
}

/** What a draft is drawn for: a period (given, or the contract's last complete one), or a milestone. */
export type DraftSource = { period: Period | null; milestoneId?: undefined } | { milestoneId: number };

export interface DraftView {
  draft: Draft;
  terms: InvoiceTerms;
  /** `Nov 2026` or `milestone "Beta"`: what the draft covers, for the modal. */
  label: string;
  /** The period and milestone the submission will use: drawn again from these. */
  source: { period: Period; milestoneId: number | null; projectId: number | null };
}

const NOTHING_TO_INVOICE = (label: string) =>
  fail(
    'invoice.empty',
    `There is nothing to invoice for ${label}: no billable time with a rate that is not already on an invoice.`,
    `Log time with \`/log 2h design\`, then ${INVOICE_EXAMPLE}.`,
  );

const ADMINS_ONLY = (example: string) =>
  fail('invoice.admin_only', 'Only Punchcard admins mark invoices paid or void them.', example);

export function createInvoiceService(deps: {
  repos: {
    invoices: InvoicesPort;
    milestones: MilestonesPort;
    projectPeople: ProjectPeoplePort;
  } & UnitOfWork<{ invoices: InvoicesPort; audit: AuditPort }>;
  members: MemberService;
  clock: Clock;
  outbox: Outbox;
  messenger: InvoiceMessenger;
  logger: Logger;
  adminUserIds: readonly string[];
  defaultTz: string;
  /** The person's contract terms (on one project, when named); monthly and net 30 without a contract. */
  terms?: (teamId: string, userId: string, projectId: number | null) => Promise<InvoiceTerms>;
}) {
  const { repos, members, clock, outbox, messenger, logger } = deps;
  const termsOf = deps.terms ?? (async () => DEFAULT_TERMS);

  async function todayFor(teamId: string, userId: string): Promise<string> {
    const member = await members.ensure(teamId, userId);
    return localToday(clock.now(), safeZone(member.tz));
  }

  /** The PDF: the contractor's name as Punchcard knows it (a pseudonym once erased), the workspace's name. */
  async function pdfOf(doc: InvoiceDocument): Promise<Uint8Array> {
    const [person, companyName] = await Promise.all([
      members.lookup(doc.invoice.teamId, doc.invoice.userId),
      messenger.companyName(),
    ]);
    return renderInvoicePdf(doc, {
      contractorName: person?.displayName || doc.invoice.userId,
      companyName,
    });
  }

  async function documentOf(invoice: Invoice): Promise<InvoiceDocument> {
    return { invoice, lines: await repos.invoices.lines(invoice.id) };
  }

  /** Where a draft's entries come from: a period, or a done milestone's project since the one before. */
  async function resolveSource(
    teamId: string,
    userId: string,
    source: DraftSource,
  ): Promise<
    Result<{
      period: Period;
      projectId: number | null;
      milestoneId: number | null;
      label: string;
      terms: InvoiceTerms;
    }>
  > {
    if (source.milestoneId !== undefined) {
      const milestone = await repos.milestones.find(teamId, source.milestoneId);
      if (!milestone)
        return fail(
          'invoice.no_milestone',
          `There is no milestone #${source.milestoneId}.`,
          '`/milestone list` shows them, then `/invoice milestone 12`',
        );
      if (milestone.status !== 'done' || !milestone.doneAt)
        return fail(
          'invoice.milestone_open',
          `Milestone #${milestone.id} (${milestone.title}) is not done yet: invoice it once it is marked done.`,
          '`/milestone done 12` marks it done (managers)',
        );
      const member = await members.ensure(teamId, userId);
      const zone = safeZone(member.tz);
      const earlier = (await repos.milestones.list(teamId, milestone.projectId))
        .filter((m) => m.id !== milestone.id && m.doneAt && m.doneAt < (milestone.doneAt as Date))
        .map((m) => localToday(m.doneAt as Date, zone))
        .sort();
      const last = earlier.at(-1);
      const period = { from: last ? addDays(last, 1) : '2000-01-01', to: localToday(milestone.doneAt, zone) };
      // The contract on the milestone's project, else the person's own.
      const terms = await termsOf(teamId, userId, milestone.projectId);
      return ok({
        period,
        projectId: milestone.projectId,
        milestoneId: milestone.id,
        label: `milestone “${milestone.title}” (${milestone.projectKey})`,
        terms,
      });
    }
    const terms = await termsOf(teamId, userId, null);
    if (source.period) {
      return ok({
        period: source.period,
        projectId: null,
        milestoneId: null,
        label: formatRangeLabel(source.period.from, source.period.to),
        terms,
      });
    }
    if (terms.invoicePeriod === 'milestone')
      return fail(
        'invoice.per_milestone',
        'Your contract invoices per milestone: name the finished milestone to invoice.',
        '`/invoice milestone 12` (`/milestone list` shows the numbers)',
      );
    const period = lastCompletePeriod(terms, await todayFor(teamId, userId));
    if (!period)
      return fail(
        'invoice.no_period',
        'Your contract has no complete invoice period yet.',
        'Invoice a range instead: `/invoice 2026-11-01..2026-11-15`',
      );
    return ok({
      period,
      projectId: null,
      milestoneId: null,
      label: formatRangeLabel(period.from, period.to),
      terms,
    });
  }

  /** Who is asked to approve: whoever manages every project on the invoice, else the admins; never its author. */
  async function approversOf(invoice: Invoice): Promise<string[]> {
    // Whoever approves sees every line: only someone who manages each of the invoice's projects.
    const projectIds = await repos.invoices.projectIds(invoice.id);
    const perProject = await Promise.all(
      projectIds.map((projectId) => repos.projectPeople.managers(invoice.teamId, projectId)),
    );
    const [first = [], ...rest] = perProject;
    const managers = first.filter((id) => id !== invoice.userId && rest.every((ids) => ids.includes(id)));
    if (managers.length > 0) return managers;
    return (await repos.invoices.admins(invoice.teamId, deps.adminUserIds)).filter(
      (id) => id !== invoice.userId,
    );
  }

  /** Whether this person may approve or reject: an admin, or one of its approvers (approversOf); not its author. */
  async function mayDecide(invoice: Invoice, userId: string): Promise<boolean> {
    if (userId === invoice.userId) return false;
    const actor = await members.actor(invoice.teamId, userId);
    if (actor.role === 'admin') return true;
    return (await approversOf(invoice)).includes(userId);
  }

  /** Sends one approval request, read fresh when it goes (skipped once decided); given up `APPROVAL_WINDOW_MS` after `submittedAt`. */
  function approvalSender(invoice: Invoice, approverId: string, submittedAt: Date): Sender {
    return {
      deadline: new Date(submittedAt.getTime() + APPROVAL_WINDOW_MS),
      send: async () => {
        const current = await repos.invoices.find(invoice.teamId, invoice.id);
        if (current?.status !== 'submitted') return { skip: 'decided already' };
        const fresh = await documentOf(current);
        return messenger.requestApproval({ doc: fresh, approverId, pdf: await pdfOf(fresh) });
      },
    };
  }

  function approvalKey(invoice: Invoice, approverId: string) {
    return {
      teamId: invoice.teamId,
      kind: INVOICE_APPROVAL,
      subjectId: String(invoice.id),
      memberId: approverId,
      localDate: invoice.submittedOn,
    };
  }

  /** Tells the person; a DM that fails is logged, never undoing what was committed. */
  async function tell(doc: InvoiceDocument, notice: InvoiceNotice, withPdf: boolean): Promise<void> {
    try {
      await messenger.tellPerson({ doc, notice, pdf: withPdf ? await pdfOf(doc) : null });
    } catch (error) {
      logger.warn(
        { err: error, invoice: doc.invoice.number },
        'could not tell the person about their invoice',
      );
    }
  }

  async function auditChange(
    tx: { audit: AuditPort },
    actorId: string,
    invoice: Invoice,
    action: string,
    before: unknown,
    after: unknown,
  ) {
    await tx.audit.record({
      teamId: invoice.teamId,
      actorId,
      subjectUserId: invoice.userId,
      entity: 'invoice',
      entityId: invoice.number,
      action,
      before,
      after,
    });
  }

  /** A person's own invoices, and what waits for them as an approver or an admin (Home, `/invoice list`). */
  async function overview(
    teamId: string,
    userId: string,
  ): Promise<{
    mine: Invoice[];
    toApprove: Invoice[];
    unpaid: Invoice[] | null;
  }> {
    const actor = await members.actor(teamId, userId);
    const mine = await repos.invoices.forPerson(teamId, userId, 10);
    let toApprove: Invoice[] = [];
    if (actor.role === 'admin') {
      toApprove = (await repos.invoices.withStatus(teamId, ['submitted'], 20)).filter(
        (i) => i.userId !== userId,
      );
    } else {
      // A project's named managers, whatever their role: those invoices they are an approver of.
      const managed = (await repos.projectPeople.projectsOf(teamId, userId))
        .filter((p) => p.manager)
        .map((p) => p.project.id);
      const candidates = await repos.invoices.onProjects(teamId, managed, ['submitted'], 20);
      const approvers = await Promise.all(candidates.map((i) => approversOf(i)));
      toApprove = candidates.filter((_, at) => approvers[at]?.includes(userId));
    }
    const unpaid = actor.role === 'admin' ? await repos.invoices.withStatus(teamId, ['approved'], 20) : null;
    return { mine, toApprove, unpaid };
  }

  /**
   * Moves an invoice from one of `from` to `to`, audited in the same transaction; then tells the
   * person (`notice`, with the PDF when `withPdf`). Someone else moving it first is said so.
   */
  async function move(
    found: Invoice,
    actorId: string,
    change: {
      from: readonly InvoiceStatus[];
      to: InvoiceStatus;
      fields: Partial<Omit<Invoice, 'id' | 'teamId' | 'status'>>;
      action: string;
      audited: Record<string, unknown>;
      notice: InvoiceNotice;
      withPdf: boolean;
    },
  ): Promise<Result<InvoiceDocument>> {
    const changed = await repos.transaction(async (tx) => {
      const after = await tx.invoices.transition(
        found.teamId,
        found.id,
        change.from,
        change.to,
        change.fields,
      );
      if (after)
        await auditChange(
          tx,
          actorId,
          after,
          change.action,
          { status: found.status },
          {
            status: after.status,
            ...change.audited,
          },
        );
      return after;
    });
    if (!changed) return alreadyDecided(found.teamId, found);
    const doc = await documentOf(changed);
    // Decided (or voided) while waiting: every approver's request shows it, and loses its buttons.
    if (found.status === 'submitted') {
      const messages = await repos.invoices.approvalMessages(found.teamId, found.id);
      await messenger
        .closeRequests({ doc, messages })
        .catch((error: unknown) =>
          logger.warn({ err: error, invoice: doc.invoice.number }, 'approval requests not redrawn'),
        );
    }
    await tell(doc, change.notice, change.withPdf);
    return ok(doc);
  }

  /** The invoice an approver acts on, if they may decide it (`verb`: approve or reject). */
  async function decidable(
    teamId: string,
    invoiceId: number,
    userId: string,
    verb: string,
  ): Promise<Result<Invoice>> {
    const found = await repos.invoices.find(teamId, invoiceId);
    if (!found) return fail('invoice.not_found', 'That invoice no longer exists.', INVOICE_EXAMPLE);
    if (!(await mayDecide(found, userId)))
      return fail(
        'invoice.not_approver',
        found.userId === userId
          ? `You cannot ${verb} your own invoice.`
          : `Only someone who manages every project on ${found.number} (or an admin) can ${verb} it.`,
        '`/punchcard project members acme-web` shows who manages a project.',
      );
    return ok(found);
  }

  return {
    /** `/invoice …`: the draft to show in the modal (nothing is stored until it is submitted). */
    async draft(input: {
      teamId: string;
      userId: string;
      source: DraftSource;
      expenses: readonly Expense[];
    }): Promise<Result<DraftView>> {
      const resolved = await resolveSource(input.teamId, input.userId, input.source);
      if (!resolved.ok) return resolved;
      const { period, projectId, milestoneId, label, terms } = resolved.value;
      const entries = await repos.invoices.invoiceable(input.teamId, input.userId, period, projectId);
      const draft = draftLines(period, entries, input.expenses);
      if (!draft.lines.some((l) => l.kind === 'time')) return NOTHING_TO_INVOICE(label);
      return ok({ draft, terms, label, source: { period, milestoneId, projectId } });
    },

    /**
     * The draft submitted: drawn again from the entries inside one transaction that locks them,
     * numbers the invoice and stores it; then the approvers are asked (through the outbox, so a
     * restart or a failing Slack neither loses nor doubles a request) and the person gets the PDF.
     */
    async submit(input: {
      teamId: string;
      userId: string;
      source: { period: Period; milestoneId: number | null; projectId: number | null };
      expenses: readonly Expense[];
    }): Promise<Result<{ doc: InvoiceDocument; approvers: string[] }>> {
      // A milestone's entries are found from the milestone again, not from what the form carried.
      let source = input.source;
      if (source.milestoneId !== null) {
        const resolved = await resolveSource(input.teamId, input.userId, { milestoneId: source.milestoneId });
        if (!resolved.ok) return resolved;
        source = { ...resolved.value, milestoneId: source.milestoneId };
      }
      const terms = await termsOf(input.teamId, input.userId, source.projectId);
      const submittedOn = await todayFor(input.teamId, input.userId);
      const now = clock.now();
      const label = formatRangeLabel(source.period.from, source.period.to);
      const stored = await repos.transaction(async (tx): Promise<Result<InvoiceDocument>> => {
        const entries = await tx.invoices.lockInvoiceable(
          input.teamId,
          input.userId,
          source.period,
          source.projectId,
        );
        const draft = draftLines(source.period, entries, input.expenses);
        if (!draft.lines.some((l) => l.kind === 'time')) return NOTHING_TO_INVOICE(label);
        const year = yearOf(submittedOn);
        const seq = await tx.invoices.nextSeq(input.teamId, year);
        const invoice = await tx.invoices.insert(
          {
            teamId: input.teamId,
            number: invoiceNumber(year, seq),
            year,
            seq,
            userId: input.userId,
            periodFrom: source.period.from,
            periodTo: source.period.to,
            milestoneId: source.milestoneId,
            reference: terms.reference,
            paymentTermsDays: terms.paymentTermsDays,
            submittedOn,
            submittedAt: now,
          },
          draft.lines,
        );
        await auditChange(tx, input.userId, invoice, 'submit', null, {
          number: invoice.number,
          lines: draft.lines.length,
        });
        return ok({ invoice, lines: await tx.invoices.lines(invoice.id) });
      });
      if (!stored.ok) return stored;
      const doc = stored.value;
      const approvers = await approversOf(doc.invoice);
      const dues: Due[] = approvers.map((approverId) => ({
        key: approvalKey(doc.invoice, approverId),
        scheduledAt: now,
        ...approvalSender(doc.invoice, approverId, now),
      }));
      try {
        await outbox.deliver(dues, now);
      } catch (error) {
        // Committed: the tick's retry pass takes up what was claimed and not sent.
        logger.warn({ err: error, invoice: doc.invoice.number }, 'approval requests not all sent yet');
      }
      await tell(doc, { kind: 'submitted', approvers }, true);
      return ok({ doc, approvers });
    },

    /** The approver's Approve: due date from the payment terms; the person is told, with the PDF. */
    async approve(input: {
      teamId: string;
      userId: string;
      invoiceId: number;
    }): Promise<Result<InvoiceDocument>> {
      const found = await decidable(input.teamId, input.invoiceId, input.userId, 'approve');
      if (!found.ok) return found;
      const dueOn = dueDate(await todayFor(input.teamId, input.userId), found.value.paymentTermsDays);
      return move(found.value, input.userId, {
        from: ['submitted'],
        to: 'approved',
        fields: { decidedBy: input.userId, decidedAt: clock.now(), dueOn },
        action: 'approve',
        audited: { dueOn },
        notice: { kind: 'approved' },
        withPdf: true,
      });
    },

    /** The approver's Reject, with a reason: the entries are unlocked and the person told why. */
    async reject(input: {
      teamId: string;
      userId: string;
      invoiceId: number;
      reason: string;
    }): Promise<Result<InvoiceDocument>> {
      const found = await decidable(input.teamId, input.invoiceId, input.userId, 'reject');
      if (!found.ok) return found;
      return move(found.value, input.userId, {
        from: ['submitted'],
        to: 'rejected',
        fields: { decidedBy: input.userId, decidedAt: clock.now(), rejectReason: input.reason },
        action: 'reject',
        audited: { reason: input.reason },
        notice: { kind: 'rejected' },
        withPdf: false,
      });
    },

    /** `/invoice paid INV-… [date]` (admins): the person is told. */
    async markPaid(input: {
      teamId: string;
      userId: string;
      number: string;
      paidOn: string | null;
    }): Promise<Result<InvoiceDocument>> {
      const actor = await members.actor(input.teamId, input.userId);
      if (actor.role !== 'admin') return ADMINS_ONLY(PAID_EXAMPLE);
      const found = await repos.invoices.findByNumber(input.teamId, input.number);
      if (!found) return fail('invoice.not_found', `There is no invoice ${input.number}.`, PAID_EXAMPLE);
      if (found.status !== 'approved')
        return fail(
          'invoice.not_approved',
          found.status === 'paid'
            ? `${found.number} was already marked paid on ${found.paidOn}.`
            : `${found.number} is ${statusWords(found)}: only an approved invoice can be paid.`,
          PAID_EXAMPLE,
        );
      const paidOn = input.paidOn ?? (await todayFor(input.teamId, input.userId));
      if (paidOn < found.submittedOn)
        return fail(
          'invoice.paid_early',
          `${found.number} was submitted on ${found.submittedOn}: it cannot have been paid on ${paidOn}.`,
          PAID_EXAMPLE,
        );
      return move(found, input.userId, {
        from: ['approved'],
        to: 'paid',
        fields: { paidOn, paidBy: input.userId },
        action: 'paid',
        audited: { paidOn },
        notice: { kind: 'paid' },
        withPdf: false,
      });
    },

    /** `/invoice void INV-… <reason>` (admins): a submitted or approved invoice; its entries unlock. */
    async voidInvoice(input: {
      teamId: string;
      userId: string;
      number: string;
      reason: string;
    }): Promise<Result<InvoiceDocument>> {
      const actor = await members.actor(input.teamId, input.userId);
      if (actor.role !== 'admin') return ADMINS_ONLY(VOID_EXAMPLE);
      const found = await repos.invoices.findByNumber(input.teamId, input.number);
      if (!found) return fail('invoice.not_found', `There is no invoice ${input.number}.`, VOID_EXAMPLE);
      if (found.status !== 'submitted' && found.status !== 'approved')
        return fail(
          'invoice.not_voidable',
          `${found.number} is ${statusWords(found)}: only a submitted or approved invoice can be voided.`,
          VOID_EXAMPLE,
        );
      return move(found, input.userId, {
        from: ['submitted', 'approved'],
        to: 'void',
        fields: { voidReason: input.reason, voidedBy: input.userId },
        action: 'void',
        audited: { reason: input.reason },
        notice: { kind: 'void' },
        withPdf: false,
      });
    },

    /** An invoice, for the Reject button (the form names it). */
    async find(teamId: string, invoiceId: number): Promise<Invoice | null> {
      return repos.invoices.find(teamId, invoiceId);
    },

    /** The overview with each listed invoice's totals (one query for all of them). */
    async overviewWithTotals(teamId: string, userId: string) {
      const view = await overview(teamId, userId);
      const ids = [...view.mine, ...view.toApprove, ...(view.unpaid ?? [])].map((i) => i.id);
      return { ...view, totals: await repos.invoices.totals(ids) };
    },

    /** The tick: approval requests still to send, and overdue alerts and their reminders to admins. */
    async runTick(now: Date): Promise<InvoiceOutcome[]> {
      const outcomes: InvoiceOutcome[] = [];
      const report = (
        key: { kind: string; teamId: string; subjectId: string; memberId: string },
        outcome: { result: InvoiceOutcome['result']; detail?: string },
      ) =>
        outcomes.push({
          kind: key.kind as InvoiceOutcome['kind'],
          teamId: key.teamId,
          subjectId: key.subjectId,
          memberId: key.memberId,
          ...outcome,
        });
      const zone = safeZone(deps.defaultTz);
      const today = localToday(now, zone);
      const dues: Due[] = [];
      const senders = new Map<string, Sender>();
      // Approval requests: declared again each tick while they can still go out, so one a submit
      // never claimed (the process stopped between commit and send) is sent here; the outbox skips
      // the keys already claimed.
      for (const invoice of await repos.invoices.submittedSinceAllTeams(
        new Date(now.getTime() - APPROVAL_WINDOW_MS),
      )) {
        for (const approverId of await approversOf(invoice)) {
          const key = approvalKey(invoice, approverId);
          const sender = approvalSender(invoice, approverId, invoice.submittedAt);
          dues.push({ key, scheduledAt: invoice.submittedAt, ...sender });
          senders.set(deliveryKeyString(key), sender);
        }
      }
      // A workspace's admins, read once per tick however many of its invoices are overdue.
      const adminsByTeam = new Map<string, Promise<string[]>>();
      const adminsOf = (teamId: string) => {
        let admins = adminsByTeam.get(teamId);
        if (!admins) {
          admins = repos.invoices.admins(teamId, deps.adminUserIds);
          adminsByTeam.set(teamId, admins);
        }
        return admins;
      };
      for (const invoice of await repos.invoices.overdueAllTeams(today)) {
        if (!invoice.dueOn) continue;
        // The morning after the due date at 09:00 in DEFAULT_TZ, and a week later.
        const alertOn = addDays(invoice.dueOn, 1);
        const reminderOn = addDays(alertOn, REMINDER_AFTER_DAYS);
        const alert = { day: alertOn, at: scheduledInstant(alertOn, OVERDUE_TIME, zone), reminder: false };
        const reminder = {
          day: reminderOn,
          at: scheduledInstant(reminderOn, OVERDUE_TIME, zone),
          reminder: true,
        };
        if (now < alert.at) continue;
        const which = now >= reminder.at ? reminder : alert;
        const admins = await adminsOf(invoice.teamId);
        for (const adminId of admins) {
          const key = {
            teamId: invoice.teamId,
            kind: INVOICE_OVERDUE,
            subjectId: String(invoice.id),
            memberId: adminId,
            localDate: which.day,
          };
          const scheduledAt = which.at;
          const sender: Sender = {
            deadline: new Date(scheduledAt.getTime() + OVERDUE_WINDOW_MS),
            send: async () => {
              const current = await repos.invoices.find(invoice.teamId, invoice.id);
              if (current?.status !== 'approved') return { skip: 'no longer unpaid' };
              return messenger.overdue({ doc: await documentOf(current), adminId, reminder: which.reminder });
            },
          };
          dues.push({ key, scheduledAt, ...sender });
          senders.set(deliveryKeyString(key), sender);
        }
      }
      for (const { due, outcome } of await outbox.deliver(dues, now)) report(due.key, outcome);
      const retried = await outbox.retry([INVOICE_APPROVAL, INVOICE_OVERDUE], now, async (delivery) => {
        const known = senders.get(deliveryKeyString(delivery));
        if (known) return known;
        if (delivery.kind !== INVOICE_APPROVAL) return { skip: 'no longer overdue' };
        const invoice = await repos.invoices.find(delivery.teamId, Number(delivery.subjectId));
        if (invoice?.status !== 'submitted') return { skip: 'decided already' };
        return approvalSender(invoice, delivery.memberId, delivery.scheduledAt);
      });
      for (const { delivery, outcome } of retried) report(delivery, outcome);
      return outcomes;
    },
  };

  async function alreadyDecided(teamId: string, before: Invoice): Promise<Result<never>> {
    const now = await repos.invoices.find(teamId, before.id);
    return fail(
      'invoice.changed',
      `${before.number} is ${now ? statusWords(now) : 'gone'} now: someone else got there first.`,
      '`/invoice list` shows where your invoices stand.',
    );
  }
}

function statusWords(invoice: Invoice): string {
  switch (invoice.status) {
    case 'submitted':
      return 'waiting for approval';
    case 'approved':
      return `approved${invoice.decidedBy ? ` by <@${invoice.decidedBy}>` : ''}`;
    case 'rejected':
      return `rejected${invoice.decidedBy ? ` by <@${invoice.decidedBy}>` : ''}`;
    case 'paid':
      return `paid on ${invoice.paidOn}`;
    case 'void':
      return 'void';
  }
}

export type InvoiceService = ReturnType<typeof createInvoiceService>;
