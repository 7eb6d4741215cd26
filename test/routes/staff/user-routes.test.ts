import { expect } from 'chai';
import { DomainError } from '../../../server/domain/errors.js';
import type { Services } from '../../../server/services/services.js';
import type { SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { csrfFor, signIn, staffUser, type Agent } from '../../helpers/staff-agent.js';
import { failCall } from '../../helpers/store-faults.js';
import { testApp } from '../../helpers/test-app.js';
import { seededProject, testServices } from '../../helpers/test-services.js';

describe('staff users page', function () {
  this.timeout(30_000);
  let services: Services;
  let store: SqliteStore;
  let admin: Agent;

  beforeEach(async () => {
    ({ services, store } = testServices());
    const { app } = testApp(services);
    await seededProject(services);
    admin = await signIn(app, await staffUser(services, 'admin'));
  });
  afterEach(() => store.close());

  const newLead = {
    name: 'New Lead',
    email: 'new.lead@example.org',
    role: 'lead',
    project: 'p4c',
    password: 'correct horse battery',
  };

  it('adds a user with their role, and lists them with it', async function () {
    const token = await csrfFor(admin, '/users');
    await admin
      .post('/users')
      .type('form')
      .send({ _csrf: token, ...newLead })
      .expect(303);
    expect((await admin.get('/users').expect(200)).text)
      .to.include('new.lead@example.org')
      .and.include('lead in p4c');
  });

  it("creates no account when the audit log cannot be written, and answers with the error's code", async function () {
    const token = await csrfFor(admin, '/users');
    failCall(store.audit, 'append', new DomainError('STORE_UNAVAILABLE', 'the audit log cannot be written'));
    const res = await admin
      .post('/users')
      .type('form')
      .send({ _csrf: token, ...newLead })
      .expect(503);
    expect(res.headers['x-error-code']).to.equal('STORE_UNAVAILABLE');
    expect(await store.users.findByEmail('new.lead@example.org')).to.equal(null);
    expect((await store.roles.list({})).filter((r) => r.role === 'lead')).to.deep.equal([]);
  });

  it('shows the form again with what was typed, saying plainly it was NOT saved, when the store refuses every write', async function () {
    const token = await csrfFor(admin, '/users');
    // As on a full disk or a read-only file: reads work, every write fails.
    const db = (store as unknown as { db: { pragma(p: string): unknown } }).db;
    db.pragma('query_only = ON');
    const res = await admin
      .post('/users')
      .type('form')
      .send({ _csrf: token, ...newLead })
      .expect(503);
    db.pragma('query_only = OFF');
    expect(res.headers['x-error-code']).to.equal('NOT_SAVED');
    expect(res.text).to.include('This was NOT saved').and.not.include('has been lost');
    expect(res.text).to.include('value="New Lead"').and.include('value="new.lead@example.org"');
    expect(res.text).to.not.include(newLead.password);
    expect(await store.users.findByEmail('new.lead@example.org')).to.equal(null);
  });
});
