import { expect } from 'chai';
import { figure, figureLine } from '../../bench/figure.js';

// Other tools read `npm run bench` line by line: these are the names and shapes they rely on.
describe('bench figures', function () {
  it('prints one JSON line with exactly name, value, unit, baseline and ratio', function () {
    const line = figureLine(figure('submissions', 1250, '/s', 1000));
    expect(line.endsWith('\n')).to.equal(true);
    expect(line.trimEnd()).to.not.include('\n');
    const parsed = JSON.parse(line) as Record<string, unknown>;
    expect(Object.keys(parsed)).to.deep.equal(['name', 'value', 'unit', 'baseline', 'ratio']);
    expect(parsed).to.deep.equal({ name: 'submissions', value: 1250, unit: '/s', baseline: 1000, ratio: 1.25 });
  });

  it('has no ratio for a figure without a target', function () {
    expect(JSON.parse(figureLine(figure('submissions p99', 52, 'ms', null)))).to.deep.equal({
      name: 'submissions p99',
      value: 52,
      unit: 'ms',
      baseline: null,
      ratio: null,
    });
  });

  it('stops the run on a figure that was not measured, rather than print a line without its value', function () {
    expect(() => figure('export rss', undefined as unknown as number, 'MB', 100)).to.throw('not measured');
    expect(() => figure('page', Number.NaN, 'x static route', 0.5)).to.throw('not measured');
    expect(() => figure('analysis', Number.POSITIVE_INFINITY, 'ms', 1000)).to.throw('not measured');
  });
});
