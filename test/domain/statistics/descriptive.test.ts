import { expect } from 'chai';
import {
  mean,
  meanConfidenceInterval,
  pearsonCorrelation,
  sampleSd,
  sampleVariance,
  summarise,
} from '../../../server/domain/statistics/descriptive.js';

function expectNoNaNOrInfinity(record: Record<string, number | null>): void {
  for (const value of Object.values(record)) {
    if (value !== null) expect(Number.isFinite(value), String(value)).to.equal(true);
  }
}

describe('statistics/descriptive', () => {
  it('computes mean, sample variance and sd with n - 1', () => {
    expect(mean([1, 2, 3, 4, 5])).to.equal(3);
    expect(sampleVariance([1, 2, 3, 4, 5])).to.equal(2.5);
    expect(sampleSd([2, 4, 4, 4, 5, 5, 7, 9])).to.be.closeTo(2.138089935299395, 1e-15);
  });

  it('gives the 95% CI mean ± t(0.975, n-1)·sd/√n', () => {
    // t(0.975, 4)·sd/√5 = 1.9632431614775572 (R).
    const ci = meanConfidenceInterval([1, 2, 3, 4, 5]);
    expect(ci?.low).to.be.closeTo(3 - 1.9632431614775572, 1e-12);
    expect(ci?.high).to.be.closeTo(3 + 1.9632431614775572, 1e-12);
  });

  it('summarises an empty group as n = 0 and nulls', () => {
    expect(summarise([])).to.deep.equal({ n: 0, mean: null, sd: null, ciLow: null, ciHigh: null });
    expect(mean([])).to.equal(null);
    expect(sampleVariance([])).to.equal(null);
  });

  it('leaves sd and CI null for a single value', () => {
    expect(summarise([4])).to.deep.equal({ n: 1, mean: 4, sd: null, ciLow: null, ciHigh: null });
    expect(meanConfidenceInterval([4])).to.equal(null);
  });

  it('reports zero variance as sd 0 and a zero-width CI', () => {
    expect(summarise([3, 3, 3])).to.deep.equal({ n: 3, mean: 3, sd: 0, ciLow: 3, ciHigh: 3 });
  });

  it('treats floating-point residue as no variation', () => {
    // The mean of three 0.1s is 0.10000000000000002, so naive deviations are not zero.
    expect(sampleVariance([0.1, 0.1, 0.1])).to.equal(0);
    expect(sampleVariance([2 / 3, 4 - 10 / 3])).to.equal(0);
    expect(sampleVariance([1e-20, 2e-20])).to.be.greaterThan(0);
  });

  it('never returns NaN or Infinity', () => {
    for (const values of [[], [1], [2, 2], [1, 5], [1, 2, 3, 4, 5, 5]]) {
      expectNoNaNOrInfinity({ ...summarise(values) });
    }
  });

  it('rejects non-finite input', () => {
    expect(() => mean([1, Number.NaN])).to.throw(RangeError);
    expect(() => summarise([1, Infinity])).to.throw(RangeError);
  });

  it('sums in one order, so the same values give the same figures to the last bit however they come', () => {
    const orders = [
      [1e16, -1e16, 1],
      [1, 1e16, -1e16],
      [-1e16, 1, 1e16],
      [1e16, 1, -1e16],
    ];
    const summaries = orders.map((values) => summarise(values));
    for (const summary of summaries) expect(summary).to.deep.equal(summaries[0]);
  });

  it('has no variance, sd or CI for one value', () => {
    expect(sampleVariance([3])).to.equal(null);
    expect(meanConfidenceInterval([3])).to.equal(null);
  });

  it('correlates only 3 or more pairs of equal length, each varying', () => {
    expect(pearsonCorrelation([1, 2], [2, 1])).to.equal(null);
    expect(pearsonCorrelation([1, 2, 3], [2, 2, 2])).to.equal(null);
    expect(pearsonCorrelation([2, 2, 2], [1, 2, 3])).to.equal(null);
    expect(pearsonCorrelation([1, 2, 3], [1, 3, 2])).to.be.closeTo(0.5, 1e-12);
    expect(() => pearsonCorrelation([1, 2, 3], [1, 2])).to.throw(
      RangeError,
      'paired data needs equal lengths, got 3 and 2',
    );
  });

  it('names the value it refuses', function () {
    expect(() => mean([3.2, Number.NaN])).to.throw(RangeError, 'statistics need finite numbers, got NaN');
    expect(() => sampleVariance([4, -Infinity])).to.throw(RangeError, 'statistics need finite numbers, got -Infinity');
  });
});
