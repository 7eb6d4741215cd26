import type { SendKind, SendRecord } from '../../domain/records.js';
import type { SendRepository } from '../store.js';
import { guarded, str, type Row, type SqliteConnection } from './sqlite-connection.js';

export class SqliteSendRepository implements SendRepository {
  constructor(private readonly c: SqliteConnection) {}

  async claim(send: SendRecord): Promise<boolean> {
    if (this.c.busy()) await this.c.idle();
    const result = guarded(() =>
      this.c
        .statement('INSERT INTO sends (participant_id, wave_id, kind, at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING')
        .run(send.participantId, send.waveId, send.kind, send.at),
    );
    return result.changes === 1;
  }
  async release(participantId: string, waveId: string, kind: SendKind): Promise<void> {
    if (this.c.busy()) await this.c.idle();
    this.c
      .statement('DELETE FROM sends WHERE participant_id = ? AND wave_id = ? AND kind = ?')
      .run(participantId, waveId, kind);
  }
  async list(waveId: string): Promise<SendRecord[]> {
    if (this.c.busy()) await this.c.idle();
    const rows = this.c
      .statement('SELECT * FROM sends WHERE wave_id = ? ORDER BY at, participant_id, kind')
      .all(waveId) as Row[];
    return rows.map((r) => ({
      participantId: str(r.participant_id),
      waveId: str(r.wave_id),
      kind: r.kind as SendKind,
      at: str(r.at),
    }));
  }
}
