import { withinPersonChangeOf, type WithinPersonChange } from '../statistics/within-person-model.js';
import type { ResponseTable } from './response-table.js';
import { sharedItems } from './shared-items.js';

/**
 * The change of one group's dimension score from one wave to a later one, among the people of
 * the group who have a score in both (docs/methods.md, "Follow-up of actions"). It is the flags'
 * within-person model, score = person + wave + error, fitted on these two waves and these people
 * only: with every person in both waves the fit is the paired t-test, so the change is the mean
 * of the differences and its 95% interval is mean ± t(0.975, n − 1)·sd/√n. Both waves are scored
 * on the items both ask the group (same id, scale range and reverse flag), as the flags do when a
 * questionnaire changed. Wave and dimension are positions in the table (0-based); null when the
 * table has no such wave, group or dimension, or nobody answered both.
 */
export function pairedChange(
  table: ResponseTable,
  from: number,
  to: number,
  group: number,
  dimension: number,
): WithinPersonChange | null {
  const before = table.waves[from];
  const after = table.waves[to];
  if (!before || !after || from >= to || dimension >= table.dimensions.length) return null;
  if (group < 0 || group >= table.design.groups.length) return null;
  table.indexParticipants();
  const shared = sharedItems(before, after, dimension);
  const restricted = shared.restricted[group]!;
  const dimensions = table.dimensions.length;
  const scoreIn = (wave: typeof before, columns: readonly number[], row: number) =>
    restricted ? wave.scoreOn(row, columns) : wave.score(row, dimension, dimensions);

  const person: number[] = [];
  const wave: number[] = [];
  const score: number[] = [];
  for (let row = 0; row < after.rows; row += 1) {
    if (after.groups[row] !== group) continue;
    const participant = after.participants[row]!;
    const earlier = before.rowOf(participant);
    // Someone who answered the earlier wave in another group is compared only within the new one.
    if (earlier < 0 || before.groups[earlier] !== group) continue;
    const then = scoreIn(before, shared.previous[group]!, earlier);
    const now = scoreIn(after, shared.current[group]!, row);
    if (Number.isNaN(then) || Number.isNaN(now)) continue;
    person.push(participant, participant);
    wave.push(0, 1);
    score.push(then, now);
  }
  if (person.length === 0) return null;
  return withinPersonChangeOf({ length: person.length, person, wave, score }, 1);
}
