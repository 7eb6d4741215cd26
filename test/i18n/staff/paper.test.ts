import { expect } from 'chai';
import type { Request } from 'express';
import { defineCatalogue, LOCALES } from '../../../server/i18n/catalogue.js';
import * as paper from '../../../server/i18n/staff/paper.js';
import { noticeFrom } from '../../../server/routes/staff/render.js';

describe('i18n/staff/paper', function () {
  const catalogue = defineCatalogue(paper.en, { it: paper.it });

  it('words every saved notice so that ?done= shows it whole, in every language', function () {
    const saved = catalogue.keys.filter((key) => key.startsWith('paperSaved'));
    expect(saved).to.have.length(5);
    for (const locale of LOCALES) {
      const t = catalogue.translator(locale);
      for (const key of saved) {
        const text = t(key, { code: 'CG-001' });
        expect(noticeFrom({ query: { done: text } } as unknown as Request), `${locale} ${key}`).to.equal(text);
      }
    }
  });

  it('gives every key in Italian, differently from the English where there are words to translate', function () {
    expect(Object.keys(paper.it).sort()).to.deep.equal(Object.keys(paper.en).sort());
    const same = catalogue.keys.filter((key) => JSON.stringify(paper.it[key]) === JSON.stringify(paper.en[key]));
    expect(same).to.deep.equal([]);
  });
});
