import type { AnswerValue, Answers } from './answers.js';
import { itemAppliesToGroup, type Instrument, type Item, type Section } from './instrument.js';
import { parseAnswer } from './item-types/registry.js';

type AnswerProblemReason = 'out_of_scale' | 'not_applicable_not_offered' | 'too_long';

export interface AnswerProblem {
  itemId: string;
  reason: AnswerProblemReason;
}

interface AnswerFormResult {
  /** Valid answers for the items read; an item left empty maps to undefined (cleared). */
  answers: Record<string, AnswerValue | undefined>;
  problems: AnswerProblem[];
  /** What was typed or chosen, to show again beside a problem. */
  values: Record<string, string>;
}

/** The sections a group is asked, each with only the items that group gets. */
export function sectionsForGroup(instrument: Instrument, group: string): Section[] {
  return instrument.sections
    .map((section) => ({ ...section, items: section.items.filter((item) => itemAppliesToGroup(item, group)) }))
    .filter((section) => section.items.length > 0);
}

/**
 * Reads the answers to `items` from a submitted form. Only those fields are read: anything else
 * a tampered form sends is ignored. The same rules serve the web form and paper data entry.
 */
export function readAnswerForm(
  instrument: Instrument,
  items: readonly Item[],
  form: Record<string, unknown>,
): AnswerFormResult {
  const result: AnswerFormResult = { answers: {}, problems: [], values: {} };
  for (const item of items) {
    const raw = form[item.id];
    // Repeated fields (a forged form) count as one answer: the last one wins.
    const text = Array.isArray(raw) ? String(raw.at(-1) ?? '') : typeof raw === 'string' ? raw : '';
    result.values[item.id] = text;
    const parsed = parseAnswer(instrument, item, text);
    if (parsed.ok) result.answers[item.id] = parsed.value;
    else result.problems.push({ itemId: item.id, reason: parsed.reason });
  }
  return result;
}

/** Applies changes over what was saved before: a value sets an answer, null or undefined clears it. */
export function mergeAnswers(saved: Answers, changes: Record<string, AnswerValue | null | undefined>): Answers {
  const merged: Answers = { ...saved };
  for (const [itemId, value] of Object.entries(changes)) {
    if (value === null || value === undefined) delete merged[itemId];
    else merged[itemId] = value;
  }
  return merged;
}
