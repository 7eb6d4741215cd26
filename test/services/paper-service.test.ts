import { expect } from 'chai';
import type { Services } from '../../server/services/services.js';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { failCall, rejection } from '../helpers/store-faults.js';
import { expectDomainError, seededProject, testServices } from '../helpers/test-services.js';

describe('PaperService', function () {
  let services: Services;
  let store: SqliteStore;
  let seeded: Awaited<ReturnType<typeof seededProject>>;
  beforeEach(async () => {
    ({ services, store } = testServices());
    seeded = await seededProject(services);
  });
  afterEach(() => store.close());

  const paperActions = async () => (await store.audit.list({})).map((e) => e.action).filter((a) => a === 'paper.entry');

  it('records a keyed-in questionnaire as submitted from paper, once', async function () {
    const result = await services.paper.enter(seeded.project, seeded.wave1.id, 'CG-001', { trust_1: '4' }, 'keyer');
    expect(result.ok).to.equal(true);
    const saved = await services.paper.savedResponse(seeded.participants[0]!, seeded.wave1);
    expect(saved).to.deep.include({
      status: 'submitted',
      source: 'paper',
      enteredBy: 'keyer',
      answers: { trust_1: 4 },
    });
    await expectDomainError(
      services.paper.enter(seeded.project, seeded.wave1.id, 'CG-001', { trust_1: '2' }, 'keyer'),
      'ALREADY_SUBMITTED',
    );
    expect(await paperActions()).to.have.length(1);
  });

  it('keeps no response when the audit entry cannot be written, and the error surfaces', async function () {
    const failure = new Error('the audit log is unavailable');
    failCall(store.audit, 'append', failure);
    expect(
      await rejection(services.paper.enter(seeded.project, seeded.wave1.id, 'CG-001', { trust_1: '4' }, 'keyer')),
    ).to.equal(failure);
    expect(await store.responses.get(seeded.participants[0]!.id, seeded.wave1.id)).to.equal(null);
    expect(await paperActions()).to.deep.equal([]);
    // Nothing half-kept stands in the way of keying it in again.
    expect(
      (await services.paper.enter(seeded.project, seeded.wave1.id, 'CG-001', { trust_1: '4' }, 'keyer')).ok,
    ).to.equal(true);
  });
});
