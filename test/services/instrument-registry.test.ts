import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { InstrumentRegistry } from '../../server/services/instrument-registry.js';
import { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { SURVEYS_DIR } from '../helpers/test-services.js';

describe('InstrumentRegistry', function () {
  let dir: string;
  const core = () => JSON.parse(readFileSync(join(SURVEYS_DIR, 'coassess-core.json'), 'utf8'));
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'coassess-surveys-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('offers good files and withholds bad ones, naming the file and JSON path', function () {
    writeFileSync(join(dir, 'good.json'), JSON.stringify(core()));
    const bad = core();
    bad.id = 'broken';
    delete bad.sections[2].items[1].dimension;
    writeFileSync(join(dir, 'broken.json'), JSON.stringify(bad));
    writeFileSync(join(dir, 'not-json.json'), '{ nope');
    const registry = InstrumentRegistry.fromDirectory(dir);
    expect(registry.list().map((i) => i.id)).to.deep.equal(['coassess-core']);
    expect(registry.problems).to.deep.include({
      file: 'surveys/broken.json',
      where: '$.sections[2].items[1].dimension',
      message: registry.problems.find((p) => p.file === 'surveys/broken.json')?.message,
    });
    expect(registry.problems.some((p) => p.file === 'surveys/not-json.json' && p.where === '$')).to.equal(true);
  });

  it('picks the newest version and refuses two files with the same id and version', function () {
    writeFileSync(join(dir, 'a.json'), JSON.stringify(core()));
    writeFileSync(join(dir, 'b.json'), JSON.stringify({ ...core(), version: 10 }));
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ ...core(), version: 9 }));
    writeFileSync(join(dir, 'd.json'), JSON.stringify({ ...core(), version: 9 }));
    const registry = InstrumentRegistry.fromDirectory(dir);
    expect(registry.latest('coassess-core')?.version).to.equal('10');
    expect(registry.problems.map((p) => p.file)).to.deep.equal(['surveys/d.json']);
  });

  it('keeps a pinned project on its snapshot when the file changes items without a new version', async function () {
    const store = SqliteStore.open(':memory:');
    writeFileSync(join(dir, 'core.json'), JSON.stringify(core()));
    const before = InstrumentRegistry.fromDirectory(dir);
    await before.pin(store, before.latest('coassess-core')!);
    const changed = core();
    changed.sections[0].items[0].reverse = !changed.sections[0].items[0].reverse;
    writeFileSync(join(dir, 'core.json'), JSON.stringify(changed));
    const after = InstrumentRegistry.fromDirectory(dir);
    await after.reconcile(store);
    expect(after.list()).to.deep.equal([]);
    expect(after.problems[0]?.message).to.include('new version');
    const resolved = await after.resolve(store, 'coassess-core', '1');
    expect(resolved.sections[0]?.items[0]).to.deep.equal(core().sections[0].items[0]);
    await store.close();
  });
});
