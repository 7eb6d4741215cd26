import type { Answers } from './answers.js';
import { allItems, itemAppliesToGroup, type Instrument, type Item } from './instrument.js';
import { isScored } from './item-types/registry.js';
import { scaleOf, scoredPoint, type ScoredItem } from './item-types/scored-item.js';

interface DimensionScore {
  dimension: string;
  /** Mean of the answered, reverse-coded items; null when fewer than half were answered. */
  score: number | null;
  itemsAnswered: number;
  itemsAsked: number;
}

/** The scored items of one dimension that a stakeholder group is asked. */
export function dimensionItems(instrument: Instrument, dimension: string, group: string): ScoredItem[] {
  return allItems(instrument).filter(
    (item): item is Item & ScoredItem =>
      isScored(item) && item.dimension === dimension && itemAppliesToGroup(item, group),
  );
}

/** Each dimension's scale range, from its first scored item: what its charts and statuses are drawn on. */
export function dimensionScales(instrument: Instrument): Map<string, { min: number; max: number }> {
  const scales = new Map<string, { min: number; max: number }>();
  for (const item of allItems(instrument).filter(isScored)) {
    if (scales.has(item.dimension)) continue;
    const { min, max } = scaleOf(instrument, item);
    scales.set(item.dimension, { min, max });
  }
  return scales;
}

/** docs/methods.md: a dimension score needs at least half of the items the group is asked. */
export function hasEnoughAnswers(answered: number, asked: number): boolean {
  return asked > 0 && answered * 2 >= asked;
}

/**
 * Dimension scores per docs/methods.md: the mean of the answered items after reverse coding,
 * provided at least half of the items the group is asked were answered. "Not applicable"
 * counts as not answered.
 */
export function scoreDimensions(instrument: Instrument, answers: Answers, group: string): DimensionScore[] {
  return instrument.dimensions.map(({ id }) => {
    const items = dimensionItems(instrument, id, group);
    let sum = 0;
    let answered = 0;
    for (const item of items) {
      const value = scoredPoint(instrument, item, answers[item.id]);
      if (value === null) continue;
      sum += value;
      answered += 1;
    }
    const enough = hasEnoughAnswers(answered, items.length);
    return { dimension: id, score: enough ? sum / answered : null, itemsAnswered: answered, itemsAsked: items.length };
  });
}
