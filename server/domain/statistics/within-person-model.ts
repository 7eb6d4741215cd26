import { studentTCdf, studentTQuantile } from './distributions.js';

/** One score of one person in one wave (0-based wave numbers). */
export interface Observation {
  person: number;
  wave: number;
  score: number;
}

/**
 * The change in one wave against the earlier waves, estimated within persons: the two-way
 * model score = person + wave + error, fitted by least squares on every score up to the
 * current wave (R: `lm(score ~ factor(person) + factor(wave))`). The person terms take out
 * each person's own level, so only change within people is compared; the contrast is the
 * current wave's term minus the average of the earlier waves' terms, so a person's score now
 * is set against their own earlier average. The error variance is pooled over every wave,
 * which gives the test far more degrees of freedom than the pairs of one wave alone.
 */
export interface WithinPersonChange {
  /** People with a score in the current wave and in at least one earlier wave. */
  linked: number;
  /** The contrast: negative is a fall, in score points. */
  meanChange: number;
  standardError: number | null;
  /** 95% two-sided t interval of the contrast. */
  ciLow: number | null;
  ciHigh: number | null;
  t: number | null;
  /** Residual degrees of freedom of the model. */
  df: number;
  /**
   * One-sided p against a fall, P(T ≤ t), and against a rise, P(T ≥ t). With no residual
   * variation at all the change is as consistent as it gets: a common fall gives pFall 0 and
   * pRise 1 (and the mirror); no change gives 1 and 1.
   */
  pFall: number | null;
  pRise: number | null;
}

/** Residual spreads this small next to the scores are floating-point residue, not variation. */
const ROUNDING_NOISE = 1e-10;

/** Solves A x = b for a small symmetric positive definite A (Gaussian elimination with pivoting); null when singular. */
function solve(matrix: number[][], vector: number[]): number[] | null {
  const n = vector.length;
  const a = matrix.map((row, i) => [...row, vector[i]!]);
  for (let column = 0; column < n; column += 1) {
    let pivot = column;
    for (let row = column + 1; row < n; row += 1) if (Math.abs(a[row]![column]!) > Math.abs(a[pivot]![column]!)) pivot = row;
    if (Math.abs(a[pivot]![column]!) < 1e-12) return null;
    [a[column], a[pivot]] = [a[pivot]!, a[column]!];
    for (let row = 0; row < n; row += 1) {
      if (row === column) continue;
      const factor = a[row]![column]! / a[column]![column]!;
      if (factor === 0) continue;
      for (let k = column; k <= n; k += 1) a[row]![k]! -= factor * a[column]![k]!;
    }
  }
  return a.map((row, i) => row[n]! / row[i]!);
}

interface Person {
  waves: number[];
  scores: number[];
}

/** Scores as columns, one entry per observation: what the analysis builds without an object per score. */
export interface ObservationColumns {
  length: number;
  person: ArrayLike<number>;
  wave: ArrayLike<number>;
  score: ArrayLike<number>;
}

/** People in a canonical order: by number of scores, then waves, then scores. */
function comparePeople(a: Person, b: Person): number {
  if (a.waves.length !== b.waves.length) return a.waves.length - b.waves.length;
  for (let i = 0; i < a.waves.length; i += 1) {
    if (a.waves[i] !== b.waves[i]) return a.waves[i]! - b.waves[i]!;
  }
  for (let i = 0; i < a.scores.length; i += 1) {
    if (a.scores[i] !== b.scores[i]) return a.scores[i]! - b.scores[i]!;
  }
  return 0;
}

/** Each person's scores up to the current wave, in wave order; people with one score drop out. */
function peopleOf(columns: ObservationColumns, current: number): Person[] {
  let largestPerson = -1;
  for (let i = 0; i < columns.length; i += 1) largestPerson = Math.max(largestPerson, columns.person[i]!);
  const counts = new Int32Array(largestPerson + 2);
  for (let i = 0; i < columns.length; i += 1) {
    if (columns.wave[i]! > current) continue;
    const score = columns.score[i]!;
    if (!Number.isFinite(score)) throw new RangeError(`statistics need finite numbers, got ${score}`);
    counts[columns.person[i]! + 1]! += 1;
  }
  for (let person = 1; person < counts.length; person += 1) counts[person]! += counts[person - 1]!;
  const order = new Int32Array(counts[counts.length - 1]!);
  const fill = counts.slice(0, counts.length - 1);
  for (let i = 0; i < columns.length; i += 1) {
    if (columns.wave[i]! > current) continue;
    order[fill[columns.person[i]!]!++] = i;
  }
  const people: Person[] = [];
  for (let person = 0; person <= largestPerson; person += 1) {
    const start = counts[person]!;
    const end = counts[person + 1]!;
    if (end - start < 2) continue;
    const entries: number[] = [];
    for (let k = start; k < end; k += 1) entries.push(order[k]!);
    entries.sort((a, b) => columns.wave[a]! - columns.wave[b]!);
    people.push({ waves: entries.map((i) => columns.wave[i]!), scores: entries.map((i) => columns.score[i]!) });
  }
  // A canonical order makes every sum, and so every printed figure, independent of row order.
  return people.sort(comparePeople);
}

/**
 * Fits the model on the observations of waves 0..current and tests the current wave against
 * the earlier ones. People with a single score carry no within-person information and drop
 * out, as in the least-squares fit. Null when the current wave has no linked person or no
 * earlier wave is linked.
 */
export function withinPersonChange(observations: readonly Observation[], current: number): WithinPersonChange | null {
  return withinPersonChangeOf({
    length: observations.length,
    person: observations.map((o) => o.person),
    wave: observations.map((o) => o.wave),
    score: observations.map((o) => o.score),
  }, current);
}

/** withinPersonChange on columns. */
export function withinPersonChangeOf(columns: ObservationColumns, current: number): WithinPersonChange | null {
  const linkedPeople = peopleOf(columns, current);
  const linked = linkedPeople.filter((p) => p.waves.includes(current)).length;
  if (linked === 0) return null;
  // Waves somebody linked answered; the first is the reference (its term is 0).
  const present = [...new Set(linkedPeople.flatMap((p) => p.waves))].sort((a, b) => a - b);
  const earlier = present.filter((wave) => wave < current);
  if (earlier.length === 0) return null;
  const free = present.slice(1);
  // Row of each wave's term in the normal equations, -1 for the reference wave and absent waves.
  const position = new Int32Array(current + 1).fill(-1);
  free.forEach((wave, i) => {
    position[wave] = i;
  });
  const size = free.length;
  const normal = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  const right = new Array<number>(size).fill(0);
  let observationsUsed = 0;
  // People who answered the same waves add the same block to the normal matrix, so it is
  // added once per pattern of waves, times their number, instead of once per person.
  const patterns = new Map<number | string, { waves: number[]; count: number }>();
  for (const { waves, scores } of linkedPeople) {
    const n = waves.length;
    observationsUsed += n;
    let total = 0;
    for (const score of scores) total += score;
    const centre = total / n;
    let mask = 0;
    for (let i = 0; i < n; i += 1) {
      const row = position[waves[i]!]!;
      if (row >= 0) right[row]! += scores[i]! - centre;
      mask += 2 ** waves[i]!;
    }
    const key = current < 52 ? mask : waves.join(',');
    const pattern = patterns.get(key);
    if (pattern) pattern.count += 1;
    else patterns.set(key, { waves, count: 1 });
  }
  for (const { waves, count } of patterns.values()) {
    const share = count / waves.length;
    for (const wave of waves) {
      const row = position[wave]!;
      if (row < 0) continue;
      const line = normal[row]!;
      line[row]! += count;
      for (const other of waves) {
        const column = position[other]!;
        if (column >= 0) line[column]! -= share;
      }
    }
  }
  const effects = solve(normal, right);
  if (effects === null) return null;
  const terms = new Float64Array(current + 1);
  free.forEach((wave, i) => {
    terms[wave] = effects[i]!;
  });

  const contrast = new Array<number>(size).fill(0);
  if (position[current]! >= 0) contrast[position[current]!] = 1;
  for (const wave of earlier) if (position[wave]! >= 0) contrast[position[wave]!]! -= 1 / earlier.length;
  let earlierTotal = 0;
  for (const wave of earlier) earlierTotal += terms[wave]!;
  const meanChange = terms[current]! - earlierTotal / earlier.length;

  let residualSquares = 0;
  let largest = 0;
  for (const { waves, scores } of linkedPeople) {
    let level = 0;
    for (let i = 0; i < waves.length; i += 1) level += scores[i]! - terms[waves[i]!]!;
    level /= waves.length;
    for (let i = 0; i < waves.length; i += 1) {
      residualSquares += (scores[i]! - level - terms[waves[i]!]!) ** 2;
      largest = Math.max(largest, Math.abs(scores[i]!));
    }
  }
  const df = observationsUsed - linkedPeople.length - size;
  if (df < 1) return { linked, meanChange, standardError: null, ciLow: null, ciHigh: null, t: null, df: Math.max(df, 0), pFall: null, pRise: null };
  const variance = residualSquares / df;
  if (Math.sqrt(variance) <= ROUNDING_NOISE * Math.max(largest, 1)) {
    const direction = Math.abs(meanChange) <= ROUNDING_NOISE ? 0 : Math.sign(meanChange);
    return { linked, meanChange, standardError: 0, ciLow: meanChange, ciHigh: meanChange, t: null, df, pFall: direction < 0 ? 0 : 1, pRise: direction > 0 ? 0 : 1 };
  }
  const weights = solve(normal, contrast);
  if (weights === null) return null;
  const spread = contrast.reduce((sum, value, i) => sum + value * weights[i]!, 0);
  const standardError = Math.sqrt(variance * spread);
  const t = meanChange / standardError;
  const halfWidth = studentTQuantile(0.975, df) * standardError;
  return {
    linked,
    meanChange,
    standardError,
    ciLow: meanChange - halfWidth,
    ciHigh: meanChange + halfWidth,
    t,
    df,
    pFall: studentTCdf(t, df),
    pRise: studentTCdf(-t, df),
  };
}
