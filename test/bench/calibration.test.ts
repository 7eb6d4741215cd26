import { expect } from 'chai';
import { coreInstrument, runCalibration, TARGETS } from '../../bench/calibration.js';
import { caregiversAndProviders, runScenario } from '../../server/domain/calibration/calibration.js';
import { DEFAULT_MODEL } from '../../server/domain/calibration/simulation-model.js';
import { DEFAULT_STATUS_THRESHOLDS } from '../../server/domain/statistics/status-rules.js';
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

  it('tells a true fall from no change: the rules find the 1.5 SD fall far more often than a false one', function () {
    const base = { instrument: coreInstrument(), model: DEFAULT_MODEL, thresholds: DEFAULT_STATUS_THRESHOLDS };
    const groups = caregiversAndProviders(20, 10);
    const fall = runScenario(
      base,
      { groups, waves: 4, drop: { group: 'caregiver', dimension: 'trust', sizeInSd: 1.5, fromWave: 3 } },
      40,
      3,
    );
    const none = runScenario(base, { groups, waves: 4, drop: null }, 40, 3);
    expect(fall.dropCoDestructionByNext / 40).to.be.at.least(0.6);
    expect(none.anyCoDestruction / 40).to.be.at.most(0.15);
    expect(fall.size!.observedShift).to.be.closeTo(-1.5 * fall.size!.withinPersonSd, 0.01);
  });

  it('judges each target in its own direction', function () {
    for (const { figure, target, met } of small()) {
      if (target.target === null) expect(met).to.equal(null);
      else if (target.direction === 'at most') expect(met).to.equal(figure.value <= target.target);
      else expect(met).to.equal(figure.value >= target.target);
    }
  });
});
