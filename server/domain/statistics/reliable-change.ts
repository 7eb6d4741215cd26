import { DEFAULT_FLAG_THRESHOLDS, type FlagThresholds } from './flag-rules.js';
import { pairedDifferences } from './paired-change.js';

/** 'alpha-perfect': alpha = 1 leaves no measurement error, so every change would be infinitely reliable. */
export type ReliableChangeSkipReason =
  | 'alpha-missing'
  | 'alpha-below-minimum'
  | 'alpha-perfect'
  | 'baseline-sd-missing'
  | 'baseline-sd-zero';

export interface ReliableChangeSkipped {
  status: 'skipped';
  reason: ReliableChangeSkipReason;
  baselineAlpha: number | null;
  /** The alpha the index needs, so the explanation can say what was missed. */
  minAlpha: number;
}

export interface ReliableChangeCounts {
  status: 'computed';
  pairs: number;
  /** RCI ≤ -critical. */
  deteriorated: number;
  /** RCI ≥ critical. */
  improved: number;
}

export interface ReliableChange extends ReliableChangeCounts {
  /** SE = s1·√(1 - r). */
  standardError: number;
  /** S_diff = √2·SE. */
  sDiff: number;
  /** critical·S_diff: the smallest change, in score points, that counts as reliable. */
  minimumReliableChange: number;
  /** Per pair, in input order. */
  rci: number[];
}

export interface ReliableChangeInput {
  /** SD of the dimension score in the baseline wave. */
  baselineSd: number | null;
  /** Cronbach's alpha of the dimension in the baseline wave. */
  baselineAlpha: number | null;
  before: readonly number[];
  after: readonly number[];
}

/**
 * Jacobson & Truax reliable change index per respondent, RCI = (after - before) / S_diff.
 * Skipped, with the reason, when the baseline does not support it.
 */
export function reliableChange(
  input: ReliableChangeInput,
  thresholds: Pick<FlagThresholds, 'rciCritical' | 'rciMinAlpha'> = DEFAULT_FLAG_THRESHOLDS,
): ReliableChange | ReliableChangeSkipped {
  const { baselineSd, baselineAlpha } = input;
  const skip = (reason: ReliableChangeSkipReason): ReliableChangeSkipped => ({
    status: 'skipped',
    reason,
    baselineAlpha,
    minAlpha: thresholds.rciMinAlpha,
  });
  if (baselineAlpha === null) return skip('alpha-missing');
  if (baselineAlpha < thresholds.rciMinAlpha) return skip('alpha-below-minimum');
  if (baselineAlpha >= 1) return skip('alpha-perfect');
  if (baselineSd === null) return skip('baseline-sd-missing');
  if (baselineSd === 0) return skip('baseline-sd-zero');

  const standardError = baselineSd * Math.sqrt(1 - baselineAlpha);
  const sDiff = Math.SQRT2 * standardError;
  const rci = pairedDifferences(input.before, input.after).map((difference) => difference / sDiff);
  return {
    status: 'computed',
    pairs: rci.length,
    deteriorated: rci.filter((value) => value <= -thresholds.rciCritical).length,
    improved: rci.filter((value) => value >= thresholds.rciCritical).length,
    standardError,
    sDiff,
    minimumReliableChange: thresholds.rciCritical * sDiff,
    rci,
  };
}
