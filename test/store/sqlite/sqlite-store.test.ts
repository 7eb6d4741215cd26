import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import Database from 'better-sqlite3';
import { CROSS_CONNECTION_CHECK_MS, SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { SQLITE_MIGRATIONS } from '../../../server/store/sqlite/migrations.js';
import { storeContract } from '../store-contract.js';
import { DEFAULT_GROUPS } from '../../../server/store/records.js';

storeContract('sqlite', async () => SqliteStore.open(':memory:'));

describe('SqliteStore file handling', function () {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'coassess-sqlite-')); });
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
    await store.createProject({ slug: 'p', name: 'P', instrumentId: 'i', instrumentVersion: '1', groups: [{ id: 'caregiver', label: { en: 'C' } }] });
    await store.close();
    const again = SqliteStore.open(file);
    expect((await again.getProjectBySlug('p'))?.name).to.equal('P');
    await again.close();
  });

  it('sees a participant scope and a response changed by another connection, as when the CLI runs beside the server', async function () {
    // Another connection's commit shows within CROSS_CONNECTION_CHECK_MS.
    const settle = () => new Promise((resolve) => setTimeout(resolve, CROSS_CONNECTION_CHECK_MS + 10));
    const file = join(dir, 'coassess.db');
    const server = SqliteStore.open(file);
    const cli = SqliteStore.open(file);
    const project = await server.createProject({ slug: 'p4c', name: 'Place4Carers', instrumentId: 'coassess-core', instrumentVersion: '1', groups: DEFAULT_GROUPS });
    const [anna] = await server.createParticipants([{ projectId: project.id, code: 'CG-001', group: 'caregiver', language: 'en', mode: 'web', token: 'a'.repeat(32), accessCode: 'K7M29QXP' }]);
    expect((await server.getParticipantScope(anna!.token))?.waves).to.deep.equal([]);
    const wave = await cli.createWave({ projectId: project.id, label: 'Wave 1', opensOn: '2026-03-01', closesOn: '2026-03-20', instrumentVersion: '1' });
    await cli.updateParticipant(anna!.id, { status: 'withdrawn' });
    await settle();
    const scope = await server.getParticipantScope(anna!.token);
    expect(scope?.waves).to.deep.equal([wave]);
    expect(scope?.participant.status).to.equal('withdrawn');
    const write = { projectId: project.id, participantId: anna!.id, waveId: wave.id, group: 'caregiver', source: 'web' as const, enteredBy: null, at: '2026-03-02T10:00:00.000Z' };
    await server.saveDraft({ ...write, changes: { trust_1: 2 } });
    expect((await server.getResponse(anna!.id, wave.id))?.answers).to.deep.equal({ trust_1: 2 });
    await cli.submitResponse({ ...write, answers: { trust_1: 5 } });
    await settle();
    expect(await server.getResponse(anna!.id, wave.id)).to.deep.include({ status: 'submitted', answers: { trust_1: 5 } });
    await cli.close();
    await server.close();
  });
});
