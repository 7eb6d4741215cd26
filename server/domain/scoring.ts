import { scoredValue, type Answers } from './answers.js';
import { allItems, itemAppliesToGroup, type Instrument, type ScaleItem } from './instrument.js';

export interface DimensionScore {
  dimension: string;
  /** Mean of the answered, reverse-coded items; null when fewer than half were answered. */
  score: number | null;
  itemsAnswered: number;
  itemsAsked: number;
}

/** The scale items of one dimension that a stakeholder group is asked. */
export function dimensionItems(instrument: Instrument, dimension: string, group: string): ScaleItem[] {
  return allItems(instrument).filter(
    (item): item is ScaleItem => item.type === 'scale' && item.dimension === dimension && itemAppliesToGroup(item, group),
  );
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
      const value = scoredValue(instrument, item, answers[item.id]);
      if (value === null) continue;
      sum += value;
      answered += 1;
    }
    const enough = hasEnoughAnswers(answered, items.length);
    return { dimension: id, score: enough ? sum / answered : null, itemsAnswered: answered, itemsAsked: items.length };
  });
}
