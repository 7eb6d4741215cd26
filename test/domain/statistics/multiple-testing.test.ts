import { expect } from 'chai';
import { benjaminiHochberg } from '../../../server/domain/statistics/multiple-testing.js';

const P = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719, 0.6528, 0.759, 1];
const ADJUSTED = [
  '0.0015', '0.003', '0.0095', '0.035625', '0.0603', '0.06385714', '0.06385714', '0.0645', '0.0765', '0.486',
  '0.5811818', '0.714875', '0.7532308', '0.8132143', '1',
];

/** Half a unit in the last printed digit of the reference. */
function printedTolerance(printed: string): number {
  const decimals = printed.split('.')[1]?.length ?? 0;
  return 0.5 * 10 ** -decimals;
}

describe('statistics/multiple-testing', () => {
  it('reproduces the reference vector', () => {
    const adjusted = benjaminiHochberg(P);
    ADJUSTED.forEach((printed, i) => {
      expect(adjusted[i]).to.be.closeTo(Number(printed), Math.min(1e-6, printedTolerance(printed)));
    });
  });

  it('keeps the input order', () => {
    const order = [14, 3, 0, 9, 7, 1, 12, 5, 10, 2, 6, 13, 4, 11, 8];
    const adjusted = benjaminiHochberg(order.map((i) => P[i]!));
    order.forEach((i, position) => {
      expect(adjusted[position]).to.be.closeTo(Number(ADJUSTED[i]), Math.min(1e-6, printedTolerance(ADJUSTED[i]!)));
    });
  });

  it('passes nulls through and leaves them out of m', () => {
    expect(benjaminiHochberg([0.01, null, 0.04])).to.deep.equal([0.02, null, 0.04]);
    expect(benjaminiHochberg([null, null])).to.deep.equal([null, null]);
    expect(benjaminiHochberg([])).to.deep.equal([]);
  });

  it('caps at 1', () => {
    expect(benjaminiHochberg([0.9, 0.8, 0.7])).to.deep.equal([0.9, 0.9, 0.9]);
    expect(benjaminiHochberg([0.6, 1])).to.deep.equal([1, 1]);
  });

  it('rejects values that are not p-values', () => {
    expect(() => benjaminiHochberg([0.5, 1.2])).to.throw(RangeError);
    expect(() => benjaminiHochberg([Number.NaN])).to.throw(RangeError);
  });
});
