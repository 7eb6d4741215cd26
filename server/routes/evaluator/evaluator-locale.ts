import type { Request, Response } from 'express';
import type { Instrument } from '../../domain/instrument.js';
import { isLocale, LOCALES, negotiateLocale, type Locale } from '../../i18n/catalogue.js';

/**
 * The languages a project's evaluator pages can be shown in: those of its questionnaire
 * versions that we have words for. English alone when none is (a questionnaire in a language
 * the pages do not speak still gets English pages).
 */
export function projectLocales(instruments: readonly Instrument[]): Locale[] {
  const asked = new Set(instruments.flatMap((instrument) => instrument.languages));
  const offered = LOCALES.filter((locale) => asked.has(locale));
  return offered.length > 0 ? offered : ['en'];
}

/**
 * The page's language: the one staff routes chose for this account (`res.locals.locale`),
 * else the account's own `language`, else the browser's, and always one of the project's
 * languages, so a page about a project never speaks a language its labels are not in.
 */
export function pageLocale(req: Request, res: Response, offered: readonly Locale[]): Locale {
  const chosen = (res.locals as { locale?: unknown }).locale;
  const account = (res.locals.staff as { language?: unknown } | undefined)?.language;
  for (const candidate of [chosen, account]) {
    if (isLocale(candidate) && offered.includes(candidate)) return candidate;
  }
  return negotiateLocale(req.get('accept-language'), offered);
}

/** The language asked for with `?lang=`, when it is one of the project's; anything else asks for nothing. */
export function askedLocale(asked: unknown, offered: readonly Locale[]): Locale | null {
  return isLocale(asked) && offered.includes(asked) ? asked : null;
}
