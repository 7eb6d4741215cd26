import { sampleVariance } from './descriptive.js';
import { fQuantile } from './distributions.js';

interface CronbachAlpha {
  /** As computed: negative values are reported, not clipped. */
  alpha: number;
  items: number;
  /** Respondents who answered every item (listwise deletion). */
  completeCases: number;
  /** Feldt 95% CI. */
  ciLow: number;
  ciHigh: number;
}

const MIN_ITEMS = 2;
const MIN_COMPLETE_CASES = 3;

/**
 * Cronbach's alpha over respondents × items (reverse coding already applied); null answers
 * drop the whole row. Null when alpha is undefined: fewer than 2 items, fewer than 3 complete
 * cases, or total scores that do not vary.
 */
export function cronbachAlpha(responses: readonly (readonly (number | null)[])[]): CronbachAlpha | null {
  const k = responses[0]?.length ?? 0;
  if (responses.some((row) => row.length !== k)) {
    throw new RangeError('every respondent row needs one entry per item');
  }
  const complete = responses.filter((row): row is readonly number[] => row.every((value) => value !== null));
  const n = complete.length;
  if (k < MIN_ITEMS || n < MIN_COMPLETE_CASES) return null;

  let itemVarianceSum = 0;
  for (let item = 0; item < k; item += 1) {
    // Non-null: every complete row has k entries and there are at least 3 rows.
    itemVarianceSum += sampleVariance(complete.map((row) => row[item]!))!;
  }
  const totalVariance = sampleVariance(complete.map((row) => row.reduce((sum, value) => sum + value, 0)))!;
  if (totalVariance === 0) return null;

  const alpha = (k / (k - 1)) * (1 - itemVarianceSum / totalVariance);
  const df1 = n - 1;
  const df2 = (n - 1) * (k - 1);
  return {
    alpha,
    items: k,
    completeCases: n,
    ciLow: 1 - (1 - alpha) * fQuantile(0.975, df1, df2),
    ciHigh: 1 - (1 - alpha) * fQuantile(0.025, df1, df2),
  };
}
