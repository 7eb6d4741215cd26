import { scaleOf } from '../item-types/scored-item.js';
import type { WaveTable } from './response-table.js';

/** The items of one dimension two consecutive waves both ask, aligned column by column. */
interface SharedItems {
  /** Per group: the shared items' columns in the previous wave. */
  previous: number[][];
  /** Per group: the same items' columns in the current wave, in the same order. */
  current: number[][];
  /** Per group: the shared item ids. */
  ids: string[][];
  /**
   * Per group: true when the two waves do not ask it exactly the same items, so the change
   * tests must rescore both waves on the shared items only.
   */
  restricted: boolean[];
  /** True when any group's comparison is restricted. */
  anyRestricted: boolean;
}

/**
 * An item is shared when both waves ask it of the group with the same id, scale range and
 * reverse flag; anything else scores differently and would fake a change.
 */
export function sharedItems(previous: WaveTable, current: WaveTable, dimension: number): SharedItems {
  const result: SharedItems = { previous: [], current: [], ids: [], restricted: [], anyRestricted: false };
  current.asked.forEach((byDimension, group) => {
    const currentColumns = byDimension[dimension]!;
    const previousColumns = previous.asked[group]![dimension]!;
    const previousById = new Map(previousColumns.map((column) => [previous.items[column]!.id, column]));
    const pairs: [number, number, string][] = [];
    for (const column of currentColumns) {
      const item = current.items[column]!;
      const before = previousById.get(item.id);
      if (before === undefined) continue;
      const old = previous.items[before]!;
      const scale = scaleOf(current.instrument, item);
      const oldScale = scaleOf(previous.instrument, old);
      if (old.reverse !== item.reverse || oldScale.min !== scale.min || oldScale.max !== scale.max) continue;
      pairs.push([before, column, item.id]);
    }
    result.previous.push(pairs.map(([before]) => before));
    result.current.push(pairs.map(([, after]) => after));
    result.ids.push(pairs.map(([, , id]) => id));
    const restricted = pairs.length !== currentColumns.length || pairs.length !== previousColumns.length;
    result.restricted.push(restricted);
    result.anyRestricted ||= restricted;
  });
  return result;
}

/** The columns every group's list contains, in the first group's order. */
export function commonColumns(perGroup: readonly (readonly number[])[]): number[] {
  const [first, ...rest] = perGroup;
  if (!first) return [];
  return first.filter((column) => rest.every((columns) => columns.includes(column)));
}
