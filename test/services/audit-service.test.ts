import { expect } from 'chai';
import type { Services } from '../../server/services/services.js';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { testServices } from '../helpers/test-services.js';

describe('AuditService', function () {
  let services: Services;
  let store: SqliteStore;
  beforeEach(() => {
    ({ services, store } = testServices());
  });
  afterEach(() => store.close());

  it("lists the whole log or one project's part of it, newest first, up to the limit", async function () {
    const a = await services.projects.create({ slug: 'a', name: 'A', instrument: 'coassess-core' }, 'test');
    const b = await services.projects.create({ slug: 'b', name: 'B', instrument: 'coassess-core' }, 'test');
    await services.projects.archive(a, 'test');
    expect((await services.audit.list(10)).map((e) => [e.action, e.target])).to.deep.equal([
      ['project.archive', 'a'],
      ['project.create', 'b'],
      ['project.create', 'a'],
    ]);
    expect((await services.audit.list(1)).map((e) => e.action)).to.deep.equal(['project.archive']);
    expect((await services.audit.listFor(b, 10)).map((e) => e.action)).to.deep.equal(['project.create']);
  });

  it('records a sign-out by the user who signed out', async function () {
    await services.audit.logout('user-1');
    expect((await store.audit.list({}))[0]).to.deep.include({
      actor: 'user-1',
      projectId: null,
      action: 'logout',
      target: 'user-1',
    });
  });
});
