import { studentTQuantile } from './distributions.js';

/**
 * Spreads this small next to the magnitude of the values are floating-point residue (item
 * means such as 2/3 reached along different paths), not variation. Treating them as zero lets
 * callers report a statistic as undefined instead of dividing by rounding noise.
 */
const ROUNDING_NOISE = 1e-12;

interface Summary {
  n: number;
  mean: number | null;
  sd: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}

interface Interval {
  low: number;
  high: number;
}

/** Null for no values. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const value of values) {
    if (!Number.isFinite(value)) throw new RangeError(`statistics need finite numbers, got ${value}`);
    sum += value;
  }
  return sum / values.length;
}

/** Sample variance (n - 1); null below two values, exactly 0 when the values do not vary. */
export function sampleVariance(values: readonly number[]): number | null {
  const centre = mean(values);
  if (centre === null || values.length < 2) return null;
  let squares = 0;
  let largest = 0;
  for (const value of values) {
    squares += (value - centre) ** 2;
    largest = Math.max(largest, Math.abs(value));
  }
  const variance = squares / (values.length - 1);
  return Math.sqrt(variance) <= ROUNDING_NOISE * largest ? 0 : variance;
}

/** Sample standard deviation (n - 1); null below two values. */
export function sampleSd(values: readonly number[]): number | null {
  const variance = sampleVariance(values);
  return variance === null ? null : Math.sqrt(variance);
}

/** 95% CI of the mean, `mean ± t(0.975, n-1)·sd/√n`; null below two values. */
export function meanConfidenceInterval(values: readonly number[]): Interval | null {
  const centre = mean(values);
  const sd = sampleSd(values);
  if (centre === null || sd === null) return null;
  const halfWidth = (studentTQuantile(0.975, values.length - 1) * sd) / Math.sqrt(values.length);
  return { low: centre - halfWidth, high: centre + halfWidth };
}

/**
 * n, mean, sd and 95% CI of one aggregate; statistics the data cannot define are null. Values
 * are summed in ascending order, so the figures are the same to the last bit whatever order
 * the rows were stored in, and a reason never rounds differently between two imports.
 */
export function summarise(unordered: readonly number[]): Summary {
  const values = [...unordered].sort((a, b) => a - b);
  const ci = meanConfidenceInterval(values);
  return {
    n: values.length,
    mean: mean(values),
    sd: sampleSd(values),
    ciLow: ci?.low ?? null,
    ciHigh: ci?.high ?? null,
  };
}

/**
 * Pearson's correlation of paired values; null below three pairs or when either side does not
 * vary.
 */
export function pearsonCorrelation(x: readonly number[], y: readonly number[]): number | null {
  if (x.length !== y.length) throw new RangeError(`paired data needs equal lengths, got ${x.length} and ${y.length}`);
  if (x.length < 3) return null;
  const meanX = mean(x)!;
  const meanY = mean(y)!;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i += 1) {
    const dx = x[i]! - meanX;
    const dy = y[i]! - meanY;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sampleVariance(x) === 0 || sampleVariance(y) === 0) return null;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}
