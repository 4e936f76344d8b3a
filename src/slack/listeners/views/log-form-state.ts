import type { ViewOutput } from '@slack/bolt';
import type { FieldErrors, LogForm } from '../../../domain/log-form.js';
import { LogField, type ModalMetadata } from '../../blocks/ids.js';

/** The log/edit modal's inputs, read from a view_submission's state. */
export function readLogForm(view: ViewOutput): LogForm {
  const values = view.state.values;
  const text = (block: string) => values[block]?.value?.value ?? null;
  return {
    duration: text(LogField.duration) ?? '',
    category: text(LogField.category) ?? '',
    date: values[LogField.date]?.value?.selected_date ?? null,
    note: text(LogField.note),
  };
}

export function readMetadata(view: ViewOutput): ModalMetadata {
  try {
    const parsed = JSON.parse(view.private_metadata || '{}') as Partial<ModalMetadata>;
    return { responseUrl: parsed.responseUrl ?? null, channelId: parsed.channelId ?? null, ...parsed };
  } catch {
    return { responseUrl: null, channelId: null };
  }
}

/** Field errors keyed by the input blocks' ids, as `response_action: 'errors'` wants them. */
export function errorsByBlock(errors: FieldErrors): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) {
    // Slack shows at most 150 characters under an input.
    if (message)
      out[LogField[field as keyof typeof LogField]] =
        message.length > 150 ? `${message.slice(0, 149)}…` : message;
  }
  return out;
}
