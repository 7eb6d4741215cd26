import type { Request } from 'express';
import { defineCatalogue, isLocale, negotiateLocale, type Locale, type Translate } from '../../i18n/catalogue.js';
import * as contacts from '../../i18n/staff/contacts.js';
import * as imports from '../../i18n/staff/imports.js';
import type { FieldProblem } from '../../domain/errors.js';

/**
 * The staff text of the invitations page, the public-address warning and the import separator
 * problems, in the language the browser asks for. It stands in until the staff catalogue
 * (server/i18n/staff-messages.ts, all parts merged) and res.locals.t reach this branch; the
 * integrator then points these callers there.
 */
const contactsCatalogue = defineCatalogue(contacts.en, { it: contacts.it });
const importsCatalogue = defineCatalogue(imports.en, { it: imports.it });

export type ContactsKey = keyof typeof contacts.en;

export function contactsText(req: Request): { locale: Locale; t: Translate<ContactsKey> } {
  const locale = negotiateLocale(req.headers['accept-language']);
  return { locale, t: contactsCatalogue.translator(locale) };
}

const isImportsKey = (key: string): key is keyof typeof imports.en => Object.hasOwn(imports.en, key);

/**
 * How a page words a problem: from its catalogue key in the reader's language where it has one,
 * else as the service wrote it. The reader's language is the page's (the account's choice, set by
 * staffLocale), so a refusal is in the language of the form it is shown on; the browser's only
 * where no page language was set.
 */
export function problemWording(req: Request): (problem: FieldProblem) => string {
  const chosen: unknown = req.res?.locals.locale;
  const t = importsCatalogue.translator(isLocale(chosen) ? chosen : negotiateLocale(req.headers['accept-language']));
  return (problem) =>
    problem.text && isImportsKey(problem.text.key) ? t(problem.text.key, problem.text.params) : problem.message;
}
