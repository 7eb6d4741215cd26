import type { ProjectAnalysis } from '../analysis/project-analysis.js';
import { pairedChange } from '../analysis/paired-change.js';
import type { ResponseTable } from '../analysis/response-table.js';
import { isSuppressed } from '../analysis/small-groups.js';
import type { CellAction } from '../records.js';
import { waveState, type ScheduledWave } from '../wave-schedule.js';

/** A wave an action refers to, with the mean of the action's cell in it. */
interface WaveLevel {
  id: string;
  /** 1 for the first wave. */
  index: number;
  label: string;
  /** Everyone in the group who has a score in that wave, as on the dashboard; null without one. */
  mean: number | null;
  n: number;
}

/** The change in the action's cell among the people who answered both waves (paired-change.ts). */
interface ChangeSince {
  pairs: number;
  change: number;
  /** Null with a single pair, or no spread to estimate the error from. */
  ciLow: number | null;
  ciHigh: number | null;
}

export interface ActionFollowUp {
  action: CellAction;
  agreed: WaveLevel;
  /** The latest later wave, closed, with a result in the action's dimension; null until there is one. */
  followedUp: WaveLevel | null;
  /** Null without a followed-up wave or without anyone who answered both. */
  change: ChangeSince | null;
  /** Open, and its due date has passed. */
  overdue: boolean;
}

/** The dates of the project's waves and today, which say which waves have closed. */
interface FollowUpSchedule {
  waves: readonly (ScheduledWave & { id: string })[];
  today: string;
  /** A report of an earlier wave follows up only to that wave (its 1-based number). */
  until?: number;
}

/**
 * Each action with what happened in its cell since: its level in the wave it answers, and at the
 * latest later wave with a result, the change among those who answered both, computed as the
 * flags compute change (docs/methods.md, "Follow-up of actions"). Nothing is hidden here: exports
 * keep small groups; pages hide them with `shownFollowUp`. An action whose wave is no longer in the
 * analysis has no follow-up and is left out.
 */
export function followUpActions(
  actions: readonly CellAction[],
  analysis: ProjectAnalysis,
  table: ResponseTable,
  schedule: FollowUpSchedule,
): ActionFollowUp[] {
  const cells = new Map(analysis.cells.map((c) => [`${c.waveId}|${c.group}|${c.dimension}`, c]));
  const dates = new Map(schedule.waves.map((w) => [w.id, w]));
  const closed = (waveId: string) => {
    const wave = dates.get(waveId);
    return wave !== undefined && waveState(wave, schedule.today) === 'closed';
  };
  const levelOf = (wave: ProjectAnalysis['waves'][number], group: string, dimension: string): WaveLevel => {
    const cell = cells.get(`${wave.id}|${group}|${dimension}`);
    return { id: wave.id, index: wave.index, label: wave.label, mean: cell?.mean ?? null, n: cell?.n ?? 0 };
  };

  const followUps: ActionFollowUp[] = [];
  for (const action of actions) {
    const wave = analysis.waves.find((w) => w.id === action.waveId);
    if (!wave) continue;
    const later = analysis.waves.filter(
      (w) =>
        w.index > wave.index &&
        w.index <= (schedule.until ?? Infinity) &&
        closed(w.id) &&
        (cells.get(`${w.id}|all|${action.dimension}`)?.mean ?? null) !== null,
    );
    const last = later.at(-1);
    const followedUp = last ? levelOf(last, action.group, action.dimension) : null;
    let change: ChangeSince | null = null;
    if (last) {
      const group = table.design.groups.findIndex((g) => g.id === action.group);
      const dimension = table.dimensions.findIndex((d) => d.id === action.dimension);
      const paired = pairedChange(table, wave.index - 1, last.index - 1, group, dimension);
      if (paired)
        change = { pairs: paired.linked, change: paired.meanChange, ciLow: paired.ciLow, ciHigh: paired.ciHigh };
    }
    followUps.push({
      action,
      agreed: levelOf(wave, action.group, action.dimension),
      followedUp,
      change,
      overdue: action.status === 'open' && action.dueOn < schedule.today,
    });
  }
  return followUps;
}

/**
 * A follow-up as pages may show it (docs/methods.md, "Small groups"): a level from fewer than 5
 * people, and a change among fewer than 5 pairs, become null and say so. Pairs are never more
 * than either wave's people, so a shown change never sits beside a hidden level's count.
 */
export function shownFollowUp(followUp: ActionFollowUp): ActionFollowUp & {
  agreedHidden: boolean;
  followedUpHidden: boolean;
  changeHidden: boolean;
} {
  const agreedHidden = isSuppressed(followUp.agreed.n);
  const followedUpHidden = followUp.followedUp !== null && isSuppressed(followUp.followedUp.n);
  const changeHidden = followUp.change !== null && isSuppressed(followUp.change.pairs);
  const hide = (level: WaveLevel): WaveLevel => ({ ...level, mean: null, n: 0 });
  return {
    ...followUp,
    agreed: agreedHidden ? hide(followUp.agreed) : followUp.agreed,
    followedUp: followUp.followedUp && followedUpHidden ? hide(followUp.followedUp) : followUp.followedUp,
    change: changeHidden ? null : followUp.change,
    agreedHidden,
    followedUpHidden,
    changeHidden,
  };
}
