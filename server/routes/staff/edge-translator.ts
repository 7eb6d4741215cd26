import type { Request } from 'express';
import { defineCatalogue, negotiateLocale, type Locale, type Translate } from '../../i18n/catalogue.js';
import * as contacts from '../../i18n/staff/contacts.js';

/**
 * The staff text of the invitations page and the public-address warning, in the language the
 * browser asks for. It stands in until the staff catalogue (server/i18n/staff-messages.ts, all
 * parts merged) and res.locals.t reach this branch; the integrator then points callers there.
 */
const catalogue = defineCatalogue(contacts.en, { it: contacts.it });

export type ContactsKey = keyof typeof contacts.en;

export function contactsText(req: Request): { locale: Locale; t: Translate<ContactsKey> } {
  const locale = negotiateLocale(req.headers['accept-language']);
  return { locale, t: catalogue.translator(locale) };
}
