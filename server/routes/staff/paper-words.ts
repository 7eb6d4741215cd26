import type { Request, Response } from 'express';
import { staffMessages } from '../../i18n/staff-messages.js';
import { isLocale, negotiateLocale, type Translate } from '../../i18n/catalogue.js';
import { formatCalendarDate, formatLocalShort } from '../../i18n/format.js';
import * as paper from '../../i18n/staff/paper.js';

export type PaperTranslate = Translate<keyof typeof paper.en>;

/**
 * The paper pages' language and what they write with it: the one staff routes chose for the
 * account (`res.locals.locale`), else the browser's. Calendar dates are written out; stored
 * instants are shown in UTC and say so, as the pages did before.
 */
export function paperWords(req: Request, res: Response) {
  const chosen = (res.locals as { locale?: unknown }).locale;
  const locale = isLocale(chosen) ? chosen : negotiateLocale(req.get('accept-language'));
  return {
    locale,
    pt: staffMessages.translator(locale) as PaperTranslate,
    day: (date: string) => formatCalendarDate(locale, date),
    moment: (at: string) => formatLocalShort(locale, at, 'UTC'),
  };
}

export type PaperWords = ReturnType<typeof paperWords>;
