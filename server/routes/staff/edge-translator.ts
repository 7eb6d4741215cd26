import type { Request } from 'express';
import { type Locale, type Translate } from '../../i18n/catalogue.js';
import * as contacts from '../../i18n/staff/contacts.js';
import { isStaffKey, staffMessages } from '../../i18n/staff-messages.js';
import type { FieldProblem } from '../../domain/errors.js';

/**
 * The staff text of the invitations page, the public-address warning and the import separator
 * problems, in the page's language: the account's choice, else the browser's (staffLocale sets
 * it before every staff route). Their words are parts of the one staff catalogue (ADR 0113).
 */

export type ContactsKey = keyof typeof contacts.en;

/** The page's language; English only where a page is drawn before staffLocale, which none is. */
const pageLocale = (req: Request): Locale => req.res?.locals.locale ?? 'en';

export function contactsText(req: Request): { locale: Locale; t: Translate<ContactsKey> } {
  const locale = pageLocale(req);
  return { locale, t: staffMessages.translator(locale) };
}

/**
 * How a page words a problem: from its catalogue key in the reader's language where it has one,
 * else as the service wrote it. The reader's language is the page's (the account's choice, set by
 * staffLocale), so a refusal is in the language of the form it is shown on; the browser's only
 * where no page language was set.
 */
export function problemWording(req: Request): (problem: FieldProblem) => string {
  const t = staffMessages.translator(pageLocale(req));
  return (problem) =>
    problem.text && isStaffKey(problem.text.key) ? t(problem.text.key, problem.text.params) : problem.message;
}
