import type { SendClaim, SendKind, SendRecord, SendState } from '../../domain/records.js';
import type { SendRepository } from '../store.js';
import { guarded, str, type Row, type SqliteConnection } from './sqlite-connection.js';

export class SqliteSendRepository implements SendRepository {
  constructor(private readonly c: SqliteConnection) {}

  async claim(claim: SendClaim): Promise<boolean> {
    if (this.c.busy()) await this.c.idle();
    // One statement: a new claim, or the take-over of a claim whose lease ran out, never both
    // callers. ISO-8601 UTC times compare as text.
    const result = guarded(() =>
      this.c
        .statement(
          `INSERT INTO sends (participant_id, wave_id, kind, at, state, lease_until) VALUES (?, ?, ?, ?, 'claimed', ?)
           ON CONFLICT (participant_id, wave_id, kind) DO UPDATE SET at = excluded.at, lease_until = excluded.lease_until
           WHERE sends.state = 'claimed' AND sends.lease_until <= excluded.at`,
        )
        .run(claim.participantId, claim.waveId, claim.kind, claim.at, claim.leaseUntil),
    );
    return result.changes === 1;
  }
  async markSent(participantId: string, waveId: string, kind: SendKind, at: string): Promise<void> {
    if (this.c.busy()) await this.c.idle();
    guarded(() =>
      this.c
        .statement(
          "UPDATE sends SET state = 'sent', sent_at = ? WHERE participant_id = ? AND wave_id = ? AND kind = ? AND state = 'claimed'",
        )
        .run(at, participantId, waveId, kind),
    );
  }
  async release(participantId: string, waveId: string, kind: SendKind): Promise<void> {
    if (this.c.busy()) await this.c.idle();
    this.c
      .statement("DELETE FROM sends WHERE participant_id = ? AND wave_id = ? AND kind = ? AND state = 'claimed'")
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
      state: r.state as SendState,
      leaseUntil: str(r.lease_until),
      sentAt: r.sent_at === null ? null : str(r.sent_at),
    }));
  }
}
