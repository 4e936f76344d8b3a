/** The Block Kit checks of elements and blocks (block-kit.ts runs them). Pure: no I/O, no vitest. */
import { characters, FieldChecker, isRecord, type Json, REF } from './block-kit-fields.js';

export class Checker extends FieldChecker {
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
