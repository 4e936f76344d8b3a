import type { ModalView } from '@slack/types';
import { ViewId } from '../ids.js';
import type { CheckinSummary } from './list.blocks.js';

const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
export const REMINDER_CHOICES = [null, 15, 30, 60, 90, 120, 240] as const;
export const CATCH_UP_CHOICES = [30, 60, 120, 180, 360, 720] as const;

function withChoice<T extends number | null>(choices: readonly T[], current: T): T[] {
  if (choices.includes(current)) return [...choices];
  return [...choices, current].sort((a, b) => (a ?? -1) - (b ?? -1));
}

const minutesLabel = (m: number) => (m % 60 === 0 ? `${m / 60} h` : `${m} min`);
const option = (text: string, value: string) => ({ text: { type: 'plain_text' as const, text }, value });

/** `/standup edit #channel`: every setting of a check-in in one modal. */
export function checkinSettingsModal(
  input: CheckinSummary & { checkinId: number; responseUrl: string | null },
): ModalView {
  const dayOptions = WEEKDAY_NAMES.map((name, i) => option(name, String(i + 1)));
  // A stored value that is not one of the usual choices (set before they existed, or by /standup
  // with another number) joins the list: Slack refuses an initial option that is not listed.
  const reminderOptions = withChoice(REMINDER_CHOICES, input.reminderMinutes).map((m) =>
    option(m === null ? 'No reminder' : `After ${minutesLabel(m)}`, String(m ?? 'off')),
  );
  const catchUpOptions = withChoice(CATCH_UP_CHOICES, input.catchUpMinutes).map((m) =>
    option(`Up to ${minutesLabel(m)} late`, String(m)),
  );
  const reminderInitial = reminderOptions.find((o) => o.value === String(input.reminderMinutes ?? 'off'));
  const catchUpInitial = catchUpOptions.find((o) => o.value === String(input.catchUpMinutes));
  const own = option("Each person's own Slack time zone", 'own');
  const fixed = option('One fixed time zone for everyone', 'fixed');
  return {
    type: 'modal',
    callback_id: ViewId.checkinSettings,
    title: { type: 'plain_text', text: 'Edit check-in' },
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: JSON.stringify({ checkinId: input.checkinId, responseUrl: input.responseUrl }),
    blocks: [
      { type: 'context', elements: [{ type: 'mrkdwn', text: `Check-in for <#${input.channelId}>` }] },
      {
        type: 'input',
        block_id: 'questions',
        label: { type: 'plain_text', text: 'Questions' },
        hint: {
          type: 'plain_text',
          text: 'One per line, up to 10. Add, remove or reorder lines. A question mentioning "block" is the blocker question.',
        },
        element: {
          type: 'plain_text_input',
          action_id: 'value',
          multiline: true,
          initial_value: input.questions.join('\n'),
        },
      },
      {
        type: 'input',
        block_id: 'time',
        label: { type: 'plain_text', text: 'Time' },
        element: { type: 'timepicker', action_id: 'value', initial_time: input.timeOfDay },
      },
      {
        type: 'input',
        block_id: 'days',
        label: { type: 'plain_text', text: 'Days' },
        element: {
          type: 'checkboxes',
          action_id: 'value',
          options: dayOptions,
          ...(input.days.length > 0
            ? { initial_options: dayOptions.filter((o) => input.days.includes(Number(o.value))) }
            : {}),
        },
      },
      {
        type: 'input',
        block_id: 'participants',
        optional: true,
        label: { type: 'plain_text', text: 'Participants' },
        element: { type: 'multi_users_select', action_id: 'value', initial_users: input.participants },
      },
      {
        type: 'input',
        block_id: 'reminder',
        label: { type: 'plain_text', text: 'Reminder if not answered' },
        element: {
          type: 'static_select',
          action_id: 'value',
          options: reminderOptions,
          ...(reminderInitial ? { initial_option: reminderInitial } : {}),
        },
      },
      {
        type: 'input',
        block_id: 'catch_up',
        label: { type: 'plain_text', text: 'After an outage, still send' },
        element: {
          type: 'static_select',
          action_id: 'value',
          options: catchUpOptions,
          ...(catchUpInitial ? { initial_option: catchUpInitial } : {}),
        },
      },
      {
        type: 'input',
        block_id: 'zone_mode',
        label: { type: 'plain_text', text: 'Whose time' },
        element: {
          type: 'radio_buttons',
          action_id: 'value',
          options: [own, fixed],
          initial_option: input.fixedTz ? fixed : own,
        },
      },
      {
        type: 'input',
        block_id: 'zone',
        optional: true,
        label: { type: 'plain_text', text: 'Fixed time zone' },
        hint: {
          type: 'plain_text',
          text: 'Only with "one fixed time zone": an IANA name like Europe/Berlin.',
        },
        element: {
          type: 'plain_text_input',
          action_id: 'value',
          placeholder: { type: 'plain_text', text: 'Europe/Berlin' },
          ...(input.fixedTz ? { initial_value: input.fixedTz } : {}),
        },
      },
    ],
  };
}

/** Under the zone field when "one fixed time zone" is chosen without one. */
export const ZONE_MISSING = 'Name the time zone, like Europe/Berlin.';
