import { expect } from 'chai';
import type { Request, Response } from 'express';
import { askedLocale, pageLocale, projectLocales } from '../../../server/routes/evaluator/evaluator-locale.js';
import { miniInstrument } from '../../helpers/analysis-fixtures.js';

/** Just what pageLocale reads of a request and a response. */
function exchange(acceptLanguage: string | undefined, locals: Record<string, unknown> = {}) {
  const req = { get: (name: string) => (name.toLowerCase() === 'accept-language' ? acceptLanguage : undefined) };
  return [req as unknown as Request, { locals } as unknown as Response] as const;
}

describe('evaluator page language', function () {
  const bilingual = { ...miniInstrument(), languages: ['en', 'it'] };

  it("offers the languages of the project's questionnaires that the pages speak, and English when none", function () {
    expect(projectLocales([bilingual])).to.deep.equal(['en', 'it']);
    expect(projectLocales([miniInstrument()])).to.deep.equal(['en']);
    expect(projectLocales([{ ...miniInstrument(), languages: ['it'] }, miniInstrument('2')])).to.deep.equal([
      'en',
      'it',
    ]);
    expect(projectLocales([{ ...miniInstrument(), languages: ['de'] }])).to.deep.equal(['en']);
  });

  it("takes the staff routes' choice first, then the account's language, then the browser's", function () {
    expect(pageLocale(...exchange('en', { locale: 'it' }), ['en', 'it'])).to.equal('it');
    expect(pageLocale(...exchange('en', { staff: { language: 'it' } }), ['en', 'it'])).to.equal('it');
    expect(pageLocale(...exchange('en', { staff: { language: null } }), ['en', 'it'])).to.equal('en');
    expect(pageLocale(...exchange('it-CH,en;q=0.5', { staff: {} }), ['en', 'it'])).to.equal('it');
    expect(pageLocale(...exchange(undefined), ['en', 'it'])).to.equal('en');
  });

  it("keeps to the project's languages whatever the account or browser prefers", function () {
    expect(pageLocale(...exchange('it', { locale: 'it', staff: { language: 'it' } }), ['en'])).to.equal('en');
    expect(pageLocale(...exchange('en', { locale: 'en' }), ['it'])).to.equal('it');
  });

  it("takes ?lang= only for one of the project's languages", function () {
    expect(askedLocale('it', ['en', 'it'])).to.equal('it');
    expect(askedLocale('it', ['en'])).to.equal(null);
    expect(askedLocale('de', ['en', 'it'])).to.equal(null);
    expect(askedLocale(['it', 'en'], ['en', 'it'])).to.equal(null);
    expect(askedLocale(undefined, ['en', 'it'])).to.equal(null);
  });
});
