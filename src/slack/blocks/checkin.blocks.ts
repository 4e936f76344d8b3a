import type { KnownBlock, ModalView } from '@slack/types';
import { formatDays, isBlocker, MAX_ANSWER_LENGTH } from '../../domain/checkin.js';
import { formatDayLabel } from '../../domain/local-date.js';
import type { CheckinAnswersView } from '../../services/ports.js';
import { ActionId, ViewId } from './ids.js';
import { plainMessage, type SlackMessage } from './message.js';
import { escapeAnswerWithin, escapeMrkdwn, truncate } from './text.js';

const SECTION_LIMIT = 3000;

/** The DM that opens (or reminds about) a check-in: the current question, or a form instead. */
export function promptMessage(input: {
  channelId: string;
  question: string;
  index: number;
  total: number;
  responseId: number;
  reminder: boolean;
}): SlackMessage {
  const intro = input.reminder
    ? `Reminder: your check-in for <#${input.channelId}> is still open.`
    : `Time for your check-in for <#${input.channelId}>.`;
  const question = `*${escapeMrkdwn(input.question)}* (${input.index + 1}/${input.total})`;
  return {
    text: `${intro} ${escapeMrkdwn(input.question)}`,
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: `${intro}\nReply here, one message per question.\n\n${question}` },
      },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: ActionId.checkinOpenForm,
            text: { type: 'plain_text', text: 'Answer in a form' },
            value: String(input.responseId),
          },
        ],
      },
    ],
  };
}

export function nextQuestionMessage(input: { question: string; index: number; total: number }): SlackMessage {
  const text = `*${escapeMrkdwn(input.question)}* (${input.index + 1}/${input.total})`;
  return {
    text: escapeMrkdwn(input.question),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
  };
}

/** The answers as the team channel sees them; a blocker stands out at the top and in place. */
export function answersMessage(view: CheckinAnswersView): SlackMessage {
  const who = `<@${view.userId}>`;
  const blockerAnswer = view.blockerIndex >= 0 ? view.answers[view.blockerIndex] : undefined;
  const blocked = blockerAnswer !== undefined && isBlocker(blockerAnswer);
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `${blocked ? ':rotating_light: ' : ':white_check_mark: '}${who} checked in for ${formatDayLabel(view.localDate)}${blocked ? ' — *blocked*' : ''}`,
      },
      accessory: {
        type: 'button',
        action_id: ActionId.checkinEditAnswers,
        text: { type: 'plain_text', text: 'Edit' },
        value: String(view.responseId),
      },
    },
  ];
  view.questions.forEach((question, i) => {
    // Stored as typed; escaped here, once. Answers are at most MAX_ANSWER_LENGTH when accepted, so
    // the cut only ever shortens an answer stored before that limit existed.
    const answer = escapeAnswerWithin(view.answers[i] ?? '', MAX_ANSWER_LENGTH) || '_no answer_';
    const isBlockerQuestion = i === view.blockerIndex && blocked;
    const title = isBlockerQuestion
      ? `:rotating_light: *Blocker — ${escapeMrkdwn(question)}*`
      : `*${escapeMrkdwn(question)}*`;
    const body = isBlockerQuestion ? `> ${answer.replace(/\n/g, '\n> ')}` : answer;
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `${title}\n${body}` } });
  });
  const blockerNote = blocked ? ` — BLOCKER: ${escapeAnswerWithin(blockerAnswer ?? '', 200)}` : '';
  const text = `${escapeMrkdwn(view.displayName)} checked in for ${formatDayLabel(view.localDate)}${blockerNote}`;
  return { text, blocks };
}

export function confirmationMessage(input: {
  view: CheckinAnswersView;
  posted: boolean;
  updated: boolean;
}): SlackMessage {
  const where = `<#${input.view.channelId}>`;
  const text = !input.posted
    ? `Thanks, your answers are saved, but I couldn't post them in ${where}: I've asked the check-in's owner to invite me.`
    : input.updated
      ? `Updated your check-in in ${where}.`
      : `Thanks! Your check-in is posted in ${where}.`;
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: ActionId.checkinEditAnswers,
            text: { type: 'plain_text', text: 'Edit answers' },
            value: String(input.view.responseId),
          },
          {
            type: 'button',
            action_id: ActionId.openLogModal,
            text: { type: 'plain_text', text: 'Log time' },
            value: 'standup',
          },
        ],
      },
    ],
  };
}

/** All questions at once: from the prompt's button, `/standup`, or Edit. */
export function answersModal(input: {
  responseId: number;
  channelId: string;
  localDate: string;
  questions: string[];
  answers: string[];
  channelName?: string;
}): ModalView {
  const editing = input.answers.length >= input.questions.length;
  return {
    type: 'modal',
    callback_id: ViewId.checkinAnswers,
    title: { type: 'plain_text', text: editing ? 'Edit check-in' : 'Check-in' },
    submit: { type: 'plain_text', text: editing ? 'Save' : 'Post' },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: JSON.stringify({ responseId: input.responseId }),
    blocks: [
      {
        type: 'context',
        elements: [
          { type: 'mrkdwn', text: `For <#${input.channelId}> · ${formatDayLabel(input.localDate)}` },
        ],
      },
      ...input.questions.map(
        (question, i): KnownBlock => ({
          type: 'input',
          block_id: `q_${i}`,
          label: { type: 'plain_text', text: truncate(question, 2000) },
          element: {
            type: 'plain_text_input',
            action_id: 'value',
            multiline: true,
            max_length: MAX_ANSWER_LENGTH,
            // An answer stored before the limit existed is cut to fit, or Slack would refuse the form.
            ...(input.answers[i] ? { initial_value: input.answers[i]?.slice(0, MAX_ANSWER_LENGTH) } : {}),
          },
        }),
      ),
    ],
  };
}

export interface CheckinSummary {
  channelId: string;
  timeOfDay: string;
  days: number[];
  fixedTz: string | null;
  reminderMinutes: number | null;
  catchUpMinutes: number;
  questions: string[];
  participants: string[];
}

/** People named in a check-in's summary; the rest are counted ("and 12 more"). */
const NAMED_PARTICIPANTS = 20;
/** Block text one list message may carry: Slack refuses about 12,000 (msg_blocks_too_long). */
const LIST_TEXT_BUDGET = 11_000;

export function describeCheckin(s: CheckinSummary): string {
  const zone = s.fixedTz ? escapeMrkdwn(s.fixedTz) : "each person's own time";
  const named = s.participants.slice(0, NAMED_PARTICIPANTS).map((id) => `<@${id}>`);
  const more = s.participants.length - named.length;
  const people =
    s.participants.length === 0 ? 'no one yet' : `${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
  const reminder = s.reminderMinutes === null ? 'no reminder' : `reminder after ${s.reminderMinutes} min`;
  return `<#${s.channelId}> at *${s.timeOfDay}* (${zone}), ${formatDays(s.days)} · ${reminder} · ${s.questions.length} questions\nParticipants: ${people}`;
}

export function checkinListMessage(list: CheckinSummary[]): SlackMessage {
  if (list.length === 0) {
    const text =
      'No check-ins yet. Managers create one with `/standup create #team 09:30 mon-fri @alice @bob`.';
    return plainMessage(text);
  }
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: 'Check-ins' } }];
  let used = 0;
  let shown = 0;
  for (const s of list) {
    const text = truncate(describeCheckin(s), SECTION_LIMIT);
    if (blocks.length >= 48 || used + text.length > LIST_TEXT_BUDGET) break;
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text } });
    used += text.length;
    shown += 1;
  }
  if (shown < list.length) {
    blocks.push({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `…and ${list.length - shown} more check-ins. \`/standup edit #channel\` shows any one in full.`,
        },
      ],
    });
  }
  return { text: `${list.length} check-in(s)`, blocks };
}

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
