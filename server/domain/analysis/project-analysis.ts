import { classifyCell, type CellStatus } from '../statistics/classification.js';
import { sampleSd, summarise } from '../statistics/descriptive.js';
import {
  DEFAULT_FLAG_THRESHOLDS,
  type CellEvidence,
  type Flag,
  type FlagThresholds,
  type GapObservation,
} from '../statistics/flag-rules.js';
import { hedgesG, welchTTest } from '../statistics/group-gap.js';
import { benjaminiHochberg } from '../statistics/multiple-testing.js';
import { pairedChange } from '../statistics/paired-change.js';
import { cronbachAlpha } from '../statistics/reliability.js';
import { reliableChange, type ReliableChangeCounts, type ReliableChangeSkipped } from '../statistics/reliable-change.js';
import { ALL_GROUPS, type AnalysisGroup, type InvitedCounts } from './analysis-design.js';
import {
  describeAnalysedCell,
  describeMissingCell,
  inSentence,
  type ItemComparison,
  type MissingScores,
  type ReasonLabels,
} from './cell-reason.js';
import type { AnalysisDimension, ResponseTable, WaveTable } from './response-table.js';
import { commonColumns, sharedItems, type SharedItems } from './shared-items.js';

/** Change against the previous wave, on the people who answered both. */
export interface ChangeResult {
  pairs: number;
  /** Mean of (this wave - previous wave). */
  meanChange: number;
  /** Wilcoxon below 10 pairs, else the paired t-test (see pairedChange). */
  test: 'wilcoxon' | 't';
  p: number | null;
  /** Benjamini-Hochberg within the wave, across every (group, dimension) test. */
  pAdjusted: number | null;
  t: number | null;
  df: number;
  dz: number | null;
  wilcoxonV: number | null;
}

export type ReliableChangeResult = (ReliableChangeCounts & { minimumReliableChange: number }) | ReliableChangeSkipped;

/** This group against another group in the same wave and dimension. */
export interface GapResult {
  otherGroup: string;
  /** Hedges' g of this group minus the other; null when undefined. */
  g: number | null;
  previousG: number | null;
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
  previousMean: number | null;
  change: ChangeResult | null;
  /** Set when a new questionnaire version limited the change tests to the shared items. */
  itemComparison: ItemComparison | null;
  reliable: ReliableChangeResult | null;
  /** Against each other stakeholder group; empty for `all`. */
  gaps: GapResult[];
  flags: Flag[];
  /** Null when there is no mean to classify. */
  status: CellStatus | null;
  reason: string;
}

export interface ProjectAnalysis {
  waves: { id: string; label: string; index: number; instrumentVersion: string }[];
  groups: readonly AnalysisGroup[];
  dimensions: readonly AnalysisDimension[];
  thresholds: FlagThresholds;
  /** Ordered by wave, then `all` before the groups in project order, then dimension. */
  cells: AnalysisCell[];
}

export interface AnalysisOptions {
  invited: InvitedCounts;
  thresholds?: FlagThresholds;
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

interface WaveContext {
  table: ResponseTable;
  wave: WaveTable;
  previous: WaveTable | null;
  rows: number[][];
  allRows: number[];
  previousRows: number[][] | null;
  previousAllRows: number[] | null;
  thresholds: FlagThresholds;
  invited: ReadonlyMap<string, number>;
}

interface PairedScores {
  before: number[];
  after: number[];
  baselineSd: number | null;
  baselineAlpha: number | null;
}

/**
 * Scores of the people in this cell who answered both waves, and the baseline the reliable
 * change index needs. When the questionnaire changed, both waves are rescored on the shared
 * items, and so is the baseline, so that like is compared with like.
 */
function pairedScores(
  context: WaveContext,
  group: number,
  dimension: number,
  shared: SharedItems,
  previousCell: AnalysisCell,
): PairedScores {
  const { wave, table } = context;
  const previous = context.previous!;
  const dimensions = table.dimensions.length;
  const restricted = shared.anyRestricted;
  const before: number[] = [];
  const after: number[] = [];
  for (const row of group === ALL ? context.allRows : context.rows[group]!) {
    const previousRow = previous.rowOf(wave.participants[row]!);
    if (previousRow < 0) continue;
    const rowGroup = wave.groups[row]!;
    const now = restricted ? wave.scoreOn(row, shared.current[rowGroup]!) : wave.score(row, dimension, dimensions);
    const then = restricted
      ? previous.scoreOn(previousRow, shared.previous[rowGroup]!)
      : previous.score(previousRow, dimension, dimensions);
    if (Number.isNaN(now) || Number.isNaN(then)) continue;
    before.push(then);
    after.push(now);
  }
  if (!restricted) return { before, after, baselineSd: previousCell.sd, baselineAlpha: previousCell.alpha };
  const baselineRows = group === ALL ? context.previousAllRows! : context.previousRows![group]!;
  const baselineScores = presentScores(baselineRows, (row) => previous.scoreOn(row, shared.previous[previous.groups[row]!]!));
  const alphaColumns = group === ALL ? commonColumns(shared.previous) : shared.previous[group]!;
  return {
    before,
    after,
    baselineSd: sampleSd(baselineScores),
    baselineAlpha: alphaOf(previous, baselineRows, alphaColumns)?.result?.alpha ?? null,
  };
}

function reliableResult(
  paired: PairedScores,
  thresholds: FlagThresholds,
): ReliableChangeResult | null {
  if (paired.before.length === 0) return null;
  const result = reliableChange(paired, thresholds);
  if (result.status === 'skipped') return result;
  const { status, pairs, deteriorated, improved, minimumReliableChange } = result;
  return { status, pairs, deteriorated, improved, minimumReliableChange };
}

function missingScores(context: WaveContext, group: number, dimension: number, submitted: number): MissingScores {
  const { asked } = context.wave;
  const askedColumns = group === ALL ? asked.flatMap((byDimension) => byDimension[dimension]!) : asked[group]![dimension]!;
  if (askedColumns.length === 0) return 'not-asked';
  return submitted === 0 ? 'nobody-answered' : 'too-few-items';
}

/** The cells of one wave and dimension before BH, gaps and classification. */
function describeStatistics(
  context: WaveContext,
  dimension: number,
  previousCells: ReadonlyMap<number, AnalysisCell> | null,
): Map<number, AnalysisCell> {
  const { wave, table, previous } = context;
  const { groups } = table.design;
  const dimensions = table.dimensions.length;
  const shared = previous === null ? null : sharedItems(previous, wave, dimension);
  const cells = new Map<number, AnalysisCell>();
  for (let group = ALL; group < groups.length; group += 1) {
    const rows = group === ALL ? context.allRows : context.rows[group]!;
    const scores = presentScores(rows, (row) => wave.score(row, dimension, dimensions));
    const summary = summarise(scores);
    const alphaColumns = group === ALL ? commonColumns(wave.asked.map((byDimension) => byDimension[dimension]!)) : wave.asked[group]![dimension]!;
    const alpha = alphaOf(wave, rows, alphaColumns);
    const invited =
      group === ALL
        ? groups.reduce((sum, { id }) => sum + (context.invited.get(id) ?? 0), 0)
        : (context.invited.get(groups[group]!.id) ?? 0);
    const previousCell = previousCells?.get(group) ?? null;

    let change: ChangeResult | null = null;
    let reliable: ReliableChangeResult | null = null;
    let itemComparison: ItemComparison | null = null;
    if (shared !== null && previousCell !== null && previous !== null) {
      const paired = pairedScores(context, group, dimension, shared, previousCell);
      const tested = pairedChange(paired.before, paired.after);
      if (tested !== null) {
        change = {
          pairs: tested.pairs,
          meanChange: tested.meanChange,
          test: tested.test,
          p: tested.p,
          pAdjusted: null,
          t: tested.tTest.t,
          df: tested.tTest.df,
          dz: tested.tTest.dz,
          wilcoxonV: tested.wilcoxon?.v ?? null,
        };
      }
      reliable = reliableResult(paired, context.thresholds);
      const restricted = group === ALL ? shared.anyRestricted : shared.restricted[group]!;
      if (restricted) {
        itemComparison = {
          previousVersion: previous.instrument.version,
          version: wave.instrument.version,
          sharedItems: group === ALL ? [...new Set(shared.ids.flat())] : shared.ids[group]!,
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
      previousMean: previousCell?.mean ?? null,
      change,
      itemComparison,
      reliable,
      gaps: [],
      flags: [],
      status: null,
      reason: '',
    });
  }

  for (let group = 0; group < groups.length; group += 1) {
    const rows = context.rows[group]!;
    const scores = presentScores(rows, (row) => wave.score(row, dimension, dimensions));
    const cell = cells.get(group)!;
    for (let other = 0; other < groups.length; other += 1) {
      if (other === group) continue;
      const otherScores = presentScores(context.rows[other]!, (row) => wave.score(row, dimension, dimensions));
      const welch = welchTTest(scores, otherScores);
      const otherGroup = groups[other]!.id;
      cell.gaps.push({
        otherGroup,
        g: hedgesG(scores, otherScores),
        previousG: previousCells?.get(group)?.gaps.find((gap) => gap.otherGroup === otherGroup)?.g ?? null,
        meanDiff: welch?.meanDiff ?? null,
        t: welch?.t ?? null,
        df: welch?.df ?? null,
        p: welch?.p ?? null,
      });
    }
  }
  return cells;
}

function reasonLabels(context: WaveContext, cell: AnalysisCell, dimension: number): ReasonLabels {
  const { groups } = context.table.design;
  const group = groups.find(({ id }) => id === cell.group);
  return {
    dimension: context.table.dimensions[dimension]!.label,
    group: group ? inSentence(group.label) : 'all respondents',
    wave: cell.wave,
    previousWave: context.previous?.wave.label ?? null,
    otherGroups: Object.fromEntries(groups.map(({ id, label }) => [id, inSentence(label)])),
  };
}

/** Flags, status and reason; a cell without a mean has nothing to classify and says why. */
function classify(context: WaveContext, cell: AnalysisCell, group: number, dimension: number): void {
  const labels = reasonLabels(context, cell, dimension);
  const scale = context.wave.scales[dimension];
  if (cell.mean === null || !scale) {
    const missing = missingScores(context, group, dimension, cell.submitted);
    const invited = missing === 'nobody-answered' && cell.invited > 0 ? ` ${cell.invited} were invited.` : '';
    cell.reason = describeMissingCell(missing, labels) + invited;
    return;
  }
  const gaps: GapObservation[] = [];
  for (const { otherGroup, g, previousG } of cell.gaps) if (g !== null) gaps.push({ otherGroup, g, previousG });
  const evidence: CellEvidence = {
    isFirstWave: context.previous === null,
    scale,
    mean: cell.mean,
    previousMean: cell.previousMean,
    change: cell.change && { pairs: cell.change.pairs, meanChange: cell.change.meanChange, pAdjusted: cell.change.pAdjusted },
    reliable: cell.reliable,
    gaps,
    responseRate: cell.responseRate,
    previousResponseRate: cell.previousResponseRate,
  };
  const classification = classifyCell(evidence, context.thresholds);
  cell.flags = classification.flags;
  cell.status = classification.status;
  cell.reason = describeAnalysedCell({
    evidence,
    classification,
    labels,
    thresholds: context.thresholds,
    itemComparison: cell.itemComparison,
    changeUntested: cell.change === null,
  });
}

/**
 * The whole analysis of STATISTICS.md over a project's scored responses: per wave, group
 * (and `all`) and dimension the aggregate with its CI, Cronbach's alpha with the Feldt CI,
 * paired change against the previous wave with BH correction across the wave, reliable
 * change, the gap to every other group, the response rate, the flags, the status and its
 * reason. Each wave is one pass over its rows per dimension; nothing pairs rows with rows.
 */
export function analyseProject(table: ResponseTable, options: AnalysisOptions): ProjectAnalysis {
  const thresholds = options.thresholds ?? DEFAULT_FLAG_THRESHOLDS;
  const groupCount = table.design.groups.length;
  table.indexParticipants();
  const cells: AnalysisCell[] = [];
  let previousCellsByDimension: Map<number, AnalysisCell>[] | null = null;
  let previousRows: number[][] | null = null;

  for (const wave of table.waves) {
    const previous = wave.index === 0 ? null : table.waves[wave.index - 1]!;
    const rows = rowsByGroup(wave, groupCount);
    const context: WaveContext = {
      table,
      wave,
      previous,
      rows,
      allRows: Array.from({ length: wave.rows }, (_, row) => row),
      previousRows,
      previousAllRows: previous === null ? null : Array.from({ length: previous.rows }, (_, row) => row),
      thresholds,
      invited: options.invited.get(wave.wave.id) ?? new Map(),
    };
    const byDimension = table.dimensions.map((_, dimension) =>
      describeStatistics(context, dimension, previousCellsByDimension?.[dimension] ?? null),
    );

    const waveCells = byDimension.flatMap((perGroup) => [...perGroup.values()]);
    const adjusted = benjaminiHochberg(waveCells.map((cell) => cell.change?.p ?? null));
    waveCells.forEach((cell, i) => {
      if (cell.change) cell.change.pAdjusted = adjusted[i] ?? null;
    });

    byDimension.forEach((perGroup, dimension) => {
      perGroup.forEach((cell, group) => classify(context, cell, group, dimension));
    });

    for (let group = ALL; group < groupCount; group += 1) {
      for (const perGroup of byDimension) cells.push(perGroup.get(group)!);
    }
    previousCellsByDimension = byDimension;
    previousRows = rows;
  }

  return {
    waves: table.waves.map(({ wave, index }) => ({ id: wave.id, label: wave.label, index: index + 1, instrumentVersion: wave.instrument.version })),
    groups: table.design.groups,
    dimensions: table.dimensions,
    thresholds,
    cells,
  };
}
