import type { CellClassification } from '../statistics/classification.js';
import type { CellEvidence, FlagThresholds } from '../statistics/flag-rules.js';
import { describeCell } from '../statistics/plain-language.js';

/** How a wave's items compared with the previous wave's when the questionnaire changed. */
export interface ItemComparison {
  previousVersion: string;
  version: string;
  /** The items both waves ask, which the change tests used. */
  sharedItems: string[];
}

export interface ReasonLabels {
  dimension: string;
  /** As it reads inside a sentence: "family caregivers", "all respondents". */
  group: string;
  wave: string;
  previousWave: string | null;
  otherGroups: Readonly<Record<string, string>>;
}

/** "Family caregivers" reads "family caregivers" mid-sentence; "NHS staff" stays as it is. */
export function inSentence(label: string): string {
  return /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export type MissingScores = 'not-asked' | 'nobody-answered' | 'too-few-items';

/** Why a cell has no mean: there is nothing to classify. */
export function describeMissingCell(reason: MissingScores, labels: ReasonLabels): string {
  switch (reason) {
    case 'not-asked':
      return `The ${labels.wave} questionnaire does not ask ${labels.group} about ${labels.dimension}, so there is nothing to report.`;
    case 'nobody-answered':
      return `No one among ${labels.group} answered in ${labels.wave}, so there is nothing to report on ${labels.dimension}.`;
    case 'too-few-items':
      return `No one among ${labels.group} answered enough ${labels.dimension} items in ${labels.wave} for a score (at least half are needed).`;
  }
}

export interface ReasonInput {
  evidence: CellEvidence;
  classification: CellClassification;
  labels: ReasonLabels;
  thresholds: FlagThresholds;
  /** Set when the questionnaire's items changed since the previous wave. */
  itemComparison: ItemComparison | null;
  /** The change tests could not run (fewer than two people answered both waves). */
  changeUntested: boolean;
}

/**
 * The plain-language reason of a classified cell (describeCell), followed by what a reader
 * must know to trust the comparison: that a new questionnaire version limited it to the
 * shared items, or that too few people answered both waves to test change at all.
 */
export function describeAnalysedCell(input: ReasonInput): string {
  const { evidence, classification, labels, thresholds, itemComparison } = input;
  const sentences = [
    describeCell(evidence, classification, labels, thresholds),
  ];
  const previous = labels.previousWave ?? 'the previous wave';
  if (itemComparison !== null) {
    const versions = `${labels.wave} used version ${itemComparison.version} of the questionnaire and ${previous} version ${itemComparison.previousVersion}`;
    const shared = itemComparison.sharedItems;
    sentences.push(
      shared.length === 0
        ? `${versions}, which share no ${labels.dimension} items, so change was not tested.`
        : `${versions}, so the change compares only the ${shared.length} ${labels.dimension} ${shared.length === 1 ? 'item' : 'items'} both share (${shared.join(', ')}).`,
    );
  }
  if (input.changeUntested && !evidence.isFirstWave && (itemComparison === null || itemComparison.sharedItems.length > 0)) {
    sentences.push(`Fewer than 2 of ${labels.group} have a score in both ${previous} and ${labels.wave}, so change was not tested.`);
  }
  return sentences.map(capitalised).join(' ');
}
