import { expect } from 'chai';
import type { StaffUser } from '../../server/domain/records.js';
import { verifyPassword } from '../../server/services/password.js';
import type { Services } from '../../server/services/services.js';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { failCall, rejection } from '../helpers/store-faults.js';
import { testServices } from '../helpers/test-services.js';

describe('AuthService', function () {
  let services: Services;
  let store: SqliteStore;
  let user: StaffUser;
  beforeEach(async () => {
    ({ services, store } = testServices());
    user = await services.users.add(
      { email: 'admin@example.org', name: 'Admin', role: 'admin', password: 'correct horse battery' },
      'test',
    );
  });
  afterEach(() => store.close());

  it('changes a password and records it', async function () {
    await services.auth.changePassword(user.id, 'correct horse battery', 'a new long passphrase');
    expect(await verifyPassword('a new long passphrase', (await store.users.get(user.id))!.passwordHash)).to.equal(
      true,
    );
    expect((await store.audit.list({ limit: 1 }))[0]).to.include({ action: 'user.password', target: user.id });
  });

  it('keeps the old password when the audit entry cannot be written, and the error surfaces', async function () {
    const failure = new Error('the audit log is unavailable');
    failCall(store.audit, 'append', failure);
    expect(
      await rejection(services.auth.changePassword(user.id, 'correct horse battery', 'a new long passphrase')),
    ).to.equal(failure);
    expect((await store.users.get(user.id))!.passwordHash).to.equal(user.passwordHash);
    expect((await store.audit.list({})).map((e) => e.action)).to.not.include('user.password');
  });
});
