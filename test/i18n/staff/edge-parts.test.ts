import { expect } from 'chai';
import type { Message } from '../../../server/i18n/catalogue.js';
import * as contacts from '../../../server/i18n/staff/contacts.js';
import * as imports from '../../../server/i18n/staff/imports.js';

/** Every form of a message: the string, or each plural form. */
const forms = (message: Message): string[] => (typeof message === 'string' ? [message] : Object.values(message));
const placeholders = (message: Message) =>
  forms(message).map((form) => [...form.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort());

/** Words that are the same in both languages. */
const SAME_IN_ITALIAN = new Set(['contacts.col.email', 'contacts.mode.web']);

describe('the staff catalogue parts of the invitations page and imports', function () {
  for (const [name, part] of Object.entries({ contacts, imports })) {
    it(`${name}: Italian gives every key with the same placeholders, and is not English left in place`, function () {
      const en: Record<string, Message> = part.en;
      const it: Record<string, Message> = part.it;
      expect(Object.keys(it).sort()).to.deep.equal(Object.keys(en).sort());
      for (const key of Object.keys(en)) {
        expect(placeholders(it[key]!), key).to.deep.equal(placeholders(en[key]!));
        if (!SAME_IN_ITALIAN.has(key)) expect(forms(it[key]!), key).to.not.deep.equal(forms(en[key]!));
      }
    });
  }
});
