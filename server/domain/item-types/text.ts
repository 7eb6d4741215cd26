import { MAX_TEXT_ANSWER_LENGTH } from '../answers.js';
import type { ItemBase, ItemType } from './item-type.js';

/** An open question, answered in the participant's own words. */
export interface TextItem extends ItemBase {
  type: 'text';
}

export const textType: ItemType<TextItem> = {
  name: 'text',

  check: () => undefined,

  fingerprint: () => [],

  parse(_instrument, _item, text) {
    if (text.length > MAX_TEXT_ANSWER_LENGTH) {
      return { ok: false, reason: 'too_long', message: `is longer than ${MAX_TEXT_ANSWER_LENGTH} characters` };
    }
    return { ok: true, value: text };
  },

  scored: false,

  answerText: (_instrument, _item, value) => String(value),

  fieldId: (_instrument, item) => item.id,

  paperEntry: { control: 'written' },

  codebook: () => ({ meaning: 'Open answer, free text.' }),
};
