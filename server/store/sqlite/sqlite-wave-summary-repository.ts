import { DomainError } from '../../domain/errors.js';
import type { WaveSummary } from '../../domain/records.js';
import type { SummaryWrite, WaveSummaryRepository } from '../store.js';
import { guarded, str, type Row, type SqliteConnection } from './sqlite-connection.js';

function toSummary(r: Row): WaveSummary {
  return {
    projectId: str(r.project_id),
    waveId: str(r.wave_id),
    draft: JSON.parse(str(r.draft_json)),
    draftAt: str(r.draft_at),
    draftBy: str(r.draft_by),
    published:
      r.published_json === null
        ? null
        : {
            texts: JSON.parse(str(r.published_json)),
            version: Number(r.published_version),
            at: str(r.published_at),
            by: str(r.published_by),
          },
    publications: Number(r.publications),
  };
}

const BY_WAVE = 'SELECT * FROM wave_summaries WHERE wave_id = ?';

export class SqliteWaveSummaryRepository implements WaveSummaryRepository {
  constructor(private readonly c: SqliteConnection) {}

  get(waveId: string): Promise<WaveSummary | null> {
    return this.c.one(BY_WAVE, toSummary, waveId);
  }

  list(projectId: string): Promise<WaveSummary[]> {
    return this.c.all(
      `SELECT s.* FROM wave_summaries s JOIN waves w ON w.id = s.wave_id
       WHERE s.project_id = ? ORDER BY w.opens_on, w.label`,
      toSummary,
      projectId,
    );
  }

  async saveDraft(w: SummaryWrite): Promise<WaveSummary> {
    if (this.c.busy()) await this.c.idle();
    guarded(() =>
      this.c
        .statement(
          `INSERT INTO wave_summaries (wave_id, project_id, draft_json, draft_at, draft_by) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (wave_id) DO UPDATE SET draft_json = excluded.draft_json, draft_at = excluded.draft_at, draft_by = excluded.draft_by`,
        )
        .run(w.waveId, w.projectId, JSON.stringify(w.texts), w.at, w.by),
    );
    return toSummary(this.c.statement(BY_WAVE).get(w.waveId) as Row);
  }

  async publish(w: SummaryWrite): Promise<WaveSummary> {
    if (this.c.busy()) await this.c.idle();
    const texts = JSON.stringify(w.texts);
    // One statement: of two publications at once, each gets a version of its own.
    guarded(() =>
      this.c
        .statement(
          `INSERT INTO wave_summaries (wave_id, project_id, draft_json, draft_at, draft_by,
             published_json, published_version, published_at, published_by, publications)
           VALUES (@wave, @project, @texts, @at, @by, @texts, 1, @at, @by, 1)
           ON CONFLICT (wave_id) DO UPDATE SET
             draft_json = excluded.draft_json, draft_at = excluded.draft_at, draft_by = excluded.draft_by,
             published_json = excluded.published_json, published_version = publications + 1,
             published_at = excluded.published_at, published_by = excluded.published_by,
             publications = publications + 1`,
        )
        .run({ wave: w.waveId, project: w.projectId, texts, at: w.at, by: w.by }),
    );
    return toSummary(this.c.statement(BY_WAVE).get(w.waveId) as Row);
  }

  async unpublish(waveId: string): Promise<WaveSummary> {
    if (this.c.busy()) await this.c.idle();
    const changed = this.c
      .statement(
        `UPDATE wave_summaries SET published_json = NULL, published_version = NULL, published_at = NULL, published_by = NULL
         WHERE wave_id = ? AND published_json IS NOT NULL`,
      )
      .run(waveId).changes;
    if (changed !== 1) throw new DomainError('NOT_PUBLISHED', 'this wave has no published summary');
    return toSummary(this.c.statement(BY_WAVE).get(waveId) as Row);
  }
}
