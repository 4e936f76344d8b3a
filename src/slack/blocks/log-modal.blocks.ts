import type { KnownBlock, ModalView } from '@slack/types';
import { formatMinutes } from '../../domain/duration.js';
import { MAX_NOTE_LENGTH } from '../../domain/log-command.js';
import { characters } from '../../domain/text-length.js';
import { LogField, type ModalMetadata, ViewId } from './ids.js';

export interface LogModalInput {
  today: string;
  metadata: ModalMetadata;
  /** Filled when editing an entry. */
  entry?: { minutes: number; category: string; workDate: string; note: string | null };
}

/** A one-line text input, filled with `initial` when editing. */
function oneLineInput(field: {
  blockId: string;
  label: string;
  hint: string;
  placeholder: string;
  initial: string | undefined;
}): KnownBlock {
  return {
    type: 'input',
    block_id: field.blockId,
    label: { type: 'plain_text', text: field.label },
    hint: { type: 'plain_text', text: field.hint },
    element: {
      type: 'plain_text_input',
      action_id: 'value',
      placeholder: { type: 'plain_text', text: field.placeholder },
      ...(field.initial !== undefined ? { initial_value: field.initial } : {}),
    },
  };
}

/** The modal behind `/log` with no arguments, and the Edit button (same fields, same rules). */
export function logModalView(input: LogModalInput): ModalView {
  const editing = input.entry !== undefined;
  const blocks: KnownBlock[] = [
    oneLineInput({
      blockId: LogField.duration,
      label: 'How long',
      hint: 'Like 2h, 1h 30m, 45m or 1:30',
      placeholder: '1h 30m',
      initial: input.entry ? formatMinutes(input.entry.minutes) : undefined,
    }),
    oneLineInput({
      blockId: LogField.category,
      label: 'Category or project',
      hint: 'One word, like design, meetings or a project key',
      placeholder: 'design',
      initial: input.entry?.category,
    }),
    {
      type: 'input',
      block_id: LogField.date,
      label: { type: 'plain_text', text: 'Day' },
      element: { type: 'datepicker', action_id: 'value', initial_date: input.entry?.workDate ?? input.today },
    },
    {
      type: 'input',
      block_id: LogField.note,
      optional: true,
      label: { type: 'plain_text', text: 'Note' },
      hint: {
        type: 'plain_text',
        text: `Up to ${characters(MAX_NOTE_LENGTH)}; each &, < and > counts as 4 or 5`,
      },
      element: {
        type: 'plain_text_input',
        action_id: 'value',
        multiline: true,
        // A note saved before the limit was counted this way may be longer: the form still opens with
        // it whole (Slack refuses an initial_value over max_length), and saving asks to shorten it.
        max_length: Math.min(3000, Math.max(MAX_NOTE_LENGTH, input.entry?.note?.length ?? 0)),
        placeholder: { type: 'plain_text', text: 'What did you work on?' },
        ...(input.entry?.note ? { initial_value: input.entry.note.slice(0, 3000) } : {}),
      },
    },
  ];
  return {
    type: 'modal',
    callback_id: editing ? ViewId.editEntryModal : ViewId.logModal,
    title: { type: 'plain_text', text: editing ? 'Edit entry' : 'Log time' },
    submit: { type: 'plain_text', text: editing ? 'Save' : 'Log time' },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: JSON.stringify(input.metadata),
    blocks,
  };
}
