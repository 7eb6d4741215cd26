import { expect } from 'chai';
import { coreInstrument } from '../../../bench/calibration.js';
import {
  caregiversAndProviders,
  estimateFalseAlarms,
  runScenario,
  type CalibrationBase,
  type Scenario,
  type ScenarioTally,
} from '../../../server/domain/calibration/calibration.js';
import { DEFAULT_MODEL } from '../../../server/domain/calibration/simulation-model.js';
import { DEFAULT_STATUS_THRESHOLDS } from '../../../server/domain/statistics/status-rules.js';

describe('calibration/calibration', function () {
  this.timeout(60_000);
  const base: CalibrationBase = {
    instrument: coreInstrument(),
    model: DEFAULT_MODEL,
    thresholds: DEFAULT_STATUS_THRESHOLDS,
  };
  // Rules loose enough that false alarms are common in a handful of projects.
  const loose = { ...DEFAULT_STATUS_THRESHOLDS, alpha: 0.5, watchAlpha: 0.8, minChange: 0 };
  const groups = caregiversAndProviders(20, 10);
  const trustDrop = (sizeInSd: number) => ({ group: 'caregiver', dimension: 'trust', sizeInSd, fromWave: 3 });
  const noChange: Scenario = { groups, waves: 4, drop: null };

  let quiet: ScenarioTally;
  before(function () {
    quiet = runScenario(base, noChange, 6, 1);
  });

  it('describes the two calibration groups with mid-scale means, providers a little higher', function () {
    expect(caregiversAndProviders(20, 10)).to.deep.equal([
      {
        id: 'caregiver',
        label: 'Family caregivers',
        size: 20,
        means: { trust: 3.7, engagement: 3.5, cohesion: 3.4, reciprocity: 3.6, strain: 3.0 },
      },
      {
        id: 'provider',
        label: 'Service providers',
        size: 10,
        means: { trust: 3.9, engagement: 3.7, cohesion: 3.6, reciprocity: 3.5, strain: 3.3 },
      },
    ]);
    expect(caregiversAndProviders(6, 40).map(({ size }) => size)).to.deep.equal([6, 40]);
  });

  it('finds no co-destruction in a handful of projects where nothing changed, and counts no drop', function () {
    expect(quiet).to.deep.include({
      projects: 6,
      anyCoDestruction: 0,
      anyCoCreation: 0,
      dropCoDestruction: 0,
      dropCoDestructionByNext: 0,
      dropWatchOrCoDestruction: 0,
      spillOver: 0,
      size: null,
    });
    // The watch budget is 21% of projects: in 6 projects, one or two (watch is looser than co-destruction).
    expect(quiet.anyWatchOrCoDestruction).to.be.within(1, 2);
  });

  it('judges participation for each group at waves 2 to 4 of each project, and finds it falling about a quarter of the time', function () {
    // 6 projects x 2 groups x 3 follow-up waves; wave 1 has nothing to fall from.
    expect(quiet.participationJudged).to.equal(36);
    // docs/methods.md reports 27.5% of wave-group pairs falling under the model's attrition.
    expect(quiet.participationFalling / quiet.participationJudged).to.be.within(0.15, 0.4);
  });

  it('does not judge participation of a group too small to judge, or of a group nobody joined', function () {
    const three = runScenario(base, { groups: caregiversAndProviders(20, 3), waves: 4, drop: null }, 2, 1);
    expect(three.participationJudged).to.equal(2 * 3);
    const none = runScenario(base, { groups: caregiversAndProviders(20, 0), waves: 3, drop: null }, 2, 1);
    expect(none.participationJudged).to.equal(2 * 2);
  });

  it('finds participation never falling when nobody leaves or skips, and mostly falling when half leave after each wave', function () {
    const steady = { ...DEFAULT_MODEL, attrition: 0, skipWave: 0, lateJoiners: [] };
    const threeWaves: Scenario = { groups, waves: 3, drop: null };
    const kept = runScenario({ ...base, model: steady }, threeWaves, 2, 1);
    expect(kept).to.deep.include({ participationJudged: 8, participationFalling: 0 });
    const leaky = { ...DEFAULT_MODEL, attrition: 0.5 };
    const lost = runScenario({ ...base, model: leaky }, threeWaves, 2, 1);
    expect(lost.participationJudged).to.equal(8);
    expect(lost.participationFalling).to.be.at.least(6);
  });

  it('detects a huge drop in caregivers’ trust in every project, at the wave it happens, with no spill-over', function () {
    const tally = runScenario(base, { groups, waves: 4, drop: trustDrop(3) }, 3, 1);
    expect(tally).to.deep.include({
      projects: 3,
      anyCoDestruction: 3,
      anyWatchOrCoDestruction: 3,
      anyCoCreation: 0,
      dropCoDestruction: 3,
      dropCoDestructionByNext: 3,
      dropWatchOrCoDestruction: 3,
      spillOver: 0,
    });
    const size = tally.size!;
    expect(size.withinPersonSd).to.be.within(0.45, 0.6);
    expect(size.observedShift).to.be.closeTo(-3 * size.withinPersonSd, 0.01);
    // Rounding and missing items shrink an observed change, so the latent fall is larger.
    expect(size.latentShift).to.be.below(size.observedShift);
  });

  it('follows a drop in any group and dimension, including one at the last wave with no next wave to catch it', function () {
    const providersEngagement = { group: 'provider', dimension: 'engagement', sizeInSd: 3, fromWave: 4 };
    const tally = runScenario(base, { groups, waves: 4, drop: providersEngagement }, 3, 1);
    expect(tally).to.deep.include({
      anyCoDestruction: 3,
      dropCoDestruction: 3,
      dropCoDestructionByNext: 3,
      dropWatchOrCoDestruction: 3,
      spillOver: 0,
    });
  });

  it('finds nothing to detect when a group is low from the first wave on: there is no earlier level to fall from', function () {
    const fromTheStart = { group: 'caregiver', dimension: 'trust', sizeInSd: 3, fromWave: 1 };
    const tally = runScenario(base, { groups, waves: 3, drop: fromTheStart }, 3, 1);
    expect(tally).to.deep.include({
      anyCoDestruction: 0,
      dropCoDestruction: 0,
      dropCoDestructionByNext: 0,
      dropWatchOrCoDestruction: 0,
      spillOver: 0,
    });
  });

  it('counts nothing, and does not fail, for a drop in a group nobody has joined', function () {
    const emptyProviders = caregiversAndProviders(20, 0);
    const drop = { group: 'provider', dimension: 'trust', sizeInSd: 3, fromWave: 2 };
    const tally = runScenario(base, { groups: emptyProviders, waves: 3, drop }, 2, 1);
    expect(tally).to.deep.include({ dropCoDestruction: 0, dropCoDestructionByNext: 0, dropWatchOrCoDestruction: 0 });
  });

  it('reads a negative drop as a rise: co-creation in every project, never co-destruction', function () {
    const tally = runScenario(base, { groups, waves: 4, drop: trustDrop(-3) }, 3, 1);
    expect(tally).to.deep.include({
      anyCoDestruction: 0,
      anyCoCreation: 3,
      dropCoDestruction: 0,
      dropCoDestructionByNext: 0,
      dropWatchOrCoDestruction: 0,
    });
    expect(tally.size!.latentShift).to.be.above(0);
  });

  it('counts a moderate fall caught only at the next wave, or only watched, separately from one caught at once', function () {
    const tally = runScenario(base, { groups, waves: 4, drop: trustDrop(1.2) }, 6, 4);
    expect(tally.dropCoDestruction).to.be.within(1, 5);
    expect(tally.dropCoDestructionByNext).to.be.above(tally.dropCoDestruction);
    expect(tally.dropWatchOrCoDestruction).to.be.above(tally.dropCoDestruction);
    expect(tally.anyWatchOrCoDestruction).to.be.above(tally.anyCoDestruction);
    expect(tally.anyCoDestruction).to.be.at.least(tally.dropCoDestructionByNext);
  });

  it('counts co-destruction on cells that did not change as spill-over, but not the dropped cell from its drop on', function () {
    const tally = runScenario({ ...base, thresholds: loose }, { groups, waves: 4, drop: trustDrop(3) }, 4, 1);
    expect(tally.dropCoDestruction).to.equal(4);
    expect(tally.spillOver).to.be.within(1, 3);
  });

  it('draws the same projects for the same seed, and each scenario its own projects', function () {
    expect(runScenario(base, noChange, 6, 1)).to.deep.equal(quiet);
    // A drop of nothing simulates the same model as no change, but from the scenario's own stream.
    const nothing = runScenario(base, { groups, waves: 4, drop: trustDrop(0) }, 6, 1);
    expect(nothing.size!.latentShift).to.equal(0);
    expect(nothing.size!.observedShift).to.equal(0);
    expect({ ...nothing, size: null }).to.not.deep.equal(quiet);
  });

  it('refuses a drop in a group the scenario does not have', function () {
    const volunteers = { group: 'volontari', dimension: 'trust', sizeInSd: 1, fromWave: 3 };
    expect(() => runScenario(base, { groups, waves: 4, drop: volunteers }, 2, 1)).to.throw(
      RangeError,
      'no group volontari in the design',
    );
  });

  it('estimates false alarms for a project’s own groups as shares of simulated no-change projects at mid-scale', function () {
    const own = [
      { id: 'caregiver', label: 'Caregiver familiari', size: 20 },
      { id: 'provider', label: 'Operatori dei servizi', size: 10 },
    ];
    const estimate = estimateFalseAlarms(base.instrument, DEFAULT_MODEL, loose, own, 4, 4, 1);
    const tally = runScenario(
      { ...base, thresholds: loose },
      { groups: own.map((group) => ({ ...group, means: {} })), waves: 4, drop: null },
      4,
      1,
    );
    expect(tally.anyCoDestruction).to.be.within(1, 3);
    expect(tally.anyCoCreation).to.be.within(1, 3);
    expect(estimate).to.deep.equal({
      projects: 4,
      coDestruction: tally.anyCoDestruction / 4,
      watchOrCoDestruction: tally.anyWatchOrCoDestruction / 4,
      coCreation: tally.anyCoCreation / 4,
    });
  });
});
