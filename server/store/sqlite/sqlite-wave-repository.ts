import { randomUUID } from 'node:crypto';
import { DomainError } from '../../domain/errors.js';
import type { NewWave, Wave } from '../../domain/records.js';
import type { WavePatch, WaveRepository } from '../store.js';
import { guarded, str, type Row, type SqliteConnection } from './sqlite-connection.js';

function toWave(r: Row): Wave {
  return {
    id: str(r.id),
    projectId: str(r.project_id),
    label: str(r.label),
    opensOn: str(r.opens_on),
    closesOn: str(r.closes_on),
    instrumentVersion: str(r.instrument_version),
    createdAt: str(r.created_at),
  };
}

/** Read without yielding, so a scope can be read whole with no write landing in between. */
export function wavesOf(c: SqliteConnection, projectId: string): Wave[] {
  return (c.statement('SELECT * FROM waves WHERE project_id = ? ORDER BY opens_on, label').all(projectId) as Row[]).map(
    toWave,
  );
}

export class SqliteWaveRepository implements WaveRepository {
  constructor(private readonly c: SqliteConnection) {}

  async create(w: NewWave): Promise<Wave> {
    if (this.c.busy()) await this.c.idle();
    const row = {
      id: randomUUID(),
      project_id: w.projectId,
      label: w.label,
      opens_on: w.opensOn,
      closes_on: w.closesOn,
      instrument_version: w.instrumentVersion,
      created_at: new Date().toISOString(),
    };
    // A scope holds its project's waves.
    this.c.forgetScopes();
    guarded(() =>
      this.c
        .statement(
          'INSERT INTO waves (id, project_id, label, opens_on, closes_on, instrument_version, created_at) VALUES (@id, @project_id, @label, @opens_on, @closes_on, @instrument_version, @created_at)',
        )
        .run(row),
    );
    return toWave(row);
  }
  async get(id: string): Promise<Wave | null> {
    return this.c.cachedOne('waves', 'SELECT * FROM waves WHERE id = ?', toWave, id);
  }
  async list(projectId: string): Promise<Wave[]> {
    if (this.c.busy()) await this.c.idle();
    return wavesOf(this.c, projectId);
  }
  async update(id: string, patch: WavePatch): Promise<void> {
    if (this.c.busy()) await this.c.idle();
    const r = this.c.statement('SELECT * FROM waves WHERE id = ?').get(id) as Row | undefined;
    if (!r) throw new DomainError('WAVE_NOT_FOUND', `no wave ${id}`);
    const n = { ...toWave(r), ...patch };
    this.c.forgetScopes();
    guarded(() =>
      this.c.statement('UPDATE waves SET opens_on = ?, closes_on = ? WHERE id = ?').run(n.opensOn, n.closesOn, id),
    );
  }
}
