import { expect } from 'chai';
import { holm } from '../../../server/domain/statistics/multiple-testing.js';

// R 4.2.2: p.adjust(P, "holm").
const P = [
  0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719, 0.6528, 0.759, 1,
];
const ADJUSTED = [0.0015, 0.0056, 0.0247, 0.114, 0.2211, 0.278, 0.278, 0.278, 0.3213, 1, 1, 1, 1, 1, 1];

describe('statistics/multiple-testing', () => {
  it('reproduces R\'s p.adjust(method = "holm")', () => {
    holm(P).forEach((adjusted, i) => expect(adjusted).to.be.closeTo(ADJUSTED[i]!, 1e-12));
    // p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") = 0.03 0.06 0.06 0.02
    expect(holm([0.01, 0.04, 0.03, 0.005]).map((p) => Number(p!.toFixed(12)))).to.deep.equal([0.03, 0.06, 0.06, 0.02]);
  });

  it('keeps the input order', () => {
    const order = [14, 3, 0, 9, 7, 1, 12, 5, 10, 2, 6, 13, 4, 11, 8];
    const adjusted = holm(order.map((i) => P[i]!));
    order.forEach((i, position) => expect(adjusted[position]).to.be.closeTo(ADJUSTED[i]!, 1e-12));
  });

  it('leaves untested cells null and out of m', () => {
    expect(holm([0.01, null, 0.04])).to.deep.equal([0.02, null, 0.04]);
    expect(holm([null, null])).to.deep.equal([null, null]);
    expect(holm([])).to.deep.equal([]);
  });

  it('never lets an adjusted p fall below an earlier one, nor exceed 1', () => {
    expect(holm([0.3, 0.25, 0.9])).to.deep.equal([0.75, 0.75, 0.9]);
    expect(holm([0.6, 1])).to.deep.equal([1, 1]);
  });

  it('refuses p-values outside [0, 1]', () => {
    expect(() => holm([0.5, 1.2])).to.throw(RangeError);
    expect(() => holm([Number.NaN])).to.throw(RangeError);
  });

  it('refuses p-values outside [0, 1]', () => {
    expect(() => holm([0.5, 1.2])).to.throw(RangeError, 'p-values must lie in [0, 1], got 1.2');
    expect(() => holm([-0.1])).to.throw(RangeError);
    expect(holm([0, 1])).to.deep.equal([0, 1]);
  });

  it('gives equal p-values equal adjusted values, wherever they stand in the input', function () {
    // R: p.adjust(c(0.02, 0.01, 0.02, 0.3), "holm") = 0.06 0.04 0.06 0.30
    expect(holm([0.02, 0.01, 0.02, 0.3]).map((p) => Number(p!.toFixed(12)))).to.deep.equal([0.06, 0.04, 0.06, 0.3]);
  });
});
