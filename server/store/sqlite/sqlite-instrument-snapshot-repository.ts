import type { InstrumentSnapshot } from '../../domain/records.js';
import type { InstrumentSnapshotRepository } from '../store.js';
import { str, type Row, type SqliteConnection } from './sqlite-connection.js';

export class SqliteInstrumentSnapshotRepository implements InstrumentSnapshotRepository {
  constructor(private readonly c: SqliteConnection) {}

  async save(s: InstrumentSnapshot): Promise<void> {
    if (this.c.busy()) await this.c.idle();
    this.c
      .statement(
        'INSERT INTO instrument_snapshots (instrument_id, version, fingerprint, json, saved_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
      )
      .run(s.instrumentId, s.version, s.fingerprint, s.json, s.savedAt);
  }
  async get(instrumentId: string, version: string): Promise<InstrumentSnapshot | null> {
    if (this.c.busy()) await this.c.idle();
    const r = this.c
      .statement('SELECT * FROM instrument_snapshots WHERE instrument_id = ? AND version = ?')
      .get(instrumentId, version) as Row | undefined;
    return r
      ? {
          instrumentId: str(r.instrument_id),
          version: str(r.version),
          fingerprint: str(r.fingerprint),
          json: str(r.json),
          savedAt: str(r.saved_at),
        }
      : null;
  }
}
