import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { bootstrap } from '../../server/bootstrap.js';
import { loadConfig, type Config } from '../../server/config.js';
import { demoClock } from '../../server/demo/demo-clock.js';
import { seedDemoDirectory } from '../../server/demo/demo-directory.js';
import { DEMO_PROJECT, seedDemo } from '../../server/demo/seed-demo.js';
import { SQLITE_FILE } from '../../server/store/open-store.js';
import { SURVEYS_DIR } from '../helpers/test-services.js';

const TODAY = new Date('2026-11-23T10:00:00Z');

describe('demo data directory', function () {
  this.timeout(60000);
  let dir: string;
  let config: Config;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'coassess-demo-dir-'));
    config = loadConfig({ DATA_DIR: dir, SURVEYS_DIR, SESSION_SECRET: 'x'.repeat(40) });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function participantsIn(): Promise<number> {
    const services = await bootstrap(config);
    try {
      const project = await services.projects.findBySlug(DEMO_PROJECT);
      return project ? (await services.participants.list(project)).length : 0;
    } finally {
      await services.system.close();
    }
  }

  it('seeds a new directory once, then keeps it', async function () {
    expect(
      await seedDemoDirectory(
        config,
        demoClock(() => TODAY),
      ),
    ).to.equal('seeded');
    expect(await participantsIn()).to.equal(55);
    expect(existsSync(join(dir, '.demo-seeding'))).to.equal(false);
    expect(
      await seedDemoDirectory(
        config,
        demoClock(() => TODAY),
      ),
    ).to.equal('kept');
    expect(await participantsIn()).to.equal(55);
  });

  it('leaves nothing of a seeding stopped part-way, so the next start seeds afresh', async function () {
    const stopping: typeof seedDemo = async (services) => {
      const project = await services.projects.create(
        { slug: DEMO_PROJECT, name: 'Half made', instrument: 'coassess-core' },
        'demo',
      );
      await services.participants.importCsv(project, 'code,group\nCG-1,caregiver\n', 'demo');
      throw new Error('the disk is full');
    };
    let failure: unknown = null;
    await seedDemoDirectory(
      config,
      demoClock(() => TODAY),
      stopping,
    ).catch((error: unknown) => {
      failure = error;
    });
    expect((failure as Error | null)?.message).to.equal('the disk is full');
    expect(existsSync(join(dir, SQLITE_FILE))).to.equal(false);
    expect(
      await seedDemoDirectory(
        config,
        demoClock(() => TODAY),
      ),
    ).to.equal('seeded');
    expect(await participantsIn()).to.equal(55);
  });

  it('adds the demo project to a store DATA_DIR names that does not have it yet', async function () {
    const services = await bootstrap(config);
    await services.projects.create({ slug: 'real', name: 'Real', instrument: 'coassess-core' }, 'test');
    await services.system.close();
    expect(
      await seedDemoDirectory(
        config,
        demoClock(() => TODAY),
      ),
    ).to.equal('seeded');
    expect(await participantsIn()).to.equal(55);
  });
});
