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

/**
 * Fits the model on the observations of waves 0..current and tests the current wave against
 * the earlier ones. People with a single score carry no within-person information and drop
 * out, as in the least-squares fit. People are put in a canonical order first (by their
 * scores), so the sums, and so every printed figure, are the same whatever order the rows
 * came in. Null when the current wave has no linked person or no earlier wave is linked.
 */
export function withinPersonChange(observations: readonly Observation[], current: number): WithinPersonChange | null {
  const byPerson = new Map<number, Person>();
  for (const { person, wave, score } of observations) {
    if (wave > current) continue;
    if (!Number.isFinite(score)) throw new RangeError(`statistics need finite numbers, got ${score}`);
    let entry = byPerson.get(person);
    if (!entry) {
      entry = { waves: [], scores: [] };
      byPerson.set(person, entry);
    }
    entry.waves.push(wave);
    entry.scores.push(score);
  }
  const people: Person[] = [];
  for (const person of byPerson.values()) {
    if (person.waves.length < 2) continue;
    const order = person.waves.map((_, i) => i).sort((a, b) => person.waves[a]! - person.waves[b]!);
    people.push({ waves: order.map((i) => person.waves[i]!), scores: order.map((i) => person.scores[i]!) });
  }
  const key = (p: Person) => p.waves.map((wave, i) => `${wave}:${p.scores[i]}`).join(',');
  const keyed = people.map((person) => ({ person, key: key(person) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const linkedPeople = keyed.map(({ person }) => person);

  const linked = linkedPeople.filter((p) => p.waves.includes(current)).length;
  if (linked === 0) return null;
  // Waves somebody linked answered; the first is the reference (its term is 0).
  const present = [...new Set(linkedPeople.flatMap((p) => p.waves))].sort((a, b) => a - b);
  const earlier = present.filter((wave) => wave < current);
  if (earlier.length === 0) return null;
  const free = present.slice(1);
  const position = new Map(free.map((wave, i) => [wave, i]));
  const size = free.length;
  const normal = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  const right = new Array<number>(size).fill(0);
  let observationsUsed = 0;
  for (const { waves, scores } of linkedPeople) {
    const n = waves.length;
    observationsUsed += n;
    const centre = scores.reduce((sum, value) => sum + value, 0) / n;
    waves.forEach((wave, i) => {
      const row = position.get(wave);
      if (row === undefined) return;
      right[row]! += scores[i]! - centre;
      for (const other of waves) {
        const column = position.get(other);
        if (column === undefined) continue;
        normal[row]![column]! += (row === column ? 1 : 0) - 1 / n;
      }
    });
  }
  const effects = solve(normal, right);
  if (effects === null) return null;
  const term = (wave: number) => (position.has(wave) ? effects[position.get(wave)!]! : 0);

  const contrast = new Array<number>(size).fill(0);
  if (position.has(current)) contrast[position.get(current)!] = 1;
  for (const wave of earlier) if (position.has(wave)) contrast[position.get(wave)!]! -= 1 / earlier.length;
  const meanChange = term(current) - earlier.reduce((sum, wave) => sum + term(wave), 0) / earlier.length;

  let residualSquares = 0;
  let largest = 0;
  for (const { waves, scores } of linkedPeople) {
    const level = waves.reduce((sum, wave, i) => sum + scores[i]! - term(wave), 0) / waves.length;
    waves.forEach((wave, i) => {
      residualSquares += (scores[i]! - level - term(wave)) ** 2;
      largest = Math.max(largest, Math.abs(scores[i]!));
    });
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
