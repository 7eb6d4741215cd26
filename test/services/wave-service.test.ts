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

  describe("in the project's time zone", function () {
    let now: Date;
    let rome: Project;
    beforeEach(async () => {
      store.close();
      ({ services, store } = testServices(() => now));
      now = new Date('2026-01-01T12:00:00Z');
      rome = await services.projects.create(
        { slug: 'rome', name: 'Roma', instrument: 'coassess-core', timeZone: 'Europe/Rome' },
        'test',
      );
      // The day clocks go forward in Rome: it has 23 hours.
      await services.waves.add(
        { project: rome, label: 'Spring', opensOn: '2026-03-29', closesOn: '2026-03-29' },
        'test',
      );
    });
    const stateAt = async (iso: string) => {
      now = new Date(iso);
      return (await services.waves.timeline(rome))[0]?.state;
    };

    it('opens at local 00:00 and closes after local 23:59:59, not at midnight UTC', async function () {
      expect(await stateAt('2026-03-28T22:59:59Z')).to.equal('scheduled');
      expect(await stateAt('2026-03-28T23:00:00Z')).to.equal('open');
      expect(await stateAt('2026-03-29T21:59:59Z')).to.equal('open');
      expect(await stateAt('2026-03-29T22:00:00Z')).to.equal('closed');
    });
    it('closes a wave early at the end of the local yesterday', async function () {
      await services.waves.add({ project: rome, label: 'May', opensOn: '2026-05-01', closesOn: '2026-05-21' }, 'test');
      const may = (await services.waves.list(rome)).find((w) => w.label === 'May')!;
      // 00:30 on 10 May in Rome is still 9 May in UTC.
      now = new Date('2026-05-09T22:30:00Z');
      expect((await services.waves.closeNow(rome, may.id, 'test')).closesOn).to.equal('2026-05-09');
    });
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
