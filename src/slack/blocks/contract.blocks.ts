import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import {
  CONTRACT_ENDING_DAYS,
  type Contract,
  ContractField,
  dayWithYear,
  INVOICE_PERIOD_LABELS,
  INVOICE_PERIODS,
  type InvoicePeriod,
  PAYMENT_TERMS_MAX_DAYS,
  REFERENCE_MAX_LENGTH,
  rateFieldText,
  termsLine,
} from '../../domain/contracts.js';
import { exampleAmount } from '../../domain/money.js';
import { ViewId } from './ids.js';
import type { SlackMessage } from './message.js';
import { escapeMrkdwn } from './text.js';

/* Contracts as people see them: the form, the saved reply, the Home lines and the ending alert. */

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const context = (text: string): KnownBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });
const plain = (text: string) => ({ type: 'plain_text' as const, text });

const where = (projectKey: string | null) =>
  projectKey === null ? 'for the workspace' : `on \`${escapeMrkdwn(projectKey)}\``;

const periodOption = (p: InvoicePeriod): PlainTextOption => ({
  text: plain(INVOICE_PERIOD_LABELS[p]),
  value: p,
});

/**
 * `/punchcard contract @user [project]`: the form, filled with the contract as it is (or the rate in
 * force and the defaults when there is none). Nothing is saved until it is sent.
 */
export function contractModal(input: {
  personId: string;
  projectKey: string | null;
  contract: Contract | null;
  /** The rate in force when the contract has none of its own. */
  rate: { rateMinor: number; currency: string } | null;
  today: string;
  metadata: string;
}): ModalView {
  const c = input.contract;
  const rate =
    c?.rateMinor != null && c.currency ? { rateMinor: c.rateMinor, currency: c.currency } : input.rate;
  const text = (
    blockId: string,
    label: string,
    options: { initial?: string | null; placeholder: string; max: number; hint?: string; optional?: boolean },
  ): KnownBlock => ({
    type: 'input',
    block_id: blockId,
    label: plain(label),
    ...(options.optional ? { optional: true } : {}),
    ...(options.hint ? { hint: plain(options.hint) } : {}),
    element: {
      type: 'plain_text_input',
      action_id: 'value',
      max_length: options.max,
      placeholder: plain(options.placeholder),
      ...(options.initial ? { initial_value: options.initial } : {}),
    },
  });
  const period = c?.invoicePeriod ?? 'monthly';
  return {
    type: 'modal',
    callback_id: ViewId.contract,
    private_metadata: input.metadata,
    title: plain('Contract'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks: [
      section(
        `Contract terms for <@${input.personId}> ${where(input.projectKey)}. They see them on their Home tab; invoices follow them.`,
      ),
      text(ContractField.rate, 'Rate', {
        initial: rate ? rateFieldText(rate.rateMinor, rate.currency) : null,
        placeholder: '85.50',
        max: 20,
        optional: true,
        hint: `Per hour, in the currency's own decimals: ${exampleAmount('USD')} USD, ${exampleAmount('JPY')} JPY. Empty keeps the rate as it is.`,
      }),
      text(ContractField.currency, 'Currency', {
        initial: rate?.currency ?? null,
        placeholder: 'USD',
        max: 3,
        optional: true,
        hint: 'A three-letter ISO code: USD, EUR, GBP, JPY…',
      }),
      text(ContractField.terms, 'Payment terms (days)', {
        initial: String(c?.paymentTermsDays ?? 30),
        placeholder: '30',
        max: 3,
        hint: `Days an invoice has to be paid in: 15 for net 15, 30 for net 30 (0 to ${PAYMENT_TERMS_MAX_DAYS}).`,
      }),
      {
        type: 'input',
        block_id: ContractField.period,
        label: plain('Invoice period'),
        element: {
          type: 'static_select',
          action_id: 'value',
          options: INVOICE_PERIODS.map(periodOption),
          initial_option: periodOption(period),
        },
      },
      {
        type: 'input',
        block_id: ContractField.start,
        label: plain('Start'),
        element: { type: 'datepicker', action_id: 'value', initial_date: c?.startsOn ?? input.today },
      },
      {
        type: 'input',
        block_id: ContractField.end,
        label: plain('End'),
        optional: true,
        hint: plain(`Empty for no end. Managers hear ${CONTRACT_ENDING_DAYS} days before it.`),
        element: {
          type: 'datepicker',
          action_id: 'value',
          ...(c?.endsOn ? { initial_date: c.endsOn } : {}),
        },
      },
      text(ContractField.reference, 'Reference', {
        initial: c?.reference ?? null,
        placeholder: 'PO-2026-114',
        max: REFERENCE_MAX_LENGTH,
        optional: true,
        hint: 'A purchase order or reference for invoices.',
      }),
    ],
  };
}

/** The reply once the form is saved. */
export function contractSaved(input: { contract: Contract; rateChanged: boolean }): SlackMessage {
  const c = input.contract;
  const text = `:page_facing_up: Contract saved for <@${c.userId}> ${where(c.projectKey)}: ${escapeMrkdwn(termsLine(c))}${
    c.reference ? ` · ref ${escapeMrkdwn(c.reference)}` : ''
  }.`;
  const blocks = [section(text)];
  if (input.rateChanged)
    blocks.push(
      context('Their rate is set too: time logged from now on uses it; entries already logged keep theirs.'),
    );
  return { text, blocks };
}

/** A person's contracts on their Home tab: one line each. */
export function contractLines(contracts: readonly Contract[]): string[] {
  return contracts.map(
    (c) =>
      `• ${c.projectKey === null ? '*Workspace*' : `*\`${escapeMrkdwn(c.projectKey)}\`*`}: ${escapeMrkdwn(termsLine(c))}${
        c.reference ? ` · ref ${escapeMrkdwn(c.reference)}` : ''
      }`,
  );
}

/** The DM a contract's manager gets two weeks before it ends. */
export function contractEndingMessage(input: {
  personId: string;
  projectKey: string | null;
  endsOn: string;
  daysLeft: number;
  reference: string | null;
}): SlackMessage {
  const days = input.daysLeft === 1 ? '1 day' : `${input.daysLeft} days`;
  const ref = input.reference ? ` (ref ${escapeMrkdwn(input.reference)})` : '';
  const text = `:hourglass_flowing_sand: <@${input.personId}>'s contract ${where(input.projectKey)}${ref} ends on ${dayWithYear(input.endsOn)}, in ${days}.`;
  const command = `/punchcard contract <@${input.personId}>${input.projectKey ? ` ${escapeMrkdwn(input.projectKey)}` : ''}`;
  return {
    text,
    blocks: [section(text), context(`\`${command}\` extends or changes it.`)],
  };
}
