import type { ConsentTexts, NewConsentTexts } from '../../domain/records.js';
import { DomainError } from '../../domain/errors.js';
import type { ConsentTextRepository } from '../store.js';
import { guarded, str, type Row, type SqliteConnection } from './sqlite-connection.js';

function toConsentTexts(r: Row): ConsentTexts {
  return {
    projectId: str(r.project_id),
    version: Number(r.version),
    texts: JSON.parse(str(r.texts_json)),
    savedBy: str(r.saved_by),
    savedAt: str(r.saved_at),
  };
}

/** Versions are never rewritten: a save inserts the next one, so what a participant agreed to stays readable. */
export class SqliteConsentTextRepository implements ConsentTextRepository {
  constructor(private readonly c: SqliteConnection) {}

  async save(t: NewConsentTexts): Promise<ConsentTexts> {
    if (this.c.busy()) await this.c.idle();
    return guarded(() =>
      this.c.db
        .transaction(() => {
          if (!this.c.statement('SELECT 1 FROM projects WHERE id = ?').get(t.projectId))
            throw new DomainError('PROJECT_NOT_FOUND', `no project ${t.projectId}`);
          // The next number is read and taken in one statement, inside an IMMEDIATE transaction.
          const row = this.c
            .statement(
              `INSERT INTO consent_texts (project_id, version, texts_json, saved_by, saved_at)
               SELECT ?, COALESCE(MAX(version), 0) + 1, ?, ?, ? FROM consent_texts WHERE project_id = ?
               RETURNING *`,
            )
            .get(t.projectId, JSON.stringify(t.texts), t.savedBy, t.savedAt, t.projectId) as Row;
          return toConsentTexts(row);
        })
        .immediate(),
    );
  }

  latest(projectId: string): Promise<ConsentTexts | null> {
    return this.c.one(
      'SELECT * FROM consent_texts WHERE project_id = ? ORDER BY version DESC LIMIT 1',
      toConsentTexts,
      projectId,
    );
  }

  get(projectId: string, version: number): Promise<ConsentTexts | null> {
    return this.c.one(
      'SELECT * FROM consent_texts WHERE project_id = ? AND version = ?',
      toConsentTexts,
      projectId,
      version,
    );
  }
}
