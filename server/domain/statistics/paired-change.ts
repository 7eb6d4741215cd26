import { mean, sampleSd } from './descriptive.js';
import { normalCdf, studentTCdf } from './distributions.js';

/** STATISTICS.md: prefer the Wilcoxon test to the t-test below this many pairs. */
export const WILCOXON_PREFERRED_BELOW_PAIRS = 10;

const MIN_PAIRS = 2;

export interface PairedTTest {
  pairs: number;
  df: number;
  /** mean(after - before). */
  meanDiff: number;
  sdDiff: number;
  /** Null, like p and dz, when the differences do not vary. */
  t: number | null;
  /** Two-sided. */
  p: number | null;
  dz: number | null;
}

export interface WilcoxonSignedRank {
  pairs: number;
  /** Pairs left after dropping zero differences; these are the ones ranked. */
  nonZero: number;
  /** Sum of the ranks of positive differences (after - before), R's V. */
  v: number;
  z: number;
  /** Two-sided, normal approximation with continuity correction. */
  p: number;
}

export interface PairedChange {
  pairs: number;
  meanChange: number;
  test: 'wilcoxon' | 't';
  /** Unadjusted two-sided p of the chosen test; null when no test is defined. */
  p: number | null;
  tTest: PairedTTest;
  wilcoxon: WilcoxonSignedRank | null;
}

/** after[i] - before[i] for each pair; positive is a rise. */
export function pairedDifferences(before: readonly number[], after: readonly number[]): number[] {
  if (before.length !== after.length) {
    throw new RangeError(`paired data needs equal lengths, got ${before.length} and ${after.length}`);
  }
  return before.map((value, i) => after[i]! - value);
}

/** Paired t on d = after - before; null below two pairs. */
export function pairedTTest(before: readonly number[], after: readonly number[]): PairedTTest | null {
  const differences = pairedDifferences(before, after);
  const meanDiff = mean(differences);
  const sdDiff = sampleSd(differences);
  if (meanDiff === null || sdDiff === null) return null;
  const df = differences.length - 1;
  if (sdDiff === 0) return { pairs: differences.length, df, meanDiff, sdDiff, t: null, p: null, dz: null };
  const t = meanDiff / (sdDiff / Math.sqrt(differences.length));
  return {
    pairs: differences.length,
    df,
    meanDiff,
    sdDiff,
    t,
    p: 2 * studentTCdf(-Math.abs(t), df),
    dz: meanDiff / sdDiff,
  };
}

/** Mid-ranks of the values (ascending) and the sizes of the tie groups. */
function midRanks(values: readonly number[]): { ranks: number[]; tieSizes: number[] } {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const ranks = new Array<number>(values.length);
  const tieSizes: number[] = [];
  let start = 0;
  while (start < order.length) {
    let end = start + 1;
    while (end < order.length && order[end]!.value === order[start]!.value) end += 1;
    // Positions start..end-1 hold ranks start+1..end; each gets their average.
    const rank = (start + 1 + end) / 2;
    for (let position = start; position < end; position += 1) ranks[order[position]!.index] = rank;
    tieSizes.push(end - start);
    start = end;
  }
  return { ranks, tieSizes };
}

/**
 * Wilcoxon signed-rank test as R's `wilcox.test(paired = TRUE, exact = FALSE, correct = TRUE)`.
 * Ties are exact floating-point equality, as in R. Null below two pairs or when every
 * difference is zero.
 */
export function wilcoxonSignedRank(before: readonly number[], after: readonly number[]): WilcoxonSignedRank | null {
  const differences = pairedDifferences(before, after);
  if (differences.length < MIN_PAIRS) return null;
  const nonZero = differences.filter((d) => d !== 0);
  const n = nonZero.length;
  if (n === 0) return null;
  const { ranks, tieSizes } = midRanks(nonZero.map(Math.abs));
  const v = ranks.reduce((sum, rank, i) => (nonZero[i]! > 0 ? sum + rank : sum), 0);
  const centred = v - (n * (n + 1)) / 4;
  const tieCorrection = tieSizes.reduce((sum, t) => sum + t ** 3 - t, 0) / 48;
  const sigma = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - tieCorrection);
  const z = (centred - 0.5 * Math.sign(centred)) / sigma;
  return { pairs: differences.length, nonZero: n, v, z, p: 2 * normalCdf(-Math.abs(z)) };
}

/**
 * Both tests on the same pairs and the p the change rules use: Wilcoxon below 10 pairs, the
 * t-test from 10 on. When every difference is the same non-zero amount the t-test is
 * undefined while the change is as consistent as it gets, so Wilcoxon answers instead.
 */
export function pairedChange(before: readonly number[], after: readonly number[]): PairedChange | null {
  const tTest = pairedTTest(before, after);
  if (tTest === null) return null;
  const wilcoxon = wilcoxonSignedRank(before, after);
  const useWilcoxon = tTest.pairs < WILCOXON_PREFERRED_BELOW_PAIRS || tTest.p === null;
  return {
    pairs: tTest.pairs,
    meanChange: tTest.meanDiff,
    test: useWilcoxon ? 'wilcoxon' : 't',
    p: useWilcoxon ? (wilcoxon?.p ?? null) : tTest.p,
    tTest,
    wilcoxon,
  };
}
