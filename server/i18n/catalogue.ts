/**
 * Typed message catalogues. Each audience (staff, evaluator, participant) has one catalogue,
 * written in English first; every other language must give every key, which TypeScript checks
 * at build time and test/i18n/catalogue.test.ts checks again at run time for parts assembled
 * from several files.
 *
 * A message is either a string with `{name}` placeholders, or plural forms chosen with
 * Intl.PluralRules on the `count` parameter, so "1 participant" / "2 participants" and
 * "1 partecipante" / "2 partecipanti" are written out rather than built from pieces.
 * Numbers given as parameters are formatted for the language ("3,4" in Italian); pass a
 * string for anything that is not a quantity (years, codes).
 */
import { formatNumber } from './format.js';

export const LOCALES = ['en', 'it'] as const;
export type Locale = (typeof LOCALES)[number];

/** Each language named in itself, as a language menu shows it. */
export const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', it: 'Italiano' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Plural forms as Intl.PluralRules names them; `zero` is used for a count of exactly 0 if given. */
export interface PluralMessage {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
}

export type Message = string | PluralMessage;
export type Params = Record<string, string | number>;
export type Translate<K extends string = string> = (key: K, params?: Params) => string;

export interface Catalogue<K extends string> {
  readonly keys: readonly K[];
  readonly messages: Record<Locale, Record<K, Message>>;
  translator(locale: Locale): Translate<K>;
}

/**
 * A catalogue from its English messages and the translation of each key into every other
 * language. `Record<keyof E, Message>` makes a missing or extra key a type error.
 */
export function defineCatalogue<const E extends Record<string, Message>>(
  en: E,
  translations: { [L in Exclude<Locale, 'en'>]: Record<keyof E & string, Message> },
): Catalogue<keyof E & string> {
  type K = keyof E & string;
  const messages = { en, ...translations } as Record<Locale, Record<K, Message>>;
  const translators = new Map<Locale, Translate<K>>();
  for (const locale of LOCALES) translators.set(locale, makeTranslator(locale, messages[locale]));
  return {
    keys: Object.keys(en) as K[],
    messages,
    translator: (locale) => translators.get(locale) ?? translators.get('en')!,
  };
}

/** Several parts, each a `{ en, it }` pair written in its own file, as one catalogue. */
export function mergeParts<P extends readonly { en: Record<string, Message>; it: Record<string, Message> }[]>(
  ...parts: P
): { en: Record<string, Message>; it: Record<string, Message> } {
  const en: Record<string, Message> = {};
  const it: Record<string, Message> = {};
  for (const part of parts) {
    for (const key of Object.keys(part.en)) {
      if (key in en) throw new Error(`Message key "${key}" is defined twice`);
      en[key] = part.en[key]!;
    }
    Object.assign(it, part.it);
  }
  return { en, it };
}

function makeTranslator<K extends string>(locale: Locale, catalogue: Record<K, Message>): Translate<K> {
  const plural = new Intl.PluralRules(locale);
  return (key, params) => {
    const message = catalogue[key];
    if (message === undefined) throw new Error(`No message "${key}" in ${locale}`);
    const text = typeof message === 'string' ? message : choosePlural(message, plural, params?.count);
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      if (value === undefined) return whole;
      return typeof value === 'number' ? formatNumber(locale, value) : value;
    });
  };
}

function choosePlural(message: PluralMessage, rules: Intl.PluralRules, count: string | number | undefined): string {
  const n = typeof count === 'number' ? count : Number(count);
  if (!Number.isFinite(n)) return message.other;
  if (n === 0 && message.zero !== undefined) return message.zero;
  return message[rules.select(n)] ?? message.other;
}

/**
 * The best of `offered` for an Accept-Language header, honouring q-values; English if none
 * matches. "it-CH;q=0.8" matches "it".
 */
export function negotiateLocale(header: string | undefined, offered: readonly Locale[] = LOCALES): Locale {
  const fallback: Locale = offered.includes('en') ? 'en' : (offered[0] ?? 'en');
  if (!header) return fallback;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { base: tag.trim().toLowerCase().split('-')[0]!, q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.q > 0 && Number.isFinite(entry.q))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const entry of ranked) {
    const match = offered.find((locale) => locale === entry.base);
    if (match) return match;
  }
  return fallback;
}
