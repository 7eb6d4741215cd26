import { expect } from 'chai';
import type { Services } from '../../server/services/services.js';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { failCall, rejection } from '../helpers/store-faults.js';
import { seededProject, testServices } from '../helpers/test-services.js';

describe('QuestionnaireService', function () {
  let services: Services;
  let store: SqliteStore;
  let seeded: Awaited<ReturnType<typeof seededProject>>;
  beforeEach(async () => {
    ({ services, store } = testServices());
    seeded = await seededProject(services);
  });
  afterEach(() => store.close());

  const person = () => seeded.participants[1]!;
  const consents = async () => (await store.audit.list({})).filter((e) => e.action === 'consent.given');

  it('opens a draft with consent, and records the consent', async function () {
    await services.questionnaires.consent(await services.questionnaires.visit(person().token));
    expect(await store.responses.get(person().id, seeded.wave1.id)).to.deep.include({ status: 'draft', answers: {} });
    expect((await consents()).map((e) => e.target)).to.deep.equal([person().id]);
  });

  it('opens no draft when the consent cannot be recorded, and the error surfaces', async function () {
    const failure = new Error('the audit log is unavailable');
    failCall(store.audit, 'append', failure);
    expect(
      await rejection(services.questionnaires.consent(await services.questionnaires.visit(person().token))),
    ).to.equal(failure);
    expect(await store.responses.get(person().id, seeded.wave1.id)).to.equal(null);
    expect((await services.questionnaires.visit(person().token)).response).to.equal(null);
    expect(await consents()).to.deep.equal([]);
  });
});
