import type { InstrumentSnapshot } from '../../domain/records.js';
import type { InstrumentSnapshotRepository } from '../store.js';
import { isDuplicateKey, type Doc, type MongoConnection } from './mongo-connection.js';

export class MongoInstrumentSnapshotRepository implements InstrumentSnapshotRepository {
  constructor(private readonly c: MongoConnection) {}

  async save(s: InstrumentSnapshot): Promise<void> {
    try {
      await this.c.models.InstrumentSnapshot.updateOne(
        { instrumentId: s.instrumentId, version: s.version },
        { $setOnInsert: s },
        { upsert: true, session: this.c.session() ?? undefined },
      );
    } catch (error) {
      // Two processes saving the same snapshot at once: the first one wins, as in SQLite.
      if (!isDuplicateKey(error)) throw error;
    }
  }
  async get(instrumentId: string, version: string): Promise<InstrumentSnapshot | null> {
    const d = await this.c.models.InstrumentSnapshot.findOne({ instrumentId, version })
      .session(this.c.session())
      .lean<Doc>();
    if (!d) return null;
    return {
      instrumentId: d.instrumentId as string,
      version: d.version as string,
      fingerprint: d.fingerprint as string,
      json: d.json as string,
      savedAt: d.savedAt as string,
    };
  }
}
