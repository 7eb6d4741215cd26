import { expect } from 'chai';
import { DomainError } from '../../server/domain/errors.js';
import type { Project } from '../../server/domain/records.js';
import type { Services } from '../../server/services/services.js';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { failCall, rejection } from '../helpers/store-faults.js';
import { expectDomainError, seededProject, testServices } from '../helpers/test-services.js';

describe('WaveService', function () {
  let services: Services;
  let store: SqliteStore;
  let project: Project;
  beforeEach(async () => {
    ({ services, store } = testServices());
    ({ project } = await seededProject(services));
  });
  afterEach(() => store.close());

  const add = (label: string, opensOn: string, closesOn: string) =>
    services.waves.add({ project, label, opensOn, closesOn }, 'test');
  const series = {
    labelPrefix: 'Wave',
    firstNumber: 3,
    firstOpensOn: '2026-09-01',
    everyMonths: 3,
    count: 3,
    openDays: 21,
  };
  const labels = async () => (await store.waves.list(project.id)).map((w) => w.label);
  const waveActions = async () =>
    (await store.audit.list({ projectId: project.id })).map((e) => e.action).filter((a) => a.startsWith('wave.'));

  it('pins the project instrument version', async function () {
    expect((await add('Wave 3', '2026-09-01', '2026-09-21')).instrumentVersion).to.equal('1');
  });
  it('refuses overlapping dates, sharing even one day', async function () {
    const error = await expectDomainError(add('Wave 3', '2026-06-21', '2026-07-10'), 'WAVE_OVERLAP');
    expect(error.problems[0]?.message).to.include('Wave 2');
  });
  it('refuses impossible dates, a close before the open, and a label in use', async function () {
    await expectDomainError(add('Wave 3', '2026-02-30', '2026-03-01'), 'VALIDATION');
    await expectDomainError(add('Wave 3', '2026-10-10', '2026-10-01'), 'VALIDATION');
    await expectDomainError(add('Wave 1', '2027-01-01', '2027-01-21'), 'DUPLICATE');
    await expectDomainError(add('  ', '2027-01-01', '2027-01-21'), 'VALIDATION');
  });
  it('closes early only a wave that is open', async function () {
    const [wave1, wave2] = await store.waves.list(project.id);
    await expectDomainError(services.waves.closeNow(project, wave2!.id, 'test'), 'VALIDATION');
    const closed = await services.waves.closeNow(project, wave1!.id, 'test');
    expect(closed.closesOn).to.equal('2026-03-09');
    await expectDomainError(services.waves.closeNow(project, wave1!.id, 'test'), 'VALIDATION');
    expect((await store.waves.get(wave1!.id))?.closesOn).to.equal('2026-03-09');
  });
  it('schedules a series with one audit entry', async function () {
    const created = await services.waves.addSeries({ project, ...series }, 'test');
    expect(created.map((w) => w.label)).to.deep.equal(['Wave 3', 'Wave 4', 'Wave 5']);
    expect(await labels()).to.deep.equal(['Wave 1', 'Wave 2', 'Wave 3', 'Wave 4', 'Wave 5']);
    expect(await waveActions()).to.deep.equal(['wave.series', 'wave.add', 'wave.add']);
  });

  describe('a change that cannot be completed keeps nothing', function () {
    const failure = new Error('the audit log is unavailable');

    it('a series whose second wave cannot be written keeps none of its waves, and says why', async function () {
      // As a wave of the same label written by someone else between the check and the write would.
      failCall(store.waves, 'create', new DomainError('DUPLICATE', 'a wave with this label exists'), 2);
      await expectDomainError(services.waves.addSeries({ project, ...series }, 'test'), 'DUPLICATE');
      expect(await labels()).to.deep.equal(['Wave 1', 'Wave 2']);
      expect(await waveActions()).to.deep.equal(['wave.add', 'wave.add']);
    });
    it('a series whose audit entry cannot be written keeps none of its waves', async function () {
      failCall(store.audit, 'append', failure);
      expect(await rejection(services.waves.addSeries({ project, ...series }, 'test'))).to.equal(failure);
      expect(await labels()).to.deep.equal(['Wave 1', 'Wave 2']);
      expect(await waveActions()).to.deep.equal(['wave.add', 'wave.add']);
    });
    it('a wave whose audit entry cannot be written is not added', async function () {
      failCall(store.audit, 'append', failure);
      expect(await rejection(add('Wave 3', '2026-09-01', '2026-09-21'))).to.equal(failure);
      expect(await labels()).to.deep.equal(['Wave 1', 'Wave 2']);
    });
    it('a closing date whose audit entry cannot be written is not changed', async function () {
      const [wave1] = await store.waves.list(project.id);
      failCall(store.audit, 'append', failure);
      expect(await rejection(services.waves.closeNow(project, wave1!.id, 'test'))).to.equal(failure);
      expect((await store.waves.get(wave1!.id))?.closesOn).to.equal('2026-03-21');
      expect(await waveActions()).to.deep.equal(['wave.add', 'wave.add']);
    });
  });
});
