import { randomUUID } from 'node:crypto';
import { DomainError } from '../../domain/errors.js';
import type { NewProject, Project } from '../../domain/records.js';
import type { ProjectPatch, ProjectRepository } from '../store.js';
import { guarded, str, strOrNull, type Row, type SqliteConnection } from './sqlite-connection.js';

export function toProject(r: Row): Project {
  return {
    id: str(r.id),
    slug: str(r.slug),
    name: str(r.name),
    instrumentId: str(r.instrument_id),
    instrumentVersion: str(r.instrument_version),
    groups: JSON.parse(str(r.groups_json)),
    settings: JSON.parse(str(r.settings_json)),
    timeZone: strOrNull(r.time_zone),
    archivedAt: strOrNull(r.archived_at),
    createdAt: str(r.created_at),
  };
}

export class SqliteProjectRepository implements ProjectRepository {
  constructor(private readonly c: SqliteConnection) {}

  async create(p: NewProject): Promise<Project> {
    if (this.c.busy()) await this.c.idle();
    const row = {
      id: randomUUID(),
      slug: p.slug,
      name: p.name,
      instrument_id: p.instrumentId,
      instrument_version: p.instrumentVersion,
      groups_json: JSON.stringify(p.groups),
      settings_json: JSON.stringify(p.settings ?? {}),
      time_zone: p.timeZone ?? null,
      archived_at: null,
      created_at: new Date().toISOString(),
    };
    guarded(() =>
      this.c
        .statement(
          'INSERT INTO projects (id, slug, name, instrument_id, instrument_version, groups_json, settings_json, time_zone, archived_at, created_at) VALUES (@id, @slug, @name, @instrument_id, @instrument_version, @groups_json, @settings_json, @time_zone, @archived_at, @created_at)',
        )
        .run(row),
    );
    return toProject(row);
  }
  async get(id: string): Promise<Project | null> {
    return this.c.cachedOne('projects', 'SELECT * FROM projects WHERE id = ?', toProject, id);
  }
  async getBySlug(slug: string): Promise<Project | null> {
    return this.c.cachedOne('projects', 'SELECT * FROM projects WHERE slug = ?', toProject, slug);
  }
  async list(): Promise<Project[]> {
    return this.c.all('SELECT * FROM projects ORDER BY name, slug', toProject);
  }
  async update(id: string, patch: ProjectPatch): Promise<void> {
    if (this.c.busy()) await this.c.idle();
    const r = this.c.statement('SELECT * FROM projects WHERE id = ?').get(id) as Row | undefined;
    if (!r) throw new DomainError('PROJECT_NOT_FOUND', `no project ${id}`);
    const n = { ...toProject(r), ...patch };
    // A scope holds its project.
    this.c.forgetScopes();
    this.c
      .statement(
        'UPDATE projects SET name = ?, groups_json = ?, settings_json = ?, time_zone = ?, archived_at = ?, instrument_version = ? WHERE id = ?',
      )
      .run(
        n.name,
        JSON.stringify(n.groups),
        JSON.stringify(n.settings),
        n.timeZone,
        n.archivedAt,
        n.instrumentVersion,
        id,
      );
  }
}
