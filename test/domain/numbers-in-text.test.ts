import { expect } from 'chai';
import { numbersIn } from '../../server/domain/numbers-in-text.js';

describe('numbersIn', function () {
  it('finds figures of any script, fractions, superscripts and percent signs, each once, in order', function () {
    expect(numbersIn('7 of 9 carers, 7 again')).to.deep.equal(['7', '9']);
    expect(numbersIn('about 40% and 3,5 hours')).to.deep.equal(['40%', '3', '5']);
    expect(numbersIn('½ of you, ² and ٣ and Ⅻ')).to.deep.equal(['½', '²', '٣', 'Ⅻ']);
    expect(numbersIn('a rate of ‰')).to.deep.equal(['‰']);
  });

  it('finds English number words whatever their case, and "both", but not "no one", "someone" or "everyone"', function () {
    expect(numbersIn('Three carers and TWENTY-one providers')).to.deep.equal(['Three', 'TWENTY', 'one']);
    expect(numbersIn('Both providers said half of the time')).to.deep.equal(['Both', 'half']);
    expect(numbersIn('No one, someone and everyone felt heard; one of you')).to.deep.equal(['one']);
    expect(numbersIn('Most of you, a few of you, all of you')).to.deep.equal([]);
  });

  it('finds Italian number words and compounds, but not the articles un, uno, una, nor Milano', function () {
    expect(numbersIn('Tre familiari e ventitré operatori, trentadue in tutto')).to.deep.equal([
      'Tre',
      'ventitré',
      'trentadue',
    ]);
    expect(numbersIn('Una decina di persone, la metà, entrambi i gruppi')).to.deep.equal([
      'decina',
      'metà',
      'entrambi',
    ]);
    expect(numbersIn('duecento, duemila, centocinquanta, per cento')).to.deep.equal([
      'duecento',
      'duemila',
      'centocinquanta',
      'cento',
    ]);
    expect(numbersIn('Uno studio, una riunione a Milano, un incontro con tutti')).to.deep.equal([]);
  });

  it('finds nothing in text written without numbers', function () {
    expect(numbersIn('La maggior parte dei familiari si sente ascoltata.')).to.deep.equal([]);
    expect(numbersIn('Most caregivers told us the meetings are too far away.')).to.deep.equal([]);
  });
});

describe('numbersIn, every word it knows', function () {
  // A summary that says "seventeen carers" names a group as surely as "17 carers" does.
  it('finds each English cardinal, round amount and word for a pair, on its own in a sentence', function () {
    const english = [
      'zero',
      'one',
      'two',
      'three',
      'four',
      'five',
      'six',
      'seven',
      'eight',
      'nine',
      'ten',
      'eleven',
      'twelve',
      'thirteen',
      'fourteen',
      'fifteen',
      'sixteen',
      'seventeen',
      'eighteen',
      'nineteen',
      'twenty',
      'thirty',
      'forty',
      'fifty',
      'sixty',
      'seventy',
      'eighty',
      'ninety',
      'hundred',
      'hundreds',
      'thousand',
      'thousands',
      'dozen',
      'dozens',
      'half',
      'halves',
      'quarter',
      'quarters',
      'percent',
      'both',
      'pair',
    ];
    for (const word of english) expect(numbersIn(`We heard from ${word} of the carers`), word).to.deep.equal([word]);
  });

  it('finds each Italian cardinal, round amount and word for a pair, on its own in a sentence', function () {
    const italian = [
      'zero',
      'due',
      'tre',
      'quattro',
      'cinque',
      'sei',
      'sette',
      'otto',
      'nove',
      'dieci',
      'undici',
      'dodici',
      'tredici',
      'quattordici',
      'quindici',
      'sedici',
      'diciassette',
      'diciotto',
      'diciannove',
      'cento',
      'mille',
      'mila',
      'decina',
      'decine',
      'dozzina',
      'dozzine',
      'ventina',
      'trentina',
      'centinaio',
      'centinaia',
      'migliaio',
      'migliaia',
      'metà',
      'percento',
      'entrambi',
      'entrambe',
      'ambedue',
      'paio',
      'coppia',
    ];
    for (const word of italian) expect(numbersIn(`Abbiamo sentito ${word} familiari`), word).to.deep.equal([word]);
  });

  it('finds every Italian tens word and its compounds, with and without the accent on tré', function () {
    const tens = [
      'venti',
      'ventuno',
      'ventidue',
      'ventitré',
      'ventitre',
      'ventiquattro',
      'venticinque',
      'ventisei',
      'ventisette',
      'ventotto',
      'ventinove',
      'trenta',
      'trentuno',
      'trentotto',
      'quaranta',
      'quarantadue',
      'cinquanta',
      'cinquantatré',
      'sessanta',
      'sessantaquattro',
      'settanta',
      'settantacinque',
      'ottanta',
      'ottantasei',
      'novanta',
      'novantasette',
      'novantanove',
    ];
    for (const word of tens) expect(numbersIn(`Erano ${word} in sala`), word).to.deep.equal([word]);
  });

  it('finds Italian hundreds and thousands written as one word', function () {
    const compounds = [
      'centouno',
      'duecento',
      'trecentoventi',
      'quattrocento',
      'cinquecento',
      'seicento',
      'settecento',
      'ottocento',
      'novecento',
      'duemila',
      'tremila',
      'quattromila',
      'cinquemila',
      'seimila',
      'settemila',
      'ottomila',
      'novemila',
      'duemilacinquecento',
    ];
    for (const word of compounds) expect(numbersIn(`Circa ${word} euro`), word).to.deep.equal([word]);
  });

  it('does not take words that merely start or end like a number for one', function () {
    // Real words from summaries: a tens prefix or a cento/mila ending does not make a number.
    expect(
      numbersIn('Ventilare la sala, trentino, quarantena, il centro, Milano, famila, duecentesimo anniversario'),
    ).to.deep.equal([]);
    expect(numbersIn('Often the tenant, a seventh of nothing, someone at the hundredth meeting')).to.deep.equal([]);
    expect(numbersIn('Attenti al ventaglio, sventola, eventi e inventario')).to.deep.equal([]);
  });

  it('keeps "one" after any word other than "no", and "no" on its own is not a number', function () {
    expect(numbersIn('Only one said no')).to.deep.equal(['one']);
    expect(numbersIn('No carer came, but one provider did')).to.deep.equal(['one']);
    expect(numbersIn('not one came, none came')).to.deep.equal(['one']);
  });

  it('lists figures and words together in the order they appear, not figures first', function () {
    expect(numbersIn('Two carers and 3 providers, then five more and 12%')).to.deep.equal(['Two', '3', 'five', '12%']);
    expect(numbersIn('Sei familiari, 4 operatori, la metà')).to.deep.equal(['Sei', '4', 'metà']);
  });

  it('reports each written form once but keeps forms that differ in case or script', function () {
    expect(numbersIn('two, Two, two and 2, 2')).to.deep.equal(['two', 'Two', '2']);
    expect(numbersIn('12 and 12,5 and 1250')).to.deep.equal(['12', '5', '1250']);
  });

  it('finds accented number words typed with combining accents, and reports them as typed', function () {
    const decomposedMeta = 'meta\u0300';
    const decomposedVentitre = 'ventitre\u0301';
    expect(numbersIn(`la ${decomposedMeta} dei familiari, ${decomposedVentitre} operatori`)).to.deep.equal([
      decomposedMeta,
      decomposedVentitre,
    ]);
  });

  it('ignores "one" only straight after "no": "no one" is nobody, "no two" is a count', function () {
    expect(numbersIn('No one came to the second meeting')).to.deep.equal([]);
    expect(numbersIn('no one')).to.deep.equal([]);
    expect(numbersIn('No two carers agreed')).to.deep.equal(['two']);
  });

  it('does not read a word that only contains cento, like accento, as a number', function () {
    expect(numbersIn('Parlava con un forte accento toscano')).to.deep.equal([]);
  });
});
