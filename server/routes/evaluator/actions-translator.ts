import type { Response } from 'express';
import { defineCatalogue, type Locale, type Translate } from '../../i18n/catalogue.js';
import { en, it } from '../../i18n/evaluator/actions.js';

const catalogue = defineCatalogue(en, { it });

export type ActionsTranslate = Translate<keyof typeof en>;

/** The actions' words in the language of the page they are on. */
export function actionsTranslator(locale: Locale): { locale: Locale; t: ActionsTranslate } {
  return { locale, t: catalogue.translator(locale) };
}

/**
 * The language of the actions' own pages: the staff page's (the account's choice, else the
 * browser's), set by staffLocale, which runs before every staff and evaluator route.
 */
export function staffActionsTranslator(res: Response): { locale: Locale; t: ActionsTranslate } {
  return actionsTranslator(res.locals.locale ?? 'en');
}
