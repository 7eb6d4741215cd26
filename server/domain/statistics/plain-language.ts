/** Numbers as the reasons print them: fixed decimals, never "-0.00". */
function fixed(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  return Number(text) === 0 ? (0).toFixed(decimals) : text;
}

/** "p < 0.001" below 0.001, otherwise three decimals. */
export function formatP(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${fixed(p, 3)}`;
}

/** A mean on the questionnaire's scale: one decimal, as people read a score. */
export function formatMean(mean: number): string {
  return fixed(mean, 1);
}

/** A number of points, two decimals, without sign: "0.62 points", "1 point" never arises. */
function formatPoints(points: number): string {
  return `${fixed(Math.abs(points), 2)} points`;
}

/**
 * A 95% interval of a change in words: "0.31 to 0.93 points lower", "0.10 to 0.40 points
 * higher", or "from 0.20 points lower to 0.35 points higher" when it spans no change.
 */
export function describeInterval(low: number, high: number): string {
  if (Number(fixed(high, 2)) < 0) return `${fixed(-high, 2)} to ${formatPoints(low)} lower`;
  if (Number(fixed(low, 2)) > 0) return `${fixed(low, 2)} to ${formatPoints(high)} higher`;
  return `from ${formatPoints(low)} lower to ${formatPoints(high)} higher`;
}

/** "0.62 points lower", "0.10 points higher", "no different" for a change that rounds to 0. */
export function describeShift(change: number): string {
  if (Number(fixed(change, 2)) === 0) return 'no different';
  return `${formatPoints(change)} ${change < 0 ? 'lower' : 'higher'}`;
}

/** "Family caregivers" reads "family caregivers" mid-sentence; "NHS staff" stays as it is. */
export function inSentence(label: string): string {
  return /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
