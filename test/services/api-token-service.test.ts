import { expect } from 'chai';
import type { StaffUser } from '../../server/domain/records.js';
import type { Services } from '../../server/services/services.js';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { failCall, rejection } from '../helpers/store-faults.js';
import { testServices } from '../helpers/test-services.js';

describe('ApiTokenService', function () {
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

  const tokenActions = async () =>
    (await store.audit.list({})).map((e) => e.action).filter((a) => a.startsWith('token.'));

  it('creates a token that signs its user in, and revokes it', async function () {
    const { secret, token } = await services.apiTokens.create(user, 'R script');
    expect((await services.apiTokens.authenticate(secret))?.id).to.equal(user.id);
    await services.apiTokens.revoke(user, token.id, user.id);
    expect(await services.apiTokens.authenticate(secret)).to.equal(null);
    expect(await tokenActions()).to.deep.equal(['token.revoke', 'token.create']);
  });

  describe('when the audit entry cannot be written', function () {
    const failure = new Error('the audit log is unavailable');

    it('creates no token, and the error surfaces', async function () {
      failCall(store.audit, 'append', failure);
      expect(await rejection(services.apiTokens.create(user, 'R script'))).to.equal(failure);
      expect(await store.apiTokens.list(user.id)).to.deep.equal([]);
      expect(await tokenActions()).to.deep.equal([]);
    });
    it('keeps the token working', async function () {
      const { secret, token } = await services.apiTokens.create(user, 'R script');
      failCall(store.audit, 'append', failure);
      expect(await rejection(services.apiTokens.revoke(user, token.id, user.id))).to.equal(failure);
      expect((await services.apiTokens.authenticate(secret))?.id).to.equal(user.id);
      expect(await tokenActions()).to.deep.equal(['token.create']);
    });
  });
});
