import { expect } from 'chai';
import { defineCatalogue, mergeParts, negotiateLocale } from '../../server/i18n/catalogue.js';
import { formatFixed, formatLocalDateTime, formatNumber, formatSigned } from '../../server/i18n/format.js';

describe('i18n catalogue', () => {
  const catalogue = defineCatalogue(
    { people: { one: '{count} person answered', other: '{count} people answered' }, score: 'Score {value}' },
    {
      it: {
        people: { one: '{count} persona ha risposto', other: '{count} persone hanno risposto' },
        score: 'Punteggio {value}',
      },
    },
  );

  it('chooses plural forms with the language rules', () => {
    expect(catalogue.translator('en')('people', { count: 1 })).to.equal('1 person answered');
    expect(catalogue.translator('en')('people', { count: 0 })).to.equal('0 people answered');
    expect(catalogue.translator('it')('people', { count: 1 })).to.equal('1 persona ha risposto');
    expect(catalogue.translator('it')('people', { count: 12000 })).to.equal('12.000 persone hanno risposto');
  });

  it('formats numbers given as parameters for the language', () => {
    expect(catalogue.translator('it')('score', { value: 3.4 })).to.equal('Punteggio 3,4');
    expect(catalogue.translator('en')('score', { value: 3.4 })).to.equal('Score 3.4');
    expect(catalogue.translator('it')('score', { value: '2026' })).to.equal('Punteggio 2026');
  });

  it('refuses a key defined twice across parts', () => {
    expect(() => mergeParts({ en: { a: 'A' }, it: { a: 'A' } }, { en: { a: 'B' }, it: { a: 'B' } })).to.throw(/twice/);
  });

  it('negotiates the language from Accept-Language with q-values', () => {
    expect(negotiateLocale('it-IT,it;q=0.9,en;q=0.8')).to.equal('it');
    expect(negotiateLocale('de-DE,en;q=0.5,it;q=0.7')).to.equal('it');
    expect(negotiateLocale('fr')).to.equal('en');
    expect(negotiateLocale(undefined)).to.equal('en');
    expect(negotiateLocale('it;q=0')).to.equal('en');
  });

  it('formats figures, signs and local times', () => {
    expect(formatFixed('it', 3.4, 2)).to.equal('3,40');
    expect(formatSigned('en', -0.3, 2)).to.equal('\u22120.30');
    expect(formatSigned('it', 0.44, 2)).to.equal('+0,44');
    expect(formatSigned('en', -0.001, 2)).to.equal('0.00');
    expect(formatNumber('en', 1200)).to.equal('1,200');
    // 16:33 UTC is 17:33 in Rome in December (CET, UTC+1) and 18:33 in July (CEST, UTC+2).
    expect(formatLocalDateTime('it', '2026-12-02T16:33:00Z', 'Europe/Rome')).to.equal('2 dicembre 2026 alle ore 17:33');
    expect(formatLocalDateTime('en', '2026-07-02T16:33:00Z', 'Europe/Rome')).to.equal('2 July 2026 at 18:33');
  });
});
