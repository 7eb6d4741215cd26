import type { Request, RequestHandler, Response } from 'express';
import { LANGUAGE_NAMES, LOCALES, isLocale, negotiateLocale, type Locale } from '../i18n/catalogue.js';
import {
  formatCalendarDate,
  formatLocalDateTime,
  formatLocalShort,
  formatNumber,
  formatPercent,
} from '../i18n/format.js';
import { staffMessages } from '../i18n/staff-messages.js';

/**
 * Staff times are shown in UTC and say so: a project has no time zone of its own yet, and an
 * instant shown in the server's zone would differ between servers.
 */
export const STAFF_TIME_ZONE = 'UTC';

/** The figures and dates of a staff page, as its language writes them. */
export interface StaffFormat {
  number(value: number, maxDigits?: number): string;
  percent(share: number | null): string;
  /** A calendar day (YYYY-MM-DD), such as a wave's opening day. */
  date(day: string): string;
  /** An instant, to the minute, in STAFF_TIME_ZONE. */
  dateTime(instant: string): string;
  /** An instant, compact, for tables. */
  short(instant: string): string;
}

declare module 'express-serve-static-core' {
  interface Locals {
    locale?: Locale;
    fmt?: StaffFormat;
    /** The languages for the switch, each named in itself. */
    staffLanguages?: { code: Locale; name: string }[];
    /** This page's address, for the language switch to come back to. */
    here?: string;
    /** This page's address in another language, for a signed-out visitor's language links. */
    hrefIn?: (locale: Locale) => string;
  }
}

function formatFor(locale: Locale): StaffFormat {
  return {
    number: (value, maxDigits) => formatNumber(locale, value, maxDigits),
    percent: (share) => (share === null ? '–' : formatPercent(locale, share)),
    date: (day) => formatCalendarDate(locale, day),
    dateTime: (instant) => formatLocalDateTime(locale, instant, STAFF_TIME_ZONE),
    short: (instant) => formatLocalShort(locale, instant, STAFF_TIME_ZONE),
  };
}
const FORMATS = new Map(LOCALES.map((locale) => [locale, formatFor(locale)]));
const SWITCH = LOCALES.map((code) => ({ code, name: LANGUAGE_NAMES[code] }));

/**
 * The language of a staff page: the account's choice; else, for a signed-out visitor, one asked
 * for in the address (`?lang=it`, the home page's and sign-in page's links); else the browser's.
 */
export function staffLocaleOf(req: Request, res: Response): Locale {
  const chosen = res.locals.staff?.language;
  if (chosen) return chosen;
  if (!res.locals.staff && isLocale(req.query.lang)) return req.query.lang;
  return negotiateLocale(req.headers['accept-language']);
}

/**
 * Sets the language, its translator (`t`, left untyped on Locals: participant pages set their
 * own catalogue's there) and its formats for the staff, evaluator and shared pages. */
export function localise(req: Request, res: Response, locale: Locale): void {
  res.locals.locale = locale;
  res.locals.t = staffMessages.translator(locale);
  res.locals.fmt = FORMATS.get(locale)!;
  res.locals.staffLanguages = SWITCH;
  res.locals.here = req.originalUrl;
  // The rest of the address is kept: the sign-in page's `next` survives a change of language.
  res.locals.hrefIn = (other) => {
    const url = new URL(req.originalUrl, 'http://localhost');
    url.searchParams.set('lang', other);
    return `${url.pathname}${url.search}`;
  };
}

export const staffLocale: RequestHandler = (req, res, next) => {
  localise(req, res, staffLocaleOf(req, res));
  next();
};
