import { mean, sampleVariance } from './descriptive.js';
import { studentTCdf } from './distributions.js';

interface WelchTTest {
  /** mean(group1) - mean(group2). */
  meanDiff: number;
  /** Null, like df and p, when neither group varies. */
  t: number | null;
  /** Welch-Satterthwaite, usually not an integer. */
  df: number | null;
  /** Two-sided. */
  p: number | null;
}

interface GroupMoments {
  n: number;
  mean: number;
  variance: number;
}

/** Null below two values, where the variance is undefined. */
function moments(values: readonly number[]): GroupMoments | null {
  const centre = mean(values);
  const variance = sampleVariance(values);
  if (centre === null || variance === null) return null;
  return { n: values.length, mean: centre, variance };
}

/** Welch's unequal-variance t-test of group1 - group2; null when a group has fewer than two values. */
export function welchTTest(group1: readonly number[], group2: readonly number[]): WelchTTest | null {
  const first = moments(group1);
  const second = moments(group2);
  if (first === null || second === null) return null;
  const meanDiff = first.mean - second.mean;
  const share1 = first.variance / first.n;
  const share2 = second.variance / second.n;
  const squaredError = share1 + share2;
  if (squaredError === 0) return { meanDiff, t: null, df: null, p: null };
  const t = meanDiff / Math.sqrt(squaredError);
  const df = squaredError ** 2 / (share1 ** 2 / (first.n - 1) + share2 ** 2 / (second.n - 1));
  return { meanDiff, t, df, p: 2 * studentTCdf(-Math.abs(t), df) };
}

/**
 * Hedges' g of group1 - group2: Cohen's d on the pooled SD times J = 1 - 3/(4(n1+n2) - 9).
 * Null when a group has fewer than two values or the pooled SD is 0.
 */
export function hedgesG(group1: readonly number[], group2: readonly number[]): number | null {
  const first = moments(group1);
  const second = moments(group2);
  if (first === null || second === null) return null;
  const pooledVariance = ((first.n - 1) * first.variance + (second.n - 1) * second.variance) / (first.n + second.n - 2);
  if (pooledVariance === 0) return null;
  const correction = 1 - 3 / (4 * (first.n + second.n) - 9);
  return (correction * (first.mean - second.mean)) / Math.sqrt(pooledVariance);
}
