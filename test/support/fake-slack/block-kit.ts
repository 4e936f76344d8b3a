/**
 * Slack's documented Block Kit and message limits, checked the way Slack checks them, so that a payload
 * real Slack would refuse fails in the fake too. Pure: no I/O, no vitest.
 *
 * Each rule names the reference page it comes from. Problems are reported as Slack reports them in
 * `response_metadata.messages`: `[ERROR] <what> [json-pointer:<path>]`.
 */

type Json = Record<string, unknown>;

export interface BlockKitProblem {
  path: string;
  message: string;
}

export interface BlockKitRejection {
  /** The `error` Slack answers with. */
  error: 'invalid_blocks' | 'invalid_arguments' | 'msg_too_long' | 'msg_blocks_too_long';
  messages: string[];
}

const REF = {
  message: 'https://docs.slack.dev/reference/methods/chat.postMessage',
  textObject: 'https://docs.slack.dev/reference/block-kit/composition-objects/text-object',
  option: 'https://docs.slack.dev/reference/block-kit/composition-objects/option-object',
  confirm: 'https://docs.slack.dev/reference/block-kit/composition-objects/confirmation-dialog-object',
  blocks: 'https://docs.slack.dev/reference/block-kit/blocks',
  section: 'https://docs.slack.dev/reference/block-kit/blocks/section-block',
  header: 'https://docs.slack.dev/reference/block-kit/blocks/header-block',
  context: 'https://docs.slack.dev/reference/block-kit/blocks/context-block',
  actions: 'https://docs.slack.dev/reference/block-kit/blocks/actions-block',
  input: 'https://docs.slack.dev/reference/block-kit/blocks/input-block',
  image: 'https://docs.slack.dev/reference/block-kit/blocks/image-block',
  button: 'https://docs.slack.dev/reference/block-kit/block-elements/button-element',
  overflow: 'https://docs.slack.dev/reference/block-kit/block-elements/overflow-menu-element',
  select: 'https://docs.slack.dev/reference/block-kit/block-elements/select-menu-element',
  checkboxes: 'https://docs.slack.dev/reference/block-kit/block-elements/checkboxes-element',
  radio: 'https://docs.slack.dev/reference/block-kit/block-elements/radio-button-group-element',
  textInput: 'https://docs.slack.dev/reference/block-kit/block-elements/plain-text-input-element',
  datepicker: 'https://docs.slack.dev/reference/block-kit/block-elements/date-picker-element',
  timepicker: 'https://docs.slack.dev/reference/block-kit/block-elements/time-picker-element',
  modal: 'https://docs.slack.dev/reference/views/modal-views',
  home: 'https://docs.slack.dev/reference/views/home-tab-views',
} as const;

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

function characters(text: string): number {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}

function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

class Checker {
  readonly problems: BlockKitProblem[] = [];
  /** Characters of text in text objects seen so far (for msg_blocks_too_long). */
  textChars = 0;

  fail(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  str(v: unknown, path: string, max: number, ref: string, opts: { required?: boolean; min?: number } = {}) {
    if (v === undefined || v === null) {
      if (opts.required) this.fail(path, `missing required field (${ref})`);
      return;
    }
    if (typeof v !== 'string') {
      this.fail(path, `must be a string (${ref})`);
      return;
    }
    // Slack states its limits in characters; an emoji counts as one (code points, not UTF-16 units).
    const length = characters(v);
    if (length < (opts.min ?? 0)) this.fail(path, `must be at least ${opts.min} characters (${ref})`);
    if (length > max) this.fail(path, `must be at most ${max} characters, is ${length} (${ref})`);
  }

  /** A text object; `plainOnly` where Slack takes only plain_text. */
  text(
    v: unknown,
    path: string,
    max: number,
    ref: string,
    opts: { plainOnly?: boolean; required?: boolean } = {},
  ) {
    if (v === undefined) {
      if (opts.required) this.fail(path, `missing required text object (${ref})`);
      return;
    }
    if (!isRecord(v)) {
      this.fail(path, `must be a text object (${REF.textObject})`);
      return;
    }
    if (v.type !== 'plain_text' && v.type !== 'mrkdwn') {
      this.fail(`${path}/type`, `must be plain_text or mrkdwn (${REF.textObject})`);
    } else if (opts.plainOnly && v.type !== 'plain_text') {
      this.fail(`${path}/type`, `must be plain_text here (${ref})`);
    }
    if (v.type === 'mrkdwn' && v.emoji !== undefined)
      this.fail(`${path}/emoji`, `only plain_text takes emoji (${REF.textObject})`);
    // Text objects: "Minimum length for this field is 1 character. Maximum length is 3000" (REF.textObject).
    this.str(v.text, `${path}/text`, Math.min(max, 3000), ref, { required: true, min: 1 });
    if (typeof v.text === 'string') this.textChars += characters(v.text);
  }

  id(v: unknown, path: string, ref: string) {
    // block_id and action_id: "Maximum length for this field is 255 characters" (REF.section, REF.button).
    this.str(v, path, 255, ref, { min: 1 });
  }

  confirm(v: unknown, path: string) {
    if (v === undefined) return;
    if (!isRecord(v)) return this.fail(path, `must be a confirm object (${REF.confirm})`);
    this.text(v.title, `${path}/title`, 100, REF.confirm, { plainOnly: true, required: true });
    this.text(v.text, `${path}/text`, 300, REF.confirm, { required: true });
    this.text(v.confirm, `${path}/confirm`, 30, REF.confirm, { plainOnly: true, required: true });
    this.text(v.deny, `${path}/deny`, 30, REF.confirm, { plainOnly: true, required: true });
  }

  option(v: unknown, path: string, plainOnly: boolean) {
    if (!isRecord(v)) return this.fail(path, `must be an option object (${REF.option})`);
    this.text(v.text, `${path}/text`, 75, REF.option, { plainOnly, required: true });
    this.str(v.value, `${path}/value`, 150, REF.option, { required: true, min: 1 });
    this.text(v.description, `${path}/description`, 75, REF.option);
    this.str(v.url, `${path}/url`, 3000, REF.option);
  }

  /** Options, at most `max`, and initial ones that are identical to listed ones. */
  options(el: Json, path: string, max: number, ref: string, plainOnly: boolean, min = 1) {
    const options = el.options;
    if (!Array.isArray(options)) {
      if (el.option_groups === undefined) this.fail(`${path}/options`, `missing options (${ref})`);
      return [] as unknown[];
    }
    if (options.length < min || options.length > max) {
      this.fail(`${path}/options`, `must have ${min} to ${max} options, has ${options.length} (${ref})`);
    }
    for (const [i, o] of options.entries()) this.option(o, `${path}/options/${i}`, plainOnly);
    const values = options.map((o) => (isRecord(o) ? o.value : undefined));
    if (new Set(values).size !== values.length)
      this.fail(`${path}/options`, `option values must be unique (${REF.option})`);
    const listed = new Set(options.map((o) => JSON.stringify(o)));
    const initial = el.initial_options ?? (el.initial_option === undefined ? [] : [el.initial_option]);
    const initialKey = el.initial_options !== undefined ? 'initial_options' : 'initial_option';
    if (!Array.isArray(initial)) this.fail(`${path}/${initialKey}`, `must be an array (${ref})`);
    else
      initial.forEach((o, i) => {
        // "initial_options … must exactly match one or more of the options" (REF.checkboxes, REF.select).
        if (!listed.has(JSON.stringify(o))) {
          this.fail(
            `${path}/${initialKey}${el.initial_options !== undefined ? `/${i}` : ''}`,
            `must be identical to one of the options (${ref})`,
          );
        }
      });
    return options;
  }

  element(el: unknown, path: string, where: 'section' | 'actions' | 'input' | 'context') {
    if (!isRecord(el)) return this.fail(path, `must be an element object (${REF.blocks})`);
    if (where === 'context') {
      if (el.type === 'image') return this.imageElement(el, path);
      return this.text(el, path, 3000, REF.context);
    }
    if (el.action_id !== undefined) this.id(el.action_id, `${path}/action_id`, REF.button);
    this.confirm(el.confirm, `${path}/confirm`);
    const placeholder = () =>
      this.text(el.placeholder, `${path}/placeholder`, 150, REF.select, { plainOnly: true });
    switch (el.type) {
      case 'button':
        this.text(el.text, `${path}/text`, 75, REF.button, { plainOnly: true, required: true });
        this.str(el.value, `${path}/value`, 2000, REF.button);
        this.str(el.url, `${path}/url`, 3000, REF.button);
        this.str(el.accessibility_label, `${path}/accessibility_label`, 75, REF.button);
        if (el.style !== undefined && el.style !== 'primary' && el.style !== 'danger') {
          this.fail(`${path}/style`, `must be primary or danger (${REF.button})`);
        }
        return;
      case 'overflow':
        // "An array of up to five option objects" (REF.overflow).
        this.options(el, path, 5, REF.overflow, true);
        return;
      case 'static_select':
      case 'multi_static_select': {
        placeholder();
        if (Array.isArray(el.option_groups)) {
          if (el.option_groups.length > 100)
            this.fail(`${path}/option_groups`, `at most 100 option groups (${REF.select})`);
        } else {
          // "Maximum number of options is 100" (REF.select).
          this.options(el, path, 100, REF.select, true);
        }
        return;
      }
      case 'users_select':
      case 'multi_users_select':
      case 'conversations_select':
      case 'multi_conversations_select':
      case 'channels_select':
      case 'multi_channels_select':
        placeholder();
        if (el.max_selected_items !== undefined && !(Number(el.max_selected_items) >= 1)) {
          this.fail(`${path}/max_selected_items`, `must be at least 1 (${REF.select})`);
        }
        return;
      case 'checkboxes':
        // "Maximum number of options is 10" (REF.checkboxes).
        this.options(el, path, 10, REF.checkboxes, false);
        return;
      case 'radio_buttons':
        this.options(el, path, 10, REF.radio, false);
        return;
      case 'datepicker':
        placeholder();
        if (el.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(el.initial_date))) {
          this.fail(`${path}/initial_date`, `must be YYYY-MM-DD (${REF.datepicker})`);
        }
        return;
      case 'timepicker':
        placeholder();
        if (el.initial_time !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(String(el.initial_time))) {
          this.fail(`${path}/initial_time`, `must be HH:mm (${REF.timepicker})`);
        }
        return;
      case 'plain_text_input': {
        if (where !== 'input')
          this.fail(`${path}/type`, `plain_text_input works in input blocks only (${REF.textInput})`);
        placeholder();
        const max = el.max_length === undefined ? 3000 : Number(el.max_length);
        const min = el.min_length === undefined ? 0 : Number(el.min_length);
        // "max_length … Maximum value is 3000"; min_length 0..3000 (REF.textInput).
        if (!Number.isInteger(max) || max < 1 || max > 3000)
          this.fail(`${path}/max_length`, `must be 1 to 3000 (${REF.textInput})`);
        if (!Number.isInteger(min) || min < 0 || min > 3000 || min > max) {
          this.fail(`${path}/min_length`, `must be 0 to 3000 and at most max_length (${REF.textInput})`);
        }
        if (el.initial_value !== undefined) {
          if (typeof el.initial_value !== 'string')
            this.fail(`${path}/initial_value`, `must be a string (${REF.textInput})`);
          else if (characters(el.initial_value) > max) {
            this.fail(
              `${path}/initial_value`,
              `is ${characters(el.initial_value)} characters, over its own max_length ${max} (${REF.textInput})`,
            );
          }
        }
        return;
      }
      case 'image':
        return this.imageElement(el, path);
      default:
        this.fail(
          `${path}/type`,
          `unknown or unsupported element type ${JSON.stringify(el.type)} (${REF.blocks})`,
        );
    }
  }

  imageElement(el: Json, path: string) {
    this.str(el.image_url, `${path}/image_url`, 3000, REF.image, { required: el.slack_file === undefined });
    this.str(el.alt_text, `${path}/alt_text`, 2000, REF.image, { required: true });
  }

  /** Action ids must be unique within their block (REF.button: "unique among all other action_ids in the containing block"). */
  uniqueActionIds(elements: unknown[], path: string) {
    const seen = new Set<string>();
    elements.forEach((el, i) => {
      if (!isRecord(el) || typeof el.action_id !== 'string') return;
      if (seen.has(el.action_id))
        this.fail(
          `${path}/${i}/action_id`,
          `duplicate action_id ${el.action_id} in one block (${REF.button})`,
        );
      seen.add(el.action_id);
    });
  }

  block(b: unknown, path: string, surface: 'message' | 'modal' | 'home') {
    if (!isRecord(b) || typeof b.type !== 'string')
      return this.fail(path, `must be a block object with a type (${REF.blocks})`);
    if (b.block_id !== undefined) this.id(b.block_id, `${path}/block_id`, REF.section);
    switch (b.type) {
      case 'section': {
        if (b.text === undefined && b.fields === undefined)
          this.fail(path, `a section needs text or fields (${REF.section})`);
        this.text(b.text, `${path}/text`, 3000, REF.section);
        if (b.fields !== undefined) {
          if (!Array.isArray(b.fields) || b.fields.length === 0 || b.fields.length > 10) {
            this.fail(`${path}/fields`, `must be 1 to 10 text objects (${REF.section})`);
          } else
            for (const [i, f] of b.fields.entries())
              this.text(f, `${path}/fields/${i}`, 2000, REF.section, { required: true });
        }
        if (b.accessory !== undefined) {
          const acc = b.accessory as Json;
          if (isRecord(acc) && acc.type === 'plain_text_input')
            this.fail(`${path}/accessory`, `plain_text_input cannot be an accessory (${REF.section})`);
          else this.element(b.accessory, `${path}/accessory`, 'section');
        }
        return;
      }
      case 'divider':
        return;
      case 'header':
        // "Maximum length for the text in this field is 150 characters" and plain_text only (REF.header).
        this.text(b.text, `${path}/text`, 150, REF.header, { plainOnly: true, required: true });
        return;
      case 'context': {
        if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > 10) {
          // "Maximum number of items is 10" (REF.context).
          return this.fail(`${path}/elements`, `must have 1 to 10 elements (${REF.context})`);
        }
        for (const [i, el] of b.elements.entries()) this.element(el, `${path}/elements/${i}`, 'context');
        return;
      }
      case 'actions': {
        if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > 25) {
          // "There is a maximum of 25 elements in each action block" (REF.actions).
          return this.fail(`${path}/elements`, `must have 1 to 25 elements (${REF.actions})`);
        }
        for (const [i, el] of b.elements.entries()) this.element(el, `${path}/elements/${i}`, 'actions');
        this.uniqueActionIds(b.elements, `${path}/elements`);
        return;
      }
      case 'input': {
        // label and hint: plain_text, "Maximum length … 2000 characters" (REF.input).
        this.text(b.label, `${path}/label`, 2000, REF.input, { plainOnly: true, required: true });
        this.text(b.hint, `${path}/hint`, 2000, REF.input, { plainOnly: true });
        if (b.element === undefined) this.fail(`${path}/element`, `missing required element (${REF.input})`);
        else this.element(b.element, `${path}/element`, 'input');
        return;
      }
      case 'image': {
        this.imageElement(b, path);
        this.text(b.title, `${path}/title`, 2000, REF.image, { plainOnly: true });
        return;
      }
      default:
        this.fail(
          `${path}/type`,
          `unknown or unsupported block type ${JSON.stringify(b.type)} on a ${surface} (${REF.blocks})`,
        );
    }
  }

  blocks(blocks: unknown, path: string, max: number, surface: 'message' | 'modal' | 'home', ref: string) {
    if (blocks === undefined) return [] as unknown[];
    if (!Array.isArray(blocks)) {
      this.fail(path, `must be an array of blocks (${ref})`);
      return [] as unknown[];
    }
    if (blocks.length > max) this.fail(path, `at most ${max} blocks, has ${blocks.length} (${ref})`);
    const ids = new Set<string>();
    blocks.forEach((b, i) => {
      this.block(b, `${path}/${i}`, surface);
      // "block_id should be unique for each message and each iteration of a message" (REF.section).
      if (isRecord(b) && typeof b.block_id === 'string') {
        if (ids.has(b.block_id))
          this.fail(`${path}/${i}/block_id`, `duplicate block_id ${b.block_id} (${REF.section})`);
        ids.add(b.block_id);
      }
    });
    return blocks;
  }
}

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
