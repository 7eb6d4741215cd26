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
    for (let row = column + 1; row < n; row += 1)
      if (Math.abs(a[row]![column]!) > Math.abs(a[pivot]![column]!)) pivot = row;
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

/**
 * Scores as columns, one entry per observation, so the analysis builds no object per score.
 * `group`, when given, lets one table serve every group: a fit then reads only its own rows.
 */
export interface ObservationColumns {
  length: number;
  person: ArrayLike<number>;
  wave: ArrayLike<number>;
  score: ArrayLike<number>;
  group?: ArrayLike<number>;
  /** When rows are in wave order: the row after each wave's last. */
  waveEnds?: ArrayLike<number>;
  /** When known: one more than the largest person number. */
  personCount?: number;
  /**
   * When known: the rows by person, each person's in wave order (`order`), and where each
   * person's rows start (`starts`, personCount + 1 entries). A table fitted many times builds it
   * once, and each fit then walks it without sorting.
   */
  byPerson?: { order: Int32Array; starts: Int32Array };
}

/** The rows by person, each person's in wave order, for ObservationColumns.byPerson. */
export function rowsByPerson(
  columns: ObservationColumns,
  personCount: number,
): { order: Int32Array; starts: Int32Array } {
  const starts = new Int32Array(personCount + 1);
  for (let i = 0; i < columns.length; i += 1) starts[columns.person[i]! + 1]! += 1;
  for (let person = 1; person <= personCount; person += 1) starts[person]! += starts[person - 1]!;
  const fill = starts.slice(0, personCount);
  const order = new Int32Array(columns.length);
  // Stable: rows added wave by wave stay in wave order within each person.
  for (let i = 0; i < columns.length; i += 1) order[fill[columns.person[i]!]!++] = i;
  for (let person = 0; person < personCount; person += 1) {
    for (let k = starts[person]! + 1; k < starts[person + 1]!; k += 1) {
      if (columns.wave[order[k]!]! < columns.wave[order[k - 1]!]!)
        throw new RangeError('rowsByPerson needs rows in wave order');
    }
  }
  return { order, starts };
}

/** peopleOf for a table that knows its rows by person: one walk, no sorting. */
function peopleByPerson(
  columns: ObservationColumns,
  byPerson: { order: Int32Array; starts: Int32Array },
  current: number,
  group: number,
): People {
  const { order, starts: personStarts } = byPerson;
  const { wave: waveOf, score: scoreOf } = columns;
  const groupOf = group >= 0 ? columns.group : undefined;
  const capacity = columns.waveEnds?.[current] ?? columns.length;
  const waves = new Int32Array(capacity);
  const scores = new Float64Array(capacity);
  const starts = new Int32Array(personStarts.length);
  let count = 0;
  let total = 0;
  for (let person = 0; person + 1 < personStarts.length; person += 1) {
    const begin = total;
    for (let k = personStarts[person]!; k < personStarts[person + 1]!; k += 1) {
      const i = order[k]!;
      if (waveOf[i]! > current) break;
      if (groupOf !== undefined && groupOf[i] !== group) continue;
      waves[total] = waveOf[i]!;
      scores[total] = scoreOf[i]!;
      total += 1;
    }
    if (total - begin < 2) {
      total = begin;
      continue;
    }
    starts[count] = begin;
    count += 1;
  }
  starts[count] = total;
  return { count, starts, waves, scores };
}

/**
 * Each person's scores up to the current wave, in wave order, as slices of two flat arrays:
 * person k's scores are waves/scores[starts[k]..starts[k+1]). People with one score drop out.
 * People are taken in the order of their numbers, whatever order the rows came in, so every
 * sum is the same to the last bit for the same numbering; ResponseTable numbers people by
 * their answers, so two imports of the same answers give the same figures.
 */
interface People {
  count: number;
  starts: Int32Array;
  waves: Int32Array;
  scores: Float64Array;
}

function peopleOf(columns: ObservationColumns, current: number, group: number): People {
  if (columns.byPerson) return peopleByPerson(columns, columns.byPerson, current, group);
  // Tables in wave order say where each wave ends: later rows are not even read.
  const length = columns.waveEnds?.[current] ?? columns.length;
  const { person: persons, wave: waveOf } = columns;
  // Rows of other groups and later waves are not in the fit.
  const groupOf = group >= 0 ? columns.group : undefined;
  let largestPerson = (columns.personCount ?? 0) - 1;
  if (columns.personCount === undefined)
    for (let i = 0; i < length; i += 1) largestPerson = Math.max(largestPerson, persons[i]!);
  const counts = new Int32Array(largestPerson + 2);
  for (let i = 0; i < length; i += 1) {
    if (waveOf[i]! > current || (groupOf !== undefined && groupOf[i] !== group)) continue;
    const score = columns.score[i]!;
    if (!Number.isFinite(score)) throw new RangeError(`statistics need finite numbers, got ${score}`);
    counts[persons[i]! + 1]! += 1;
  }
  for (let person = 1; person < counts.length; person += 1) counts[person]! += counts[person - 1]!;
  const order = new Int32Array(counts[counts.length - 1]!);
  const fill = counts.slice(0, counts.length - 1);
  for (let i = 0; i < length; i += 1) {
    if (waveOf[i]! > current || (groupOf !== undefined && groupOf[i] !== group)) continue;
    order[fill[persons[i]!]!++] = i;
  }
  const kept: number[] = [];
  for (let person = 0; person <= largestPerson; person += 1) {
    const start = counts[person]!;
    const end = counts[person + 1]!;
    if (end - start < 2) continue;
    // Rows usually arrive in wave order already; insertion sort is then one pass.
    for (let k = start + 1; k < end; k += 1) {
      const entry = order[k]!;
      let j = k - 1;
      while (j >= start && columns.wave[order[j]!]! > columns.wave[entry]!) {
        order[j + 1] = order[j]!;
        j -= 1;
      }
      order[j + 1] = entry;
    }
    kept.push(person);
  }
  const starts = new Int32Array(kept.length + 1);
  let total = 0;
  kept.forEach((person, k) => {
    starts[k] = total;
    total += counts[person + 1]! - counts[person]!;
  });
  starts[kept.length] = total;
  const waves = new Int32Array(total);
  const scores = new Float64Array(total);
  kept.forEach((person, k) => {
    for (let i = counts[person]!, at = starts[k]!; i < counts[person + 1]!; i += 1, at += 1) {
      waves[at] = columns.wave[order[i]!]!;
      scores[at] = columns.score[order[i]!]!;
    }
  });
  return { count: kept.length, starts, waves, scores };
}

/**
 * Fits the model on the observations of waves 0..current and tests the current wave against
 * the earlier ones. People with a single score carry no within-person information and drop
 * out, as in the least-squares fit. Null when the current wave has no linked person or no
 * earlier wave is linked.
 */
export function withinPersonChange(observations: readonly Observation[], current: number): WithinPersonChange | null {
  return withinPersonChangeOf(
    {
      length: observations.length,
      person: observations.map((o) => o.person),
      wave: observations.map((o) => o.wave),
      score: observations.map((o) => o.score),
    },
    current,
  );
}

/** withinPersonChange on columns, for callers that build no object per score; group -1 reads every row. */
export function withinPersonChangeOf(
  columns: ObservationColumns,
  current: number,
  group = -1,
): WithinPersonChange | null {
  const people = peopleOf(columns, current, group);
  const { starts, waves, scores } = people;
  const answered = new Uint8Array(current + 1);
  let linked = 0;
  for (let k = 0; k < people.count; k += 1) {
    for (let i = starts[k]!; i < starts[k + 1]!; i += 1) answered[waves[i]!] = 1;
    if (waves[starts[k + 1]! - 1] === current) linked += 1;
  }
  if (linked === 0) return null;
  // Waves somebody linked answered; the first is the reference (its term is 0).
  const present: number[] = [];
  for (let wave = 0; wave <= current; wave += 1) if (answered[wave]) present.push(wave);
  const earlier = present.filter((wave) => wave < current);
  if (earlier.length === 0) return null;
  const free = present.slice(1);
  // Row of each wave's term in the normal equations, -1 for the reference wave.
  const position = new Int32Array(current + 1).fill(-1);
  free.forEach((wave, i) => {
    position[wave] = i;
  });
  const size = free.length;
  const flat = new Float64Array(size * size);
  const right = new Array<number>(size).fill(0);
  // People who answered the same waves add the same block to the normal matrix: it is added
  // once per pattern of waves, times their number, not once per person.
  const patterns = new Map<number | string, { first: number; count: number }>();
  const bits = Float64Array.from({ length: current + 1 }, (_, wave) => 2 ** wave);
  for (let k = 0; k < people.count; k += 1) {
    const start = starts[k]!;
    const end = starts[k + 1]!;
    const n = end - start;
    let total = 0;
    for (let i = start; i < end; i += 1) total += scores[i]!;
    const centre = total / n;
    let mask = 0;
    for (let i = start; i < end; i += 1) {
      const row = position[waves[i]!]!;
      if (row >= 0) right[row]! += scores[i]! - centre;
      mask += bits[waves[i]!]!;
    }
    const key = current < 52 ? mask : Array.from(waves.subarray(start, end)).join(',');
    const pattern = patterns.get(key);
    if (pattern) pattern.count += 1;
    else patterns.set(key, { first: k, count: 1 });
  }
  for (const { first, count } of patterns.values()) {
    const start = starts[first]!;
    const end = starts[first + 1]!;
    const share = count / (end - start);
    for (let i = start; i < end; i += 1) {
      const row = position[waves[i]!]!;
      if (row < 0) continue;
      flat[row * size + row]! += count;
      for (let j = start; j < end; j += 1) {
        const column = position[waves[j]!]!;
        if (column >= 0) flat[row * size + column]! -= share;
      }
    }
  }
  const observationsUsed = starts[people.count]!;
  const normal = Array.from({ length: size }, (_, row) => Array.from(flat.subarray(row * size, (row + 1) * size)));
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
  for (let k = 0; k < people.count; k += 1) {
    const start = starts[k]!;
    const end = starts[k + 1]!;
    let level = 0;
    for (let i = start; i < end; i += 1) level += scores[i]! - terms[waves[i]!]!;
    level /= end - start;
    for (let i = start; i < end; i += 1) {
      residualSquares += (scores[i]! - level - terms[waves[i]!]!) ** 2;
      largest = Math.max(largest, Math.abs(scores[i]!));
    }
  }
  const df = observationsUsed - people.count - size;
  if (df < 1)
    return {
      linked,
      meanChange,
      standardError: null,
      ciLow: null,
      ciHigh: null,
      t: null,
      df: Math.max(df, 0),
      pFall: null,
      pRise: null,
    };
  const variance = residualSquares / df;
  if (Math.sqrt(variance) <= ROUNDING_NOISE * Math.max(largest, 1)) {
    const direction = Math.abs(meanChange) <= ROUNDING_NOISE ? 0 : Math.sign(meanChange);
    return {
      linked,
      meanChange,
      standardError: 0,
      ciLow: meanChange,
      ciHigh: meanChange,
      t: null,
      df,
      pFall: direction < 0 ? 0 : 1,
      pRise: direction > 0 ? 0 : 1,
    };
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
