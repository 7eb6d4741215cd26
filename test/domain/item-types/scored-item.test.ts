import { expect } from 'chai';
import type { Instrument } from '../../../server/domain/instrument.js';
import { scaleOf, scoredPoint, type ScoredItem } from '../../../server/domain/item-types/scored-item.js';

const instrument: Instrument = {
  id: 'salute-insieme',
  version: '1',
  languages: ['it'],
  title: { it: 'Lavorare insieme' },
  scales: {
    accordo: { min: 1, max: 5, labels: { it: ['1', '2', '3', '4', '5'] }, notApplicable: { it: 'Non mi riguarda' } },
    spesso: { min: 0, max: 3, labels: { it: ['Mai', 'A volte', 'Spesso', 'Sempre'] } },
  },
  dimensions: [{ id: 'fiducia', label: { it: 'Fiducia' } }],
  sections: [],
};
const straight: ScoredItem = {
  id: 'fiducia_1',
  type: 'scale',
  scale: 'accordo',
  dimension: 'fiducia',
  reverse: false,
  text: { it: 'Mi fido.' },
};
const reversed: ScoredItem = { ...straight, id: 'fiducia_2', reverse: true };
const fromZero: ScoredItem = { ...straight, id: 'fiducia_3', scale: 'spesso', reverse: true };

describe('scored items', function () {
  it('find the scale they are answered on', function () {
    expect(scaleOf(instrument, fromZero)).to.equal(instrument.scales.spesso);
  });

  it('refuse to go on when their scale is not in the instrument, naming both', function () {
    expect(() => scaleOf(instrument, { ...straight, scale: 'agree5' })).to.throw(/salute-insieme.*agree5/);
  });

  it('score a point as given, or reverse-coded on its own scale', function () {
    expect([1, 2, 5].map((v) => scoredPoint(instrument, straight, v))).to.deep.equal([1, 2, 5]);
    expect([1, 2, 5].map((v) => scoredPoint(instrument, reversed, v))).to.deep.equal([5, 4, 1]);
    expect([0, 1, 3].map((v) => scoredPoint(instrument, fromZero, v))).to.deep.equal([3, 2, 0]);
  });

  it('score nothing for "does not apply" or no answer', function () {
    expect(scoredPoint(instrument, reversed, 'NA')).to.equal(null);
    expect(scoredPoint(instrument, reversed, undefined)).to.equal(null);
  });
});
