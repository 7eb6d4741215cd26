/**
 * Benjamini-Hochberg adjusted p-values, in input order. Nulls (tests that could not be run)
 * stay null and do not count towards m, so an undefined test cannot dilute the others.
 */
export function benjaminiHochberg(pValues: readonly (number | null)[]): (number | null)[] {
  const present: { p: number; index: number }[] = [];
  pValues.forEach((p, index) => {
    if (p === null) return;
    if (!(p >= 0 && p <= 1)) throw new RangeError(`p-values must lie in [0, 1], got ${p}`);
    present.push({ p, index });
  });
  present.sort((a, b) => a.p - b.p);
  const m = present.length;
  const adjusted: (number | null)[] = pValues.map(() => null);
  let runningMin = 1;
  // p_adj(i) = min over j ≥ i of m·p(j)/j: walk from the largest p down, carrying the minimum.
  for (let rank = m; rank >= 1; rank -= 1) {
    const { p, index } = present[rank - 1]!;
    runningMin = Math.min(runningMin, (m * p) / rank);
    adjusted[index] = runningMin;
  }
  return adjusted;
}
