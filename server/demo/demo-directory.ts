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
export async function seedDemoDirectory(
  config: Config,
  clock: DemoClock,
  seed: Seed = seedDemo,
): Promise<'seeded' | 'kept'> {
  const file = join(config.dataDir, SQLITE_FILE);
  // A store already there (its own, or one DATA_DIR named) is seeded in place if the demo is not in it yet.
  const fresh = !existsSync(file);
  const side = join(config.dataDir, '.demo-seeding');
  if (fresh) rmSync(side, { recursive: true, force: true });
  const services = await bootstrap({ ...config, mongodbUri: null, dataDir: fresh ? side : config.dataDir }, clock.now);
  let seeded: boolean;
  try {
    ({ seeded } = await seed(services, clock));
  } finally {
    // Closing the last connection folds the write-ahead log into the file.
    await services.system.close();
  }
  if (fresh) {
    renameSync(join(side, SQLITE_FILE), file);
    rmSync(side, { recursive: true, force: true });
  }
  return seeded ? 'seeded' : 'kept';
}
