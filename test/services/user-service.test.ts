import { expect } from 'chai';
import type { Project } from '../../server/domain/records.js';
import type { Services } from '../../server/services/services.js';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { failCall, rejection } from '../helpers/store-faults.js';
import { expectDomainError, testServices } from '../helpers/test-services.js';

describe('UserService', function () {
  let services: Services;
  let store: SqliteStore;
  let project: Project;
  const password = 'correct horse battery';
  beforeEach(async () => {
    ({ services, store } = testServices());
    project = await services.projects.create({ slug: 'p4c', name: 'P', instrument: 'coassess-core' }, 'test');
  });
  afterEach(() => store.close());

  const userActions = async () =>
    (await store.audit.list({})).map((e) => e.action).filter((a) => a.startsWith('user.'));

  it('adds a user with their role in the project, and records it', async function () {
    const lead = await services.users.add(
      { email: 'lead@example.org', name: 'Lead', role: 'lead', project: 'p4c', password },
      'test',
    );
    expect(await services.users.get(lead.id)).to.deep.include({ email: 'lead@example.org', isAdmin: false });
    expect(await services.users.roles()).to.deep.equal([{ userId: lead.id, projectId: project.id, role: 'lead' }]);
    expect(await userActions()).to.deep.equal(['user.add']);
  });
  it('keeps the language an account chose, and forgets it on null, without an audit entry', async function () {
    const lead = await services.users.add(
      { email: 'lead@example.org', name: 'Lead', role: 'lead', project: 'p4c', password },
      'test',
    );
    expect((await services.users.get(lead.id))?.language).to.equal(null);
    await services.users.setLanguage(lead.id, 'it');
    expect((await services.users.get(lead.id))?.language).to.equal('it');
    await services.users.setLanguage(lead.id, null);
    expect((await services.users.get(lead.id))?.language).to.equal(null);
    expect(await userActions()).to.deep.equal(['user.add']);
  });

  it('checks the fields before it looks the project up', async function () {
    const error = await expectDomainError(
      services.users.add({ email: 'nope', name: 'X', role: 'lead', project: 'unknown', password }, 'test'),
      'VALIDATION',
    );
    expect(error.problems.map((p) => p.where)).to.deep.equal(['email']);
    await expectDomainError(
      services.users.add({ email: 'x@example.org', name: 'X', role: 'lead', project: 'unknown', password }, 'test'),
      'PROJECT_NOT_FOUND',
    );
  });

  describe('when the audit entry cannot be written', function () {
    const failure = new Error('the audit log is unavailable');
    const auditFails = () => failCall(store.audit, 'append', failure);

    it('creates no account and no role, and the error surfaces', async function () {
      auditFails();
      expect(
        await rejection(
          services.users.add(
            { email: 'lead@example.org', name: 'Lead', role: 'lead', project: 'p4c', password },
            'test',
          ),
        ),
      ).to.equal(failure);
      expect(await store.users.findByEmail('lead@example.org')).to.equal(null);
      expect(await store.roles.list({})).to.deep.equal([]);
      expect(await userActions()).to.deep.equal([]);
    });
    it('leaves a role as it was', async function () {
      const user = await services.users.add(
        { email: 'ev@example.org', name: 'Ev', role: 'evaluator', project: 'p4c', password },
        'test',
      );
      auditFails();
      expect(await rejection(services.users.setRole(user.id, 'p4c', 'lead', 'test'))).to.equal(failure);
      expect(await store.roles.list({ userId: user.id })).to.deep.equal([
        { userId: user.id, projectId: project.id, role: 'evaluator' },
      ]);
      auditFails();
      expect(await rejection(services.users.setRole(user.id, 'p4c', 'none', 'test'))).to.equal(failure);
      expect(await store.roles.list({ userId: user.id })).to.have.length(1);
      expect(await userActions()).to.deep.equal(['user.add']);
    });
  });
});
