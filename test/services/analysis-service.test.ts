import { expect } from 'chai';
import { DEFAULT_STATUS_THRESHOLDS } from '../../server/domain/statistics/status-rules.js';
import type { Services } from '../../server/services/services.js';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { expectDomainError, seededProject, testServices } from '../helpers/test-services.js';

describe('AnalysisService', function () {
  let services: Services;
  let store: SqliteStore;
  let seeded: Awaited<ReturnType<typeof seededProject>>;

  beforeEach(async () => {
    ({ services, store } = testServices());
    seeded = await seededProject(services);
    await services.responseImports.importCsv(
      seeded.project,
      'participant,wave,trust_1,trust_2,trust_3\nCG-001,Wave 1,4,4,2\nCG-002,Wave 1,2,2,4\nCG-001,Wave 2,3,3,3\n',
      'cli',
    );
    // A draft is not an answer yet: the analysis leaves it out.
    await store.responses.saveDraft({
      projectId: seeded.project.id,
      participantId: seeded.participants[2]!.id,
      waveId: seeded.wave1.id,
      group: 'provider',
      changes: { trust_1: 1, trust_2: 1, trust_3: 5 },
      source: 'web',
      enteredBy: null,
      at: '2026-03-10T09:00:00.000Z',
    });
  });
  afterEach(() => store.close());

  it('analyses submitted responses per wave, group and dimension', async function () {
    const { analysis } = await services.analyses.analyse(seeded.project);
    expect(analysis.waves.map((w) => w.label)).to.deep.equal(['Wave 1', 'Wave 2']);
    expect(analysis.dimensions.map((d) => d.id)).to.deep.equal([
      'trust',
      'engagement',
      'cohesion',
      'reciprocity',
      'strain',
    ]);
    const trust = analysis.cells.find(
      (c) => c.wave === 'Wave 1' && c.group === 'caregiver' && c.dimension === 'trust',
    )!;
    expect(trust).to.include({ n: 2, mean: 3, submitted: 2 });
    const provider = analysis.cells.find(
      (c) => c.wave === 'Wave 1' && c.group === 'provider' && c.dimension === 'trust',
    )!;
    expect(provider).to.include({ n: 0, submitted: 0 });
    expect(analysis.thresholds).to.deep.equal(DEFAULT_STATUS_THRESHOLDS);
  });

  it("applies the project's threshold overrides and rejects malformed ones", async function () {
    const analyse = async () => services.analyses.analyse(await services.projects.bySlug('p4c'));
    // Names the rules do not have are ignored.
    await store.projects.update(seeded.project.id, { settings: { statusThresholds: { minLinked: 2, lowMean: 3.5 } } });
    const { analysis } = await analyse();
    expect(analysis.thresholds).to.deep.equal({ ...DEFAULT_STATUS_THRESHOLDS, minLinked: 2 });

    // Thresholds saved for the rules before calibration are not read: their alpha meant another thing.
    await store.projects.update(seeded.project.id, {
      settings: { flagThresholds: { alpha: 0.5, lowMean: 3, minPairsForDecline: 5 } },
    });
    expect((await analyse()).analysis.thresholds).to.deep.equal(DEFAULT_STATUS_THRESHOLDS);

    await store.projects.update(seeded.project.id, { settings: { statusThresholds: { minLinked: 'few' } } });
    const error = await expectDomainError(analyse(), 'VALIDATION');
    expect(error.problems[0]!.where).to.equal('minLinked');
  });
});
