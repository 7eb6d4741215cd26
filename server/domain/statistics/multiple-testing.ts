/**
 * Holm's step-down adjustment, in input order: sort p ascending, p_adj(i) = max over j ≤ i of
 * min(1, (m - j + 1)·p(j)). It holds the chance of any false finding in the family at the
 * level, whatever the tests' correlation. Nulls (tests that could not be run) stay null and do
 * not count towards m, so an undefined test cannot dilute the others.
 */
export function holm(pValues: readonly (number | null)[]): (number | null)[] {
  const present: { p: number; index: number }[] = [];
  pValues.forEach((p, index) => {
    if (p === null) return;
    if (!(p >= 0 && p <= 1)) throw new RangeError(`p-values must lie in [0, 1], got ${p}`);
    present.push({ p, index });
  });
  // Ties keep input order, so equal p-values get equal adjusted values either way.
  present.sort((a, b) => a.p - b.p || a.index - b.index);
  const m = present.length;
  const adjusted: (number | null)[] = pValues.map(() => null);
  let runningMax = 0;
  present.forEach(({ p, index }, position) => {
    runningMax = Math.max(runningMax, Math.min(1, (m - position) * p));
    adjusted[index] = runningMax;
  });
  return adjusted;
}
