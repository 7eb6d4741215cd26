import type { Keying, NewPaperKeying, PaperKeying, PaperKeyingStatus } from '../../domain/records.js';
import { DomainError } from '../../domain/errors.js';
import type { PaperKeyingRepository, ReconcileWrite, SecondKeyingWrite } from '../store.js';
import { guarded, str, strOrNull, type Row, type SqliteConnection } from './sqlite-connection.js';

function keyingOf(answers: unknown, by: unknown, at: unknown): Keying {
  return { answers: JSON.parse(str(answers)), by: str(by), at: str(at) };
}

function toKeying(r: Row): PaperKeying {
  return {
    projectId: str(r.project_id),
    participantId: str(r.participant_id),
    waveId: str(r.wave_id),
    group: str(r.group_id),
    first: keyingOf(r.first_json, r.first_by, r.first_at),
    second: r.second_json === null ? null : keyingOf(r.second_json, r.second_by, r.second_at),
    compared: Number(r.compared),
    agreed: Number(r.agreed),
    status: r.status as PaperKeyingStatus,
    reconciledBy: strOrNull(r.reconciled_by),
    reconciledAt: strOrNull(r.reconciled_at),
    decisions: JSON.parse(str(r.decisions_json)),
  };
}

const BY_FORM = 'SELECT * FROM paper_keyings WHERE participant_id = ? AND wave_id = ?';

export class SqlitePaperKeyingRepository implements PaperKeyingRepository {
  constructor(private readonly c: SqliteConnection) {}

  get(participantId: string, waveId: string): Promise<PaperKeying | null> {
    return this.c.one(BY_FORM, toKeying, participantId, waveId);
  }

  list(projectId: string): Promise<PaperKeying[]> {
    return this.c.all(
      `SELECT k.* FROM paper_keyings k JOIN waves w ON w.id = k.wave_id
       WHERE k.project_id = ? ORDER BY w.opens_on, w.label, k.participant_id`,
      toKeying,
      projectId,
    );
  }

  async keyFirst(k: NewPaperKeying): Promise<PaperKeying> {
    if (this.c.busy()) await this.c.idle();
    guarded(() =>
      this.c
        .statement(
          `INSERT INTO paper_keyings (project_id, participant_id, wave_id, group_id, first_json, first_by, first_at, status)
           VALUES (?, ?, ?, ?, ?, ?, ?, 'keyed-once')`,
        )
        .run(k.projectId, k.participantId, k.waveId, k.group, JSON.stringify(k.first.answers), k.first.by, k.first.at),
    );
    return toKeying(this.c.statement(BY_FORM).get(k.participantId, k.waveId) as Row);
  }

  async keySecond(w: SecondKeyingWrite): Promise<PaperKeying> {
    if (this.c.busy()) await this.c.idle();
    return guarded(() =>
      this.c.db
        .transaction(() => {
          const existing = this.c.statement(BY_FORM).get(w.participantId, w.waveId) as Row | undefined;
          if (!existing) throw new DomainError('NOT_FOUND', 'no first keying of this form');
          if (existing.second_json !== null)
            throw new DomainError('ALREADY_KEYED_TWICE', 'this form has been keyed twice already');
          this.c
            .statement(
              `UPDATE paper_keyings SET second_json = ?, second_by = ?, second_at = ?, compared = ?, agreed = ?, status = ?
               WHERE participant_id = ? AND wave_id = ?`,
            )
            .run(
              JSON.stringify(w.second.answers),
              w.second.by,
              w.second.at,
              w.compared,
              w.agreed,
              w.status,
              w.participantId,
              w.waveId,
            );
          return toKeying(this.c.statement(BY_FORM).get(w.participantId, w.waveId) as Row);
        })
        .immediate(),
    );
  }

  async reconcile(w: ReconcileWrite): Promise<PaperKeying> {
    if (this.c.busy()) await this.c.idle();
    return guarded(() =>
      this.c.db
        .transaction(() => {
          const changed = this.c
            .statement(
              `UPDATE paper_keyings SET status = 'done', reconciled_by = ?, reconciled_at = ?, decisions_json = ?
               WHERE participant_id = ? AND wave_id = ? AND status = 'awaiting-reconciliation'`,
            )
            .run(w.by, w.at, JSON.stringify(w.decisions), w.participantId, w.waveId).changes;
          if (changed !== 1)
            throw new DomainError('NOT_AWAITING_RECONCILIATION', 'this form is not waiting for reconciliation');
          return toKeying(this.c.statement(BY_FORM).get(w.participantId, w.waveId) as Row);
        })
        .immediate(),
    );
  }
}
