import type { FieldErrors } from '../../../domain/log-form.js';
import { LogField } from '../../blocks/ids.js';

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
