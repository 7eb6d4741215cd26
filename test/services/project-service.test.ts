import { expect } from 'chai';
import type { Services } from '../../server/services/services.js';
import { expectDomainError, testServices } from '../helpers/test-services.js';

describe('ProjectService', function () {
  let services: Services;
  beforeEach(() => { services = testServices(); });
  afterEach(() => services.ctx.store.close());

  it('creates a project with the default groups and pins the newest instrument version', async function () {
    const project = await services.projects.create({ slug: 'p4c', name: 'Place4Carers', instrument: 'coassess-core' }, 'test');
    expect(project.groups).to.deep.equal([
      { id: 'caregiver', label: { en: 'Family caregivers', it: 'Familiari caregiver' } },
      { id: 'provider', label: { en: 'Service providers', it: 'Operatori dei servizi' } },
    ]);
    expect(project.instrumentVersion).to.equal('1');
    expect(await services.ctx.store.instruments.get('coassess-core', '1')).to.not.equal(null);
  });
  it('accepts other groups and labels them', async function () {
    const project = await services.projects.create({ slug: 'x', name: 'X', instrument: 'coassess-core@1', groups: ['caregiver', 'volunteer'] }, 'test');
    expect(project.groups[1]).to.deep.equal({ id: 'volunteer', label: { en: 'Volunteer', it: 'Volunteer' } });
  });
  it('names what is wrong', async function () {
    const error = await expectDomainError(services.projects.create({ slug: 'Bad Slug', name: '', instrument: 'nope', groups: ['all'] }, 'test'), 'VALIDATION');
    expect(error.problems.map((p) => p.where)).to.have.members(['slug', 'name', 'instrument', 'groups']);
    await services.projects.create({ slug: 'p4c', name: 'P', instrument: 'coassess-core' }, 'test');
    await expectDomainError(services.projects.create({ slug: 'p4c', name: 'P', instrument: 'coassess-core' }, 'test'), 'DUPLICATE');
  });
});
