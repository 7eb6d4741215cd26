import { pearsonCorrelation, sampleSd } from './descriptive.js';

type ReliableChangeSkipReason =
  'too-few-pairs' | 'stability-undefined' | 'stability-not-positive' | 'stability-perfect';

export interface ReliableChangeSkipped {
  status: 'skipped';
  reason: ReliableChangeSkipReason;
  pairs: number;
  /** The test-retest correlation, when it could be computed. */
  stability: number | null;
}

export interface ReliableChange {
  status: 'computed';
  pairs: number;
  /** Test-retest correlation of the scores across the two waves, r. */
  stability: number;
  /** SE = s1·√(1 - r), s1 the SD of the earlier wave's scores of the same people. */
  standardError: number;
  /** S_diff = √2·SE. */
  sDiff: number;
  /** critical·S_diff: the smallest change, in score points, that counts as reliable. */
  minimumReliableChange: number;
  /** RCI ≤ -critical. */
  deteriorated: number;
  /** RCI ≥ critical. */
  improved: number;
}

interface ReliableChangeInput {
  before: readonly number[];
  after: readonly number[];
  /** Fewer pairs than this give no stability worth the name. */
  minPairs: number;
  /** |RCI| at or beyond this is reliable change (1.96). */
  critical?: number;
}

/**
 * Jacobson & Truax's reliable change index per person, RCI = (after - before) / S_diff, with
 * the error taken from the stability of the scores across the two waves (test-retest r), not
 * from Cronbach's alpha: alpha measures agreement between items on one day, while a change
 * across months is judged against how much scores move between waves on their own. Descriptive
 * only: no status rests on it.
 */
export function reliableChange(input: ReliableChangeInput): ReliableChange | ReliableChangeSkipped {
  const { before, after, minPairs } = input;
  const critical = input.critical ?? 1.96;
  const pairs = before.length;
  const skip = (reason: ReliableChangeSkipReason, stability: number | null = null): ReliableChangeSkipped => ({
    status: 'skipped',
    reason,
    pairs,
    stability,
  });
  if (pairs < Math.max(3, minPairs)) return skip('too-few-pairs');
  const stability = pearsonCorrelation(before, after);
  const baselineSd = sampleSd(before);
  if (stability === null || baselineSd === null || baselineSd === 0) return skip('stability-undefined');
  if (stability <= 0) return skip('stability-not-positive', stability);
  if (stability >= 1) return skip('stability-perfect', stability);
  const standardError = baselineSd * Math.sqrt(1 - stability);
  const sDiff = Math.SQRT2 * standardError;
  let deteriorated = 0;
  let improved = 0;
  before.forEach((value, i) => {
    const rci = (after[i]! - value) / sDiff;
    if (rci <= -critical) deteriorated += 1;
    if (rci >= critical) improved += 1;
  });
  return {
    status: 'computed',
    pairs,
    stability,
    standardError,
    sDiff,
    minimumReliableChange: critical * sDiff,
    deteriorated,
    improved,
  };
}
