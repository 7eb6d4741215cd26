import { summarise } from '../statistics/descriptive.js';
import { hedgesG, welchTTest } from '../statistics/group-gap.js';
import { holm } from '../statistics/multiple-testing.js';
import { cronbachAlpha } from '../statistics/reliability.js';
import { reliableChange, type ReliableChange, type ReliableChangeSkipped } from '../statistics/reliable-change.js';
import {
  classifyChange,
  classifyParticipation,
  DEFAULT_STATUS_THRESHOLDS,
  isTestable,
  type CellStatus,
  type ParticipationStatus,
  type Signal,
  type StatusThresholds,
} from '../statistics/status-rules.js';
import {
  rowsByPerson,
  withinPersonChangeOf,
  type ObservationColumns,
  type WithinPersonChange,
} from '../statistics/within-person-model.js';
import { ALL_GROUPS, type AnalysisGroup, type InvitedCounts } from './analysis-design.js';
import { LOCALES, type Locale } from '../../i18n/catalogue.js';
import {
  describeCell,
  type ItemComparison,
  type MissingScores,
  type ReasonInput,
  type ReasonLabels,
} from './cell-reason.js';
import { nameIn } from './name-in.js';
import type { AnalysisDimension, ResponseTable, WaveTable } from './response-table.js';
import { commonColumns, sharedItems } from './shared-items.js';

/** Change of the people in a cell against their own earlier average (within-person-change.ts). */
interface ChangeResult extends WithinPersonChange {
  /** False for the pooled `all` cells and below minLinked people: described, not tested. */
  tested: boolean;
  /**
   * One-sided p of a fall and of a rise, Holm-adjusted across the wave's tested cells and
   * multiplied by followUpWaves, capped at 1; null when not tested.
   */
  pFallAdjusted: number | null;
  pRiseAdjusted: number | null;
}

type ReliableChangeResult = Omit<ReliableChange, 'standardError' | 'sDiff'> | ReliableChangeSkipped;

/** This group against another group in the same wave and dimension: described, not tested. */
interface GapResult {
  otherGroup: string;
  /** Hedges' g of this group minus the other; null when undefined. */
  g: number | null;
  meanDiff: number | null;
  t: number | null;
  df: number | null;
  p: number | null;
}

/** Everything computed for one (wave, group, dimension). Undefined statistics are null. */
export interface AnalysisCell {
  waveId: string;
  wave: string;
  /** 1 for the first wave. */
  waveIndex: number;
  /** A group id, or `all`. */
  group: string;
  dimension: string;
  n: number;
  mean: number | null;
  sd: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  alpha: number | null;
  alphaCiLow: number | null;
  alphaCiHigh: number | null;
  /** Respondents with every item of the dimension answered (alpha's listwise deletion). */
  alphaCompleteCases: number;
  /** Submitted responses in this wave and group. */
  submitted: number;
  invited: number;
  responseRate: number | null;
  previousResponseRate: number | null;
  /** Of the (wave, group); the same on each of its dimensions, and never part of the status. */
  participation: ParticipationStatus | null;
  previousMean: number | null;
  change: ChangeResult | null;
  /** Set when a new questionnaire version limited the comparison to the shared items. */
  itemComparison: ItemComparison | null;
  /** Against the previous wave, judged on test-retest stability; descriptive. */
  reliable: ReliableChangeResult | null;
  /** Against each other stakeholder group; empty for `all`. */
  gaps: GapResult[];
  /** What raised or held the status (status-rules.ts SIGNALS). */
  signals: Signal[];
  /** Null when there is no mean, and on the pooled `all` cells, which are described, not tested. */
  status: CellStatus | null;
  /** In English, as flags.csv and the API give it. */
  reason: string;
  /** The same reason in every language pages are shown in, with names in that language. */
  reasons: Record<Locale, string>;
}

/** Participation of one (wave, stakeholder group), reported once, apart from the statuses. */
interface ParticipationRow {
  waveId: string;
  wave: string;
  waveIndex: number;
  group: string;
  invited: number;
  submitted: number;
  rate: number | null;
  previousRate: number | null;
  status: ParticipationStatus | null;
}

export interface ProjectAnalysis {
  waves: { id: string; label: string; index: number; instrumentVersion: string }[];
  groups: readonly AnalysisGroup[];
  dimensions: readonly AnalysisDimension[];
  thresholds: StatusThresholds;
  /** Ordered by wave, then `all` before the groups in project order, then dimension. */
  cells: AnalysisCell[];
  /** Ordered by wave, then group in project order. */
  participation: ParticipationRow[];
}

interface AnalysisOptions {
  invited: InvitedCounts;
  thresholds?: StatusThresholds;
}

/** -1 stands for `all`. */
const ALL = -1;

/** The rows of each group in one wave. */
function rowsByGroup(wave: WaveTable, groupCount: number): number[][] {
  const rows: number[][] = Array.from({ length: groupCount }, () => []);
  for (let row = 0; row < wave.rows; row += 1) rows[wave.groups[row]!]!.push(row);
  return rows;
}

function alphaOf(wave: WaveTable, rows: readonly number[], columns: readonly number[]) {
  if (columns.length < 2) return null;
  const complete: number[][] = [];
  for (const row of rows) {
    const values = columns.map((column) => wave.value(row, column));
    if (values.every((value) => !Number.isNaN(value))) complete.push(values);
  }
  return { result: cronbachAlpha(complete), completeCases: complete.length };
}

function presentScores(rows: readonly number[], scoreOf: (row: number) => number): number[] {
  const scores: number[] = [];
  for (const row of rows) {
    const score = scoreOf(row);
    if (!Number.isNaN(score)) scores.push(score);
  }
  return scores;
}

/**
 * Per wave up to the current one and per group: the columns to score a dimension on so that
 * every wave is comparable with the current one, or null where the stored score already is.
 * When the questionnaire changed, only the items every one of these waves asks the group (same
 * id, scale range and reverse flag) are used, so a new version cannot fake a change.
 */
function comparableColumns(
  table: ResponseTable,
  wave: WaveTable,
  dimension: number,
): { columns: (number[] | null)[][]; shared: string[][] } {
  const groups = table.design.groups.length;
  const shared: string[][] = [];
  for (let group = 0; group < groups; group += 1) {
    let ids = wave.asked[group]![dimension]!.map((column) => wave.items[column]!.id);
    for (let earlier = 0; earlier < wave.index; earlier += 1) {
      const items = sharedItems(table.waves[earlier]!, wave, dimension);
      const kept = new Set(items.ids[group]!);
      ids = ids.filter((id) => kept.has(id));
    }
    shared.push(ids);
  }
  const columns = table.waves.slice(0, wave.index + 1).map((earlier) =>
    shared.map((ids, group) => {
      const asked = earlier.asked[group]![dimension]!;
      if (asked.length === ids.length) return null;
      const byId = new Map(asked.map((column) => [earlier.items[column]!.id, column]));
      return ids.map((id) => byId.get(id)!);
    }),
  );
  return { columns, shared };
}

/** Every score of one dimension up to a wave, as columns, with the group each row answered as. */
interface DimensionObservations extends ObservationColumns {
  waveEnds: Int32Array;
  person: Int32Array;
  wave: Int32Array;
  group: Int32Array;
  score: Float64Array;
}

/**
 * The comparable scores of waves 0..last: stored scores, or, per wave and group, the scores on
 * the given columns when the questionnaire changed.
 */
function observationsOf(
  table: ResponseTable,
  dimension: number,
  last: number,
  columns: readonly (number[] | null)[][] | null,
): DimensionObservations {
  const dimensions = table.dimensions.length;
  let length = 0;
  for (let index = 0; index <= last; index += 1) length += table.waves[index]!.rows;
  const out: DimensionObservations = {
    length: 0,
    personCount: table.participantIds.length,
    waveEnds: new Int32Array(last + 1),
    person: new Int32Array(length),
    wave: new Int32Array(length),
    group: new Int32Array(length),
    score: new Float64Array(length),
  };
  for (let index = 0; index <= last; index += 1) {
    const earlier = table.waves[index]!;
    for (let row = 0; row < earlier.rows; row += 1) {
      const group = earlier.groups[row]!;
      const own = columns?.[index]?.[group] ?? null;
      const score = own === null ? earlier.score(row, dimension, dimensions) : earlier.scoreOn(row, own);
      if (Number.isNaN(score)) continue;
      const at = out.length;
      out.person[at] = earlier.participants[row]!;
      out.wave[at] = index;
      out.group[at] = group;
      out.score[at] = score;
      out.length += 1;
    }
    out.waveEnds[index] = out.length;
  }
  out.byPerson = rowsByPerson(out, table.participantIds.length);
  return out;
}

/** Scores of the same people in the previous wave and now, for reliable change. */
function previousPairs(
  observations: DimensionObservations,
  current: number,
  group: number,
): { before: number[]; after: number[] } {
  const mine = (i: number) => group === ALL || observations.group[i] === group;
  const from = current >= 2 ? observations.waveEnds[current - 2]! : 0;
  const to = observations.waveEnds[current]!;
  const previous = new Float64Array(observations.personCount ?? 0).fill(Number.NaN);
  for (let i = from; i < to; i += 1) {
    if (observations.wave[i] === current - 1 && mine(i)) previous[observations.person[i]!] = observations.score[i]!;
  }
  const before: number[] = [];
  const after: number[] = [];
  for (let i = from; i < to; i += 1) {
    if (observations.wave[i] !== current || !mine(i)) continue;
    const then = previous[observations.person[i]!]!;
    if (Number.isNaN(then)) continue;
    before.push(then);
    after.push(observations.score[i]!);
  }
  return { before, after };
}

interface WaveContext {
  table: ResponseTable;
  /** Per dimension, the stored scores of every wave: what each wave's fit reads when the questionnaire did not change. */
  stored: DimensionObservations[];
  wave: WaveTable;
  rows: number[][];
  allRows: number[];
  thresholds: StatusThresholds;
  invited: ReadonlyMap<string, number>;
  /** Participation per group number, computed before the cells. */
  participation: (ParticipationRow | null)[];
}

function missingScores(context: WaveContext, group: number, dimension: number, submitted: number): MissingScores {
  const { asked } = context.wave;
  const askedColumns =
    group === ALL ? asked.flatMap((byDimension) => byDimension[dimension]!) : asked[group]![dimension]!;
  if (askedColumns.length === 0) return 'not-asked';
  return submitted === 0 ? 'nobody-answered' : 'too-few-items';
}

function itemComparisonOf(
  table: ResponseTable,
  wave: WaveTable,
  group: number,
  comparable: { columns: (number[] | null)[][]; shared: string[][] },
): ItemComparison | null {
  const groups = group === ALL ? table.design.groups.map((_, g) => g) : [group];
  const restricted = groups.some((g) => comparable.columns.some((perGroup) => perGroup[g] !== null));
  if (!restricted || wave.index === 0) return null;
  const versions = [...new Set(table.waves.slice(0, wave.index + 1).map((earlier) => earlier.instrument.version))];
  return { versions, sharedItems: [...new Set(groups.flatMap((g) => comparable.shared[g]!))] };
}

/** The cells of one wave and dimension, before the wave's correction and classification. */
function describeStatistics(
  context: WaveContext,
  dimension: number,
  previousCells: ReadonlyMap<number, AnalysisCell> | null,
): Map<number, AnalysisCell> {
  const { wave, table } = context;
  const { groups } = table.design;
  const dimensions = table.dimensions.length;
  const comparable = comparableColumns(table, wave, dimension);
  const restricted = comparable.columns.some((perGroup) => perGroup.some((columns) => columns !== null));
  const observations =
    wave.index === 0
      ? null
      : restricted
        ? observationsOf(table, dimension, wave.index, comparable.columns)
        : context.stored[dimension]!;
  const cells = new Map<number, AnalysisCell>();
  for (let group = ALL; group < groups.length; group += 1) {
    const rows = group === ALL ? context.allRows : context.rows[group]!;
    const scores = presentScores(rows, (row) => wave.score(row, dimension, dimensions));
    const summary = summarise(scores);
    const alphaColumns =
      group === ALL
        ? commonColumns(wave.asked.map((byDimension) => byDimension[dimension]!))
        : wave.asked[group]![dimension]!;
    const alpha = alphaOf(wave, rows, alphaColumns);
    const participation = group === ALL ? null : context.participation[group]!;
    const invited =
      group === ALL
        ? groups.reduce((sum, { id }) => sum + (context.invited.get(id) ?? 0), 0)
        : (context.invited.get(groups[group]!.id) ?? 0);
    const previousCell = previousCells?.get(group) ?? null;

    let change: ChangeResult | null = null;
    let reliable: ReliableChangeResult | null = null;
    if (observations !== null && summary.mean !== null) {
      const described = withinPersonChangeOf(observations, wave.index, group);
      if (described !== null) {
        change = {
          ...described,
          tested: group !== ALL && isTestable(described.linked, context.thresholds),
          pFallAdjusted: null,
          pRiseAdjusted: null,
        };
      }
      const { before, after } = previousPairs(observations, wave.index, group);
      if (before.length > 0) {
        const result = reliableChange({ before, after, minPairs: context.thresholds.minLinked });
        reliable =
          result.status === 'skipped'
            ? result
            : {
                status: 'computed',
                pairs: result.pairs,
                stability: result.stability,
                minimumReliableChange: result.minimumReliableChange,
                deteriorated: result.deteriorated,
                improved: result.improved,
              };
      }
    }

    cells.set(group, {
      waveId: wave.wave.id,
      wave: wave.wave.label,
      waveIndex: wave.index + 1,
      group: group === ALL ? ALL_GROUPS : groups[group]!.id,
      dimension: table.dimensions[dimension]!.id,
      n: summary.n,
      mean: summary.mean,
      sd: summary.sd,
      ciLow: summary.ciLow,
      ciHigh: summary.ciHigh,
      alpha: alpha?.result?.alpha ?? null,
      alphaCiLow: alpha?.result?.ciLow ?? null,
      alphaCiHigh: alpha?.result?.ciHigh ?? null,
      alphaCompleteCases: alpha?.completeCases ?? 0,
      submitted: rows.length,
      invited,
      responseRate: invited > 0 ? rows.length / invited : null,
      previousResponseRate: previousCell?.responseRate ?? null,
      participation: participation?.status ?? null,
      previousMean: previousCell?.mean ?? null,
      change,
      itemComparison: itemComparisonOf(table, wave, group, comparable),
      reliable,
      gaps: [],
      signals: [],
      status: null,
      reason: '',
      reasons: { en: '', it: '' },
    });
  }

  for (let group = 0; group < groups.length; group += 1) {
    const scores = presentScores(context.rows[group]!, (row) => wave.score(row, dimension, dimensions));
    const cell = cells.get(group)!;
    for (let other = 0; other < groups.length; other += 1) {
      if (other === group) continue;
      const otherScores = presentScores(context.rows[other]!, (row) => wave.score(row, dimension, dimensions));
      const welch = welchTTest(scores, otherScores);
      cell.gaps.push({
        otherGroup: groups[other]!.id,
        g: hedgesG(scores, otherScores),
        meanDiff: welch?.meanDiff ?? null,
        t: welch?.t ?? null,
        df: welch?.df ?? null,
        p: welch?.p ?? null,
      });
    }
  }
  return cells;
}

/**
 * Holm across the wave's tested cells, one family for falls and one for rises, each at the
 * wave's share of the budget: multiplying by followUpWaves puts the adjusted p on the scale of
 * the project's budget, so it is compared with alpha directly.
 */
function correctWave(cells: readonly AnalysisCell[], thresholds: StatusThresholds): void {
  const tested = cells.filter((cell) => cell.change?.tested);
  const onProjectScale = (p: number | null) => (p === null ? null : Math.min(1, p * thresholds.followUpWaves));
  const falls = holm(tested.map((cell) => cell.change!.pFall));
  const rises = holm(tested.map((cell) => cell.change!.pRise));
  tested.forEach((cell, i) => {
    cell.change!.pFallAdjusted = onProjectScale(falls[i] ?? null);
    cell.change!.pRiseAdjusted = onProjectScale(rises[i] ?? null);
  });
}

function reasonLabels(context: WaveContext, cell: AnalysisCell, dimension: number, locale: Locale): ReasonLabels {
  const { groups } = context.table.design;
  const group = groups.find(({ id }) => id === cell.group);
  return {
    dimension: nameIn(context.table.dimensions[dimension]!, locale),
    group: group ? nameIn(group, locale) : null,
    wave: cell.wave,
    firstWave: context.table.waves[0]!.wave.label,
    previousWave: context.wave.index === 0 ? null : context.table.waves[context.wave.index - 1]!.wave.label,
  };
}

/** The reason in every language, each with the names in that language. */
function explain(context: WaveContext, cell: AnalysisCell, dimension: number, input: ReasonInput): void {
  const scale = context.wave.scales[dimension] ?? null;
  for (const locale of LOCALES) {
    const labels = reasonLabels(context, cell, dimension, locale);
    cell.reasons[locale] = describeCell(input, labels, context.thresholds, scale, locale);
  }
  cell.reason = cell.reasons.en;
}

/** Status and reason; a cell without a mean has nothing to classify and says why. */
function classify(context: WaveContext, cell: AnalysisCell, group: number, dimension: number): void {
  const scale = context.wave.scales[dimension];
  if (cell.mean === null || !scale) {
    const missing = missingScores(context, group, dimension, cell.submitted);
    explain(context, cell, dimension, { kind: 'missing', missing, invited: cell.invited });
    return;
  }
  if (group === ALL) {
    explain(context, cell, dimension, { kind: 'pooled', cell });
    return;
  }
  const change = cell.change;
  // A fit without residual degrees of freedom has no p: there is nothing to test.
  if (change === null || !change.tested || change.pFall === null) {
    cell.status = 'too-few';
    explain(context, cell, dimension, { kind: 'too-few', cell });
    return;
  }
  const classification = classifyChange(
    {
      linked: change.linked,
      meanChange: change.meanChange,
      pFallAdjusted: change.pFallAdjusted,
      pRiseAdjusted: change.pRiseAdjusted,
    },
    scale,
    context.thresholds,
  );
  cell.status = classification.status;
  cell.signals = classification.signals;
  explain(context, cell, dimension, { kind: 'tested', cell, classification });
}

function participationRows(
  context: WaveContext,
  previous: readonly (ParticipationRow | null)[] | null,
): ParticipationRow[] {
  const { wave, table } = context;
  return table.design.groups.map(({ id }, group) => {
    const invited = context.invited.get(id) ?? 0;
    const submitted = context.rows[group]!.length;
    const rate = invited > 0 ? submitted / invited : null;
    const before = previous?.[group] ?? null;
    const status = classifyParticipation(
      { invited, rate, previousInvited: before?.invited ?? null, previousRate: before?.rate ?? null },
      context.thresholds,
    );
    return {
      waveId: wave.wave.id,
      wave: wave.wave.label,
      waveIndex: wave.index + 1,
      group: id,
      invited,
      submitted,
      rate,
      previousRate: before?.rate ?? null,
      status,
    };
  });
}

/**
 * The whole analysis over a project's scored responses (docs/methods.md): per wave, group (and
 * `all`) and dimension the aggregate with its CI, Cronbach's alpha with the Feldt CI, each
 * person's change against their own earlier average, tested one-sided with Holm across the
 * wave's group cells, reliable change on test-retest stability, the gap to every other group,
 * the status and its reason; and per wave and group the participation. Each wave is one pass
 * over its rows per dimension and earlier wave; nothing pairs rows with rows.
 */
export function analyseProject(table: ResponseTable, options: AnalysisOptions): ProjectAnalysis {
  const thresholds = options.thresholds ?? DEFAULT_STATUS_THRESHOLDS;
  const groupCount = table.design.groups.length;
  table.indexParticipants();
  const cells: AnalysisCell[] = [];
  const participation: ParticipationRow[] = [];
  let previousCellsByDimension: Map<number, AnalysisCell>[] | null = null;
  let previousParticipation: ParticipationRow[] | null = null;
  const lastWave = table.waves.length - 1;
  const stored =
    lastWave < 0 ? [] : table.dimensions.map((_, dimension) => observationsOf(table, dimension, lastWave, null));

  for (const wave of table.waves) {
    const rows = rowsByGroup(wave, groupCount);
    const context: WaveContext = {
      table,
      stored,
      wave,
      rows,
      allRows: Array.from({ length: wave.rows }, (_, row) => row),
      thresholds,
      invited: options.invited.get(wave.wave.id) ?? new Map(),
      participation: [],
    };
    const waveParticipation = participationRows(context, previousParticipation);
    context.participation = waveParticipation;
    participation.push(...waveParticipation);

    const byDimension = table.dimensions.map((_, dimension) =>
      describeStatistics(context, dimension, previousCellsByDimension?.[dimension] ?? null),
    );
    correctWave(
      byDimension.flatMap((perGroup) => [...perGroup.values()]),
      thresholds,
    );
    byDimension.forEach((perGroup, dimension) => {
      perGroup.forEach((cell, group) => classify(context, cell, group, dimension));
    });

    for (let group = ALL; group < groupCount; group += 1) {
      for (const perGroup of byDimension) cells.push(perGroup.get(group)!);
    }
    previousCellsByDimension = byDimension;
    previousParticipation = waveParticipation;
  }

  return {
    waves: table.waves.map(({ wave, index }) => ({
      id: wave.id,
      label: wave.label,
      index: index + 1,
      instrumentVersion: wave.instrument.version,
    })),
    groups: table.design.groups,
    dimensions: table.dimensions,
    thresholds,
    cells,
    participation,
  };
}
