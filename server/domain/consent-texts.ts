import { stripControlCharacters } from './control-characters.js';
import { DomainError, type FieldProblem } from './errors.js';
import type { ConsentText } from './records.js';
import { fieldProblem } from './field-rules.js';

/** What a project may set about its participants' data, in each of its languages. */
export const CONSENT_FIELDS = ['controller', 'privacyNotice', 'contact', 'consentText'] as const;
export type ConsentField = (typeof CONSENT_FIELDS)[number];

/** Long enough for a real notice, short enough that the consent page stays small on a slow line. */
export const CONSENT_FIELD_MAX: Record<ConsentField, number> = {
  controller: 300,
  privacyNotice: 4000,
  contact: 500,
  consentText: 1500,
};

/** The version a consent records when the project has saved no texts: the built-in ones. */
export const BUILT_IN_CONSENT_VERSION = 0;

/** The form field of one text in one language: "it_contact". */
export const consentFieldName = (lang: string, field: ConsentField): string => `${lang}_${field}`;

/**
 * The texts as typed for each language, trimmed, line ends made "\n". Empty means the built-in
 * text. Refuses texts that are too long, or that hold a control character other than a line
 * break (ADR 0078), with a VALIDATION error naming each field.
 */
export function checkConsentTexts(
  languages: readonly string[],
  form: Record<string, unknown>,
): Record<string, ConsentText> {
  const problems: FieldProblem[] = [];
  const texts: Record<string, ConsentText> = {};
  for (const lang of languages) {
    const text = {} as ConsentText;
    for (const field of CONSENT_FIELDS) {
      const name = consentFieldName(lang, field);
      const raw = typeof form[name] === 'string' ? (form[name] as string).replace(/\r\n?/g, '\n').trim() : '';
      if (raw.length > CONSENT_FIELD_MAX[field])
        problems.push(fieldProblem(name, 'rule.atMost', { max: CONSENT_FIELD_MAX[field] }));
      // Line breaks are kept (an address, paragraphs); any other control character is refused.
      else if (raw !== stripControlCharacters(raw)) problems.push(fieldProblem(name, 'rule.controlCharactersButLines'));
      text[field] = raw;
    }
    texts[lang] = text;
  }
  if (problems.length > 0) throw new DomainError('VALIDATION', 'some consent texts cannot be saved', problems);
  return texts;
}

/** One language's texts as a participant reads them: each field the project left empty is the built-in text. */
export function consentTextFor(saved: ConsentText | undefined, builtIn: ConsentText): ConsentText {
  const text = {} as ConsentText;
  for (const field of CONSENT_FIELDS) text[field] = saved?.[field] || builtIn[field];
  return text;
}
