import { join } from 'node:path';
import type { Config } from '../config.js';
import type { Store } from './store.js';

export const SQLITE_FILE = 'coassess.db';

/** MongoDB when MONGODB_URI is set, else the embedded SQLite file under DATA_DIR. */
export async function openStore(config: Pick<Config, 'mongodbUri' | 'dataDir' | 'devices'>): Promise<Store> {
  if (config.mongodbUri) {
    // Loaded only when asked for, so an embedded install never pays for the driver at start.
    const { MongoStore } = await import('./mongo/mongo-store.js');
    return MongoStore.connect(config.mongodbUri);
  }
  const { SqliteStore } = await import('./sqlite/sqlite-store.js');
  return SqliteStore.open(join(config.dataDir, SQLITE_FILE), { readCache: config.devices.readCache });
}
