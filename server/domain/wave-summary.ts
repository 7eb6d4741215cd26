import { stripControlCharacters } from './control-characters.js';
import { isSuppressed } from './analysis/small-groups.js';
import { numbersIn } from './numbers-in-text.js';
import type { SummaryText, SummaryTexts } from './records.js';

/**
 * "You said, we did": the rules for what a lead writes about a wave (ADRs 0105–0107). The texts
 * are plain text, shown escaped, in paragraphs; never HTML.
 */

/** Each text at most this long: a few short paragraphs, which still fit a printed cover letter. */
export const MAX_SUMMARY_TEXT_LENGTH = 1500;

export const SUMMARY_PARTS = ['heard', 'doing'] as const;
export type SummaryPart = (typeof SUMMARY_PARTS)[number];

/** The form field of one text: `heard_it`, `doing_en`. */
export function summaryField(part: SummaryPart, language: string): string {
  return `${part}_${language}`;
}

/**
 * Why a summary cannot be kept or published as it is, for one field (`heard_it`) or, with
 * `where` null, for the whole summary. The page words each kind in the lead's language.
 */
export type SummaryProblem =
  | { kind: 'too-long'; where: string; max: number }
  | { kind: 'half-written'; where: string; language: string }
  | { kind: 'nothing-written'; where: string }
  | { kind: 'numbers'; where: string; language: string; found: string[]; groups: string[] };

/** Plain text as kept: line ends `\n`, control characters dropped (ADR 0078), outer blank space trimmed. */
function cleaned(value: unknown): string {
  return typeof value === 'string' ? stripControlCharacters(value).trim() : '';
}

/**
 * The texts of a summary form, cleaned, in each of the project's languages; a language whose
 * two texts are both empty is left out. Fields of other languages are ignored.
 */
export function summaryTextsOf(form: Record<string, unknown>, languages: readonly string[]): SummaryTexts {
  const texts: SummaryTexts = {};
  for (const language of languages) {
    const heard = cleaned(form[summaryField('heard', language)]);
    const doing = cleaned(form[summaryField('doing', language)]);
    if (heard !== '' || doing !== '') texts[language] = { heard, doing };
  }
  return texts;
}

/** What keeps a draft from being saved: only a text over the length limit. */
export function draftProblems(texts: SummaryTexts): SummaryProblem[] {
  const problems: SummaryProblem[] = [];
  for (const [language, text] of Object.entries(texts))
    for (const part of SUMMARY_PARTS)
      if (text[part].length > MAX_SUMMARY_TEXT_LENGTH)
        problems.push({ kind: 'too-long', where: summaryField(part, language), max: MAX_SUMMARY_TEXT_LENGTH });
  return problems;
}

/**
 * The groups of a wave too small to report (small-groups.ts: 1 to 4 respondents), by their
 * count of submitted responses. A group nobody answered for has no answers a number could give away.
 */
export function smallGroups(respondents: Readonly<Record<string, number>>): string[] {
  return Object.entries(respondents)
    .filter(([, n]) => n > 0 && isSuppressed(n))
    .map(([group]) => group)
    .sort();
}

/**
 * What keeps a summary from being published (ADR 0105): a draft problem; a language with only
 * one of its two texts; no language with both; or, while any group of the wave is too small to
 * report, a number in any text.
 */
export function publishProblems(
  texts: SummaryTexts,
  languages: readonly string[],
  tooSmall: readonly string[],
): SummaryProblem[] {
  const problems = draftProblems(texts);
  for (const [language, text] of Object.entries(texts))
    for (const part of SUMMARY_PARTS)
      if (text[part] === '') problems.push({ kind: 'half-written', where: summaryField(part, language), language });
  if (Object.keys(texts).length === 0)
    problems.push({ kind: 'nothing-written', where: summaryField('heard', languages[0] ?? 'en') });
  if (tooSmall.length > 0)
    for (const [language, text] of Object.entries(texts))
      for (const part of SUMMARY_PARTS) {
        const found = numbersIn(text[part]);
        if (found.length > 0)
          problems.push({
            kind: 'numbers',
            where: summaryField(part, language),
            language,
            found,
            groups: [...tooSmall],
          });
      }
  return problems;
}

/** A summary's text as a reader of `wanted` gets it, and the language it is actually in. */
export interface SummaryInLanguage extends SummaryText {
  language: string;
}

/**
 * The text for a reader of `wanted` (ADR 0106): theirs if written; else the first of the
 * project's languages that is; else any written one. Null when nothing is written.
 */
export function summaryIn(texts: SummaryTexts, wanted: string, languages: readonly string[]): SummaryInLanguage | null {
  const order = [wanted, ...languages, ...Object.keys(texts).sort()];
  const language = order.find((l) => texts[l] && (texts[l].heard !== '' || texts[l].doing !== ''));
  return language ? { language, ...texts[language]! } : null;
}

/** A text as paragraphs (split at blank lines) of lines, for a view to print escaped, line by line. */
export function paragraphsOf(text: string): string[][] {
  return text
    .split(/\n[ \t]*\n+/)
    .map((paragraph) => paragraph.split('\n').map((line) => line.trim()))
    .map((lines) => lines.filter((line) => line !== ''))
    .filter((lines) => lines.length > 0);
}
