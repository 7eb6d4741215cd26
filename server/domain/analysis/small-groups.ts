/**
 * In small rural groups, a result from fewer than 5 people can identify them (docs/methods.md,
 * "Small groups"). Dashboards and shareable reports suppress such results; evaluator exports
 * keep them.
 */
const MIN_REPORTED_RESPONDENTS = 5;

export function isSuppressed(n: number): boolean {
  return n < MIN_REPORTED_RESPONDENTS;
}
