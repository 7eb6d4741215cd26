import { expect } from 'chai';
import { runCalibration, TARGETS } from '../../bench/calibration.js';
import { figureLine } from '../../bench/figure.js';

describe('npm run calibrate (a small run)', function () {
  this.timeout(120_000);
  const small = () => runCalibration(4, 11);

  it('prints one bench-style JSON line per target, with the target as baseline', function () {
    const results = small();
    expect(results.map((r) => r.target.name)).to.deep.equal(TARGETS.map((t) => t.name));
    for (const { figure, target } of results) {
      const line = JSON.parse(figureLine(figure)) as Record<string, unknown>;
      expect(Object.keys(line)).to.deep.equal(['name', 'value', 'unit', 'baseline', 'ratio']);
      expect(line).to.include({ unit: '%', baseline: target.target });
      expect(line.value).to.be.within(0, 100);
    }
  });

  it('is deterministic for a seed, and another seed draws other projects', function () {
    const values = (seed: number) => runCalibration(4, seed).map(({ figure }) => figure.value);
    const first = values(11);
    expect(values(11)).to.deep.equal(first);
    expect(values(12)).to.not.deep.equal(first);
  });

  it('judges each target in its own direction', function () {
    for (const { figure, target, met } of small()) {
      if (target.target === null) expect(met).to.equal(null);
      else if (target.direction === 'at most') expect(met).to.equal(figure.value <= target.target);
      else expect(met).to.equal(figure.value >= target.target);
    }
  });
});
