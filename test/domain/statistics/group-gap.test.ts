import { expect } from 'chai';
import { hedgesG, welchTTest } from '../../../server/domain/statistics/group-gap.js';

const SLEEP_1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const SLEEP_2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

describe('statistics/group-gap', () => {
  it('reproduces Welch on sleep: t -1.860813, df 17.77647, p 0.07939414', () => {
    const result = welchTTest(SLEEP_1, SLEEP_2)!;
    expect(result.t).to.be.closeTo(-1.860813, 5e-7);
    expect(result.df).to.be.closeTo(17.77647, 5e-6);
    expect(result.p).to.be.closeTo(0.07939414, 5e-9);
    expect(result.meanDiff).to.be.closeTo(-1.58, 1e-12);
  });

  it('reproduces Hedges g on sleep: -0.7970185', () => {
    expect(hedgesG(SLEEP_1, SLEEP_2)).to.be.closeTo(-0.7970185, 5e-8);
  });

  it('signs both as group1 - group2', () => {
    expect(welchTTest(SLEEP_2, SLEEP_1)!.t).to.be.closeTo(1.860813, 5e-7);
    expect(hedgesG(SLEEP_2, SLEEP_1)).to.be.closeTo(0.7970185, 5e-8);
  });

  it('is null when a group has fewer than 2 values', () => {
    expect(welchTTest([1], [1, 2, 3])).to.equal(null);
    expect(welchTTest([1, 2], [])).to.equal(null);
    expect(hedgesG([1], [1, 2, 3])).to.equal(null);
  });

  it('leaves t, df and p null when neither group varies, and g null with no pooled spread', () => {
    expect(welchTTest([2, 2], [3, 3, 3])).to.deep.equal({ meanDiff: -1, t: null, df: null, p: null });
    expect(hedgesG([2, 2], [3, 3, 3])).to.equal(null);
  });

  it('works when only one group varies', () => {
    const result = welchTTest([2, 2, 2], [1, 2, 3, 4])!;
    expect(result.df).to.be.closeTo(3, 1e-12);
    expect(result.t).to.be.closeTo(-0.5 / Math.sqrt(5 / 3 / 4), 1e-12);
    expect(hedgesG([2, 2, 2], [1, 2, 3, 4])).to.be.a('number');
  });

  it('has no gap when a group has a single value', () => {
    expect(welchTTest([5], [1, 2, 3])).to.equal(null);
    expect(hedgesG([1, 2, 3], [5])).to.equal(null);
  });
});
