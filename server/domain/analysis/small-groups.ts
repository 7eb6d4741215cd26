/**
 * In small rural groups, a result from fewer than 5 people can identify them (docs/methods.md,
 * "Small groups"). Dashboards and shareable reports suppress such results; evaluator exports
 * keep them.
 */
const MIN_REPORTED_RESPONDENTS = 5;

export function isSuppressed(n: number): boolean {
  return n < MIN_REPORTED_RESPONDENTS;
}

/**
 * Why a cell is hidden: it rests on fewer than 5 people, or it is Everyone while a group is
 * hidden, since Everyone minus the groups shown would give the hidden group back.
 */
export type SmallGroupHiding = 'fewer-than-5' | 'reveals-a-small-group';

interface TableHiding {
  everyone: SmallGroupHiding | null;
  /** In the order of the counts given. */
  groups: (SmallGroupHiding | null)[];
}

/**
 * Which cells of one additive table to hide: the groups of a wave and dimension with Everyone as
 * their total, where the counts and the count-weighted means (or the submitted counts behind
 * response rates) add up. A group under 5 is hidden (primary suppression). Everyone is then
 * hidden too (complementary suppression): with it gone, the one equation that ties the cells
 * together has at least two unknowns whatever else is shown, so no hidden group's count or mean
 * can be solved for, nor bounded more tightly than its own scale allows.
 */
export function hideSmallGroups(counts: readonly number[]): TableHiding {
  const groups = counts.map((n) => (isSuppressed(n) ? ('fewer-than-5' as const) : null));
  const total = counts.reduce((sum, n) => sum + n, 0);
  const everyone = isSuppressed(total)
    ? 'fewer-than-5'
    : groups.some((hiding) => hiding !== null)
      ? 'reveals-a-small-group'
      : null;
  return { everyone, groups };
}
