import type { AnswerValue, ParsedAnswer } from '../answers.js';
import type { Instrument } from '../instrument.js';
import type { ItemType, PaperEntryKey, ValueLabels } from './item-type.js';
import { scaleType } from './scale.js';
import { scoredPoint, type ScoredItem } from './scored-item.js';
import { textType } from './text.js';

/**
 * Every type of question an instrument file may use. A new type is its module in this folder,
 * its two views (see ItemType), and its entry here: nothing else in the app names a type.
 */
const ITEM_TYPES = [scaleType, textType] as const;

type ItemOf<T> = T extends ItemType<infer I> ? I : never;

/** An item of any registered type. */
export type Item = ItemOf<(typeof ITEM_TYPES)[number]>;

const BY_NAME = new Map<string, ItemType<Item>>(ITEM_TYPES.map((type) => [type.name, type]));

/** The registered type names, in the order an error message lists them. */
export const ITEM_TYPE_NAMES: readonly string[] = ITEM_TYPES.map((type) => type.name);

/** The type an instrument file names, if it is one. */
export function itemTypeNamed(name: unknown): ItemType<Item> | undefined {
  return typeof name === 'string' ? BY_NAME.get(name) : undefined;
}

/** The type of an item of a valid instrument. */
export function itemTypeOf(item: Item): ItemType<Item> {
  const type = BY_NAME.get(item.type);
  // validateInstrument lets no other type through.
  if (!type) throw new Error(`item ${item.id} has no registered type "${item.type}"`);
  return type;
}

/** Whether the item's answers count toward its dimension's score (see ItemType.scored). */
export function isScored(item: Item): item is Item & ScoredItem {
  return itemTypeOf(item).scored;
}

/** The dimension the item's answers count toward, or undefined for an item no score uses. */
export function dimensionOf(item: Item): string | undefined {
  return isScored(item) ? item.dimension : undefined;
}

/**
 * Reads one answer as typed into a form or a CSV cell. Empty means "no answer", which is never an
 * error: people may skip questions.
 */
export function parseAnswer(instrument: Instrument, item: Item, raw: string): ParsedAnswer {
  const text = raw.trim();
  if (text === '') return { ok: true, value: undefined };
  return itemTypeOf(item).parse(instrument, item, text, raw);
}

/** The answer after reverse coding (`min + max - x`), or null when it does not count as answered. */
export function scoredValue(instrument: Instrument, item: Item, value: AnswerValue | undefined): number | null {
  return isScored(item) ? scoredPoint(instrument, item, value) : null;
}

/** What the printed box values mean, from the first item keyed in by them; undefined when none is. */
export function paperEntryKey(instrument: Instrument, items: readonly Item[], lang: string): PaperEntryKey | undefined {
  for (const item of items) {
    const key = itemTypeOf(item).paperEntry.key?.(instrument, item, lang);
    if (key) return key;
  }
  return undefined;
}

/** What the item's coded answers mean in `lang`; undefined for a free-text item (see ItemType.valueLabels). */
export function valueLabels(instrument: Instrument, item: Item, lang: string): ValueLabels | undefined {
  return itemTypeOf(item).valueLabels?.(instrument, item, lang);
}

/** Whether the item is answered in the participant's own words, for open-answers.csv. */
export function isFreeText(item: Item): boolean {
  return itemTypeOf(item).valueLabels === undefined;
}
