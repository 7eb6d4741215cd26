import type { AnswerValue, Answers } from './answers.js';
import { DomainError } from './errors.js';
import type { PaperKeying, ReconcileDecision } from './records.js';

/**
 * Double data entry (ADR 0042): a paper form keyed by two accounts, compared item by item, and
 * the differences settled by a third person. Pure rules; the service stores what they decide.
 */

export interface KeyingComparison {
  /** Every item of the participant's questionnaire: blank on both is agreement too. */
  compared: number;
  agreed: number;
  /** The items whose two values differ, in questionnaire order. */
  differing: string[];
}

const valueOf = (answers: Answers, itemId: string): AnswerValue | null => answers[itemId] ?? null;

/** Compares two keyings over the items the participant was asked, in that order. */
export function compareKeyings(itemIds: readonly string[], first: Answers, second: Answers): KeyingComparison {
  const differing = itemIds.filter((id) => valueOf(first, id) !== valueOf(second, id));
  return { compared: itemIds.length, agreed: itemIds.length - differing.length, differing };
}

/** For one differing item: which keying is right, or the value read again from the paper (null: blank on paper). */
export type ReconcileChoice = { source: 'first' | 'second' } | { source: 'paper'; value: AnswerValue | null };

/**
 * The answers to store once every differing item has a choice: what both keyings agreed on, and
 * each choice. VALIDATION, naming the items, when a differing item has none.
 */
export function settleKeyings(
  keying: Pick<PaperKeying, 'first' | 'second'>,
  itemIds: readonly string[],
  choices: ReadonlyMap<string, ReconcileChoice>,
): { answers: Answers; decisions: ReconcileDecision[] } {
  const second = keying.second;
  if (!second) throw new DomainError('NOT_AWAITING_RECONCILIATION', 'this form has been keyed once only');
  const { differing } = compareKeyings(itemIds, keying.first.answers, second.answers);
  const missing = differing.filter((id) => !choices.has(id));
  if (missing.length > 0)
    throw new DomainError(
      'VALIDATION',
      `choose a value for ${missing.join(', ')}`,
      missing.map((where) => ({ where, message: 'Choose one of the two values, or type what the paper says.' })),
    );
  const answers: Answers = {};
  for (const id of itemIds) {
    const agreed = valueOf(keying.first.answers, id);
    if (agreed !== null && !differing.includes(id)) answers[id] = agreed;
  }
  const decisions = differing.map((itemId): ReconcileDecision => {
    const choice = choices.get(itemId)!;
    const first = valueOf(keying.first.answers, itemId);
    const secondValue = valueOf(second.answers, itemId);
    const chosen = choice.source === 'paper' ? choice.value : choice.source === 'first' ? first : secondValue;
    if (chosen !== null) answers[itemId] = chosen;
    return { itemId, first, second: secondValue, chosen, source: choice.source };
  });
  return { answers, decisions };
}

export interface AgreementRate {
  /** Double-keyed forms counted. */
  forms: number;
  compared: number;
  agreed: number;
  /** agreed ÷ compared; null when nothing was compared. */
  rate: number | null;
}

const rateOf = (rows: readonly PaperKeying[]): AgreementRate => {
  const compared = rows.reduce((sum, k) => sum + k.compared, 0);
  const agreed = rows.reduce((sum, k) => sum + k.agreed, 0);
  return { forms: rows.length, compared, agreed, rate: compared > 0 ? agreed / compared : null };
};

/**
 * Keying quality: items that agreed ÷ items compared, over every form keyed twice, per pair of
 * clerks (either order is the same pair) and per wave. Forms keyed once have nothing to compare.
 */
export function agreementRates(keyings: readonly PaperKeying[]): {
  byPair: (AgreementRate & { clerks: [string, string] })[];
  byWave: (AgreementRate & { waveId: string })[];
} {
  const twice = keyings.filter((k) => k.second !== null);
  const pairs = new Map<string, { clerks: [string, string]; rows: PaperKeying[] }>();
  const waves = new Map<string, PaperKeying[]>();
  for (const k of twice) {
    const clerks = [k.first.by, k.second!.by].sort() as [string, string];
    const key = JSON.stringify(clerks);
    const pair = pairs.get(key) ?? { clerks, rows: [] };
    pair.rows.push(k);
    pairs.set(key, pair);
    waves.set(k.waveId, [...(waves.get(k.waveId) ?? []), k]);
  }
  return {
    byPair: [...pairs.values()].map(({ clerks, rows }) => ({ clerks, ...rateOf(rows) })),
    byWave: [...waves.entries()].map(([waveId, rows]) => ({ waveId, ...rateOf(rows) })),
  };
}

export interface KeyingCounts {
  /** Keyed by one account, waiting for the second. */
  keyedOnce: number;
  /** Keyed by two accounts, whatever happened next. */
  keyedTwice: number;
  /** Keyed twice, differing, not yet settled. */
  awaitingReconciliation: number;
}

/** Where each wave's double-keyed forms stand. */
export function keyingCounts(keyings: readonly PaperKeying[], waveId: string): KeyingCounts {
  const mine = keyings.filter((k) => k.waveId === waveId);
  return {
    keyedOnce: mine.filter((k) => k.status === 'keyed-once').length,
    keyedTwice: mine.filter((k) => k.second !== null).length,
    awaitingReconciliation: mine.filter((k) => k.status === 'awaiting-reconciliation').length,
  };
}
