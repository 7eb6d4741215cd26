import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { bootstrap } from '../bootstrap.js';
import type { Config } from '../config.js';
import { SQLITE_FILE } from '../store/open-store.js';
import type { DemoClock } from './demo-clock.js';
import { seedDemo } from './seed-demo.js';

type Seed = typeof seedDemo;

/**
 * Seeds the demo into DATA_DIR's SQLite file, unless the demo project is there already. A new
 * file is seeded in a side directory and renamed into place only once complete, because seeding
 * is hundreds of writes: a seeding stopped part-way (Ctrl-C, a full disk) leaves no
 * half-made demo for the next start to keep, and that start seeds afresh.
 */
export async function seedDemoDirectory(config: Config, clock: DemoClock, seed: Seed = seedDemo): Promise<'seeded' | 'kept'> {
  const file = join(config.dataDir, SQLITE_FILE);
  if (existsSync(file)) {
    // A store of its own, or one DATA_DIR named: seeded in place if the demo is not in it yet.
    const services = await bootstrap({ ...config, mongodbUri: null }, clock.now);
    try {
      return (await seed(services, clock)).seeded ? 'seeded' : 'kept';
    } finally {
      await services.ctx.store.close();
    }
  }
  const side = join(config.dataDir, '.demo-seeding');
  rmSync(side, { recursive: true, force: true });
  const services = await bootstrap({ ...config, mongodbUri: null, dataDir: side }, clock.now);
  try {
    await seed(services, clock);
  } finally {
    // Closing the last connection folds the write-ahead log into the file.
    await services.ctx.store.close();
  }
  renameSync(join(side, SQLITE_FILE), file);
  rmSync(side, { recursive: true, force: true });
  return 'seeded';
}
