import { expect } from 'chai';
import { reliableChange } from '../../../server/domain/statistics/reliable-change.js';

describe('statistics/reliable-change', () => {
  it('reproduces the example: s1 7.6, r 0.95 → SE 1.6994, S_diff 2.4033, 4.71 points reliable', () => {
    const result = reliableChange({ baselineSd: 7.6, baselineAlpha: 0.95, before: [], after: [] });
    expect(result.status).to.equal('computed');
    if (result.status !== 'computed') return;
    expect(result.standardError).to.be.closeTo(1.6994, 5e-5);
    expect(result.sDiff).to.be.closeTo(2.4033, 5e-5);
    expect(result.minimumReliableChange).to.be.closeTo(4.71, 5e-3);
  });

  it('counts changes beyond ±1.96·S_diff as reliable', () => {
    // 1.96·S_diff = 4.7105: the "4.71" of the example is that boundary, rounded.
    const before = [20, 20, 20, 20, 20, 20];
    const after = [24.72, 24.7, 15.28, 15.3, 20, 10];
    const result = reliableChange({ baselineSd: 7.6, baselineAlpha: 0.95, before, after });
    if (result.status !== 'computed') throw new Error('expected a computed result');
    expect(result.pairs).to.equal(6);
    expect(result.improved).to.equal(1);
    expect(result.deteriorated).to.equal(2);
    expect(result.rci[0]).to.be.greaterThan(1.96);
    expect(result.rci[1]).to.be.lessThan(1.96);
    expect(result.rci[4]).to.equal(0);
  });

  it('skips, with the reason, when the baseline alpha is missing or below 0.70', () => {
    const pairs = { before: [1, 2], after: [2, 3] };
    expect(reliableChange({ baselineSd: 1, baselineAlpha: null, ...pairs })).to.deep.equal({
      status: 'skipped',
      reason: 'alpha-missing',
      baselineAlpha: null,
      minAlpha: 0.7,
    });
    expect(reliableChange({ baselineSd: 1, baselineAlpha: 0.69, ...pairs })).to.include({
      status: 'skipped',
      reason: 'alpha-below-minimum',
      baselineAlpha: 0.69,
    });
    expect(reliableChange({ baselineSd: 1, baselineAlpha: 0.7, ...pairs }).status).to.equal('computed');
  });

  it('skips when the baseline SD is missing or 0, or alpha is 1', () => {
    const pairs = { before: [1, 2], after: [2, 3] };
    expect(reliableChange({ baselineSd: null, baselineAlpha: 0.9, ...pairs })).to.include({ reason: 'baseline-sd-missing' });
    expect(reliableChange({ baselineSd: 0, baselineAlpha: 0.9, ...pairs })).to.include({ reason: 'baseline-sd-zero' });
    expect(reliableChange({ baselineSd: 1, baselineAlpha: 1, ...pairs })).to.include({ reason: 'alpha-perfect' });
  });

  it('takes the critical value and minimum alpha from the thresholds', () => {
    const input = { baselineSd: 1, baselineAlpha: 0.6, before: [0, 0], after: [1, -1] };
    expect(reliableChange(input).status).to.equal('skipped');
    const result = reliableChange(input, { rciMinAlpha: 0.5, rciCritical: 1 });
    if (result.status !== 'computed') throw new Error('expected a computed result');
    // S_diff = √2·√0.4 ≈ 0.894, so ±1 is an RCI of ±1.118.
    expect(result.improved).to.equal(1);
    expect(result.deteriorated).to.equal(1);
  });
});
