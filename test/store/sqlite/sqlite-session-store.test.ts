import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import Database from 'better-sqlite3';
import type { SessionData } from 'express-session';
import { SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';

const data = (expiresAt: number) =>
  ({ cookie: { originalMaxAge: 3_600_000, expires: new Date(expiresAt) }, userId: 'u1' }) as unknown as SessionData;

describe('SqliteSessionStore', function () {
  let dir: string;
  let store: SqliteStore;
  let raw: Database.Database;
  let sessions: ReturnType<SqliteStore['createSessionStore']>;
  const call = (fn: (done: (error?: unknown) => void) => void) =>
    new Promise<void>((resolve, reject) => fn((error) => (error ? reject(error as Error) : resolve())));
  const get = (sid: string) =>
    new Promise<SessionData | null | undefined>((resolve, reject) =>
      sessions.get(sid, (error, value) => (error ? reject(error as Error) : resolve(value))),
    );
  const expiresAt = (sid: string) =>
    (raw.prepare('SELECT expires_at FROM sessions WHERE sid = ?').get(sid) as { expires_at: number } | undefined)
      ?.expires_at;

  beforeEach(function () {
    dir = mkdtempSync(join(tmpdir(), 'coassess-sessions-'));
    store = SqliteStore.open(join(dir, 'coassess.db'));
    raw = new Database(join(dir, 'coassess.db'));
    sessions = store.createSessionStore();
  });
  afterEach(async function () {
    raw.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const later = Date.now() + 3_600_000;

  it('writes a rolling expiry only once it has moved by a minute, at the boundary', async function () {
    await call((done) => sessions.set('s1', data(later), done));
    await get('s1');
    await call((done) => sessions.touch!('s1', data(later + 60_000), done));
    expect(expiresAt('s1')).to.equal(later);
    await get('s1');
    await call((done) => sessions.touch!('s1', data(later + 60_001), done));
    expect(expiresAt('s1')).to.equal(later + 60_001);
  });

  it('never moves an expiry back that another process moved on, and writes again from there', async function () {
    await call((done) => sessions.set('s1', data(later), done));
    raw.prepare('UPDATE sessions SET expires_at = ? WHERE sid = ?').run(later + 600_000, 's1');
    await get('s1');
    await call((done) => sessions.touch!('s1', data(later + 120_000), done));
    expect(expiresAt('s1')).to.equal(later + 600_000);
    await get('s1');
    await call((done) => sessions.touch!('s1', data(later + 660_001), done));
    expect(expiresAt('s1')).to.equal(later + 660_001);
  });

  it('does not bring back a session ended elsewhere when it is touched', async function () {
    await call((done) => sessions.set('s1', data(later), done));
    await get('s1');
    raw.prepare('DELETE FROM sessions WHERE sid = ?').run('s1');
    await call((done) => sessions.touch!('s1', data(later + 120_000), done));
    expect(expiresAt('s1')).to.equal(undefined);
    expect(await get('s1')).to.equal(null);
  });

  it('forgets a destroyed session', async function () {
    await call((done) => sessions.set('s1', data(later), done));
    await call((done) => sessions.destroy('s1', done));
    expect(await get('s1')).to.equal(null);
  });
});
