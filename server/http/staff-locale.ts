import type { Request, RequestHandler, Response } from 'express';
import { LANGUAGE_NAMES, LOCALES, isLocale, negotiateLocale, type Locale } from '../i18n/catalogue.js';
import {
  formatCalendarDate,
  formatLocalDate,
  formatLocalDateTime,
  formatLocalShort,
  formatNumber,
  formatPercent,
} from '../i18n/format.js';
import { staffMessages } from '../i18n/staff-messages.js';

/**
 * Where a staff page's times are shown: the page's project's time zone, else DEFAULT_TIME_ZONE
 * (set by staffLocale's caller), else UTC (ADR 0090, 0092).
 */
function timeZoneOf(res: Response): string {
  return res.locals.project?.timeZone ?? res.locals.defaultTimeZone ?? 'UTC';
}

/** The figures and dates of a staff page, as its language writes them. */
export interface StaffFormat {
  number(value: number, maxDigits?: number): string;
  percent(share: number | null): string;
  /** A calendar day (YYYY-MM-DD), such as a wave's opening day, or the local day of an instant. */
  date(day: string): string;
  /** An instant, to the minute, in the page's time zone. */
  dateTime(instant: string): string;
  /** The page's time zone, to say what times are in. */
  zone(): string;
  /** An instant, compact, for tables, in the page's time zone or the one given. */
  short(instant: string, timeZone?: string): string;
}

declare module 'express-serve-static-core' {
  interface Locals {
    locale?: Locale;
    fmt?: StaffFormat;
    /** The staff catalogue's translator, for the shared header whatever `t` a page brings. */
    staffT?: unknown;
    /** DEFAULT_TIME_ZONE, for pages that belong to no project. */
    defaultTimeZone?: string;
    /** The languages for the switch, each named in itself. */
    staffLanguages?: { code: Locale; name: string }[];
    /** This page's address, for the language switch to come back to. */
    here?: string;
    /** This page's address in another language, for a signed-out visitor's language links. */
    hrefIn?: (locale: Locale) => string;
  }
}

/** The zone is read when a time is shown: the project guard sets the page's project after this runs. */
function formatFor(locale: Locale, res: Response): StaffFormat {
  return {
    number: (value, maxDigits) => formatNumber(locale, value, maxDigits),
    percent: (share) => (share === null ? '–' : formatPercent(locale, share)),
    date: (day) => (day.length > 10 ? formatLocalDate(locale, day, timeZoneOf(res)) : formatCalendarDate(locale, day)),
    dateTime: (instant) => formatLocalDateTime(locale, instant, timeZoneOf(res)),
    short: (instant, timeZone) => formatLocalShort(locale, instant, timeZone ?? timeZoneOf(res)),
    zone: () => timeZoneOf(res),
  };
}
/**
 * The page's formats: the ones localise set, else English ones, as a page is written before a
 * language is chosen for it.
 */
export function staffFormatOf(res: Response): StaffFormat {
  return res.locals.fmt ?? formatFor('en', res);
}

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
  // The header and navigation's own words: a page that renders with its own `t` keeps them.
  res.locals.staffT = res.locals.t;
  res.locals.fmt = formatFor(locale, res);
  res.locals.staffLanguages = SWITCH;
  res.locals.here = req.originalUrl;
  // The rest of the address is kept: the sign-in page's `next` survives a change of language.
  res.locals.hrefIn = (other) => {
    const url = new URL(req.originalUrl, 'http://localhost');
    url.searchParams.set('lang', other);
    return `${url.pathname}${url.search}`;
  };
}

/** The staff pages' language and formats; `defaultTimeZone` is DEFAULT_TIME_ZONE. */
export function staffLocale(defaultTimeZone: string): RequestHandler {
  return (req, res, next) => {
    res.locals.defaultTimeZone = defaultTimeZone;
    localise(req, res, staffLocaleOf(req, res));
    next();
  };
}
