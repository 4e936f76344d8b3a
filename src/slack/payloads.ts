/**
 * Everything the app reads back from Slack that it once wrote itself (button values, overflow
 * values, private_metadata) or that a person filled in (view state) goes through a schema here
 * before use. Slack signs the request, not its contents' sanity: a value can be stale, edited by a
 * client, or built by hand, so dates must be real, ranges bounded and ids within the column's range.
 */

import { z } from 'zod';
import type { CheckinSettingsInput } from '../domain/checkin.js';
import type { ContractFormInput } from '../domain/contracts.js';
import { EXPENSE_DESCRIPTION_MAX, MAX_EXPENSES, MAX_INVOICE_DAYS } from '../domain/invoices.js';
import { daysBetween, isIsoDate } from '../domain/local-date.js';
import type { LogForm } from '../domain/log-form.js';
import { parseRowId } from '../domain/row-id.js';
import { MAX_RANGE_DAYS } from '../domain/timesheet-range.js';
import type { ModalMetadata, SheetRef } from './blocks/ids.js';
import { expenseBlockIds } from './blocks/invoice.blocks.js';

/** What a listener shows when a value fails its schema: the person can always start again. */
export const STALE_BUTTON = {
  message: 'That button is out of date.',
  hint: 'open your timesheet again with `/timesheet`.',
} as const;
export const STALE_FORM =
  'This form is out of date or was changed on the way. Close it and open it again; nothing was saved.';

const rowId = z.union([z.string(), z.number()]).transform((raw, ctx) => {
  const id = parseRowId(raw);
  if (id === null) {
    ctx.addIssue({ code: 'custom', message: 'not a row id' });
    return z.NEVER;
  }
  return id;
});
const userId = z.string().regex(/^[UW][A-Z0-9]{2,20}$/);
const channelId = z.string().regex(/^[CDG][A-Z0-9]{2,20}$/);
const isoDate = z.string().refine(isIsoDate, 'not a real date');

export const sheetRefSchema = z
  .object({
    subjectId: userId,
    from: isoDate,
    to: isoDate,
    page: z.number().int().min(0).max(10_000),
  })
  .refine((r) => {
    // Zod runs this even when a date above failed: daysBetween must only see real dates.
    if (!isIsoDate(r.from) || !isIsoDate(r.to)) return false;
    const span = daysBetween(r.from, r.to) + 1;
    return span >= 1 && span <= MAX_RANGE_DAYS;
  }, `a range of 1 to ${MAX_RANGE_DAYS} days`);

/** `entryId|subjectId|from|to|page`, as encodeSheetRef packs it (entryId may be empty). */
export function parseSheetRef(value: unknown): { ref: SheetRef; entryId: number | null } | null {
  if (typeof value !== 'string' || value.length > 200) return null;
  const parts = value.split('|');
  if (parts.length !== 5) return null;
  const [entry = '', subjectId, from, to, page = ''] = parts;
  const entryId = entry === '' ? null : parseRowId(entry);
  if (entry !== '' && entryId === null) return null;
  if (!/^\d{1,5}$/.test(page)) return null;
  const ref = sheetRefSchema.safeParse({ subjectId, from, to, page: Number(page) });
  return ref.success ? { ref: ref.data, entryId } : null;
}

/** A row id on a button (an entry on Undo/Edit, a check-in response on Edit answers). */
export function parseRowIdValue(value: unknown): number | null {
  return typeof value === 'string' ? parseRowId(value) : null;
}

/** The ⋯ menu on a timesheet entry: `edit|<sheet ref>` or `delete|<sheet ref>`, always with an entry. */
export function parseEntryMenuValue(
  value: unknown,
): { verb: 'edit' | 'delete'; ref: SheetRef; entryId: number } | null {
  if (typeof value !== 'string') return null;
  const bar = value.indexOf('|');
  const verb = value.slice(0, bar);
  if (verb !== 'edit' && verb !== 'delete') return null;
  const decoded = parseSheetRef(value.slice(bar + 1));
  if (!decoded || decoded.entryId === null) return null;
  return { verb, ref: decoded.ref, entryId: decoded.entryId };
}

/**
 * Where replies to a modal may be posted: Slack's response-URL host, or the configured
 * SLACK_API_URL's host (the fake Slack in tests, a sandbox). Anything else in private_metadata
 * would make the app POST wherever a payload points.
 */
export function responseUrlHosts(slackApiUrl: string | undefined): string[] {
  const hosts = ['hooks.slack.com'];
  if (slackApiUrl) hosts.push(new URL(slackApiUrl).host);
  return hosts;
}

function responseUrl(hosts: readonly string[]) {
  return z
    .string()
    .max(2000)
    .refine((raw) => {
      try {
        const url = new URL(raw);
        if (url.host === 'hooks.slack.com') return url.protocol === 'https:';
        return hosts.includes(url.host) && (url.protocol === 'https:' || url.protocol === 'http:');
      } catch {
        return false;
      }
    }, 'not a Slack response URL');
}

function parseJson(raw: unknown): unknown {
  if (typeof raw !== 'string' || raw.length > 3000) return undefined;
  try {
    return JSON.parse(raw || '{}');
  } catch {
    return undefined;
  }
}

/** The log and edit modals' private_metadata; null when it is not what the app wrote. */
export function parseLogModalMetadata(raw: unknown, hosts: readonly string[]): ModalMetadata | null {
  const schema = z.object({
    responseUrl: responseUrl(hosts).nullable().default(null),
    channelId: channelId.nullable().default(null),
    entryId: rowId.optional(),
    sheet: sheetRefSchema.optional(),
  });
  const parsed = schema.safeParse(parseJson(raw));
  if (!parsed.success) return null;
  const { entryId, sheet, ...rest } = parsed.data;
  return { ...rest, ...(entryId !== undefined ? { entryId } : {}), ...(sheet ? { sheet } : {}) };
}

/** The check-in answer form's private_metadata. */
export function parseCheckinAnswersMetadata(raw: unknown): { responseId: number } | null {
  const parsed = z.object({ responseId: rowId }).safeParse(parseJson(raw));
  return parsed.success ? parsed.data : null;
}

/** `/standup edit`'s private_metadata. */
export function parseCheckinSettingsMetadata(
  raw: unknown,
  hosts: readonly string[],
): { checkinId: number; responseUrl: string | null } | null {
  const parsed = z
    .object({ checkinId: rowId, responseUrl: responseUrl(hosts).nullable().default(null) })
    .safeParse(parseJson(raw));
  return parsed.success ? parsed.data : null;
}

/* ----------------------------- view state ----------------------------- */

// Slack caps a plain_text_input at 3000 characters; anything longer was not typed into our form.
const typed = z.string().max(3000).nullish();
const input = <T extends z.ZodType>(inner: T) => z.object({ value: inner.optional() }).optional();

const logFormState = z.object({
  duration: input(z.object({ value: typed })),
  category: input(z.object({ value: typed })),
  date: input(z.object({ selected_date: z.string().max(10).nullish() })),
  note: input(z.object({ value: typed })),
});

/** The log/edit modal's inputs; null when the state is not the shape the modal produces. */
export function parseLogFormState(values: unknown): LogForm | null {
  const parsed = logFormState.safeParse(values ?? {});
  if (!parsed.success) return null;
  const v = parsed.data;
  return {
    duration: v.duration?.value?.value ?? '',
    category: v.category?.value?.value ?? '',
    date: v.date?.value?.selected_date ?? null,
    note: v.note?.value?.value ?? null,
  };
}

/** The answer form's `q_<n>` inputs, in question order; null when the state is not that shape. */
export function parseCheckinAnswersState(values: unknown): Array<{ blockId: string; text: string }> | null {
  const parsed = z
    .record(z.string().regex(/^q_\d{1,2}$/), z.object({ value: z.object({ value: typed }).optional() }))
    .safeParse(values ?? {});
  if (!parsed.success) return null;
  return Object.entries(parsed.data)
    .sort(([a], [b]) => Number(a.slice(2)) - Number(b.slice(2)))
    .map(([blockId, block]) => ({ blockId, text: block.value?.value ?? '' }));
}

const MINUTES_PER_DAY = 1440;

export interface CheckinSettingsState extends CheckinSettingsInput {
  zoneMode: 'own' | 'fixed';
  zone: string;
}

const option = <T extends z.ZodType>(value: T) => z.object({ value }).nullish();

const settingsState = z.object({
  questions: input(z.object({ value: typed })),
  time: input(
    z.object({
      selected_time: z
        .string()
        .regex(/^\d{2}:\d{2}$/)
        .nullish(),
    }),
  ),
  days: input(
    z.object({
      selected_options: z
        .array(z.object({ value: z.string().regex(/^[1-7]$/) }))
        .max(7)
        .nullish(),
    }),
  ),
  participants: input(z.object({ selected_users: z.array(userId).max(500).nullish() })),
  reminder: input(z.object({ selected_option: option(z.string().regex(/^(off|\d{1,4})$/)) })),
  catch_up: input(z.object({ selected_option: option(z.string().regex(/^\d{1,4}$/)) })),
  zone_mode: input(z.object({ selected_option: option(z.enum(['own', 'fixed'])) })),
  zone: input(z.object({ value: z.string().max(100).nullish() })),
});

/** `/standup edit`'s inputs; null when the state is not the shape the modal produces. */
export function parseCheckinSettingsState(values: unknown): CheckinSettingsState | null {
  const parsed = settingsState.safeParse(values ?? {});
  if (!parsed.success) return null;
  const v = parsed.data;
  const reminder = v.reminder?.value?.selected_option?.value ?? '60';
  const reminderMinutes = reminder === 'off' ? null : Number(reminder);
  const catchUpMinutes = Number(v.catch_up?.value?.selected_option?.value ?? 180);
  // The menus offer a few choices; a stored value outside them is still offered, but a day is
  // the most either can sensibly be (a week-long "catch-up" would resend last week's prompts).
  const withinADay = (m: number) => Number.isInteger(m) && m >= 1 && m <= MINUTES_PER_DAY;
  if ((reminderMinutes !== null && !withinADay(reminderMinutes)) || !withinADay(catchUpMinutes)) return null;
  return {
    questions: (v.questions?.value?.value ?? '').split('\n'),
    time: v.time?.value?.selected_time ?? '',
    days: (v.days?.value?.selected_options ?? []).map((o) => Number(o.value)),
    participantIds: v.participants?.value?.selected_users ?? [],
    reminderMinutes,
    catchUpMinutes,
    zoneMode: v.zone_mode?.value?.selected_option?.value ?? 'own',
    zone: v.zone?.value?.value?.trim() ?? '',
  };
}

/* ----------------------------- onboarding ----------------------------- */

/** The onboarding modal's private_metadata. */
export function parseOnboardingMetadata(
  raw: unknown,
  hosts: readonly string[],
): { projectId: number; responseUrl: string | null } | null {
  const parsed = z
    .object({ projectId: rowId, responseUrl: responseUrl(hosts).nullable().default(null) })
    .safeParse(parseJson(raw));
  return parsed.success ? parsed.data : null;
}

const onboardingState = z.object({
  welcome: input(z.object({ value: typed })),
  items: input(z.object({ value: typed })),
  announce: input(
    z.object({
      selected_options: z
        .array(z.object({ value: z.literal('announce') }))
        .max(1)
        .nullish(),
    }),
  ),
});

/** The onboarding modal's Welcome, Items and switch; null when the state is not that shape. */
export function parseOnboardingState(
  values: unknown,
): { welcome: string; items: string; announce: boolean } | null {
  const parsed = onboardingState.safeParse(values ?? {});
  if (!parsed.success) return null;
  const v = parsed.data;
  return {
    welcome: v.welcome?.value?.value ?? '',
    items: v.items?.value?.value ?? '',
    announce: (v.announce?.value?.selected_options ?? []).length > 0,
  };
}

const tickAction = z.object({
  // `onb|<onboarding id>|<item id>.<item id>…` as tickBlockId writes it: at most ten items a group.
  block_id: z
    .string()
    .max(255)
    .regex(/^onb\|\d{1,10}\|\d{1,10}(\.\d{1,10}){0,9}$/),
  selected_options: z
    .array(z.object({ value: z.string().regex(/^\d{1,10}$/) }))
    .max(10)
    .default([]),
});

/** A tick on a checklist group: which checklist, which items the group shows, and which are ticked now. */
export function parseTickAction(
  action: unknown,
): { onboardingId: number; itemIds: number[]; ticked: number[] } | null {
  const parsed = tickAction.safeParse(action);
  if (!parsed.success) return null;
  const [, onboarding = '', items = ''] = parsed.data.block_id.split('|');
  const onboardingId = parseRowId(onboarding);
  const itemIds = items.split('.').map((id) => parseRowId(id));
  const ticked = parsed.data.selected_options.map((o) => parseRowId(o.value));
  if (onboardingId === null || itemIds.some((id) => id === null) || ticked.some((id) => id === null))
    return null;
  const shown = itemIds as number[];
  // A ticked item the group does not show was not clicked here.
  if ((ticked as number[]).some((id) => !shown.includes(id))) return null;
  return { onboardingId, itemIds: shown, ticked: ticked as number[] };
}

/* ----------------------------- feedback ----------------------------- */

/** The feedback modal's private_metadata: whom it is for, and where to answer. */
export function parseFeedbackMetadata(
  raw: unknown,
  hosts: readonly string[],
): { personId: string; responseUrl: string | null } | null {
  const parsed = z
    .object({ personId: userId, responseUrl: responseUrl(hosts).nullable().default(null) })
    .safeParse(parseJson(raw));
  return parsed.success ? parsed.data : null;
}

const feedbackState = z.object({
  went_well: input(z.object({ value: typed })),
  to_improve: input(z.object({ value: typed })),
  rating: input(
    z.object({
      selected_option: z.object({ value: z.enum(['1', '2', '3', '4', '5']) }).nullish(),
    }),
  ),
});

/** The feedback modal's two answers and rating; null when the state is not that shape. */
export function parseFeedbackState(
  values: unknown,
): { wentWell: string; toImprove: string; rating: string | null } | null {
  const parsed = feedbackState.safeParse(values ?? {});
  if (!parsed.success) return null;
  const v = parsed.data;
  return {
    wentWell: v.went_well?.value?.value ?? '',
    toImprove: v.to_improve?.value?.value ?? '',
    rating: v.rating?.value?.selected_option?.value ?? null,
  };
}

/* ----------------------------- contracts ----------------------------- */

/** The contract modal's private_metadata: whose contract, on which project, and where to answer. */
export function parseContractMetadata(
  raw: unknown,
  hosts: readonly string[],
): { personId: string; project: { id: number; key: string } | null; responseUrl: string | null } | null {
  const parsed = z
    .object({
      personId: userId,
      project: z
        .object({ id: rowId, key: z.string().min(1).max(100) })
        .nullable()
        .default(null),
      responseUrl: responseUrl(hosts).nullable().default(null),
    })
    .safeParse(parseJson(raw));
  return parsed.success ? parsed.data : null;
}

const contractState = z.object({
  contract_rate: input(z.object({ value: typed })),
  contract_currency: input(z.object({ value: typed })),
  contract_terms: input(z.object({ value: typed })),
  contract_period: input(z.object({ selected_option: z.object({ value: z.string().max(20) }).nullish() })),
  contract_start: input(z.object({ selected_date: z.string().max(10).nullish() })),
  contract_end: input(z.object({ selected_date: z.string().max(10).nullish() })),
  contract_reference: input(z.object({ value: typed })),
});

/** The contract modal's values as typed (checked by parseContractForm); null when not that shape. */
export function parseContractState(values: unknown): ContractFormInput | null {
  const parsed = contractState.safeParse(values ?? {});
  if (!parsed.success) return null;
  const v = parsed.data;
  return {
    rate: v.contract_rate?.value?.value ?? null,
    currency: v.contract_currency?.value?.value ?? null,
    paymentTermsDays: v.contract_terms?.value?.value ?? null,
    invoicePeriod: v.contract_period?.value?.selected_option?.value ?? null,
    startsOn: v.contract_start?.value?.selected_date ?? null,
    endsOn: v.contract_end?.value?.selected_date ?? null,
    reference: v.contract_reference?.value?.value ?? null,
  };
}

const threadReply = z.object({
  channel: z.string().regex(/^D[A-Z0-9]{1,20}$/),
  thread_ts: z.string().regex(/^\d{1,12}\.\d{1,8}$/),
  ts: z.string().regex(/^\d{1,12}\.\d{1,8}$/),
});

/** A DM message that is a reply in a thread (its parent's ts), or null for any other message. */
export function parseThreadReply(event: unknown): { channelId: string; threadTs: string; ts: string } | null {
  const parsed = threadReply.safeParse(event);
  if (!parsed.success || parsed.data.thread_ts === parsed.data.ts) return null;
  return { channelId: parsed.data.channel, threadTs: parsed.data.thread_ts, ts: parsed.data.ts };
}

/* ----------------------------- audit ----------------------------- */

const instant = z.iso.datetime({ offset: true });

/** The audit's "more" button: who and when the list covers, and the id the next page starts below. */
const auditRefSchema = z.object({
  u: userId.or(z.string().regex(/^ERASED[0-9]{1,9}$/)).nullable(),
  f: instant.nullable(),
  t: instant.nullable(),
  b: z.number().int().min(1).max(2_147_483_647),
});

export function encodeAuditRef(ref: {
  userId: string | null;
  from: string | null;
  to: string | null;
  beforeId: number;
}): string {
  return JSON.stringify({ u: ref.userId, f: ref.from, t: ref.to, b: ref.beforeId });
}

/** The audit "more" button's value, or null when it is not one this app wrote. */
export function parseAuditRef(
  value: unknown,
): { userId: string | null; from: string | null; to: string | null; beforeId: number } | null {
  if (typeof value !== 'string' || value.length > 500) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(value);
  } catch {
    return null;
  }
  const parsed = auditRefSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { u, f, t, b } = parsed.data;
  return { userId: u, from: f, to: t, beforeId: b };
}

/** What the invoice draft modal carries: where to answer, what it covers, the expenses added so far. */
export interface InvoiceModalMetadata {
  responseUrl: string | null;
  period: { from: string; to: string };
  milestoneId: number | null;
  projectId: number | null;
  expenses: Array<{ description: string; amountMinor: number; currency: string }>;
  /** The currency of an expense typed without one: the draft's first time line's. */
  currency: string | null;
  /** Bumped per added expense: the expense inputs' block ids end with it. */
  generation: number;
}

/** The invoice draft modal's private_metadata; null when it is not what the app wrote. */
export function parseInvoiceModalMetadata(
  raw: unknown,
  hosts: readonly string[],
): InvoiceModalMetadata | null {
  const schema = z.object({
    responseUrl: responseUrl(hosts).nullable().default(null),
    period: z.object({ from: isoDate, to: isoDate }).refine((p) => p.from <= p.to, 'not a period'),
    milestoneId: rowId.nullable(),
    projectId: rowId.nullable(),
    expenses: z
      .array(
        z.object({
          description: z.string().trim().min(1).max(EXPENSE_DESCRIPTION_MAX),
          amountMinor: z.number().int().positive().max(2_147_483_647),
          currency: z.string().regex(/^[A-Z]{3}$/),
        }),
      )
      .max(MAX_EXPENSES),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .nullable(),
    generation: z.number().int().min(0).max(1000),
  });
  const parsed = schema.safeParse(parseJson(raw));
  if (!parsed.success) return null;
  // A period is bounded; a milestone's is drawn again from the milestone itself.
  const { period, milestoneId } = parsed.data;
  if (milestoneId === null && daysBetween(period.from, period.to) >= MAX_INVOICE_DAYS) return null;
  return parsed.data;
}

/** The expense typed in the draft modal (the inputs of this generation); null when the state is not that shape. */
export function parseInvoiceExpenseState(
  values: unknown,
  generation: number,
): { description: string; amount: string } | null {
  const schema = z.record(z.string(), z.record(z.string(), z.object({ value: typed }).partial()));
  const parsed = schema.safeParse(values ?? {});
  if (!parsed.success) return null;
  const ids = expenseBlockIds(generation);
  const read = (block: string) => (parsed.data[block]?.value?.value ?? '').trim();
  return { description: read(ids.description), amount: read(ids.amount) };
}

/** The Reject form's private_metadata: the invoice. */
export function parseRejectMetadata(raw: unknown): { invoiceId: number } | null {
  const parsed = z.object({ invoiceId: rowId }).safeParse(parseJson(raw));
  return parsed.success ? parsed.data : null;
}

/** The Reject form's reason; null when the state is not that shape. */
export function parseRejectState(values: unknown): { reason: string } | null {
  const parsed = z.object({ reason: input(z.object({ value: typed })) }).safeParse(values ?? {});
  if (!parsed.success) return null;
  return { reason: parsed.data.reason?.value?.value ?? '' };
}
