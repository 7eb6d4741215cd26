import { expect } from 'chai';
import { coreInstrument } from '../../../bench/calibration.js';
import { caregiversAndProviders } from '../../../server/domain/calibration/calibration.js';
import { changeSize } from '../../../server/domain/calibration/change-size.js';
import {
  DEFAULT_MODEL,
  simulateProject,
  type ModelParameters,
  type SimulatedGroup,
  type SimulationDesign,
} from '../../../server/domain/calibration/simulation-model.js';
import { validateInstrument } from '../../../server/domain/instrument.js';
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

  describe('with every source of noise and loss switched off', function () {
    // People answer exactly their group's level, every wave, every item: what comes out is known.
    const still: ModelParameters = {
      personSd: 0,
      waveSd: 0,
      itemSd: 0,
      personAcrossDimensions: 0.4,
      waveAcrossDimensions: 0.3,
      attrition: 0,
      withdrawnShare: 0,
      skipWave: 0,
      missingItems: [0, 0],
      lateJoiners: [],
    };
    const caregivers: SimulatedGroup = {
      id: 'caregiver',
      label: 'Caregiver familiari',
      size: 3,
      // Cohesion and reciprocity lie off the scale, to be clamped; strain is left to the default 3.5.
      means: { trust: 4.2, engagement: 2, cohesion: 9, reciprocity: -3 },
    };
    const providers: SimulatedGroup = { id: 'provider', label: 'Service providers', size: 2, means: {} };
    const still3 = (overrides: Partial<ModelParameters> = {}, changes: SimulationDesign['changes'] = []) =>
      simulateProject(
        { instrument, groups: [caregivers, providers], waves: 3, model: { ...still, ...overrides }, changes },
        new SeededRandom(21),
      );
    const caregiverAnswers = {
      trust_1: 4,
      trust_2: 4,
      trust_3: 2,
      trust_4: 4,
      trust_5: 4,
      engagement_1: 2,
      engagement_2: 4,
      engagement_3: 2,
      engagement_4: 2,
      engagement_5: 4,
      cohesion_1: 5,
      cohesion_2: 5,
      cohesion_3: 5,
      cohesion_4: 1,
      cohesion_5: 5,
      reciprocity_1: 1,
      reciprocity_2: 1,
      reciprocity_3: 1,
      reciprocity_4: 5,
      reciprocity_5: 5,
      strain_1: 2,
      strain_2: 2,
      strain_3: 2,
      strain_4: 2,
      strain_5: 4,
    };
    const answersOf = (project: ReturnType<typeof still3>, participantId: string, waveId: string) =>
      project.responses.find((r) => r.participantId === participantId && r.waveId === waveId)?.answers;

    it("answers every scored item at the group's level, rounded and clamped onto 1-5, reverse-coded items the other way round", function () {
      const project = still3();
      expect(project.responses).to.have.length((3 + 2) * 3);
      for (const response of project.responses.filter((r) => r.group === 'caregiver')) {
        expect(response.answers).to.deep.equal(caregiverAnswers);
      }
      // Unnamed dimensions sit at 3.5, which rounds up to 4 (2 on a reverse-coded item).
      expect(answersOf(project, 'provider-1-2', 'w3')).to.include({ trust_1: 4, trust_3: 2, strain_1: 2, strain_5: 4 });
    });

    it("moves only the changed group's dimension, from the wave the change starts, by the shift", function () {
      const changes = [{ group: 'caregiver', dimension: 'trust', fromWave: 2, shift: -2 }];
      const project = still3({}, changes);
      expect(answersOf(project, 'caregiver-1-1', 'w1')).to.deep.equal(caregiverAnswers);
      // 4.2 - 2 = 2.2 rounds to 2, and the reverse-coded trust_3 to 4.
      const fallen = { ...caregiverAnswers, trust_1: 2, trust_2: 2, trust_3: 4, trust_4: 2, trust_5: 2 };
      expect(answersOf(project, 'caregiver-1-1', 'w2')).to.deep.equal(fallen);
      expect(answersOf(project, 'caregiver-1-3', 'w3')).to.deep.equal(fallen);
      expect(answersOf(project, 'provider-1-1', 'w3')).to.include({ trust_1: 4, engagement_1: 4 });
      const engagement = [{ group: 'provider', dimension: 'engagement', fromWave: 3, shift: 1 }];
      const risen = still3({}, engagement);
      expect(answersOf(risen, 'provider-1-1', 'w2')).to.include({ trust_1: 4, engagement_1: 4, engagement_2: 2 });
      expect(answersOf(risen, 'provider-1-1', 'w3')).to.include({ trust_1: 4, engagement_1: 5, engagement_2: 1 });
      expect(answersOf(risen, 'caregiver-1-1', 'w3')).to.deep.equal(caregiverAnswers);
    });

    it('asks each group only the items meant for it', function () {
      const json = JSON.parse(JSON.stringify(instrument)) as {
        sections: { items: { id: string; groups?: string[] }[] }[];
      };
      // trust_5 and strain_5 are asked of providers only.
      for (const item of json.sections.flatMap((section) => section.items)) {
        if (item.id === 'trust_5' || item.id === 'strain_5') item.groups = ['provider'];
      }
      const validated = validateInstrument(json);
      if (!validated.ok) throw new Error('the split instrument should validate');
      const project = simulateProject(
        { instrument: validated.instrument, groups: [caregivers, providers], waves: 1, model: still, changes: [] },
        new SeededRandom(2),
      );
      const { trust_5: _trust, strain_5: _strain, ...caregiverOnly } = caregiverAnswers;
      expect(answersOf(project, 'caregiver-1-1', 'w1')).to.deep.equal(caregiverOnly);
      expect(answersOf(project, 'provider-1-1', 'w1')).to.include({ trust_5: 4, strain_5: 4 });
    });

    it('opens a wave every 91 days from 12 January 2026, each open for 21 days', function () {
      expect(simulateProject({ ...design(), model: still }, new SeededRandom(1)).waves).to.deep.equal([
        { id: 'w1', label: 'Wave 1', opensOn: '2026-01-12', closesOn: '2026-02-01' },
        { id: 'w2', label: 'Wave 2', opensOn: '2026-04-13', closesOn: '2026-05-03' },
        { id: 'w3', label: 'Wave 3', opensOn: '2026-07-13', closesOn: '2026-08-02' },
        { id: 'w4', label: 'Wave 4', opensOn: '2026-10-12', closesOn: '2026-11-01' },
      ]);
    });

    it('describes the design the analysis reads: every wave on the instrument, the groups by id and label', function () {
      expect(still3().design).to.deep.equal({
        waves: [
          { id: 'w1', label: 'Wave 1', instrument },
          { id: 'w2', label: 'Wave 2', instrument },
          { id: 'w3', label: 'Wave 3', instrument },
        ],
        groups: [
          { id: 'caregiver', label: 'Caregiver familiari' },
          { id: 'provider', label: 'Service providers' },
        ],
      });
    });

    it('enrols the first people a month before wave 1 and late joiners two weeks before their wave, only for waves the project has', function () {
      const project = still3({ lateJoiners: [0.5, 0.5, 0.5] });
      const enrolled = (group: string) =>
        project.participants.filter((p) => p.group === group).map(({ id, enrolledOn }) => [id, enrolledOn]);
      // Half of 3 rounds to 2; a third wave of joiners would join a wave 4 the project does not have.
      expect(enrolled('caregiver')).to.deep.equal([
        ['caregiver-1-1', '2025-12-13'],
        ['caregiver-1-2', '2025-12-13'],
        ['caregiver-1-3', '2025-12-13'],
        ['caregiver-2-1', '2026-03-30'],
        ['caregiver-2-2', '2026-03-30'],
        ['caregiver-3-1', '2026-06-29'],
        ['caregiver-3-2', '2026-06-29'],
      ]);
      expect(project.participants).to.have.length(7 + 2 + 1 + 1);
      for (const person of project.participants) {
        expect(person).to.include({ status: 'active', withdrawnOn: null, createdAt: '2026-12-01T09:00:00.000Z' });
      }
      const waves = (id: string) =>
        project.responses
          .filter((r) => r.participantId === id)
          .map((r) => r.waveId)
          .sort();
      expect(waves('caregiver-1-1')).to.deep.equal(['w1', 'w2', 'w3']);
      expect(waves('caregiver-2-2')).to.deep.equal(['w2', 'w3']);
      expect(waves('provider-3-1')).to.deep.equal(['w3']);
    });

    it('stops everyone after their first wave when attrition is certain, withdrawing them a month after it closed', function () {
      const project = still3({ attrition: 1, withdrawnShare: 1, lateJoiners: [0.5, 0.5] });
      const person = (id: string) => project.participants.find((p) => p.id === id);
      expect(person('caregiver-1-2')).to.include({ status: 'withdrawn', withdrawnOn: '2026-03-03' });
      expect(person('caregiver-2-1')).to.include({ status: 'withdrawn', withdrawnOn: '2026-06-02' });
      // Nobody leaves after the last wave: there is nothing left to stop answering.
      expect(person('caregiver-3-1')).to.include({ status: 'active', withdrawnOn: null });
      expect(project.responses.filter((r) => r.participantId === 'caregiver-1-2').map((r) => r.waveId)).to.deep.equal([
        'w1',
      ]);
      expect(project.responses).to.have.length(project.participants.length);
    });

    it('lets those who stop fall silent, still enrolled, when none of them formally withdraw', function () {
      const project = still3({ attrition: 1, withdrawnShare: 0 });
      expect(project.participants.every((p) => p.status === 'active' && p.withdrawnOn === null)).to.equal(true);
      expect(project.responses.map((r) => r.waveId)).to.deep.equal(['w1', 'w1', 'w1', 'w1', 'w1']);
    });

    it('records no response when everyone skips, and every response when nobody does', function () {
      expect(still3({ skipWave: 1 }).responses).to.deep.equal([]);
      expect(still3({ skipWave: 0 }).responses).to.have.length(15);
    });

    it("moves a person's dimensions together when the correlation is 1 and apart when it is 0", function () {
      const spread = { personSd: 1.2 };
      const level = {
        id: 'caregiver',
        label: 'Caregivers',
        size: 40,
        means: { trust: 3, engagement: 3, cohesion: 3, reciprocity: 3, strain: 3 },
      };
      const run = (personAcrossDimensions: number) =>
        simulateProject(
          {
            instrument,
            groups: [level],
            waves: 1,
            model: { ...still, ...spread, personAcrossDimensions },
            changes: [],
          },
          new SeededRandom(8),
        ).responses.map(({ answers }) => [
          answers.trust_1,
          answers.engagement_1,
          answers.cohesion_1,
          answers.reciprocity_1,
          answers.strain_5,
        ]);
      const together = run(1);
      expect(together.every((row) => row.every((value) => value === row[0]))).to.equal(true);
      expect(new Set(together.map((row) => row[0])).size).to.be.at.least(3);
      const apart = run(0);
      expect(apart.filter((row) => row.some((value) => value !== row[0])).length).to.be.at.least(20);
      // Independent effects still land mostly inside the scale, not piled on its ends.
      expect(apart.flat().filter((value) => value === 2 || value === 3 || value === 4).length).to.be.at.least(100);
    });
  });
});
