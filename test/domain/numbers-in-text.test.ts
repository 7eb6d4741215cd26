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
