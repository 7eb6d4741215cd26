import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';

/** Enough new participants to write well over SQLite's 1,000-page automatic checkpoint. */
async function fillPastAutocheckpoint(store: SqliteStore): Promise<void> {
  const project = await store.projects.create({
    slug: 'wal',
    name: 'WAL',
    instrumentId: 'coassess-core',
    instrumentVersion: '1',
    groups: [{ id: 'caregiver', label: { en: 'Family caregivers' } }],
  });
  await store.transaction(async (tx) => {
    for (let batch = 0; batch < 30; batch += 1) {
      await tx.participants.createMany(
        Array.from({ length: 500 }, (_, i) => ({
          projectId: project.id,
          code: `W-${batch}-${i}`,
          group: 'caregiver',
          language: 'en',
          mode: 'web' as const,
          token: `t${batch}x${i}`.padEnd(32, 'x'),
          accessCode: `A${batch}B${i}`.padEnd(8, 'Z'),
          enrolledOn: '2026-01-10',
          contact: { email: `w${batch}.${i}@example.org` },
        })),
      );
    }
  });
}

describe('WalCheckpointer', function () {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'coassess-wal-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('leaves the commit alone and checkpoints the WAL from its own thread', async function () {
    const file = join(dir, 'coassess.db');
    // No checkpoint but the ones asked for, so what the commit itself does can be seen.
    const store = SqliteStore.open(file, { checkpointIntervalMs: 3_600_000 });
    try {
      expect(store.checkpointer.running()).to.equal(true);
      await store.checkpointer.checkpointNow();
      const sizeBefore = statSync(file).size;
      await fillPastAutocheckpoint(store);
      // The serving connection no longer checkpoints: the rows are in the WAL, not yet the file.
      expect(statSync(file).size).to.equal(sizeBefore);
      expect(statSync(`${file}-wal`).size).to.be.greaterThan(1000 * 4096);
      const result = await store.checkpointer.checkpointNow();
      expect(result.log).to.be.greaterThan(1000);
      expect(result.checkpointed).to.equal(result.log);
      expect(statSync(file).size).to.be.greaterThan(sizeBefore + 1_000_000);
    } finally {
      await store.close();
    }
    // Closed in order, the serving connection is the last one and removes the WAL.
    expect(existsSync(`${file}-wal`)).to.equal(false);
  });

  it('checkpoints on its own within an interval of a commit', async function () {
    const store = SqliteStore.open(join(dir, 'coassess.db'));
    try {
      const checkpointed = new Promise((resolve) => store.checkpointer.onCheckpoint(resolve));
      await fillPastAutocheckpoint(store);
      expect(await checkpointed).to.include.keys('log', 'checkpointed');
    } finally {
      await store.close();
    }
  });

  it('starts no thread for an in-memory store', async function () {
    const store = SqliteStore.open(':memory:');
    expect(store.checkpointer.running()).to.equal(false);
    await store.close();
  });
});
