import { MAX_TEXT_ANSWER_LENGTH } from '../answers.js';
import { stripControlCharacters } from '../control-characters.js';
import type { ItemBase, ItemType } from './item-type.js';

/** An open question, answered in the participant's own words. */
export interface TextItem extends ItemBase {
  type: 'text';
}

export const textType: ItemType<TextItem> = {
  name: 'text',

  check: () => undefined,

  fingerprint: () => [],

  parse(_instrument, _item, typed) {
    // Tab and newline are kept; NUL, escapes and the like are dropped, not refused: the person
    // typed (or pasted) an answer, and what it says is kept. Nothing but them is no answer.
    const text = stripControlCharacters(typed).trim();
    if (text === '') return { ok: true, value: undefined };
    if (text.length > MAX_TEXT_ANSWER_LENGTH) {
      return {
        ok: false,
        reason: 'too_long',
        message: `is longer than ${MAX_TEXT_ANSWER_LENGTH} characters`,
        params: { max: String(MAX_TEXT_ANSWER_LENGTH) },
      };
    }
    return { ok: true, value: text };
  },

  scored: false,

  answerText: (_instrument, _item, value) => String(value),

  fieldId: (_instrument, item) => item.id,

  paperEntry: { control: 'written' },

  codebook: () => ({ meaning: 'Open answer, free text.' }),
};
