import type { KnownBlock, ModalView } from '@slack/types';
import { FEEDBACK_MAX_LENGTH, type FeedbackView } from '../../domain/feedback.js';
import type { KudosView } from '../../domain/kudos.js';
import { formatDayLabel } from '../../domain/local-date.js';
import { characters } from '../../domain/text-length.js';
import { FeedbackIds } from './ids.js';
import type { SlackMessage } from './message.js';
import { escapeAnswer, escapeAnswerWithin, escapeMrkdwn } from './text.js';

/* Kudos and feedback as people see them. What people typed is stored as typed and escaped here, once. */

const mentions = (ids: readonly string[]): string => {
  const named = ids.map((id) => `<@${id}>`);
  if (named.length <= 1) return named.join('');
  return `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
};

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const context = (text: string): KnownBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });

/** Quoted as a block quote, line by line. */
const quote = (text: string): string =>
  escapeAnswer(text)
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');

/** The kudos as posted in the channel where it was typed. */
export function kudosPost(input: { giverId: string; recipientIds: string[]; text: string }): SlackMessage {
  const to = mentions(input.recipientIds);
  return {
    text: `:tada: Kudos to ${to} from <@${input.giverId}>: ${escapeAnswer(input.text)}`,
    blocks: [section(`:tada: *Kudos* to ${to}\n${quote(input.text)}`), context(`From <@${input.giverId}>`)],
  };
}

/**
 * The recipient's DM: told of a kudos posted in a channel, or (when the bot could not post there)
 * given the kudos itself.
 */
export function kudosDm(input: {
  giverId: string;
  text: string;
  channelId: string;
  postedInChannel: boolean;
}): SlackMessage {
  const where = input.postedInChannel
    ? ` in <#${input.channelId}>`
    : ` (I couldn't post it in <#${input.channelId}>, so it's here)`;
  return {
    text: `:tada: <@${input.giverId}> gave you kudos${where}: ${escapeAnswer(input.text)}`,
    blocks: [section(`:tada: <@${input.giverId}> gave you kudos${where}`), section(quote(input.text))],
  };
}

/** The giver's ephemeral confirmation. */
export function kudosGiven(input: {
  recipientIds: string[];
  channelId: string;
  postedInChannel: boolean;
  leftToday: number;
}): SlackMessage {
  const to = mentions(input.recipientIds);
  const where = input.postedInChannel
    ? `Kudos to ${to} posted, and ${input.recipientIds.length === 1 ? 'they were' : 'each was'} told by DM.`
    : `I can't post in <#${input.channelId}>, so I sent the kudos to ${to} by DM. \`/invite @Punchcard\` there to post kudos in the channel.`;
  return {
    text: `:tada: ${where}`,
    blocks: [section(`:tada: ${where}`), context(`You can give ${input.leftToday} more today.`)],
  };
}

/** One kudos in a list (Home tab, digest): who to whom, and what for, cut to `max` characters. */
export function kudosLine(k: KudosView, options: { withRecipient: boolean; max: number }): string {
  const who = options.withRecipient
    ? `*${escapeMrkdwn(k.giverName)}* → *${escapeMrkdwn(k.recipientName)}*`
    : `from *${escapeMrkdwn(k.giverName)}*`;
  const text = escapeAnswerWithin(k.text.replace(/\s+/g, ' '), options.max);
  return `:tada: ${who}: ${text}`;
}

/**
 * One feedback on a Home tab, as `viewerId` sees it (null: an admin looking at someone else's):
 * who to whom and when, rating, acknowledged or not, replies, and the start of both answers.
 */
export function feedbackHomeLine(f: FeedbackView, viewerId: string | null): string {
  const when = f.createdAt.toISOString().slice(0, 10);
  const who =
    viewerId === f.personId
      ? `From <@${f.managerId}>`
      : viewerId === f.managerId
        ? `To <@${f.personId}>`
        : `<@${f.managerId}> → <@${f.personId}>`;
  const bits = [`:memo: *${who}* · ${formatDayLabel(when)}`];
  if (f.rating !== null) bits.push(`${f.rating}/5`);
  bits.push(f.acknowledgedAt ? ':white_check_mark: acknowledged' : 'not acknowledged yet');
  if (f.replies.length > 0) bits.push(`${f.replies.length} ${f.replies.length === 1 ? 'reply' : 'replies'}`);
  const excerpt = (text: string) => escapeAnswerWithin(text.replace(/\s+/g, ' '), 150);
  const lines = [
    bits.join(' · '),
    `>_Went well:_ ${excerpt(f.wentWell)}`,
    `>_To improve:_ ${excerpt(f.toImprove)}`,
  ];
  const last = f.replies.at(-1);
  if (last) lines.push(`>_Latest reply (<@${last.userId}>):_ ${excerpt(last.text)}`);
  return lines.join('\n');
}

const STARS = (rating: number) => `${'★'.repeat(rating)}${'☆'.repeat(5 - rating)} ${rating}/5`;

/** The modal a manager fills in: what went well, what to improve, and an optional rating. */
export function feedbackModal(input: { personId: string; metadata: string }): ModalView {
  const textField = (blockId: string, label: string, placeholder: string): KnownBlock => ({
    type: 'input',
    block_id: blockId,
    label: { type: 'plain_text', text: label },
    hint: { type: 'plain_text', text: `Up to ${characters(FEEDBACK_MAX_LENGTH)}` },
    element: {
      type: 'plain_text_input',
      action_id: 'value',
      multiline: true,
      max_length: FEEDBACK_MAX_LENGTH,
      placeholder: { type: 'plain_text', text: placeholder },
    },
  });
  return {
    type: 'modal',
    callback_id: FeedbackIds.modal,
    private_metadata: input.metadata,
    title: { type: 'plain_text', text: 'Feedback' },
    submit: { type: 'plain_text', text: 'Send privately' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      section(`Feedback for <@${input.personId}>, sent to them by DM. Only they, you and admins see it.`),
      textField(FeedbackIds.wentWell, 'What went well', 'The release notes were clear and on time…'),
      textField(
        FeedbackIds.toImprove,
        'What to improve',
        'Flag blockers in the check-in the day they appear…',
      ),
      {
        type: 'input',
        block_id: FeedbackIds.rating,
        optional: true,
        label: { type: 'plain_text', text: 'Rating' },
        element: {
          type: 'static_select',
          action_id: 'value',
          placeholder: { type: 'plain_text', text: 'No rating' },
          options: [1, 2, 3, 4, 5].map((n) => ({
            text: { type: 'plain_text' as const, text: STARS(n) },
            value: String(n),
          })),
        },
      },
    ],
  };
}

/** The feedback as the person receives it by DM, with Acknowledge until they press it. */
export function feedbackDm(f: FeedbackView): SlackMessage {
  const blocks: KnownBlock[] = [
    section(`:memo: *Feedback from <@${f.managerId}>*`),
    // Not quoted line by line: 2,000 characters of short lines must still fit a 3,000-character section.
    section(`*What went well*\n${escapeAnswer(f.wentWell)}`),
    section(`*What to improve*\n${escapeAnswer(f.toImprove)}`),
  ];
  if (f.rating !== null) blocks.push(section(`*Rating* ${STARS(f.rating)}`));
  if (f.acknowledgedAt) {
    blocks.push(context(':white_check_mark: You acknowledged this feedback.'));
  } else {
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: FeedbackIds.acknowledge,
          text: { type: 'plain_text', text: 'Acknowledge' },
          style: 'primary',
          value: String(f.id),
        },
      ],
    });
  }
  blocks.push(
    context(
      `Reply in this thread to answer <@${f.managerId}>. Only you, they and Punchcard admins see this feedback.`,
    ),
  );
  return { text: `Feedback from <@${f.managerId}>`, blocks };
}

/** The manager's confirmation after sending. */
export function feedbackSent(personId: string): SlackMessage {
  const text = `:memo: Feedback sent to <@${personId}> by DM. You'll hear when they acknowledge or reply.`;
  return { text, blocks: [section(text)] };
}

/** What the manager is told when the person acknowledges or replies in the thread. */
export function feedbackNotice(input: { personId: string; reply: string | null; when: string }): string {
  return input.reply === null
    ? `:white_check_mark: <@${input.personId}> acknowledged your feedback of ${input.when}.`
    : `:speech_balloon: <@${input.personId}> replied to your feedback of ${input.when}:\n${escapeAnswer(input.reply)}`;
}

/** The manager's feedback reminder: who on the project is due. */
export function feedbackReminderMessage(input: {
  projectKey: string;
  everyWeeks: number;
  due: Array<{ userId: string; last: string | null }>;
  more: number;
}): SlackMessage {
  const every = input.everyWeeks === 1 ? 'every week' : `every ${input.everyWeeks} weeks`;
  const head = `:bell: *Feedback due* on \`${escapeMrkdwn(input.projectKey)}\` (${every})`;
  const lines = input.due.map(
    (d) => `• <@${d.userId}> · ${d.last === null ? 'no feedback yet' : `last feedback ${d.last}`}`,
  );
  if (input.more > 0) lines.push(`_…and ${input.more} more_`);
  return {
    text: `Feedback due on ${input.projectKey}: ${input.due.length + input.more} ${input.due.length + input.more === 1 ? 'person' : 'people'}`,
    blocks: [
      section(head),
      section(lines.join('\n')),
      context(
        `\`/feedback @person\` opens the form. \`/punchcard feedback-reminder ${escapeMrkdwn(input.projectKey)} off\` stops these.`,
      ),
    ],
  };
}
