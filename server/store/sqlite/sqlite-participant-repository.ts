import { randomUUID } from 'node:crypto';
import { DomainError } from '../../domain/errors.js';
import type { NewParticipant, Participant, ParticipantContact } from '../../domain/records.js';
import type { ParticipantPatch, ParticipantQuery, ParticipantRepository, ParticipantScope } from '../store.js';
import { guarded, str, strOrNull, type Row, type SqliteConnection } from './sqlite-connection.js';
import { toProject } from './sqlite-project-repository.js';
import { wavesOf } from './sqlite-wave-repository.js';

function toParticipant(r: Row): Participant {
  return {
    id: str(r.id),
    projectId: str(r.project_id),
    code: str(r.code),
    group: str(r.group_id),
    language: str(r.language),
    mode: r.mode as Participant['mode'],
    token: str(r.token),
    accessCode: str(r.access_code),
    status: r.status as Participant['status'],
    enrolledOn: str(r.enrolled_on),
    withdrawnOn: strOrNull(r.withdrawn_on),
    createdAt: str(r.created_at),
  };
}

function toContact(r: Row): ParticipantContact {
  return { email: strOrNull(r.email), name: strOrNull(r.name), address: strOrNull(r.address) };
}

export class SqliteParticipantRepository implements ParticipantRepository {
  constructor(private readonly c: SqliteConnection) {}

  async createMany(list: NewParticipant[]): Promise<Participant[]> {
    if (this.c.busy()) await this.c.idle();
    const createdAt = new Date().toISOString();
    const insert = this.c.statement(
      'INSERT INTO participants (id, project_id, code, group_id, language, mode, token, access_code, status, enrolled_on, withdrawn_on, created_at) VALUES (@id, @project_id, @code, @group_id, @language, @mode, @token, @access_code, @status, @enrolled_on, @withdrawn_on, @created_at)',
    );
    const insertContact = this.c.statement(
      'INSERT INTO participant_contacts (participant_id, email, name, address) VALUES (?, ?, ?, ?)',
    );
    const rows = list.map((p) => ({
      id: randomUUID(),
      project_id: p.projectId,
      code: p.code,
      group_id: p.group,
      language: p.language,
      mode: p.mode,
      token: p.token,
      access_code: p.accessCode,
      status: p.status ?? 'active',
      enrolled_on: p.enrolledOn,
      withdrawn_on: p.withdrawnOn ?? null,
      created_at: p.createdAt ?? createdAt,
      contact: p.contact,
    }));
    // New participants change no cached scope or response: neither cache keeps a miss.
    guarded(() =>
      this.c.db.transaction(() => {
        for (const { contact, ...row } of rows) {
          insert.run(row);
          if (contact) insertContact.run(row.id, contact.email ?? null, contact.name ?? null, contact.address ?? null);
        }
      })(),
    );
    return rows.map(toParticipant);
  }
  async get(id: string): Promise<Participant | null> {
    return this.c.one('SELECT * FROM participants WHERE id = ?', toParticipant, id);
  }
  async getByToken(token: string): Promise<Participant | null> {
    return this.c.one('SELECT * FROM participants WHERE token = ?', toParticipant, token);
  }
  async getScope(token: string): Promise<ParticipantScope | null> {
    // A cached scope is committed data: it needs no wait for a transaction (ADR 0071).
    const cached = this.c.cachedScope(token);
    if (cached) return cached;
    if (this.c.busy()) await this.c.idle();
    const row = this.c
      .statement('SELECT p.*, pr.* FROM participants p JOIN projects pr ON pr.id = p.project_id WHERE p.token = ?')
      .expand(true)
      .get(token) as Record<'participants' | 'projects', Row> | undefined;
    if (!row) return null;
    const project = toProject(row.projects);
    // Read and kept without yielding, so no write can land in between.
    return this.c.keepScope(token, {
      participant: toParticipant(row.participants),
      project,
      waves: wavesOf(this.c, project.id),
    });
  }
  async getByAccessCode(accessCode: string): Promise<Participant | null> {
    return this.c.one('SELECT * FROM participants WHERE access_code = ?', toParticipant, accessCode);
  }
  async getByCode(projectId: string, code: string): Promise<Participant | null> {
    return this.c.one('SELECT * FROM participants WHERE project_id = ? AND code = ?', toParticipant, projectId, code);
  }
  async list(projectId: string): Promise<Participant[]> {
    return this.c.all('SELECT * FROM participants WHERE project_id = ? ORDER BY code', toParticipant, projectId);
  }
  async findByCodes(projectId: string, codes: readonly string[]): Promise<Participant[]> {
    // Without ORDER BY, SQLite looks each code up in the NOCASE index; sorting a few rows here is cheaper.
    const found = await this.c.all(
      'SELECT * FROM participants WHERE project_id = ? AND code COLLATE NOCASE IN (SELECT value FROM json_each(?))',
      toParticipant,
      projectId,
      JSON.stringify(codes),
    );
    return found.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  }
  async search(projectId: string, query: ParticipantQuery): Promise<{ participants: Participant[]; total: number }> {
    if (this.c.busy()) await this.c.idle();
    const where = `project_id = @projectId AND (@group IS NULL OR group_id = @group)
      AND (@status IS NULL OR status = @status) AND (@code IS NULL OR code LIKE @code ESCAPE '\\')`;
    const params = {
      projectId,
      group: query.group ?? null,
      status: query.status ?? null,
      // LIKE ignores the case of ASCII letters, which are all a code may hold.
      code: query.code ? `%${query.code.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null,
    };
    // Both read without yielding, so the page and its count come from the same moment.
    const total = this.c.statement(`SELECT COUNT(*) FROM participants WHERE ${where}`).pluck().get(params) as number;
    const rows = this.c
      .statement(`SELECT * FROM participants WHERE ${where} ORDER BY code LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: query.limit, offset: query.offset }) as Row[];
    return { participants: rows.map(toParticipant), total };
  }
  async update(id: string, patch: ParticipantPatch): Promise<void> {
    if (this.c.busy()) await this.c.idle();
    const r = this.c.statement('SELECT * FROM participants WHERE id = ?').get(id) as Row | undefined;
    if (!r) throw new DomainError('PARTICIPANT_NOT_FOUND', `no participant ${id}`);
    const n = { ...toParticipant(r), ...patch };
    this.c.forgetScopes();
    guarded(() =>
      this.c
        .statement(
          'UPDATE participants SET group_id = ?, language = ?, mode = ?, status = ?, withdrawn_on = ? WHERE id = ?',
        )
        .run(n.group, n.language, n.mode, n.status, n.withdrawnOn, id),
    );
  }
  async getContact(participantId: string): Promise<ParticipantContact | null> {
    if (this.c.busy()) await this.c.idle();
    const r = this.c.statement('SELECT * FROM participant_contacts WHERE participant_id = ?').get(participantId) as
      Row | undefined;
    return r ? toContact(r) : null;
  }
  async setContact(participantId: string, contact: Partial<ParticipantContact>): Promise<void> {
    if (this.c.busy()) await this.c.idle();
    // Read and written without yielding, so no other write lands between the two.
    const r = this.c.statement('SELECT * FROM participant_contacts WHERE participant_id = ?').get(participantId) as
      Row | undefined;
    const n = { ...(r ? toContact(r) : { email: null, name: null, address: null }), ...contact };
    guarded(() =>
      this.c
        .statement(
          'INSERT INTO participant_contacts (participant_id, email, name, address) VALUES (?, ?, ?, ?) ON CONFLICT (participant_id) DO UPDATE SET email = excluded.email, name = excluded.name, address = excluded.address',
        )
        .run(participantId, n.email, n.name, n.address),
    );
  }
  async erase(id: string): Promise<{ responses: number }> {
    if (this.c.busy()) await this.c.idle();
    this.c.forgetScopes();
    this.c.forgetResponses();
    return this.c.db
      .transaction(() => {
        if (!this.c.statement('SELECT 1 FROM participants WHERE id = ?').get(id))
          throw new DomainError('PARTICIPANT_NOT_FOUND', `no participant ${id}`);
        const responses = this.c.statement('DELETE FROM responses WHERE participant_id = ?').run(id).changes;
        this.c.statement('DELETE FROM paper_keyings WHERE participant_id = ?').run(id);
        this.c.statement('DELETE FROM participant_contacts WHERE participant_id = ?').run(id);
        this.c.statement('DELETE FROM sends WHERE participant_id = ?').run(id);
        this.c.statement('DELETE FROM participants WHERE id = ?').run(id);
        return { responses };
      })
      .immediate();
  }
}
