/**
 * How staff and evaluator pages show dates and times: local to the project (or, on pages that
 * belong to no project, to DEFAULT_TIME_ZONE), formatted for the reader's language, never a raw
 * UTC timestamp. Routes format; views print the strings they are given.
 */
import type { Response } from 'express';
import { staffMessages } from '../../i18n/staff-messages.js';
import { isLocale, type Locale, type Translate } from '../../i18n/catalogue.js';
import { staffFormatOf } from '../../http/staff-locale.js';
import * as time from '../../i18n/staff/time.js';

/** The staff page's language: the one the staff catalogue chose for the request, else English, as staff pages are written today. */
export function staffLocale(res: Response): Locale {
  const chosen: unknown = res.locals.locale;
  return isLocale(chosen) ? chosen : 'en';
}

export function timeText(res: Response): Translate<keyof typeof time.en> {
  return staffMessages.translator(staffLocale(res));
}

/**
 * An instant as a table shows it, "02/12/2026, 17:33" in the zone; "not recorded" for none. The
 * page's one formatter (res.locals.fmt) writes it, given the zone: a caller may name a zone other
 * than the page's (the sessions page's DEFAULT_TIME_ZONE).
 */
export function shownAt(res: Response, instant: string | null | undefined, timeZone: string): string {
  return instant ? staffFormatOf(res).short(instant, timeZone) : timeText(res)('notRecorded');
}

/** A calendar day as a sentence says it: "9 March 2026". Only the day is read, as a calendar date has no zone. */
export function shownDay(res: Response, date: string): string {
  return staffFormatOf(res).date(date.slice(0, 10));
}
