import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import Database from 'better-sqlite3';
import { CROSS_CONNECTION_CHECK_MS, SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { SQLITE_MIGRATIONS } from '../../../server/store/sqlite/migrations.js';
import { storeContract } from '../store-contract.js';
import { DEFAULT_GROUPS, type Participant, type Wave } from '../../../server/domain/records.js';
import type { Repositories } from '../../../server/store/store.js';

storeContract('sqlite', async () => SqliteStore.open(':memory:'));
storeContract('sqlite, read cache off', async () => SqliteStore.open(':memory:', { readCache: false }));

describe('SQLite migrations', function () {
  it('are listed in version order, numbered 1, 2, 3… without a gap', function () {
    // The runner skips any version at or below the file's: one listed out of order would never run.
    expect(SQLITE_MIGRATIONS.map((m) => m.version)).to.deep.equal(SQLITE_MIGRATIONS.map((_, i) => i + 1));
  });
});

describe('SqliteStore file handling', function () {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'coassess-sqlite-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the folder, uses WAL and foreign keys, and applies every migration once', async function () {
    const file = join(dir, 'nested', 'coassess.db');
    const store = SqliteStore.open(file);
    expect(store.schemaVersion()).to.equal(SQLITE_MIGRATIONS.at(-1)?.version);
    await store.close();
    const reopened = SqliteStore.open(file);
    expect(reopened.schemaVersion()).to.equal(SQLITE_MIGRATIONS.at(-1)?.version);
    await reopened.close();
    const raw = new Database(file);
    expect(raw.pragma('journal_mode', { simple: true })).to.equal('wal');
    raw.close();
  });

  it('keeps data across reopening', async function () {
    const file = join(dir, 'coassess.db');
    const store = SqliteStore.open(file);
    await store.projects.create({
      slug: 'p',
      name: 'P',
      instrumentId: 'i',
      instrumentVersion: '1',
      groups: [{ id: 'caregiver', label: { en: 'C' } }],
    });
    await store.close();
    const again = SqliteStore.open(file);
    expect((await again.projects.getBySlug('p'))?.name).to.equal('P');
    await again.close();
  });

  it('gives the contact details of a version 14 file no name and no address, keeping the email', async function () {
    const file = join(dir, 'coassess.db');
    const old = new Database(file);
    for (const migration of SQLITE_MIGRATIONS.filter((m) => m.version <= 14)) old.exec(migration.sql);
    old.pragma('user_version = 14');
    old.exec(`
      INSERT INTO projects (id, slug, name, instrument_id, instrument_version, groups_json, created_at)
        VALUES ('pr', 'p4c', 'P', 'coassess-core', '1', '[]', '2026-01-01T00:00:00.000Z');
      INSERT INTO participants (id, project_id, code, group_id, language, mode, token, access_code, status, created_at, enrolled_on)
        VALUES ('pa', 'pr', 'CG-001', 'caregiver', 'it', 'paper', 't1', 'AAAAAAA1', 'active', '2026-02-03T08:00:00.000Z', '2026-02-03');
      INSERT INTO participant_contacts (participant_id, email) VALUES ('pa', 'maria@example.org');
    `);
    old.close();

    const store = SqliteStore.open(file);
    expect(store.schemaVersion()).to.equal(SQLITE_MIGRATIONS.at(-1)?.version);
    expect(await store.participants.getContact('pa')).to.deep.equal({
      email: 'maria@example.org',
      name: null,
      address: null,
    });
    await store.close();
  });

  it('dates the participants of a version 2 file: enrolled the day they were added, withdrawn on their first withdrawal in the audit log (the service keeps the first day too)', async function () {
    const file = join(dir, 'coassess.db');
    const old = new Database(file);
    for (const migration of SQLITE_MIGRATIONS.filter((m) => m.version <= 2)) old.exec(migration.sql);
    old.pragma('user_version = 2');
    old
      .prepare(
        "INSERT INTO projects (id, slug, name, instrument_id, instrument_version, groups_json, created_at) VALUES ('pr', 'p4c', 'P', 'coassess-core', '1', '[]', '2026-01-01T00:00:00.000Z')",
      )
      .run();
    const addParticipant = old.prepare(
      "INSERT INTO participants (id, project_id, code, group_id, language, mode, token, access_code, status, created_at) VALUES (?, 'pr', ?, 'caregiver', 'en', 'web', ?, ?, ?, ?)",
    );
    addParticipant.run('active', 'CG-001', 't1', 'AAAAAAA1', 'active', '2026-02-03T23:59:59.000Z');
    addParticipant.run('twice', 'CG-002', 't2', 'AAAAAAA2', 'withdrawn', '2026-02-04T08:00:00.000Z');
    addParticipant.run('unlogged', 'CG-003', 't3', 'AAAAAAA3', 'withdrawn', '2026-02-05T08:00:00.000Z');
    addParticipant.run('back', 'CG-004', 't4', 'AAAAAAA4', 'active', '2026-02-06T08:00:00.000Z');
    const audit = old.prepare(
      "INSERT INTO audit_events (id, at, actor, project_id, action, target, details_json) VALUES (?, ?, 'cli', 'pr', ?, ?, '{}')",
    );
    audit.run('a1', '2026-03-02T10:00:00.000Z', 'participant.withdraw', 'twice');
    audit.run('a2', '2026-03-09T10:00:00.000Z', 'participant.update', 'twice');
    audit.run('a3', '2026-04-20T23:30:00.000Z', 'participant.withdraw', 'twice');
    audit.run('a4', '2026-03-05T10:00:00.000Z', 'participant.withdraw', 'back');
    old.close();

    const store = SqliteStore.open(file);
    expect(store.schemaVersion()).to.equal(SQLITE_MIGRATIONS.at(-1)?.version);
    const dates = (await store.participants.list('pr')).map((p) => [p.code, p.status, p.enrolledOn, p.withdrawnOn]);
    expect(dates).to.deep.equal([
      ['CG-001', 'active', '2026-02-03', null],
      ['CG-002', 'withdrawn', '2026-02-04', '2026-03-02'],
      // Withdrawn with nothing in the log: the day is unknown, and stays so.
      ['CG-003', 'withdrawn', '2026-02-05', null],
      // Only a withdrawn participant gets a withdrawal day.
      ['CG-004', 'active', '2026-02-06', null],
    ]);
    await store.close();
  });

  it('reads the responses of a version 3 file as never corrected, and corrects them', async function () {
    const file = join(dir, 'coassess.db');
    const old = new Database(file);
    for (const migration of SQLITE_MIGRATIONS.filter((m) => m.version <= 3)) old.exec(migration.sql);
    old.pragma('user_version = 3');
    old.exec(`
      INSERT INTO projects (id, slug, name, instrument_id, instrument_version, groups_json, created_at)
        VALUES ('pr', 'p4c', 'P', 'coassess-core', '1', '[]', '2026-01-01T00:00:00.000Z');
      INSERT INTO participants (id, project_id, code, group_id, language, mode, token, access_code, status, created_at, enrolled_on)
        VALUES ('pa', 'pr', 'CG-001', 'caregiver', 'en', 'web', 't1', 'AAAAAAA1', 'active', '2026-02-03T08:00:00.000Z', '2026-02-03');
      INSERT INTO waves (id, project_id, label, opens_on, closes_on, instrument_version, created_at)
        VALUES ('w1', 'pr', 'Wave 1', '2026-03-01', '2026-03-21', '1', '2026-01-01T00:00:00.000Z');
      INSERT INTO responses (id, project_id, participant_id, wave_id, group_id, answers_json, status, source, started_at, submitted_at, updated_at)
        VALUES ('r1', 'pr', 'pa', 'w1', 'caregiver', '{"trust_1":4}', 'submitted', 'web', '2026-03-02T08:00:00.000Z', '2026-03-02T08:10:00.000Z', '2026-03-02T08:10:00.000Z');
    `);
    old.close();

    const store = SqliteStore.open(file);
    expect(store.schemaVersion()).to.equal(SQLITE_MIGRATIONS.at(-1)?.version);
    expect(await store.responses.get('pa', 'w1')).to.deep.include({ answers: { trust_1: 4 }, revisedAt: null });
    expect(await store.responses.history('pa', 'w1')).to.deep.equal([]);
    await store.responses.revise({
      participantId: 'pa',
      waveId: 'w1',
      changes: { trust_1: 3 },
      by: 'u1',
      reason: 'Typo',
      at: '2026-03-04T08:00:00.000Z',
    });
    expect((await store.responses.history('pa', 'w1')).map((r) => [r.from, r.to])).to.deep.equal([[4, 3]]);
    await store.close();
  });

  it('reads the accounts of a version 9 file as following the browser, refuses a language it does not ship, and keeps a chosen one', async function () {
    const file = join(dir, 'coassess.db');
    const old = new Database(file);
    for (const migration of SQLITE_MIGRATIONS.filter((m) => m.version <= 9)) old.exec(migration.sql);
    old.pragma('user_version = 9');
    old.exec(`
      INSERT INTO staff_users (id, email, name, password_hash, is_admin, created_at)
        VALUES ('u1', 'lea@example.org', 'Lea Rossi', 'x', 0, '2026-01-05T09:00:00.000Z');
    `);
    old.close();

    const store = SqliteStore.open(file);
    expect(store.schemaVersion()).to.equal(SQLITE_MIGRATIONS.at(-1)?.version);
    expect(await store.users.get('u1')).to.include({ name: 'Lea Rossi', language: null });
    await store.users.update('u1', { language: 'it' });
    expect((await store.users.get('u1'))?.language).to.equal('it');
    await store.close();
    const raw = new Database(file);
    expect(() => raw.prepare("UPDATE staff_users SET language = 'fr' WHERE id = 'u1'").run()).to.throw(/CHECK/);
    raw.close();
  });

  it('reads the send records of a version 5 file as sent, never to be claimed again', async function () {
    const file = join(dir, 'coassess.db');
    const old = new Database(file);
    for (const migration of SQLITE_MIGRATIONS.filter((m) => m.version <= 5)) old.exec(migration.sql);
    old.pragma('user_version = 5');
    old.exec(`
      INSERT INTO projects (id, slug, name, instrument_id, instrument_version, groups_json, created_at)
        VALUES ('pr', 'p4c', 'P', 'coassess-core', '1', '[]', '2026-01-01T00:00:00.000Z');
      INSERT INTO participants (id, project_id, code, group_id, language, mode, token, access_code, status, created_at, enrolled_on)
        VALUES ('pa', 'pr', 'CG-001', 'caregiver', 'en', 'web', 't1', 'AAAAAAA1', 'active', '2026-02-03T08:00:00.000Z', '2026-02-03');
      INSERT INTO waves (id, project_id, label, opens_on, closes_on, instrument_version, created_at)
        VALUES ('w1', 'pr', 'Wave 1', '2026-03-01', '2026-03-21', '1', '2026-01-01T00:00:00.000Z');
      INSERT INTO sends (participant_id, wave_id, kind, at) VALUES ('pa', 'w1', 'invitation', '2026-03-01T08:00:00.000Z');
    `);
    old.close();

    const store = SqliteStore.open(file);
    const sent = { participantId: 'pa', waveId: 'w1', kind: 'invitation' as const, at: '2026-03-01T08:00:00.000Z' };
    expect(await store.sends.list('w1')).to.deep.equal([
      { ...sent, state: 'sent', leaseUntil: sent.at, sentAt: sent.at },
    ]);
    expect(
      await store.sends.claim({ ...sent, at: '2026-03-09T00:00:00.000Z', leaseUntil: '2026-03-09T00:30:00.000Z' }),
    ).to.equal(false);
    await store.close();
  });

  for (const readCache of [true, false]) {
    const when = readCache
      ? 'within CROSS_CONNECTION_CHECK_MS'
      : 'at once, with the read cache off (DEVICE_READ_CACHE=off)';
    it(`sees a participant scope and a response changed by another connection ${when}, as when the CLI runs beside the server`, async function () {
      const settle = () =>
        readCache ? new Promise((resolve) => setTimeout(resolve, CROSS_CONNECTION_CHECK_MS + 10)) : Promise.resolve();
      const file = join(dir, 'coassess.db');
      const server = SqliteStore.open(file, { readCache });
      const cli = SqliteStore.open(file);
      const project = await server.projects.create({
        slug: 'p4c',
        name: 'Place4Carers',
        instrumentId: 'coassess-core',
        instrumentVersion: '1',
        groups: DEFAULT_GROUPS,
      });
      const [anna] = await server.participants.createMany([
        {
          projectId: project.id,
          code: 'CG-001',
          group: 'caregiver',
          language: 'en',
          mode: 'web',
          enrolledOn: '2026-02-01',
          token: 'a'.repeat(32),
          accessCode: 'K7M29QXP',
        },
      ]);
      expect((await server.participants.getScope(anna!.token))?.waves).to.deep.equal([]);
      const wave = await cli.waves.create({
        projectId: project.id,
        label: 'Wave 1',
        opensOn: '2026-03-01',
        closesOn: '2026-03-20',
        instrumentVersion: '1',
      });
      await cli.participants.update(anna!.id, { status: 'withdrawn' });
      await settle();
      const scope = await server.participants.getScope(anna!.token);
      expect(scope?.waves).to.deep.equal([wave]);
      expect(scope?.participant.status).to.equal('withdrawn');
      const write = {
        projectId: project.id,
        participantId: anna!.id,
        waveId: wave.id,
        group: 'caregiver',
        source: 'web' as const,
        enteredBy: null,
        at: '2026-03-02T10:00:00.000Z',
      };
      await server.responses.saveDraft({ ...write, changes: { trust_1: 2 } });
      expect((await server.responses.get(anna!.id, wave.id))?.answers).to.deep.equal({ trust_1: 2 });
      await cli.responses.submit({ ...write, answers: { trust_1: 5 } });
      await settle();
      expect(await server.responses.get(anna!.id, wave.id)).to.deep.include({
        status: 'submitted',
        answers: { trust_1: 5 },
      });
      await cli.close();
      await server.close();
    });
  }
  it('reads the projects of a version 9 file as having no time zone, and gives them one', async function () {
    const file = join(dir, 'coassess.db');
    const old = new Database(file);
    for (const migration of SQLITE_MIGRATIONS.filter((m) => m.version <= 9)) old.exec(migration.sql);
    old.pragma('user_version = 9');
    old.exec(`
      INSERT INTO projects (id, slug, name, instrument_id, instrument_version, groups_json, created_at)
        VALUES ('pr', 'p4c', 'P', 'coassess-core', '1', '[]', '2026-01-01T00:00:00.000Z');
    `);
    old.close();

    const migrated = SqliteStore.open(file);
    expect(migrated.schemaVersion()).to.equal(SQLITE_MIGRATIONS.at(-1)?.version);
    expect((await migrated.projects.get('pr'))?.timeZone).to.equal(null);
    await migrated.projects.update('pr', { timeZone: 'Europe/Rome' });
    expect((await migrated.projects.getBySlug('p4c'))?.timeZone).to.equal('Europe/Rome');
    await migrated.close();
  });
});

describe('SqliteStore reads while a transaction is open', function () {
  let store: SqliteStore;
  let anna: Participant;
  let wave: Wave;
  const write = () => ({
    projectId: anna.projectId,
    participantId: anna.id,
    waveId: wave.id,
    group: 'caregiver',
    source: 'web' as const,
    enteredBy: null,
    at: '2026-03-02T10:00:00.000Z',
  });
  let projectId: string;
  const newcomer = (code: string) => ({
    projectId,
    code,
    group: 'caregiver',
    language: 'en',
    mode: 'web' as const,
    enrolledOn: '2026-02-01',
    token: `${code}-${'n'.repeat(30)}`,
    accessCode: `N${code.slice(-7).padStart(7, '0')}`,
  });
  /** Runs fn in a transaction held open until the returned `end` is called (or `fail`, to roll it back). */
  async function holdOpen(fn: (tx: Repositories) => Promise<void>) {
    let end!: (ok: boolean) => void;
    const ended = new Promise<boolean>((resolve) => (end = resolve));
    let opened!: () => void;
    const open = new Promise<void>((resolve) => (opened = resolve));
    const done = store.transaction(async (tx) => {
      await fn(tx);
      opened();
      if (!(await ended)) throw new Error('rolled back on purpose');
    });
    await open;
    return { commit: () => (end(true), done), rollBack: () => (end(false), done.catch(() => undefined)) };
  }
  /** Whether the promise settles within a few turns of the event loop. */
  async function settlesSoon(promise: Promise<unknown>): Promise<boolean> {
    let settled = false;
    void promise.then(() => (settled = true));
    for (let i = 0; i < 5 && !settled; i += 1) await new Promise((resolve) => setImmediate(resolve));
    return settled;
  }

  beforeEach(async function () {
    store = SqliteStore.open(':memory:');
    const project = await store.projects.create({
      slug: 'p4c',
      name: 'Place4Carers',
      instrumentId: 'coassess-core',
      instrumentVersion: '1',
      groups: DEFAULT_GROUPS,
    });
    projectId = project.id;
    wave = await store.waves.create({
      projectId: project.id,
      label: 'Wave 1',
      opensOn: '2026-03-01',
      closesOn: '2026-03-20',
      instrumentVersion: '1',
    });
    [anna] = (await store.participants.createMany([{ ...newcomer('CG-00001'), token: 'a'.repeat(32) }])) as [
      Participant,
    ];
    await store.responses.saveDraft({ ...write(), changes: { trust_1: 2 } });
  });
  afterEach(() => store.close());

  it('answers a participant page from the caches at once, as of the last commit, while an import writes; other reads wait for the commit', async function () {
    const scope = await store.participants.getScope(anna.token);
    const response = await store.responses.get(anna.id, wave.id);
    const importing = await holdOpen(async (tx) => void (await tx.participants.createMany([newcomer('CG-00002')])));

    expect(await settlesSoon(store.participants.getScope(anna.token))).to.equal(true);
    expect(await store.participants.getScope(anna.token)).to.equal(scope);
    expect(await store.responses.get(anna.id, wave.id)).to.equal(response);
    const uncached = store.participants.getByCode(anna.projectId, 'CG-00002');
    expect(await settlesSoon(uncached)).to.equal(false);

    await importing.commit();
    expect((await uncached)?.code).to.equal('CG-00002');
  });

  it('keeps nothing a transaction read or wrote in the caches if it rolls back, and keeps it once it commits', async function () {
    await store.participants.getScope(anna.token);
    const changing = await holdOpen(async (tx) => {
      await tx.participants.update(anna.id, { status: 'withdrawn', withdrawnOn: '2026-03-03' });
      await tx.responses.saveDraft({ ...write(), changes: { trust_1: 5 } });
      // Read inside the transaction: what it sees is not yet committed.
      expect((await tx.participants.getScope(anna.token))?.participant.status).to.equal('withdrawn');
      expect((await tx.responses.get(anna.id, wave.id))?.answers).to.deep.equal({ trust_1: 5 });
    });
    // The change made the cached scope stale, so a page now waits for the outcome.
    const during = store.participants.getScope(anna.token);
    expect(await settlesSoon(during)).to.equal(false);
    await changing.rollBack();
    expect((await during)?.participant.status).to.equal('active');
    expect((await store.participants.getScope(anna.token))?.participant.status).to.equal('active');
    expect((await store.responses.get(anna.id, wave.id))?.answers).to.deep.equal({ trust_1: 2 });

    const kept = await holdOpen(async (tx) => {
      await tx.responses.saveDraft({ ...write(), changes: { trust_1: 4 } });
    });
    await kept.commit();
    const read = await store.responses.get(anna.id, wave.id);
    expect(read?.answers).to.deep.equal({ trust_1: 4 });
    // Kept at the commit: the next read is the same object, read from nowhere.
    expect(await store.responses.get(anna.id, wave.id)).to.equal(read);
  });

  it('looks codes up in the NOCASE index of migration 9, not through every participant of the project', function () {
    const plan = (
      store['db']
        .prepare(
          'EXPLAIN QUERY PLAN SELECT * FROM participants WHERE project_id = ? AND code COLLATE NOCASE IN (SELECT value FROM json_each(?))',
        )
        .all('p', '[]') as { detail: string }[]
    ).map((r) => r.detail);
    expect(plan.join('\n')).to.include('USING INDEX participants_by_code_nocase (project_id=? AND code=?)');
  });
});
