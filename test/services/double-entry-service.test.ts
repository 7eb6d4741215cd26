import { expect } from 'chai';
import type { Participant, StaffUser, Wave } from '../../server/domain/records.js';
import type { Services } from '../../server/services/services.js';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { failCall } from '../helpers/store-faults.js';
import { staffUser } from '../helpers/staff-agent.js';
import { expectDomainError, seededProject, testServices } from '../helpers/test-services.js';

/** CG-001's paper form, as the first clerk reads it. */
const PAPER = {
  trust_1: '4',
  trust_2: 'NA',
  trust_3: '2',
  engagement_1: '5',
  strain_1: '1',
  open_1: 'Troppe riunioni',
};

describe('DoubleEntryService', function () {
  let services: Services;
  let store: SqliteStore;
  let seeded: Awaited<ReturnType<typeof seededProject>>;
  let anna: Participant;
  let wave1: Wave;
  let ada: StaffUser;
  let bea: StaffUser;
  let cy: StaffUser;
  let lead: StaffUser;

  beforeEach(async () => {
    ({ services, store } = testServices());
    seeded = await seededProject(services);
    anna = seeded.participants[0]!;
    wave1 = seeded.wave1;
    ada = await staffUser(services, 'data-entry', 'p4c');
    bea = await staffUser(services, 'data-entry', 'p4c');
    cy = await staffUser(services, 'data-entry', 'p4c');
    lead = await staffUser(services, 'lead', 'p4c');
    await services.projects.updateSettings(seeded.project, { doubleEntry: true }, lead.id);
  });
  afterEach(() => store.close());

  const project = () => services.projects.bySlug('p4c');
  const key = async (form: Record<string, string>, by: StaffUser) =>
    services.paper.enter(await project(), wave1.id, 'CG-001', form, by.id);
  const outcome = async (form: Record<string, string>, by: StaffUser) => {
    const result = await key(form, by);
    if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problems)}`);
    return result.outcome.kind;
  };

  it('is off by default: a new project stores a keyed form at once', async function () {
    const other = await services.projects.create({ slug: 'other', name: 'Other', instrument: 'coassess-core' }, 'test');
    const w = await services.waves.add(
      { project: other, label: 'W1', opensOn: '2026-03-01', closesOn: '2026-03-21' },
      'test',
    );
    await services.participants.importCsv(other, 'code,group,language,mode\nX-1,caregiver,en,paper\n', 'test');
    const result = await services.paper.enter(other, w.id, 'X-1', PAPER, ada.id);
    expect(result.ok && result.outcome.kind).to.equal('stored');
    expect(await store.paperKeyings.list(other.id)).to.deep.equal([]);
  });

  it('stores one submitted response, source=paper, when the two keyings agree', async function () {
    expect(await outcome(PAPER, ada)).to.equal('first-keying');
    expect(await store.responses.get(anna.id, wave1.id)).to.equal(null);
    expect(await outcome({ ...PAPER, trust_2: 'na', open_1: 'Troppe riunioni' }, bea)).to.equal('agreed');
    const stored = await store.responses.get(anna.id, wave1.id);
    expect(stored).to.deep.include({
      status: 'submitted',
      source: 'paper',
      answers: { trust_1: 4, trust_2: 'NA', trust_3: 2, engagement_1: 5, strain_1: 1, open_1: 'Troppe riunioni' },
    });
    const keying = await store.paperKeyings.get(anna.id, wave1.id);
    expect(keying).to.deep.include({ status: 'done', compared: 28, agreed: 28 });
    const actions = (await store.audit.list({ projectId: seeded.project.id })).map((e) => e.action).reverse();
    expect(actions.filter((a) => a.startsWith('paper.'))).to.deep.equal([
      'paper.keyed-first',
      'paper.keyed-second',
      'paper.entry',
    ]);
  });

  it('does not let the account that keyed the first entry key the second, nor anyone a third', async function () {
    await outcome(PAPER, ada);
    await expectDomainError(key(PAPER, ada), 'SAME_KEYING_ACCOUNT');
    expect((await store.paperKeyings.get(anna.id, wave1.id))?.second).to.equal(null);
    await outcome({ ...PAPER, trust_3: '3' }, bea);
    await expectDomainError(key(PAPER, cy), 'ALREADY_KEYED_TWICE');
    await expectDomainError(key(PAPER, lead), 'ALREADY_KEYED_TWICE');
  });

  it('keeps a difference waiting, then stores the reconciled values and records every decision', async function () {
    await outcome(PAPER, ada);
    const second = { ...PAPER, trust_3: '3', engagement_1: '', open_1: 'Troppe riunioni!' };
    expect(await outcome(second, bea)).to.equal('awaiting-reconciliation');
    expect(await store.responses.get(anna.id, wave1.id)).to.equal(null);
    expect(await store.paperKeyings.get(anna.id, wave1.id)).to.deep.include({
      status: 'awaiting-reconciliation',
      compared: 28,
      agreed: 25,
    });

    const view = await services.doubleEntry.openReconciliation(await project(), anna, wave1, {
      id: cy.id,
      role: 'data-entry',
    });
    expect(view.differing.map((d) => [d.item.id, d.first, d.second])).to.deep.equal([
      ['trust_3', '2', '3'],
      ['engagement_1', '5', null],
      ['open_1', 'Troppe riunioni', 'Troppe riunioni!'],
    ]);

    const response = await services.doubleEntry.reconcile(
      await project(),
      anna,
      wave1,
      {
        'choice-trust_3': 'paper',
        'paper-trust_3': '1',
        'choice-engagement_1': 'first',
        'choice-open_1': 'second',
      },
      { id: cy.id, role: 'data-entry' },
    );
    expect(response).to.deep.include({ status: 'submitted', source: 'paper', enteredBy: cy.id });
    expect(response.answers).to.deep.equal({
      trust_1: 4,
      trust_2: 'NA',
      trust_3: 1,
      engagement_1: 5,
      strain_1: 1,
      open_1: 'Troppe riunioni!',
    });
    const record = await services.doubleEntry.record(anna, wave1);
    expect(record?.keying).to.deep.include({ status: 'done', reconciledBy: cy.id });
    expect(record?.keying.decisions).to.deep.equal([
      { itemId: 'trust_3', first: 2, second: 3, chosen: 1, source: 'paper' },
      { itemId: 'engagement_1', first: 5, second: null, chosen: 5, source: 'first' },
      {
        itemId: 'open_1',
        first: 'Troppe riunioni',
        second: 'Troppe riunioni!',
        chosen: 'Troppe riunioni!',
        source: 'second',
      },
    ]);
    expect(record?.names).to.deep.equal({ [ada.id]: ada.name, [bea.id]: bea.name, [cy.id]: cy.name });
    const logged = (await store.audit.list({ projectId: seeded.project.id })).find(
      (e) => e.action === 'paper.reconcile',
    );
    expect(logged).to.deep.include({ actor: cy.id, target: anna.id });
    expect(logged?.details).to.deep.include({
      items: ['trust_3', 'engagement_1', 'open_1'],
      sources: ['paper', 'first', 'second'],
    });
    await expectDomainError(
      services.doubleEntry.reconcile(await project(), anna, wave1, {}, { id: lead.id, role: 'lead' }),
      'NOT_AWAITING_RECONCILIATION',
    );
  });

  it('lets neither data-entry clerk who keyed the form reconcile it, but a lead may, even one who keyed it', async function () {
    await outcome({ ...PAPER, trust_1: '3' }, lead);
    await outcome(PAPER, ada);
    for (const clerk of [ada]) {
      await expectDomainError(
        services.doubleEntry.openReconciliation(await project(), anna, wave1, { id: clerk.id, role: 'data-entry' }),
        'RECONCILER_KEYED_ENTRY',
      );
    }
    const view = await services.doubleEntry.openReconciliation(await project(), anna, wave1, {
      id: lead.id,
      role: 'lead',
    });
    expect(view.differing.map((d) => d.item.id)).to.deep.equal(['trust_1']);
  });

  it('refuses a reconciliation with an undecided item or a bad value from the paper, and keeps the form waiting', async function () {
    await outcome(PAPER, ada);
    await outcome({ ...PAPER, trust_1: '5', trust_2: '2' }, bea);
    const refused = await expectDomainError(
      services.doubleEntry.reconcile(
        await project(),
        anna,
        wave1,
        { 'choice-trust_1': 'paper', 'paper-trust_1': '7' },
        { id: lead.id, role: 'lead' },
      ),
      'VALIDATION',
    );
    expect(refused.problems.map((p) => p.where)).to.deep.equal(['paper-trust_1', 'choice-trust_2']);
    expect(await store.responses.get(anna.id, wave1.id)).to.equal(null);
    expect((await store.paperKeyings.get(anna.id, wave1.id))?.status).to.equal('awaiting-reconciliation');
  });

  it('keeps nothing of a second keying whose audit entry cannot be written', async function () {
    await outcome(PAPER, ada);
    failCall(store.audit, 'append', new Error('audit log unavailable'));
    try {
      await key(PAPER, bea);
      expect.fail('expected the failure');
    } catch (error) {
      expect((error as Error).message).to.equal('audit log unavailable');
    }
    expect((await store.paperKeyings.get(anna.id, wave1.id))?.second).to.equal(null);
    expect(await store.responses.get(anna.id, wave1.id)).to.equal(null);
    expect(await outcome(PAPER, bea)).to.equal('agreed');
  });

  it('finishes a form keyed once in double entry after the setting is turned off', async function () {
    await outcome(PAPER, ada);
    await services.projects.updateSettings(await project(), { doubleEntry: false }, lead.id);
    await expectDomainError(key(PAPER, ada), 'SAME_KEYING_ACCOUNT');
    expect(await outcome(PAPER, bea)).to.equal('agreed');
  });

  it('refuses a keying once the participant has answered on the web, keeping the first keying', async function () {
    await outcome(PAPER, ada);
    await services.paper.enter(await project(), wave1.id, 'CG-002', PAPER, ada.id);
    await store.responses.submit({
      projectId: seeded.project.id,
      participantId: anna.id,
      waveId: wave1.id,
      group: 'caregiver',
      answers: { trust_1: 2 },
      source: 'web',
      enteredBy: null,
      at: '2026-03-11T09:00:00.000Z',
    });
    await expectDomainError(key(PAPER, bea), 'ALREADY_SUBMITTED');
    expect((await store.paperKeyings.get(anna.id, wave1.id))?.status).to.equal('keyed-once');
  });

  it('counts forms per wave and reports agreement per clerk pair and per wave for monitoring', async function () {
    await outcome(PAPER, ada);
    await outcome({ ...PAPER, trust_3: '3' }, bea);
    await services.paper.enter(await project(), wave1.id, 'CG-002', PAPER, bea.id);
    await services.paper.enter(await project(), wave1.id, 'CG-002', PAPER, ada.id);
    await services.paper.enter(await project(), wave1.id, 'PR-001', PAPER, cy.id);
    const quality = await services.doubleEntry.quality(await project());
    expect(quality.on).to.equal(true);
    expect(quality.counts.get(wave1.id)).to.deep.equal({ keyedOnce: 1, keyedTwice: 2, awaitingReconciliation: 1 });
    expect(quality.counts.get(seeded.wave2.id)).to.deep.equal({
      keyedOnce: 0,
      keyedTwice: 0,
      awaitingReconciliation: 0,
    });
    expect(quality.byPair).to.have.length(1);
    expect(quality.byPair[0]).to.deep.include({ forms: 2, compared: 56, agreed: 55, rate: 55 / 56 });
    expect(quality.byPair[0]!.names.slice().sort()).to.deep.equal([ada.name, bea.name].sort());
    expect(quality.byWave).to.deep.equal([{ waveId: wave1.id, forms: 2, compared: 56, agreed: 55, rate: 55 / 56 }]);
  });
});
