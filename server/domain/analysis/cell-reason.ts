import {
  capitalised,
  describeInterval,
  describeShift,
  formatMean,
  formatP,
  inSentence,
} from '../statistics/plain-language.js';
import {
  pointsOnScale,
  type Classification,
  type ScaleRange,
  type StatusThresholds,
} from '../statistics/status-rules.js';
import type { Locale } from '../../i18n/catalogue.js';
import { italianReason } from './cell-reason-italian.js';
import type { AnalysisCell } from './project-analysis.js';

/** Which items a comparison used when the questionnaire changed between waves. */
export interface ItemComparison {
  /** The versions of the waves compared, in wave order. */
  versions: string[];
  /** The items every one of those waves asks, which the comparison used. */
  sharedItems: string[];
}

export interface ReasonLabels {
  dimension: string;
  /** The group's display name; null for the pooled `all`. */
  group: string | null;
  wave: string;
  firstWave: string;
  /** Null on the first wave. */
  previousWave: string | null;
}

export type MissingScores = 'not-asked' | 'nobody-answered' | 'too-few-items';

export type ReasonInput =
  | { kind: 'missing'; missing: MissingScores; invited: number }
  | { kind: 'pooled'; cell: AnalysisCell }
  | { kind: 'too-few'; cell: AnalysisCell }
  | { kind: 'tested'; cell: AnalysisCell; classification: Classification };

export interface ReasonContext {
  labels: ReasonLabels;
  thresholds: StatusThresholds;
  scale: ScaleRange | null;
}

interface Context extends ReasonContext {
  /** "family caregivers", "all respondents". */
  who: string;
  /** "Trust among family caregivers". */
  subject: string;
}

/** What each person's score is compared with: one earlier wave, or the average of several. */
function earlierLevel(context: Context, waveIndex: number): string {
  return waveIndex === 2 ? `than they did in ${context.labels.firstWave}` : 'than their own average in earlier waves';
}

/**
 * The comparison in plain words: who it rests on, the size of the change and its interval.
 * "The 14 who answered Wave 3 and an earlier wave scored on average 0.62 points lower than
 * their own average in earlier waves (95% interval: 0.31 to 0.93 points lower)."
 */
function comparison(context: Context, cell: AnalysisCell): string {
  const change = cell.change!;
  const people = change.linked === 1 ? 'The one person' : `The ${change.linked} people`;
  const answered = `${people} who answered ${cell.wave} and an earlier wave`;
  const verb = change.linked === 1 ? 'scored' : 'scored on average';
  const shift = describeShift(change.meanChange);
  const level =
    shift === 'no different'
      ? `${verb} no differently ${earlierLevel(context, cell.waveIndex)}`
      : `${verb} ${shift} ${earlierLevel(context, cell.waveIndex)}`;
  const interval =
    change.ciLow === null || change.ciHigh === null
      ? ''
      : ` (95% interval: ${describeInterval(change.ciLow, change.ciHigh)})`;
  return `${answered} ${level}${interval}.`;
}

function versionNote(context: Context, cell: AnalysisCell): string | null {
  const comparisonOfItems = cell.itemComparison;
  if (comparisonOfItems === null) return null;
  const { versions, sharedItems } = comparisonOfItems;
  const changed =
    versions.length > 1
      ? `The questionnaire changed between waves (versions ${versions.join(' and ')})`
      : 'The questions asked changed between waves';
  return sharedItems.length === 0
    ? `${changed} and no ${context.labels.dimension} item was asked in every wave, so change could not be measured.`
    : `${changed}, so the comparison uses only the ${sharedItems.length} ${context.labels.dimension} ${sharedItems.length === 1 ? 'item' : 'items'} asked in every wave (${sharedItems.join(', ')}).`;
}

function testEvidence(context: Context, cell: AnalysisCell, classification: Classification): string {
  const change = cell.change!;
  const { alpha, watchAlpha, minChange } = context.thresholds;
  const falling = change.meanChange < 0;
  const p = falling ? change.pFallAdjusted : change.pRiseAdjusted;
  // The p goes in brackets for those who want it; the sentence says what it means.
  const bracket = (level: number) => (p === null ? '' : ` (corrected ${formatP(p)}; under ${level} counts)`);
  const smallest = context.scale ? pointsOnScale(minChange, context.scale) : minChange;
  switch (classification.status) {
    case 'co-destruction':
      return `A fall this large is unlikely to be chance, even allowing for every group and topic checked${bracket(alpha)}. This points to co-destruction.`;
    case 'co-creation':
      return `A rise this large is unlikely to be chance, even allowing for every group and topic checked${bracket(alpha)}. This points to co-creation.`;
    case 'watch':
      return `It could still be chance, but only just${bracket(watchAlpha)}: one to watch.`;
    default:
      if (classification.signals.includes('small-change')) {
        return `The change is clear${bracket(alpha)} but smaller than ${smallest.toFixed(2)} points, too small to count: stable.`;
      }
      return `A change this size is within what chance alone gives${bracket(alpha)}: stable.`;
  }
}

function mean(cell: AnalysisCell): string {
  return formatMean(cell.mean!);
}

/**
 * The reason of a cell in plain words, built only from the cell's own numbers, so it reads
 * the same whatever order the rows were stored in and never quotes another group. Each
 * language writes its own sentences (cell-reason-italian.ts) rather than translating pieces:
 * word order, agreement and the decimal comma differ too much for fragments to be glued.
 */
export function describeCell(
  input: ReasonInput,
  labels: ReasonLabels,
  thresholds: StatusThresholds,
  scale: ScaleRange | null,
  locale: Locale = 'en',
): string {
  if (locale === 'it') return italianReason(input, { labels, thresholds, scale });
  return englishReason(input, labels, thresholds, scale);
}

function englishReason(
  input: ReasonInput,
  labels: ReasonLabels,
  thresholds: StatusThresholds,
  scale: ScaleRange | null,
): string {
  const who = labels.group === null ? 'all respondents' : inSentence(labels.group);
  const context: Context = { labels, thresholds, scale, who, subject: `${labels.dimension} among ${who}` };
  const sentences: string[] = [];
  switch (input.kind) {
    case 'missing':
      switch (input.missing) {
        case 'not-asked':
          sentences.push(
            `The ${labels.wave} questionnaire does not ask ${who} about ${labels.dimension}, so there is nothing to report.`,
          );
          break;
        case 'nobody-answered':
          sentences.push(
            `No one among ${who} answered in ${labels.wave}, so there is nothing to report on ${labels.dimension}.`,
          );
          if (input.invited > 0)
            sentences.push(input.invited === 1 ? '1 was invited.' : `${input.invited} were invited.`);
          break;
        case 'too-few-items':
          sentences.push(
            `No one among ${who} answered enough ${labels.dimension} items in ${labels.wave} for a score (at least half are needed).`,
          );
          break;
      }
      break;
    case 'pooled': {
      const { cell } = input;
      sentences.push(
        `${context.subject} is at ${mean(cell)} in ${cell.wave}, ${cell.n} ${cell.n === 1 ? 'person' : 'people'} pooled over every group.`,
      );
      if (cell.change !== null) sentences.push(comparison(context, cell));
      const note = versionNote(context, cell);
      if (note !== null) sentences.push(note);
      sentences.push('Pooled results are described, not tested: each group is tested on its own.');
      break;
    }
    case 'too-few': {
      const { cell } = input;
      if (cell.waveIndex === 1) {
        sentences.push(
          `${context.subject} is at ${mean(cell)} in ${cell.wave}, the first wave: there is nothing earlier to compare with yet.`,
        );
        break;
      }
      const linked = cell.change?.linked ?? 0;
      const noComparison = cell.itemComparison !== null && cell.itemComparison.sharedItems.length === 0;
      if (noComparison) {
        sentences.push(`${context.subject} is at ${mean(cell)} in ${cell.wave}.`);
      } else if (cell.change !== null && linked >= thresholds.minLinked) {
        // Enough people, but too few scores beyond one a person for the model to measure its own error.
        sentences.push(
          `${context.subject} is at ${mean(cell)} in ${cell.wave}. Too few of their scores go beyond one a person for the change since earlier waves to have a measure of its uncertainty, so it was not tested.`,
        );
      } else {
        sentences.push(
          `${context.subject} is at ${mean(cell)} in ${cell.wave}. Only ${linked} of them answered both ${cell.wave} and an earlier wave, too few to test a change (at least ${thresholds.minLinked} are needed).`,
        );
      }
      if (cell.change !== null && cell.change.linked >= 2) sentences.push(comparison(context, cell));
      const note = versionNote(context, cell);
      if (note !== null) sentences.push(note);
      break;
    }
    case 'tested': {
      const { cell, classification } = input;
      sentences.push(`${context.subject} is at ${mean(cell)} in ${cell.wave}.`);
      sentences.push(comparison(context, cell));
      const note = versionNote(context, cell);
      if (note !== null) sentences.push(note);
      sentences.push(testEvidence(context, cell, classification));
      break;
    }
  }
  return sentences.map(capitalised).join(' ');
}
