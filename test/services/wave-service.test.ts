import { expect } from 'chai';
import type { Services } from '../../server/services/services.js';
import { expectDomainError, seededProject, testServices } from '../helpers/test-services.js';

describe('WaveService', function () {
  let services: Services;
  beforeEach(async () => {
    services = testServices();
    await seededProject(services);
  });
  afterEach(() => services.ctx.store.close());

  const add = (label: string, opensOn: string, closesOn: string) => services.waves.add({ project: 'p4c', label, opensOn, closesOn }, 'test');

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
    const project = await services.projects.bySlug('p4c');
    const [wave1, wave2] = await services.ctx.store.waves.list(project.id);
    await expectDomainError(services.waves.closeNow('p4c', wave2!.id, 'test'), 'VALIDATION');
    const closed = await services.waves.closeNow('p4c', wave1!.id, 'test');
    expect(closed.closesOn).to.equal('2026-03-09');
    await expectDomainError(services.waves.closeNow('p4c', wave1!.id, 'test'), 'VALIDATION');
    expect((await services.ctx.store.waves.get(wave1!.id))?.closesOn).to.equal('2026-03-09');
  });
});
