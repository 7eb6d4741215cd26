import { hasEnoughAnswers } from '../scoring.js';
import { dimensionItems } from '../scoring.js';
import { scaleOf } from '../item-types/scored-item.js';
import { SeededRandom } from '../seeded-random.js';
import type { SimulationDesign } from './simulation-model.js';

/**
 * The size of a true change, as the targets state it: in within-person SDs of the observed
 * dimension score across waves. The model moves a latent level; rounding onto a 1-5 scale and
 * missing items make the observed move smaller, so the latent shift is found by bisection on a
 * large population with common random numbers.
 */
export interface ChangeSize {
  /** Within-person SD of the observed score across waves, in points. */
  withinPersonSd: number;
  /** Share of the observed score's variance that lies between people. */
  icc: number;
  /** Latent points to move for the requested size (negative: a fall). */
  latentShift: number;
  /** The observed change that shift gives, in points. */
  observedShift: number;
}

const PEOPLE = 4000;
const WAVES = 4;

interface Draws {
  /** PEOPLE × WAVES latent levels before any change. */
  levels: Float64Array;
  /** PEOPLE × WAVES × items: item noise and whether the item is answered. */
  noise: Float64Array;
  answered: Uint8Array;
}

export function changeSize(
  design: SimulationDesign,
  groupId: string,
  dimension: string,
  sizeInSd: number,
  seed: number,
): ChangeSize {
  const group = design.groups.find(({ id }) => id === groupId);
  if (!group) throw new RangeError(`no group ${groupId} in the design`);
  const { model, instrument } = design;
  const items = dimensionItems(instrument, dimension, groupId);
  const k = items.length;
  const random = new SeededRandom(seed);
  const draws: Draws = {
    levels: new Float64Array(PEOPLE * WAVES),
    noise: new Float64Array(PEOPLE * WAVES * k),
    answered: new Uint8Array(PEOPLE * WAVES * k),
  };
  const mean = group.means[dimension] ?? 3.5;
  for (let person = 0; person < PEOPLE; person += 1) {
    const effect = random.normal(0, model.personSd);
    for (let wave = 0; wave < WAVES; wave += 1) {
      const cell = person * WAVES + wave;
      draws.levels[cell] = mean + effect + random.normal(0, model.waveSd);
      const missingShare = model.missingItems[0] + random.next() * (model.missingItems[1] - model.missingItems[0]);
      for (let item = 0; item < k; item += 1) {
        draws.noise[cell * k + item] = random.normal(0, model.itemSd);
        draws.answered[cell * k + item] = random.next() < missingShare ? 0 : 1;
      }
    }
  }
  const scale = scaleOf(instrument, items[0]!);
  /** Observed scores (NaN when too few items) with the latent level moved by `shift`. */
  const scores = (shift: number): Float64Array => {
    const out = new Float64Array(PEOPLE * WAVES);
    for (let cell = 0; cell < PEOPLE * WAVES; cell += 1) {
      let sum = 0;
      let count = 0;
      for (let item = 0; item < k; item += 1) {
        if (draws.answered[cell * k + item] === 0) continue;
        sum += Math.min(
          scale.max,
          Math.max(scale.min, Math.round(draws.levels[cell]! + shift + draws.noise[cell * k + item]!)),
        );
        count += 1;
      }
      out[cell] = hasEnoughAnswers(count, k) ? sum / count : Number.NaN;
    }
    return out;
  };
  const base = scores(0);
  let within = 0;
  let withinDf = 0;
  const personMeans: number[] = [];
  for (let person = 0; person < PEOPLE; person += 1) {
    const values: number[] = [];
    for (let wave = 0; wave < WAVES; wave += 1) {
      const value = base[person * WAVES + wave]!;
      if (!Number.isNaN(value)) values.push(value);
    }
    if (values.length < 2) continue;
    const centre = values.reduce((a, b) => a + b, 0) / values.length;
    for (const value of values) within += (value - centre) ** 2;
    withinDf += values.length - 1;
    personMeans.push(centre);
  }
  const withinVariance = within / withinDf;
  const grand = personMeans.reduce((a, b) => a + b, 0) / personMeans.length;
  const meansVariance = personMeans.reduce((sum, value) => sum + (value - grand) ** 2, 0) / (personMeans.length - 1);
  const betweenVariance = Math.max(0, meansVariance - withinVariance / WAVES);
  const withinPersonSd = Math.sqrt(withinVariance);

  const meanShift = (shift: number): number => {
    const moved = scores(shift);
    let sum = 0;
    let count = 0;
    for (let cell = 0; cell < moved.length; cell += 1) {
      if (Number.isNaN(moved[cell]!) || Number.isNaN(base[cell]!)) continue;
      sum += moved[cell]! - base[cell]!;
      count += 1;
    }
    return sum / count;
  };
  const target = sizeInSd * withinPersonSd;
  let latentShift = 0;
  if (target !== 0) {
    // The observed change grows with the latent one; bisect on [0, 4 points] in its direction.
    const direction = Math.sign(target);
    let low = 0;
    let high = 4;
    for (let step = 0; step < 40; step += 1) {
      const middle = (low + high) / 2;
      if (Math.abs(meanShift(direction * middle)) < Math.abs(target)) low = middle;
      else high = middle;
    }
    latentShift = (direction * (low + high)) / 2;
  }
  return {
    withinPersonSd,
    icc: betweenVariance / (betweenVariance + withinVariance),
    latentShift,
    observedShift: meanShift(latentShift),
  };
}
