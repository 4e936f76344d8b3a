import type { KnownBlock, ModalView } from '@slack/types';
import { MAX_ANSWER_LENGTH } from '../../../domain/checkin-questions.js';
import { formatDayLabel } from '../../../domain/local-date.js';
import { ViewId } from '../ids.js';
import { truncate } from '../text.js';

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

/** Under an answer left empty. */
export const ANSWER_MISSING = 'Please answer this one (a dash is fine).';
