import type { Request } from 'express';
import { defineCatalogue, negotiateLocale, type Locale, type Translate } from '../../i18n/catalogue.js';
import { en, it } from '../../i18n/evaluator/actions.js';

const catalogue = defineCatalogue(en, { it });

export type ActionsTranslate = Translate<keyof typeof en>;

/**
 * The reader's language for the actions' words, from Accept-Language. The evaluator catalogue
 * and res.locals.locale are being built at the same time; once they are in, this gives way to them.
 */
export function actionsTranslator(req: Request): { locale: Locale; t: ActionsTranslate } {
  const locale = negotiateLocale(req.get('accept-language'));
  return { locale, t: catalogue.translator(locale) };
}
