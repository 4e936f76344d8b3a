import type { KnownBlock } from '@slack/types';
import { isBlocker, MAX_ANSWER_LENGTH } from '../../../domain/checkin-questions.js';
import { formatDayLabel } from '../../../domain/local-date.js';
import type { CheckinAnswersView } from '../../../services/ports.js';
import { ActionId } from '../ids.js';
import type { SlackMessage } from '../message.js';
import { escapeAnswerWithin, escapeMrkdwn } from '../text.js';

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
