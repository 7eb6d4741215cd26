import { expect } from 'chai';
import { coreInstrument } from '../../../bench/calibration.js';
import { caregiversAndProviders } from '../../../server/domain/calibration/calibration.js';
import { changeSize } from '../../../server/domain/calibration/change-size.js';
import {
  DEFAULT_MODEL,
  simulateProject,
  type SimulationDesign,
} from '../../../server/domain/calibration/simulation-model.js';
import { SeededRandom } from '../../../server/domain/seeded-random.js';

describe('calibration/simulation-model', function () {
  this.timeout(60_000);
  const instrument = coreInstrument();
  const design = (changes: SimulationDesign['changes'] = []): SimulationDesign => ({
    instrument,
    groups: caregiversAndProviders(20, 10),
    waves: 4,
    model: DEFAULT_MODEL,
    changes,
  });

  it('draws people who drop out, skip waves and join late, with enrolment and withdrawal dates', function () {
    const project = simulateProject(design(), new SeededRandom(3));
    const caregivers = project.participants.filter((p) => p.group === 'caregiver');
    expect(caregivers).to.have.length(20 + 2 + 1);
    const perWave = project.waves.map(
      ({ id }) => project.responses.filter((r) => r.waveId === id && r.group === 'caregiver').length,
    );
    expect(perWave[0]).to.be.at.most(20);
    expect(perWave[3]).to.be.below(perWave[0]!);
    const late = caregivers.filter((p) => p.enrolledOn > project.waves[0]!.closesOn);
    expect(late).to.have.length(3);
    for (const person of late) {
      const first = project.responses
        .filter((r) => r.participantId === person.id)
        .map((r) => r.waveId)
        .sort()[0];
      if (first) expect(project.waves.find((w) => w.id === first)!.opensOn >= person.enrolledOn).to.equal(true);
    }
    const withdrawn = project.participants.filter((p) => p.status === 'withdrawn');
    for (const person of withdrawn) expect(person.withdrawnOn).to.match(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('leaves 10-25% of items unanswered and writes reverse-coded items the other way round', function () {
    const project = simulateProject(design(), new SeededRandom(4));
    const scaleItems = instrument.sections.flatMap((s) => s.items).filter((i) => i.type === 'scale');
    let asked = 0;
    let answered = 0;
    let straight = 0;
    let reversed = 0;
    for (const response of project.responses) {
      for (const item of scaleItems) {
        asked += 1;
        const value = response.answers[item.id];
        if (typeof value !== 'number') continue;
        answered += 1;
        if (item.id === 'trust_3') reversed += value;
        if (item.id === 'trust_1') straight += value;
      }
    }
    expect(1 - answered / asked).to.be.within(0.1, 0.25);
    // Both items measure trust, high in both groups; the reverse-coded one is ticked from the other end.
    expect(reversed).to.be.below(straight * 0.8);
  });

  it("correlates a person's scores across waves (ICC about 0.5) and sizes a drop in within-person SDs", function () {
    const size = changeSize(design(), 'caregiver', 'trust', -1.2, 9);
    expect(size.icc).to.be.within(0.4, 0.65);
    expect(size.withinPersonSd).to.be.within(0.4, 0.7);
    expect(size.observedShift).to.be.closeTo(-1.2 * size.withinPersonSd, 0.01);
    expect(size.latentShift).to.be.below(size.observedShift);
  });

  it('is the same project for the same seed, rows shuffled as a store may return them', function () {
    const a = simulateProject(design(), new SeededRandom(5));
    const b = simulateProject(design(), new SeededRandom(5));
    expect(a).to.deep.equal(b);
    const waveOrder = a.responses.map((r) => r.waveId);
    expect(waveOrder).to.not.deep.equal([...waveOrder].sort());
  });
});
