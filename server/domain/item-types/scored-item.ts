import type { AnswerValue } from '../answers.js';
import type { Instrument, Scale } from '../instrument.js';
import type { ItemBase } from './item-type.js';

/**
 * An item whose answers count toward a dimension's score: a point on one of the instrument's
 * scales, reverse-coded or not (docs/methods.md). The analysis works on these.
 */
export interface ScoredItem extends ItemBase {
  scale: string;
  dimension: string;
  reverse: boolean;
}

export function scaleOf(instrument: Instrument, item: ScoredItem): Scale {
  const scale = instrument.scales[item.scale];
  // validateInstrument guarantees every item's scale exists.
  if (!scale) throw new Error(`instrument ${instrument.id} has no scale ${item.scale}`);
  return scale;
}

/** The answer after reverse coding (`min + max - x`), or null when it does not count as answered. */
export function scoredPoint(instrument: Instrument, item: ScoredItem, value: AnswerValue | undefined): number | null {
  if (typeof value !== 'number') return null;
  const scale = scaleOf(instrument, item);
  return item.reverse ? scale.min + scale.max - value : value;
}
