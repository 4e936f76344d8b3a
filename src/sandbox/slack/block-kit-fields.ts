/**
 * The building blocks of the Block Kit checks (block-kit.ts): the reference pages each rule cites, and the
 * checks of text objects, strings, ids, confirm dialogs and options. Pure: no I/O, no vitest.
 */

export type Json = Record<string, unknown>;

export interface BlockKitProblem {
  path: string;
  message: string;
}

export const REF = {
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

export function characters(text: string): number {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}

export function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Collects problems, each with its JSON pointer; block-kit-blocks.ts adds the elements and blocks. */
export class FieldChecker {
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
}
