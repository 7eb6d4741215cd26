import { expect } from 'chai';
import type { StaffUser } from '../../server/domain/records.js';
import { createServices, type Services } from '../../server/services/services.js';
import { verifyPassword } from '../../server/services/password.js';
import { InstrumentRegistry } from '../../server/services/instrument-registry.js';
import { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { failCall, rejection } from '../helpers/store-faults.js';
import { expectDomainError, SURVEYS_DIR } from '../helpers/test-services.js';

const PASSWORD = 'correct horse battery';

/** A signed-in session of the user in the store's session table, as express-session writes it at sign-in. */
async function sessionOf(store: SqliteStore, sid: string, userId: string): Promise<void> {
  const data = {
    cookie: { originalMaxAge: 60_000, expires: new Date(Date.now() + 60_000) },
    userId,
    signedInAt: new Date().toISOString(),
    address: '192.0.2.9',
  };
  await new Promise<void>((resolve, reject) =>
    store
      .createSessionStore()
      .set(sid, data as never, (error?: unknown) => (error ? reject(error as Error) : resolve())),
  );
}

describe('AuthService', function () {
  let services: Services;
  let store: SqliteStore;
  let user: StaffUser;
  let logged: string[];
  beforeEach(async () => {
    store = SqliteStore.open(':memory:');
    logged = [];
    services = createServices({
      store,
      instruments: InstrumentRegistry.fromDirectory(SURVEYS_DIR),
      baseUrl: 'https://coassess.test',
      now: () => new Date('2026-03-10T09:00:00Z'),
      log: (message) => logged.push(message),
    });
    user = await services.users.add(
      { email: 'admin@example.org', name: 'Admin', role: 'admin', password: PASSWORD },
      'test',
    );
  });
  afterEach(() => store.close());

  describe('changePassword', function () {
    it('changes a password and records it', async function () {
      await services.auth.changePassword(user.id, PASSWORD, 'a new long passphrase', 'sid-here');
      expect(await verifyPassword('a new long passphrase', (await store.users.get(user.id))!.passwordHash)).to.equal(
        true,
      );
      expect((await store.audit.list({ limit: 1 }))[0]).to.include({ action: 'user.password', target: user.id });
    });

    it('ends every session of the account and revokes its API tokens, and the audit entry says how many', async function () {
      const other = await services.users.add(
        { email: 'lead@example.org', name: 'Lead', role: 'admin', password: PASSWORD },
        'test',
      );
      await sessionOf(store, 'sid-here', user.id);
      await sessionOf(store, 'sid-laptop', user.id);
      await sessionOf(store, 'sid-phone', user.id);
      await sessionOf(store, 'sid-other', other.id);
      await services.apiTokens.create(user, 'R');
      const kept = await services.apiTokens.create(other, 'R');

      const change = await services.auth.changePassword(user.id, PASSWORD, 'a new long passphrase', 'sid-here');

      expect(change).to.deep.equal({ otherSessionsEnded: 2, tokensRevoked: 1 });
      expect(await store.sessions.list(user.id)).to.deep.equal([]);
      expect(await services.apiTokens.list(user)).to.deep.equal([]);
      expect((await store.sessions.list(other.id)).map((s) => s.sid)).to.deep.equal(['sid-other']);
      expect(await services.apiTokens.authenticate(kept.secret)).to.include({ id: other.id });
      expect((await store.audit.list({ limit: 1 }))[0]).to.deep.include({
        action: 'user.password',
        details: { otherSessionsEnded: 2, tokensRevoked: 1 },
      });
    });

    it('keeps the old password, the sessions and the tokens when the audit entry cannot be written, and the error surfaces', async function () {
      await sessionOf(store, 'sid-laptop', user.id);
      const { secret } = await services.apiTokens.create(user, 'R');
      const failure = new Error('the audit log is unavailable');
      failCall(store.audit, 'append', failure);
      expect(
        await rejection(services.auth.changePassword(user.id, PASSWORD, 'a new long passphrase', 'sid-here')),
      ).to.equal(failure);
      expect((await store.users.get(user.id))!.passwordHash).to.equal(user.passwordHash);
      expect((await store.audit.list({})).map((e) => e.action)).to.not.include('user.password');
      expect(await store.sessions.list(user.id)).to.have.length(1);
      expect(await services.apiTokens.authenticate(secret)).to.include({ id: user.id });
    });
  });

  describe('login', function () {
    it('signs in even when its audit entry cannot be written, logs the entry loudly, and the health check counts it', async function () {
      failCall(store.audit, 'append', new Error('database or disk is full'));
      expect(await services.auth.login('admin@example.org', PASSWORD, '192.0.2.1')).to.include({ id: user.id });
      expect(logged).to.have.length(1);
      expect(logged[0])
        .to.match(/^AUDIT ENTRY NOT WRITTEN \(1 since start\)/)
        .and.include('login.success');
      expect(logged[0]).to.include('database or disk is full');
      expect((await services.system.health()).auditFaults).to.deep.equal({
        count: 1,
        lastAt: '2026-03-10T09:00:00.000Z',
      });
    });

    it('refuses a wrong password as LOGIN_FAILED even when the audit entry cannot be written', async function () {
      failCall(store.audit, 'append', new Error('database or disk is full'));
      await expectDomainError(services.auth.login('admin@example.org', 'wrong password', '192.0.2.1'), 'LOGIN_FAILED');
      expect(logged[0]).to.include('login.failure');
    });

    it('has no audit faults to report while every entry is written', async function () {
      await services.auth.login('admin@example.org', PASSWORD, '192.0.2.1');
      expect((await services.system.health()).auditFaults).to.equal(null);
      expect(logged).to.deep.equal([]);
    });

    it('refuses a disabled account as ACCOUNT_DISABLED, but only to someone who knows its password', async function () {
      const lead = await services.users.add(
        { email: 'lead@example.org', name: 'Lead', role: 'admin', password: PASSWORD },
        'test',
      );
      await services.users.disable(lead.id, user.id);
      await expectDomainError(services.auth.login('lead@example.org', 'wrong password', '192.0.2.1'), 'LOGIN_FAILED');
      await expectDomainError(services.auth.login('lead@example.org', PASSWORD, '192.0.2.1'), 'ACCOUNT_DISABLED');
      expect((await store.audit.list({ limit: 1 }))[0]).to.include({ action: 'login.disabled', target: lead.id });
      await services.users.enable(lead.id, user.id);
      expect(await services.auth.login('lead@example.org', PASSWORD, '192.0.2.1')).to.include({ id: lead.id });
    });
  });

  describe('disabling an account', function () {
    it('ends its sessions and revokes its tokens at once, with one audit entry', async function () {
      const lead = await services.users.add(
        { email: 'lead@example.org', name: 'Lead', role: 'admin', password: PASSWORD },
        'test',
      );
      await sessionOf(store, 'sid-1', lead.id);
      await sessionOf(store, 'sid-2', lead.id);
      const { secret } = await services.apiTokens.create(lead, 'R');
      expect(await services.users.disable(lead.id, user.id)).to.deep.equal({ sessionsEnded: 2, tokensRevoked: 1 });
      expect((await store.users.get(lead.id))?.disabledAt).to.equal('2026-03-10T09:00:00.000Z');
      expect(await store.sessions.list(lead.id)).to.deep.equal([]);
      expect(await services.apiTokens.authenticate(secret)).to.equal(null);
      expect((await store.audit.list({ limit: 1 }))[0]).to.deep.include({
        actor: user.id,
        action: 'user.disable',
        target: lead.id,
        details: { sessionsEnded: 2, tokensRevoked: 1 },
      });
      await services.users.enable(lead.id, user.id);
      expect((await store.users.get(lead.id))?.disabledAt).to.equal(null);
      // Revoked stays revoked: a re-enabled account makes new tokens.
      expect(await services.apiTokens.authenticate(secret)).to.equal(null);
    });

    it('refuses a token of a disabled account even if one were left', async function () {
      const lead = await services.users.add(
        { email: 'lead@example.org', name: 'Lead', role: 'admin', password: PASSWORD },
        'test',
      );
      const { secret } = await services.apiTokens.create(lead, 'R');
      await store.users.update(lead.id, { disabledAt: '2026-03-10T09:00:00.000Z' });
      expect(await services.apiTokens.authenticate(secret)).to.equal(null);
    });

    it('refuses an administrator disabling their own account, and an unknown account', async function () {
      await expectDomainError(services.users.disable(user.id, user.id), 'VALIDATION');
      expect((await store.users.get(user.id))?.disabledAt).to.equal(null);
      await expectDomainError(services.users.disable('nobody', user.id), 'USER_NOT_FOUND');
    });
  });

  describe('sessions', function () {
    it("lists an account's sessions by handle, never by id, and ends one with an audit entry", async function () {
      await sessionOf(store, 'sid-secret-1', user.id);
      await sessionOf(store, 'sid-secret-2', user.id);
      const listed = await services.sessions.list(user.id);
      expect(listed).to.have.length(2);
      expect(JSON.stringify(listed)).to.not.include('sid-secret');
      expect(listed[0]).to.include({ address: '192.0.2.9' });
      const [first] = listed;
      expect(await services.sessions.end(user.id, first!.handle, 'admin-x')).to.equal(true);
      expect(await services.sessions.end(user.id, first!.handle, 'admin-x')).to.equal(false);
      expect((await services.sessions.list(user.id)).map((s) => s.handle)).to.deep.equal([listed[1]!.handle]);
      expect((await store.audit.list({ limit: 1 }))[0]).to.deep.include({ action: 'session.end', actor: 'admin-x' });
      expect(await services.sessions.endAll(user.id)).to.equal(1);
      expect(await services.sessions.list(user.id)).to.deep.equal([]);
      await expectDomainError(services.sessions.list('nobody'), 'USER_NOT_FOUND');
    });
  });
});
