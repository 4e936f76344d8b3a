/**
 * Slack's documented Block Kit and message limits, checked the way Slack checks them, so that a payload
 * real Slack would refuse fails in the fake too. Pure: no I/O, no vitest.
 *
 * Each rule names the reference page it comes from. Problems are reported as Slack reports them in
 * `response_metadata.messages`: `[ERROR] <what> [json-pointer:<path>]`.
 */
import { Checker } from './block-kit-blocks.js';
import { type BlockKitProblem, isRecord, REF } from './block-kit-fields.js';

export type { BlockKitProblem } from './block-kit-fields.js';

export interface BlockKitRejection {
  /** The `error` Slack answers with. */
  error: 'invalid_blocks' | 'invalid_arguments' | 'msg_too_long' | 'msg_blocks_too_long';
  messages: string[];
}

// Message-level limits.
/** chat.postMessage: "The maximum number of blocks allowed in a message is 50" (REF.message, `blocks`). */
export const MAX_MESSAGE_BLOCKS = 50;
/** Views (modal and Home): "Max of 100 blocks" (REF.modal, REF.home). */
export const MAX_VIEW_BLOCKS = 100;
/** chat.postMessage: `text` over 40,000 characters is refused with `msg_too_long` (REF.message, errors). */
export const MAX_MESSAGE_TEXT = 40_000;
/**
 * Slack also refuses a message whose blocks carry too much text in all (`msg_blocks_too_long`). The limit
 * is not documented; it has been observed at 12,000-13,300 characters depending on the blocks
 * (slackapi/bolt-js#2509). We hold every message to 12,000 characters of text across its blocks.
 */
export const MAX_MESSAGE_BLOCK_TEXT = 12_000;

function messages(problems: BlockKitProblem[]): string[] {
  return problems.map((p) => `[ERROR] ${p.message} [json-pointer:${p.path}]`);
}

/**
 * A message body (chat.postMessage, chat.postEphemeral, chat.update or a response_url post).
 * Returns null when Slack would take it.
 */
export function checkMessage(body: { text?: unknown; blocks?: unknown }): BlockKitRejection | null {
  if (typeof body.text === 'string' && body.text.length > MAX_MESSAGE_TEXT) {
    return {
      error: 'msg_too_long',
      messages: [`[ERROR] text is ${body.text.length} characters, over ${MAX_MESSAGE_TEXT}`],
    };
  }
  const c = new Checker();
  c.blocks(body.blocks, '/blocks', MAX_MESSAGE_BLOCKS, 'message', REF.message);
  if (c.problems.length > 0) return { error: 'invalid_blocks', messages: messages(c.problems) };
  if (c.textChars > MAX_MESSAGE_BLOCK_TEXT) {
    return {
      error: 'msg_blocks_too_long',
      messages: [`[ERROR] blocks carry ${c.textChars} characters of text, over ${MAX_MESSAGE_BLOCK_TEXT}`],
    };
  }
  return null;
}

/** A view (views.open, views.push, views.update, views.publish). Returns null when Slack would take it. */
export function checkView(view: unknown): BlockKitRejection | null {
  const c = new Checker();
  if (!isRecord(view))
    return { error: 'invalid_arguments', messages: ['[ERROR] view must be an object [json-pointer:/view]'] };
  if (view.type !== 'modal' && view.type !== 'home') {
    c.fail('/view/type', `must be modal or home (${REF.modal})`);
  }
  const ref = view.type === 'home' ? REF.home : REF.modal;
  const blocks = c.blocks(
    view.blocks,
    '/view/blocks',
    MAX_VIEW_BLOCKS,
    view.type === 'home' ? 'home' : 'modal',
    ref,
  );
  if (view.blocks === undefined) c.fail('/view/blocks', `missing required field (${ref})`);
  // private_metadata: "Max length of 3000 characters"; callback_id: 255 (REF.modal, REF.home).
  c.str(view.private_metadata, '/view/private_metadata', 3000, ref);
  c.str(view.callback_id, '/view/callback_id', 255, ref);
  c.str(view.external_id, '/view/external_id', 255, ref);
  if (view.type === 'modal') {
    // title, submit and close: plain_text, "max length of 24 characters"; submit required with input blocks.
    c.text(view.title, '/view/title', 24, REF.modal, { plainOnly: true, required: true });
    c.text(view.submit, '/view/submit', 24, REF.modal, { plainOnly: true });
    c.text(view.close, '/view/close', 24, REF.modal, { plainOnly: true });
    const hasInput = blocks.some((b) => isRecord(b) && b.type === 'input');
    if (hasInput && view.submit === undefined)
      c.fail('/view/submit', `submit is required when the view has input blocks (${REF.modal})`);
  }
  return c.problems.length > 0 ? { error: 'invalid_arguments', messages: messages(c.problems) } : null;
}
