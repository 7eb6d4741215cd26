import { expect } from 'chai';
import { withA, withArticle } from '../../server/i18n/italian-article.js';
import { translator } from '../../server/i18n/participant-messages.js';

describe('Italian articles before a wave name', function () {
  const cases: [string, string, string][] = [
    ['Ondata 5', "l'Ondata 5", "all'Ondata 5"],
    ['Rilevazione 2', 'la Rilevazione 2', 'alla Rilevazione 2'],
    ['Primavera 2026', 'la Primavera 2026', 'alla Primavera 2026'],
    ['Giro 3', 'il Giro 3', 'al Giro 3'],
    ['Studio 1', 'lo Studio 1', 'allo Studio 1'],
    ['Incontro di marzo', "l'Incontro di marzo", "all'Incontro di marzo"],
    ['Wave 3', '«Wave 3»', 'a «Wave 3»'],
    ['2026', '«2026»', 'a «2026»'],
  ];
  for (const [name, article, withPreposition] of cases)
    it(`"${name}": ${article}, ${withPreposition}`, function () {
      expect(withArticle(name)).to.equal(article);
      expect(withA(name)).to.equal(withPreposition);
    });

  it("gives the participant's messages the wave with its article in Italian, as it is in English", function () {
    expect(translator('it')('consentAgree', { wave: 'Ondata 5' })).to.equal("Accetto di partecipare all'Ondata 5");
    expect(translator('it')('letterTitle', { wave: 'Ondata 5' })).to.equal("Il suo questionario per l'Ondata 5");
    expect(translator('en')('consentAgree', { wave: 'Wave 5' })).to.equal('I agree to take part in Wave 5');
  });
});
