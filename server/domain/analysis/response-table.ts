import { englishText } from '../english-text.js';
import { allItems, type Instrument, type LocalizedText } from '../instrument.js';
import { isScored } from '../item-types/registry.js';
import { scaleOf, scoredPoint, type ScoredItem } from '../item-types/scored-item.js';
import { dimensionItems, hasEnoughAnswers } from '../scoring.js';
import type { ScaleRange } from '../statistics/status-rules.js';
import type { AnalysisDesign, AnalysisGroup, AnalysisResponse, AnalysisWave } from './analysis-design.js';

export interface AnalysisDimension {
  id: string;
  /** In English, else the instrument's first language: what the exports write. */
  label: string;
  /** The label in each of the instrument's languages, for reasons and pages in those languages. */
  names?: LocalizedText;
}

/**
 * One wave's submitted responses as flat columns: a row per response, one value per scored
 * item (reverse-coded, NaN when not answered) and one score per project dimension (NaN when
 * missing). Numbers sit in packed arrays, not in per-response objects, so a large project
 * costs a few megabytes and every statistic is a tight loop.
 */
export class WaveTable {
  readonly items: readonly ScoredItem[];
  /** Column numbers of the items each group is asked: asked[group][dimension]. */
  readonly asked: readonly (readonly number[])[][];
  /** Per project dimension; null when this wave's instrument does not measure it. */
  readonly scales: readonly (ScaleRange | null)[];
  /** Global participant number of each row. */
  readonly participants: number[] = [];
  /** Group number of each row. */
  readonly groups: number[] = [];
  /** rows × items, row-major. */
  readonly values: number[] = [];
  /** rows × dimensions, row-major. */
  readonly scores: number[] = [];
  private rowOfParticipant: Int32Array = new Int32Array(0);

  constructor(
    readonly wave: AnalysisWave,
    readonly index: number,
    groups: readonly AnalysisGroup[],
    dimensions: readonly AnalysisDimension[],
  ) {
    const { instrument } = wave;
    this.items = allItems(instrument).filter(isScored);
    const column = new Map(this.items.map((item, i) => [item.id, i]));
    this.asked = groups.map((group) =>
      dimensions.map(({ id }) => dimensionItems(instrument, id, group.id).map((item) => column.get(item.id)!)),
    );
    this.scales = dimensions.map(({ id }) => {
      const item = this.items.find((candidate) => candidate.dimension === id);
      if (!item) return null;
      const { min, max } = scaleOf(instrument, item);
      return { min, max };
    });
  }

  get rows(): number {
    return this.groups.length;
  }

  get instrument(): Instrument {
    return this.wave.instrument;
  }

  /** Scores the response once, on the way in. */
  addRow(participant: number, group: number, response: AnalysisResponse): void {
    const { instrument } = this.wave;
    const start = this.values.length;
    for (const item of this.items) {
      const value = scoredPoint(instrument, item, response.answers[item.id]);
      this.values.push(value === null ? Number.NaN : value);
    }
    for (const columns of this.asked[group]!) {
      const score = meanOfAnswered(this.values, start, columns);
      this.scores.push(score);
    }
    this.participants.push(participant);
    this.groups.push(group);
  }

  value(row: number, column: number): number {
    return this.values[row * this.items.length + column]!;
  }

  score(row: number, dimension: number, dimensionCount: number): number {
    return this.scores[row * dimensionCount + dimension]!;
  }

  /** The scoring rule of docs/methods.md on a chosen set of columns; NaN when too few were answered. */
  scoreOn(row: number, columns: readonly number[]): number {
    return meanOfAnswered(this.values, row * this.items.length, columns);
  }

  /** The row of a participant in this wave, or -1. */
  rowOf(participant: number): number {
    return participant < this.rowOfParticipant.length ? this.rowOfParticipant[participant]! : -1;
  }

  indexParticipants(participantCount: number): void {
    this.rowOfParticipant = new Int32Array(participantCount).fill(-1);
    this.participants.forEach((participant, row) => {
      this.rowOfParticipant[participant] = row;
    });
  }
}

function meanOfAnswered(values: readonly number[], rowStart: number, columns: readonly number[]): number {
  let sum = 0;
  let answered = 0;
  for (const column of columns) {
    const value = values[rowStart + column]!;
    if (Number.isNaN(value)) continue;
    sum += value;
    answered += 1;
  }
  return hasEnoughAnswers(answered, columns.length) ? sum / answered : Number.NaN;
}

/** Every dimension any wave measures, in the order the waves introduce them. */
function projectDimensions(waves: readonly AnalysisWave[]): AnalysisDimension[] {
  const seen = new Map<string, AnalysisDimension>();
  for (const { instrument } of waves) {
    for (const dimension of instrument.dimensions) {
      if (!seen.has(dimension.id))
        seen.set(dimension.id, { id: dimension.id, label: englishText(dimension.label), names: dimension.label });
    }
  }
  return [...seen.values()];
}

/**
 * A project's submitted responses, scored as they arrive so a store can stream them in.
 * Responses to a wave or group the design does not know are left out (the store's imports
 * reject them, so this only guards against records edited by hand).
 */
export class ResponseTable {
  readonly dimensions: readonly AnalysisDimension[];
  readonly waves: readonly WaveTable[];
  readonly participantIds: string[] = [];
  private readonly participantNumber = new Map<string, number>();
  private readonly waveNumber: Map<string, number>;
  private readonly groupNumber: Map<string, number>;
  private indexed = false;

  constructor(readonly design: AnalysisDesign) {
    this.dimensions = projectDimensions(design.waves);
    this.waves = design.waves.map((wave, index) => new WaveTable(wave, index, design.groups, this.dimensions));
    this.waveNumber = new Map(design.waves.map((wave, index) => [wave.id, index]));
    this.groupNumber = new Map(design.groups.map((group, index) => [group.id, index]));
  }

  /** False when the response was left out. */
  add(response: AnalysisResponse): boolean {
    const wave = this.waveNumber.get(response.waveId);
    const group = this.groupNumber.get(response.group);
    if (wave === undefined || group === undefined) return false;
    let participant = this.participantNumber.get(response.participantId);
    if (participant === undefined) {
      participant = this.participantIds.length;
      this.participantIds.push(response.participantId);
      this.participantNumber.set(response.participantId, participant);
    }
    this.waves[wave]!.addRow(participant, group, response);
    this.indexed = false;
    return true;
  }

  /**
   * Links rows across waves by participant; call after the last `add`. People are numbered by
   * what they answered (wave by wave: whether they answered, their group, every item value),
   * not by the order their rows arrived in: sums over people then run in the same order for the
   * same answers, so two imports of the same data give the same figures to the last bit, and
   * the same reasons. People with identical answers everywhere are interchangeable.
   */
  indexParticipants(): void {
    if (this.indexed) return;
    const count = this.participantIds.length;
    for (const wave of this.waves) wave.indexParticipants(count);
    const compare = (a: number, b: number): number => {
      for (const wave of this.waves) {
        const rowA = wave.rowOf(a);
        const rowB = wave.rowOf(b);
        if (rowA < 0 !== rowB < 0) return rowA < 0 ? -1 : 1;
        if (rowA < 0) continue;
        const groupA = wave.groups[rowA]!;
        const groupB = wave.groups[rowB]!;
        if (groupA !== groupB) return groupA - groupB;
        const width = wave.items.length;
        for (let column = 0; column < width; column += 1) {
          const valueA = wave.values[rowA * width + column]!;
          const valueB = wave.values[rowB * width + column]!;
          if (valueA === valueB || (Number.isNaN(valueA) && Number.isNaN(valueB))) continue;
          if (Number.isNaN(valueA)) return -1;
          if (Number.isNaN(valueB)) return 1;
          return valueA - valueB;
        }
      }
      return 0;
    };
    const order = Array.from({ length: count }, (_, participant) => participant).sort(compare);
    const renumbered = new Int32Array(count);
    order.forEach((participant, rank) => {
      renumbered[participant] = rank;
    });
    const ids = order.map((participant) => this.participantIds[participant]!);
    this.participantIds.splice(0, count, ...ids);
    ids.forEach((id, rank) => this.participantNumber.set(id, rank));
    for (const wave of this.waves) {
      for (let row = 0; row < wave.rows; row += 1) wave.participants[row] = renumbered[wave.participants[row]!]!;
      wave.indexParticipants(count);
    }
    this.indexed = true;
  }

  /** Participant id → group id of the people who answered a wave. */
  respondents(waveId: string): Map<string, string> {
    const wave = this.waves[this.waveNumber.get(waveId) ?? -1];
    const respondents = new Map<string, string>();
    if (!wave) return respondents;
    for (let row = 0; row < wave.rows; row += 1) {
      respondents.set(this.participantIds[wave.participants[row]!]!, this.design.groups[wave.groups[row]!]!.id);
    }
    return respondents;
  }
}

/** Convenience for callers that already hold every response. */
export function buildResponseTable(design: AnalysisDesign, responses: Iterable<AnalysisResponse>): ResponseTable {
  const table = new ResponseTable(design);
  for (const response of responses) table.add(response);
  table.indexParticipants();
  return table;
}
