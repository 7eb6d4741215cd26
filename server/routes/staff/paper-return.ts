import { consentTextFor } from '../../domain/consent-texts.js';
import type { Project } from '../../domain/records.js';
import { cssString } from '../../http/css-string.js';
import { builtInConsentText } from '../../i18n/consent-defaults.js';
import { PARTICIPANT_LANGUAGES, translator } from '../../i18n/participant-messages.js';
import type { Services } from '../../services/services.js';

/**
 * Where a paper questionnaire goes back to, in each language: the contact of the project's
 * consent texts (the one its participants are told to ask), else the built-in one. The pack
 * prints it at the end of each questionnaire with the wave's closing date.
 */
export async function returnContacts(services: Services, project: Project): Promise<Record<string, string>> {
  const saved = await services.consent.current(project);
  return Object.fromEntries(
    (await services.consent.languages(project)).map((lang) => [
      lang,
      consentTextFor(saved?.texts[lang], builtInConsentText(lang, project.name)).contact,
    ]),
  );
}

/**
 * "Page 2 of 5" at the foot of every printed page, in the language of the participant whose pages
 * they are: one named page per language (paper-en, paper-it), each with its footer. @page margin
 * boxes take their text from CSS only, and our CSP allows no inline style, so it is a stylesheet.
 */
export function pageNumbersCss(): string {
  return PARTICIPANT_LANGUAGES.map((lang) => {
    const content = translator(lang)('pageOf')
      .split(/(\{n\}|\{total\})/)
      .filter((part) => part !== '')
      .map((part) => (part === '{n}' ? 'counter(page)' : part === '{total}' ? 'counter(pages)' : cssString(part)))
      .join(' ');
    return [
      `.paper-participant:lang(${lang}) { page: paper-${lang}; }`,
      `@page paper-${lang} { @bottom-right { content: ${content}; font: 10pt system-ui, sans-serif; } }`,
    ].join('\n');
  }).join('\n');
}
