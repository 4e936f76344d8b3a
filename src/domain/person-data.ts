import { toCsv } from './csv.js';
import type { Role } from './roles.js';
import { type ExportEntry, exportRows } from './timesheet-export.js';

/**
 * Everything Punchcard holds about one person in one workspace (GDPR art. 15 and 20): what
 * `/punchcard my-data` uploads and `cli person export` prints. One builder for both.
 */
export interface PersonRecords {
  profile: {
    userId: string;
    displayName: string;
    tz: string;
    role: Role;
    slackAdmin: boolean;
    isBot: boolean;
    deleted: boolean;
    rateMinor: number | null;
    currency: string | null;
    createdAt: Date;
    updatedAt: Date;
  };
  projectRates: Array<{ projectKey: string; rateMinor: number; currency: string; updatedAt: Date }>;
  /** Their contracts: the workspace one (projectKey null) and per project. */
  contracts: Array<{
    projectKey: string | null;
    rateMinor: number | null;
    currency: string | null;
    paymentTermsDays: number;
    invoicePeriod: string;
    startsOn: string;
    endsOn: string | null;
    reference: string | null;
    updatedAt: Date;
  }>;
  entries: Array<
    ExportEntry & {
      id: number;
      source: string;
      rawText: string;
      updatedAt: Date;
      deletedAt: Date | null;
    }
  >;
  checkins: Array<{ checkinId: number; channelId: string; joinedAt: Date }>;
  checkinAnswers: Array<{
    checkinId: number;
    channelId: string | null;
    localDate: string;
    status: string;
    questions: string[];
    answers: string[];
    hasBlocker: boolean;
    submittedAt: Date | null;
  }>;
  timeOff: Array<{ fromDate: string; toDate: string; createdAt: Date }>;
  milestones: Array<{
    id: number;
    projectKey: string;
    title: string;
    dueDate: string;
    status: string;
    percent: number | null;
  }>;
  /** Projects they are a member or a manager of. */
  projects: Array<{ projectKey: string; member: boolean; manager: boolean; since: Date }>;
  /** Their onboarding checklists: each item, and whether and when they ticked it. */
  onboarding: Array<{
    projectKey: string;
    startedAt: Date;
    completedAt: Date | null;
    items: Array<{ text: string; link: string | null; ticked: boolean; tickedAt: Date | null }>;
  }>;
  kudos: {
    received: Array<{ id: number; giverId: string; channelId: string; text: string; createdAt: Date }>;
    given: Array<{ id: number; recipientId: string; channelId: string; text: string; createdAt: Date }>;
  };
  /** Their invoices, newest first, each with its lines (time and expenses). */
  invoices: Array<{
    number: string;
    status: string;
    periodFrom: string;
    periodTo: string;
    reference: string | null;
    paymentTermsDays: number;
    submittedOn: string;
    decidedBy: string | null;
    rejectReason: string | null;
    dueOn: string | null;
    paidOn: string | null;
    voidReason: string | null;
    lines: Array<{
      kind: string;
      workDate: string | null;
      projectKey: string | null;
      description: string;
      minutes: number | null;
      rateMinor: number | null;
      currency: string;
      amountMinor: number;
    }>;
  }>;
  /** Feedback they received or gave, and the replies they wrote in its threads. */
  feedback: {
    received: FeedbackRecord[];
    given: FeedbackRecord[];
    replies: Array<{ feedbackId: number; text: string; createdAt: Date }>;
  };
  audit: Array<{
    id: number;
    at: Date;
    actorId: string;
    subjectUserId: string;
    entity: string;
    entityId: string;
    action: string;
    before: unknown;
    after: unknown;
  }>;
}

/** One piece of feedback, as stored. */
export interface FeedbackRecord {
  id: number;
  managerId: string;
  personId: string;
  wentWell: string;
  toImprove: string;
  rating: number | null;
  acknowledgedAt: Date | null;
  createdAt: Date;
}

export const PERSON_EXPORT_FORMAT = 'punchcard.person-export/1';

/** The JSON document: the records with the effective role and when and where they were read. */
export function personDocument(
  records: PersonRecords,
  input: { teamId: string; exportedAt: Date; effectiveRole: Role },
) {
  return {
    format: PERSON_EXPORT_FORMAT,
    exportedAt: input.exportedAt.toISOString(),
    workspace: input.teamId,
    profile: records.profile,
    roles: {
      granted: records.profile.role,
      effective: input.effectiveRole,
      workspaceAdmin: records.profile.slackAdmin,
    },
    rates: {
      own:
        records.profile.rateMinor === null
          ? null
          : { rateMinor: records.profile.rateMinor, currency: records.profile.currency },
      onProjects: records.projectRates,
    },
    contracts: records.contracts,
    entries: records.entries,
    checkins: records.checkins,
    checkinAnswers: records.checkinAnswers,
    timeOff: records.timeOff,
    milestones: records.milestones,
    projects: records.projects,
    onboarding: records.onboarding,
    kudos: records.kudos,
    feedback: records.feedback,
    invoices: records.invoices,
    audit: records.audit,
  };
}

export type PersonDocument = ReturnType<typeof personDocument>;

export function personJson(document: PersonDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** The person's live entries as CSV, with the timesheet export's columns. */
export function personEntriesCsv(records: PersonRecords): string {
  return toCsv(exportRows(records.entries.filter((e) => e.deletedAt === null)));
}
