import { expect } from 'chai';
import { cronbachAlpha } from '../../../server/domain/statistics/reliability.js';

const EIGHT_BY_FOUR = [
  [4, 5, 4, 5],
  [3, 4, 3, 3],
  [5, 5, 4, 5],
  [2, 3, 2, 2],
  [4, 4, 5, 4],
  [3, 2, 3, 3],
  [5, 4, 5, 5],
  [1, 2, 2, 1],
];

const SIX_BY_FOUR = [
  [4, 2, 4, 5],
  [3, 4, 3, 3],
  [5, 1, 4, 5],
  [2, 3, 2, 2],
  [4, 4, 5, 4],
  [3, 5, 3, 3],
];

describe('statistics/reliability', () => {
  it('reproduces the 8 × 4 reference: alpha 0.9521073, Feldt 0.8578242 to 0.9892425', () => {
    const result = cronbachAlpha(EIGHT_BY_FOUR);
    expect(result).to.not.equal(null);
    expect(result!.alpha).to.be.closeTo(0.9521073, 5e-8);
    expect(result!.ciLow).to.be.closeTo(0.8578242, 5e-8);
    expect(result!.ciHigh).to.be.closeTo(0.9892425, 5e-8);
    expect(result!.items).to.equal(4);
    expect(result!.completeCases).to.equal(8);
  });

  it('reproduces the 6 × 4 reference: alpha 0.2775264', () => {
    expect(cronbachAlpha(SIX_BY_FOUR)!.alpha).to.be.closeTo(0.2775264, 5e-8);
  });

  it('drops respondents with any missing item (listwise)', () => {
    const withGaps = [...EIGHT_BY_FOUR, [null, 1, 5, 5], [5, 5, null, 1]];
    const result = cronbachAlpha(withGaps)!;
    expect(result.completeCases).to.equal(8);
    expect(result.alpha).to.be.closeTo(0.9521073, 5e-8);
  });

  it('reports a negative alpha as computed', () => {
    const result = cronbachAlpha([
      [1, 5],
      [5, 1],
      [2, 4],
      [4, 3],
    ]);
    expect(result!.alpha).to.be.lessThan(0);
    expect(result!.ciLow).to.be.lessThan(result!.alpha);
    expect(result!.ciHigh).to.be.greaterThan(result!.alpha);
  });

  it('is null with fewer than 2 items', () => {
    expect(cronbachAlpha([[1], [2], [3], [4]])).to.equal(null);
    expect(cronbachAlpha([])).to.equal(null);
  });

  it('is null with fewer than 3 complete cases', () => {
    expect(
      cronbachAlpha([
        [1, 2],
        [3, 4],
      ]),
    ).to.equal(null);
    expect(
      cronbachAlpha([
        [1, 2],
        [3, 4],
        [5, null],
      ]),
    ).to.equal(null);
    expect(
      cronbachAlpha([
        [1, 2],
        [3, 4],
        [5, 4],
      ]),
    ).to.not.equal(null);
  });

  it('is null when total scores do not vary', () => {
    expect(
      cronbachAlpha([
        [1, 5],
        [2, 4],
        [3, 3],
      ]),
    ).to.equal(null);
    expect(
      cronbachAlpha([
        [3, 3],
        [3, 3],
        [3, 3],
      ]),
    ).to.equal(null);
  });

  it('rejects ragged rows', () => {
    expect(() => cronbachAlpha([[1, 2], [3], [4, 5]])).to.throw(RangeError);
  });

  it('refuses rows of unequal length', () => {
    expect(() =>
      cronbachAlpha([
        [1, 2, 3],
        [1, 2],
      ]),
    ).to.throw(RangeError, 'every respondent row needs one entry per item');
  });
});
