import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import Database from 'better-sqlite3';
import { SqliteConnection, writtenTable, type Row } from '../../../server/store/sqlite/sqlite-connection.js';
import { CROSS_CONNECTION_CHECK_MS, SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';

describe('SqliteConnection table caches (ADR 0108)', function () {
  describe('writtenTable', function () {
    it('names the table each kind of write statement writes, and none for a read', function () {
      expect(writtenTable('INSERT INTO project_roles (user_id) VALUES (?)')).to.equal('project_roles');
      expect(writtenTable('  insert or replace into Sessions VALUES (?)')).to.equal('sessions');
      expect(writtenTable('REPLACE INTO waves VALUES (?)')).to.equal('waves');
      expect(writtenTable('UPDATE staff_users SET name = ? WHERE id = ?')).to.equal('staff_users');
      expect(writtenTable('UPDATE OR IGNORE projects SET name = ?')).to.equal('projects');
      expect(writtenTable('DELETE FROM "sessions" WHERE sid = ?')).to.equal('sessions');
      expect(writtenTable('SELECT * FROM staff_users WHERE id = ?')).to.equal(null);
    });
  });

  describe('on one connection', function () {
    let db: Database.Database;
    let c: SqliteConnection;
    const name = (r: Row) => r.name as string;
    beforeEach(function () {
      db = new Database(':memory:');
      db.pragma('foreign_keys = ON');
      db.exec(`
        CREATE TABLE people (id TEXT PRIMARY KEY, name TEXT NOT NULL);
        CREATE TABLE roles (person TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE, role TEXT NOT NULL);
        CREATE TABLE notes (person TEXT REFERENCES people(id), text TEXT NOT NULL);
        INSERT INTO people VALUES ('p1', 'Anna'), ('p2', 'Bruno');
        INSERT INTO roles VALUES ('p1', 'lead'), ('p2', 'lead');
        INSERT INTO notes VALUES ('p1', 'x');
      `);
      c = new SqliteConnection(db);
    });
    afterEach(() => db.close());

    const roles = () => c.cachedAll('roles', 'SELECT role FROM roles WHERE person = ?', (r) => r.role as string, 'p1');

    it('answers from the cache until a statement writes the table, then reads again', async function () {
      expect(await c.cachedOne('people', 'SELECT name FROM people WHERE id = ?', name, 'p1')).to.equal('Anna');
      // Changed behind the connection's back: the cached row is still answered…
      db.prepare("UPDATE people SET name = 'Annie' WHERE id = 'p1'").run();
      expect(await c.cachedOne('people', 'SELECT name FROM people WHERE id = ?', name, 'p1')).to.equal('Anna');
      // …until a write through the connection, to any row of the table.
      c.statement('UPDATE people SET name = ? WHERE id = ?').run('Bruna', 'p2');
      expect(await c.cachedOne('people', 'SELECT name FROM people WHERE id = ?', name, 'p1')).to.equal('Annie');
    });

    it('forgets every table for a write whose table it cannot tell from the SQL', async function () {
      expect(await roles()).to.deep.equal(['lead']);
      db.prepare("UPDATE roles SET role = 'evaluator' WHERE person = 'p1'").run();
      c.statement("WITH gone AS (SELECT 'p2' AS id) DELETE FROM notes WHERE person IN (SELECT id FROM gone)").run();
      expect(await roles()).to.deep.equal(['evaluator']);
    });

    it('keeps what other tables read when a table they do not depend on is written', async function () {
      expect(await roles()).to.deep.equal(['lead']);
      db.prepare("UPDATE roles SET role = 'evaluator' WHERE person = 'p1'").run();
      c.statement('INSERT INTO notes VALUES (?, ?)').run('p2', 'y');
      expect(await roles()).to.deep.equal(['lead']);
    });

    it("forgets a table's rows when a write to another table cascades into it", async function () {
      expect(await roles()).to.deep.equal(['lead']);
      c.statement('DELETE FROM notes WHERE person = ?').run('p1');
      c.statement('DELETE FROM people WHERE id = ?').run('p1');
      // The role went with its person (ON DELETE CASCADE), so the cached ['lead'] must not be answered.
      expect(await roles()).to.deep.equal([]);
    });

    it('does not let a key that only refuses (no action) forget what its table read', async function () {
      const notes = () => c.cachedAll('notes', 'SELECT text FROM notes', (r) => r.text as string);
      expect(await notes()).to.deep.equal(['x']);
      db.prepare("UPDATE notes SET text = 'changed behind'").run();
      c.statement('UPDATE people SET name = ? WHERE id = ?').run('Bruna', 'p2');
      expect(await notes()).to.deep.equal(['x']);
    });

    it('reads through the cache inside a transaction, and keeps nothing it read there', async function () {
      expect(await roles()).to.deep.equal(['lead']);
      await c
        .transaction(async () => {
          db.prepare("UPDATE roles SET role = 'evaluator' WHERE person = 'p1'").run();
          // A decision in a transaction reads the row as it is, never a cached one.
          expect(await roles()).to.deep.equal(['evaluator']);
          throw new Error('rolled back on purpose');
        })
        .catch(() => undefined);
      expect(await roles()).to.deep.equal(['lead']);
      db.prepare("UPDATE roles SET role = 'evaluator' WHERE person = 'p1'").run();
      c.statement('INSERT INTO roles VALUES (?, ?)').run('p2', 'data-entry');
      expect(await roles()).to.deep.equal(['evaluator']);
    });

    it('hands out frozen rows, which later readers share', async function () {
      const first = await c.cachedOne('people', 'SELECT * FROM people WHERE id = ?', (r) => ({ ...r }), 'p1');
      expect(Object.isFrozen(first)).to.equal(true);
      expect(await c.cachedOne('people', 'SELECT * FROM people WHERE id = ?', (r) => ({ ...r }), 'p1')).to.equal(first);
    });

    it('reads every time with the read cache off', async function () {
      const uncached = new SqliteConnection(db, false);
      const read = () => uncached.cachedOne('people', 'SELECT name FROM people WHERE id = ?', name, 'p1');
      expect(await read()).to.equal('Anna');
      db.prepare("UPDATE people SET name = 'Annie' WHERE id = 'p1'").run();
      expect(await read()).to.equal('Annie');
    });
  });

  describe('beside another process', function () {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'coassess-cache-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('stops answering a role removed by the CLI within CROSS_CONNECTION_CHECK_MS, and one removed in the app at once', async function () {
      const file = join(dir, 'coassess.db');
      const server = SqliteStore.open(file);
      const cli = SqliteStore.open(file);
      const project = await server.projects.create({
        slug: 'p4c',
        name: 'Place4Carers',
        instrumentId: 'coassess-core',
        instrumentVersion: '1',
        groups: [{ id: 'caregiver', label: { en: 'Caregivers' } }],
      });
      const user = await server.users.create({
        email: 'lead@example.org',
        name: 'Lead',
        passwordHash: 'x',
        isAdmin: false,
      });
      await server.roles.set(user.id, project.id, 'lead');
      const other = await server.users.create({
        email: 'clerk@example.org',
        name: 'Clerk',
        passwordHash: 'x',
        isAdmin: false,
      });
      await server.roles.set(other.id, project.id, 'data-entry');
      expect(await server.roles.list({ userId: user.id })).to.have.length(1);
      expect(await server.roles.list({ userId: other.id })).to.have.length(1);

      await cli.roles.remove(user.id, project.id);
      await new Promise((resolve) => setTimeout(resolve, CROSS_CONNECTION_CHECK_MS + 10));
      expect(await server.roles.list({ userId: user.id })).to.deep.equal([]);

      await server.roles.remove(other.id, project.id);
      expect(await server.roles.list({ userId: other.id })).to.deep.equal([]);
      await server.users.update(other.id, { language: 'it' });
      expect((await server.users.get(other.id))?.language).to.equal('it');
      await cli.close();
      await server.close();
    });
  });
});

describe('SqliteConnection closed', function () {
  // An AsyncLocalStorage that has run once taxes every later promise in the process until it is
  // disabled: a worker that had opened a few hundred stores ran a promise-heavy test 35 times
  // slower than alone.
  it('disables the AsyncLocalStorage that marks its transactions, and only when the store is closed', async function () {
    const disabled: AsyncLocalStorage<unknown>[] = [];
    const disable = AsyncLocalStorage.prototype.disable;
    AsyncLocalStorage.prototype.disable = function (this: AsyncLocalStorage<unknown>) {
      disabled.push(this);
      return disable.call(this);
    };
    try {
      const store = SqliteStore.open(':memory:');
      await store.transaction(async () => store.projects.list());
      expect(disabled).to.have.length(0);
      await store.close();
      expect(disabled).to.have.length(1);
    } finally {
      AsyncLocalStorage.prototype.disable = disable;
    }
  });
});
