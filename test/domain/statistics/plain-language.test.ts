import { expect } from 'chai';
import {
  describeInterval,
  describeShift,
  formatMean,
  formatP,
  capitalised,
  inSentence,
  shiftInPoints,
} from '../../../server/domain/statistics/plain-language.js';

describe('statistics/plain-language', () => {
  it('writes an interval of change as a caregiver would say it', () => {
    expect(describeInterval(-0.931, -0.314)).to.equal('0.31 to 0.93 points lower');
    expect(describeInterval(0.104, 0.4)).to.equal('0.10 to 0.40 points higher');
    expect(describeInterval(-0.2, 0.35)).to.equal('from 0.20 points lower to 0.35 points higher');
    // An end that rounds to 0.00 spans no change in print, so it is written as such.
    expect(describeInterval(-0.5, -0.004)).to.equal('from 0.50 points lower to 0.00 points higher');
  });

  it('writes a shift in points, and a shift that rounds to nothing as no different', () => {
    expect(describeShift(-0.625)).to.equal('0.63 points lower');
    expect(describeShift(0.1)).to.equal('0.10 points higher');
    expect(describeShift(-0.004)).to.equal('no different');
  });

  it('formats p and means without "-0"', () => {
    expect(formatP(0.0004)).to.equal('p < 0.001');
    expect(formatP(0.001)).to.equal('p = 0.001');
    expect(formatP(0.04449)).to.equal('p = 0.044');
    expect(formatMean(2.96)).to.equal('3.0');
    expect(formatMean(-0.01)).to.equal('0.0');
  });

  it('lowers a group label mid-sentence, but not an acronym', () => {
    expect(inSentence('Family caregivers')).to.equal('family caregivers');
    expect(inSentence('NHS staff')).to.equal('NHS staff');
  });

  it('calls an interval whose low end rounds to 0.00 one that spans no change, and a change of 0.004 no different', () => {
    expect(describeInterval(0.004, 0.5)).to.equal('from 0.00 points lower to 0.50 points higher');
    expect(describeShift(0.004)).to.equal('no different');
    expect(describeShift(0.005)).to.equal('0.01 points higher');
  });

  it('lower-cases only a label that starts like a word, not an acronym with a word after it', () => {
    expect(inSentence('NHS Staff')).to.equal('NHS Staff');
    expect(inSentence('Family caregivers')).to.equal('family caregivers');
  });
});

describe('statistics/plain-language in Italian', () => {
  it('writes an interval with the decimal comma and "in meno" / "in più", at the same rounding edges', () => {
    expect(describeInterval(-0.931, -0.314, 'it')).to.equal('da 0,31 a 0,93 punti in meno');
    expect(describeInterval(0.104, 0.4, 'it')).to.equal('da 0,10 a 0,40 punti in più');
    expect(describeInterval(-0.2, 0.35, 'it')).to.equal('da 0,20 punti in meno a 0,35 punti in più');
    expect(describeInterval(-0.5, -0.004, 'it')).to.equal('da 0,50 punti in meno a 0,00 punti in più');
    expect(describeInterval(0.004, 0.5, 'it')).to.equal('da 0,00 punti in meno a 0,50 punti in più');
  });

  it('writes a shift in points, and nothing for a shift that rounds to 0.00', () => {
    expect(shiftInPoints(-0.625, 'it')).to.equal('0,63 punti in meno');
    expect(shiftInPoints(0.005, 'it')).to.equal('0,01 punti in più');
    expect(shiftInPoints(0.004, 'it')).to.equal(null);
    expect(shiftInPoints(-0.004, 'en')).to.equal(null);
  });

  it('formats p and means with the decimal comma and without "-0"', () => {
    expect(formatP(0.0004, 'it')).to.equal('p < 0,001');
    expect(formatP(0.001, 'it')).to.equal('p = 0,001');
    expect(formatP(0.04449, 'it')).to.equal('p = 0,044');
    expect(formatMean(2.96, 'it')).to.equal('3,0');
    expect(formatMean(3.4, 'it')).to.equal('3,4');
    expect(formatMean(-0.01, 'it')).to.equal('0,0');
  });

  describe('statistics/plain-language, figures and capitals', function () {
    it('writes English figures without a thousands separator, as the exports print them', function () {
      expect(formatMean(1234.56)).to.equal('1234.6');
      expect(describeShift(-1234.5)).to.equal('1234.50 points lower');
      expect(describeInterval(-1500.25, -1234.5)).to.equal('1234.50 to 1500.25 points lower');
    });

    it('capitalises the first letter of a sentence and leaves the rest as written', function () {
      expect(capitalised('family caregivers scored lower')).to.equal('Family caregivers scored lower');
      expect(capitalised('operatori NHS')).to.equal('Operatori NHS');
      expect(capitalised('')).to.equal('');
    });
  });
});
