/** Reading what a person sees in Slack messages and views, for assertions. */

// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON as posted by the app
type Json = any;

/** Every action element (button, overflow, …) in a list of blocks, with the block it sits in. */
export function elements(blocks: Json[] | undefined): Array<{ blockId?: string; element: Json }> {
  const out: Array<{ blockId?: string; element: Json }> = [];
  for (const block of blocks ?? []) {
    for (const element of [...(block.elements ?? []), block.accessory, block.element]) {
      if (element?.action_id) out.push({ blockId: block.block_id, element });
    }
  }
  return out;
}

export function button(blocks: Json[] | undefined, actionId: string, label?: string): Json {
  const found = elements(blocks).find(
    ({ element }) => element.action_id === actionId && (!label || element.text?.text === label),
  );
  if (!found)
    throw new Error(`no element ${actionId}${label ? ` "${label}"` : ''} in ${JSON.stringify(blocks)}`);
  return found.element;
}

/** The visible text of blocks: section texts, fields, context and header text, joined by lines. */
export function visibleText(blocks: Json[] | undefined): string {
  const lines: string[] = [];
  for (const block of blocks ?? []) {
    if (block.text?.text) lines.push(block.text.text);
    for (const field of block.fields ?? []) lines.push(field.text);
    if (block.type === 'context') for (const el of block.elements ?? []) if (el.text) lines.push(el.text);
  }
  return lines.join('\n');
}

/** The state.values a view_submission carries for the log/edit modal's inputs. */
export function logFormState(input: {
  duration: string;
  category: string;
  date: string | null;
  note?: string | null;
}) {
  return {
    duration: { value: { type: 'plain_text_input', value: input.duration } },
    category: { value: { type: 'plain_text_input', value: input.category } },
    date: { value: { type: 'datepicker', selected_date: input.date } },
    note: { value: { type: 'plain_text_input', value: input.note ?? null } },
  };
}

/** The state.values a view_submission of the check-in answer form carries, in question order. */
export const answerFormState = (answers: string[]) =>
  Object.fromEntries(answers.map((v, i) => [`q_${i}`, { value: { type: 'plain_text_input', value: v } }]));
