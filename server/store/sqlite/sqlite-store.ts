import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Answers } from '../../domain/answers.js';
import { DomainError } from '../../domain/errors.js';
import { mergeAnswers } from '../../domain/answer-form.js';
import type { Store as SessionStore } from 'express-session';
import type {
  ApiToken,
  AuditEvent,
  InstrumentSnapshot,
  NewApiToken,
  NewAuditEvent,
  NewParticipant,
  NewProject,
  NewResponse,
  NewStaffUser,
  NewWave,
  Participant,
  ParticipantContact,
  Project,
  ProjectRole,
  ProjectRoleName,
  ResponseStatus,
  SendKind,
  SendRecord,
  StaffUser,
  SurveyResponse,
  Wave,
} from '../records.js';
import type { ParticipantPatch, ParticipantScope, ProjectPatch, DraftWrite, Store, SubmitWrite, StoreHealth, UserPatch, WavePatch } from '../store.js';
import { SQLITE_MIGRATIONS } from './migrations.js';
import { SqliteSessionStore } from './sqlite-session-store.js';

type Row = Record<string, unknown>;

const str = (v: unknown): string => v as string;
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : (v as string));

function toUser(r: Row): StaffUser {
  return { id: str(r.id), email: str(r.email), name: str(r.name), passwordHash: str(r.password_hash), isAdmin: r.is_admin === 1, createdAt: str(r.created_at) };
}
function toProject(r: Row): Project {
  return {
    id: str(r.id), slug: str(r.slug), name: str(r.name), instrumentId: str(r.instrument_id), instrumentVersion: str(r.instrument_version),
    groups: JSON.parse(str(r.groups_json)), settings: JSON.parse(str(r.settings_json)), archivedAt: strOrNull(r.archived_at), createdAt: str(r.created_at),
  };
}
function toParticipant(r: Row): Participant {
  return {
    id: str(r.id), projectId: str(r.project_id), code: str(r.code), group: str(r.group_id), language: str(r.language),
    mode: r.mode as Participant['mode'], token: str(r.token), accessCode: str(r.access_code), status: r.status as Participant['status'],
    enrolledOn: str(r.enrolled_on), withdrawnOn: strOrNull(r.withdrawn_on), createdAt: str(r.created_at),
  };
}
function toWave(r: Row): Wave {
  return { id: str(r.id), projectId: str(r.project_id), label: str(r.label), opensOn: str(r.opens_on), closesOn: str(r.closes_on), instrumentVersion: str(r.instrument_version), createdAt: str(r.created_at) };
}
function toResponse(r: Row): SurveyResponse {
  return {
    id: str(r.id), projectId: str(r.project_id), participantId: str(r.participant_id), waveId: str(r.wave_id), group: str(r.group_id),
    answers: JSON.parse(str(r.answers_json)), status: r.status as ResponseStatus, source: r.source as SurveyResponse['source'],
    startedAt: str(r.started_at), submittedAt: strOrNull(r.submitted_at), updatedAt: str(r.updated_at), enteredBy: strOrNull(r.entered_by),
  };
}
function toAudit(r: Row): AuditEvent {
  return { id: str(r.id), at: str(r.at), actor: str(r.actor), projectId: strOrNull(r.project_id), action: str(r.action), target: strOrNull(r.target), details: JSON.parse(str(r.details_json)) };
}

function toApiToken(r: Row): ApiToken {
  return { id: str(r.id), userId: str(r.user_id), label: str(r.label), tokenHash: str(r.token_hash), createdAt: str(r.created_at) };
}

/** How long another connection's commit can go unseen by this connection's caches. */
export const CROSS_CONNECTION_CHECK_MS = 50;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** Turns SQLite constraint failures into the port's named errors. */
function translate(error: unknown): never {
  const code = (error as { code?: string }).code ?? '';
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    throw new DomainError('DUPLICATE', (error as Error).message);
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw new DomainError('NOT_FOUND', 'a referenced record does not exist');
  if (code === 'SQLITE_CONSTRAINT_CHECK') throw new DomainError('VALIDATION', (error as Error).message);
  throw error;
}

function guarded<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    return translate(error);
  }
}

const RESPONSE_PAGE = 500;

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;

  /** Compiled once per SQL text: preparing on every call cost more than running most queries. */
  private readonly statements = new Map<string, Database.Statement>();

  /**
   * What every participant page reads, kept between writes: scopes (participant, project, waves)
   * by link token, and responses by participant and wave. A kept entry is only as good as the
   * tables it came from:
   * - a write through this connection empties the caches it could affect before it runs (see
   *   statement(); better-sqlite3 is synchronous, so no read slips in between), and a response
   *   write then keeps what it committed, so the page after a save reads nothing;
   * - a commit by any other connection (the CLI, another process) changes PRAGMA data_version,
   *   which cached reads check (see checkCaches).
   * Entries are frozen, because every later reader shares them.
   */
  private readonly scopes = new Map<string, ParticipantScope>();
  private readonly responses = new Map<string, SurveyResponse>();
  private cachedDataVersion = -1;
  private cachesCheckedAt = -Infinity;
  /** SQL text → the caches a statement with that text can make stale. */
  private readonly invalidates = new Map<string, 'scopes' | 'responses' | 'both' | null>();

  /**
   * Whether the scope and response caches above are used; off (DEVICE_READ_CACHE=off, ADR 0013)
   * they stay empty and every read goes to SQLite.
   */
  private readonly readCache: boolean;

  private constructor(db: Database.Database, readCache: boolean) {
    this.db = db;
    this.readCache = readCache;
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
      // Deleting a participant deletes their responses too (ON DELETE CASCADE).
      const scopes = !statement.reader && /\b(?:participants|projects|waves)\b/.test(sql);
      const responses = !statement.reader && /\b(?:participants|responses)\b/.test(sql);
      this.invalidates.set(sql, scopes && responses ? 'both' : scopes ? 'scopes' : responses ? 'responses' : null);
    }
    const stale = this.invalidates.get(sql);
    if (stale === 'scopes' || stale === 'both') this.scopes.clear();
    if (stale === 'responses' || stale === 'both') this.responses.clear();
    return statement;
  }

  /**
   * Empties the caches if another connection has committed since they were filled. Asking
   * SQLite takes a read lock (two system calls), which was the costliest step of a page; so it
   * is asked at most every CROSS_CONNECTION_CHECK_MS, and another process's change (the CLI's)
   * shows within that time. This connection's own writes show at once, and a submission is
   * decided inside its write transaction, never from a cache.
   */
  private checkCaches(): void {
    if (!this.readCache) return;
    const now = performance.now();
    if (now - this.cachesCheckedAt < CROSS_CONNECTION_CHECK_MS) return;
    this.cachesCheckedAt = now;
    const dataVersion = this.statement('PRAGMA data_version').pluck().get() as number;
    if (dataVersion !== this.cachedDataVersion) {
      this.scopes.clear();
      this.responses.clear();
      this.cachedDataVersion = dataVersion;
    }
  }

  /** Opens (creating if needed) the database file and brings its schema up to date. */
  static open(file: string, options: { readCache: boolean } = { readCache: true }): SqliteStore {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    // WAL survives a process crash without losing a committed transaction; see docs/decisions/0001-store-port.md.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const store = new SqliteStore(db, options.readCache);
    store.migrate();
    return store;
  }

  /** The schema version this file is at; exposed for the migration tests. */
  schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  private migrate(): void {
    const current = this.schemaVersion();
    for (const migration of SQLITE_MIGRATIONS) {
      if (migration.version <= current) continue;
      this.db.transaction(() => {
        this.db.exec(migration.sql);
        this.db.pragma(`user_version = ${migration.version}`);
      })();
    }
  }

  async health(): Promise<StoreHealth> {
    try {
      this.statement('SELECT 1').get();
      return { ok: true, kind: 'sqlite', detail: `schema v${this.schemaVersion()}, journal ${String(this.db.pragma('journal_mode', { simple: true }))}` };
    } catch (error) {
      return { ok: false, kind: 'sqlite', detail: (error as Error).message };
    }
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  // Staff users and roles

  async createUser(user: NewStaffUser, role?: { projectId: string; role: ProjectRoleName }): Promise<StaffUser> {
    const row = { id: randomUUID(), email: user.email, name: user.name, password_hash: user.passwordHash, is_admin: user.isAdmin ? 1 : 0, created_at: new Date().toISOString() };
    guarded(() =>
      this.db.transaction(() => {
        this.statement('INSERT INTO staff_users (id, email, name, password_hash, is_admin, created_at) VALUES (@id, @email, @name, @password_hash, @is_admin, @created_at)').run(row);
        if (role) this.statement('INSERT INTO project_roles (user_id, project_id, role) VALUES (?, ?, ?)').run(row.id, role.projectId, role.role);
      })(),
    );
    return toUser(row);
  }
  async getUser(id: string): Promise<StaffUser | null> {
    const row = this.statement('SELECT * FROM staff_users WHERE id = ?').get(id) as Row | undefined;
    return row ? toUser(row) : null;
  }
  async findUserByEmail(email: string): Promise<StaffUser | null> {
    const row = this.statement('SELECT * FROM staff_users WHERE email = ?').get(email) as Row | undefined;
    return row ? toUser(row) : null;
  }
  async countUsers(): Promise<number> {
    return (this.statement('SELECT COUNT(*) AS n FROM staff_users').get() as { n: number }).n;
  }
  async listUsers(): Promise<StaffUser[]> {
    return (this.statement('SELECT * FROM staff_users ORDER BY email').all() as Row[]).map(toUser);
  }
  async updateUser(id: string, patch: UserPatch): Promise<void> {
    const user = await this.getUser(id);
    if (!user) throw new DomainError('USER_NOT_FOUND', `no staff user ${id}`);
    const next = { ...user, ...patch };
    this.statement('UPDATE staff_users SET name = ?, password_hash = ?, is_admin = ? WHERE id = ?').run(next.name, next.passwordHash, next.isAdmin ? 1 : 0, id);
  }
  async setProjectRole(userId: string, projectId: string, role: ProjectRoleName): Promise<void> {
    guarded(() =>
      this.statement('INSERT INTO project_roles (user_id, project_id, role) VALUES (?, ?, ?) ON CONFLICT (user_id, project_id) DO UPDATE SET role = excluded.role').run(userId, projectId, role),
    );
  }
  async removeProjectRole(userId: string, projectId: string): Promise<void> {
    this.statement('DELETE FROM project_roles WHERE user_id = ? AND project_id = ?').run(userId, projectId);
  }
  async listProjectRoles(filter: { userId?: string; projectId?: string }): Promise<ProjectRole[]> {
    const rows = this.statement('SELECT * FROM project_roles WHERE (@userId IS NULL OR user_id = @userId) AND (@projectId IS NULL OR project_id = @projectId) ORDER BY project_id, user_id')
      .all({ userId: filter.userId ?? null, projectId: filter.projectId ?? null }) as Row[];
    return rows.map((r) => ({ userId: str(r.user_id), projectId: str(r.project_id), role: r.role as ProjectRoleName }));
  }

  // Instruments

  async saveInstrumentSnapshot(s: InstrumentSnapshot): Promise<void> {
    this.statement('INSERT INTO instrument_snapshots (instrument_id, version, fingerprint, json, saved_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING')
      .run(s.instrumentId, s.version, s.fingerprint, s.json, s.savedAt);
  }
  async getInstrumentSnapshot(instrumentId: string, version: string): Promise<InstrumentSnapshot | null> {
    const r = this.statement('SELECT * FROM instrument_snapshots WHERE instrument_id = ? AND version = ?').get(instrumentId, version) as Row | undefined;
    return r ? { instrumentId: str(r.instrument_id), version: str(r.version), fingerprint: str(r.fingerprint), json: str(r.json), savedAt: str(r.saved_at) } : null;
  }

  // Projects

  async createProject(p: NewProject): Promise<Project> {
    const row = {
      id: randomUUID(), slug: p.slug, name: p.name, instrument_id: p.instrumentId, instrument_version: p.instrumentVersion,
      groups_json: JSON.stringify(p.groups), settings_json: JSON.stringify(p.settings ?? {}), archived_at: null, created_at: new Date().toISOString(),
    };
    guarded(() =>
      this.statement('INSERT INTO projects (id, slug, name, instrument_id, instrument_version, groups_json, settings_json, archived_at, created_at) VALUES (@id, @slug, @name, @instrument_id, @instrument_version, @groups_json, @settings_json, @archived_at, @created_at)')
        .run(row),
    );
    return toProject(row);
  }
  async getProject(id: string): Promise<Project | null> {
    const r = this.statement('SELECT * FROM projects WHERE id = ?').get(id) as Row | undefined;
    return r ? toProject(r) : null;
  }
  async getProjectBySlug(slug: string): Promise<Project | null> {
    const r = this.statement('SELECT * FROM projects WHERE slug = ?').get(slug) as Row | undefined;
    return r ? toProject(r) : null;
  }
  async listProjects(): Promise<Project[]> {
    return (this.statement('SELECT * FROM projects ORDER BY name, slug').all() as Row[]).map(toProject);
  }
  async updateProject(id: string, patch: ProjectPatch): Promise<void> {
    const project = await this.getProject(id);
    if (!project) throw new DomainError('PROJECT_NOT_FOUND', `no project ${id}`);
    const n = { ...project, ...patch };
    this.statement('UPDATE projects SET name = ?, groups_json = ?, settings_json = ?, archived_at = ?, instrument_version = ? WHERE id = ?')
      .run(n.name, JSON.stringify(n.groups), JSON.stringify(n.settings), n.archivedAt, n.instrumentVersion, id);
  }

  // Participants

  async createParticipants(list: NewParticipant[]): Promise<Participant[]> {
    const createdAt = new Date().toISOString();
    const insert = this.statement(
      'INSERT INTO participants (id, project_id, code, group_id, language, mode, token, access_code, status, enrolled_on, withdrawn_on, created_at) VALUES (@id, @project_id, @code, @group_id, @language, @mode, @token, @access_code, @status, @enrolled_on, @withdrawn_on, @created_at)',
    );
    const insertContact = this.statement('INSERT INTO participant_contacts (participant_id, email) VALUES (?, ?)');
    const rows = list.map((p) => ({
      id: randomUUID(), project_id: p.projectId, code: p.code, group_id: p.group, language: p.language, mode: p.mode,
      token: p.token, access_code: p.accessCode, status: p.status ?? 'active', enrolled_on: p.enrolledOn, withdrawn_on: p.withdrawnOn ?? null,
      created_at: p.createdAt ?? createdAt, contact: p.contact,
    }));
    guarded(() =>
      this.db.transaction(() => {
        for (const { contact, ...row } of rows) {
          insert.run(row);
          if (contact) insertContact.run(row.id, contact.email);
        }
      })(),
    );
    return rows.map(toParticipant);
  }
  async getParticipant(id: string): Promise<Participant | null> {
    const r = this.statement('SELECT * FROM participants WHERE id = ?').get(id) as Row | undefined;
    return r ? toParticipant(r) : null;
  }
  async getParticipantByToken(token: string): Promise<Participant | null> {
    const r = this.statement('SELECT * FROM participants WHERE token = ?').get(token) as Row | undefined;
    return r ? toParticipant(r) : null;
  }
  async getParticipantScope(token: string): Promise<ParticipantScope | null> {
    this.checkCaches();
    const cached = this.scopes.get(token);
    if (cached) return cached;
    const row = this.statement('SELECT p.*, pr.* FROM participants p JOIN projects pr ON pr.id = p.project_id WHERE p.token = ?').expand(true).get(token) as
      | Record<'participants' | 'projects', Row>
      | undefined;
    if (!row) return null;
    const project = toProject(row.projects);
    // Read and kept without yielding, so no write can land in between.
    const scope = deepFreeze({ participant: toParticipant(row.participants), project, waves: this.wavesOf(project.id) });
    if (!this.readCache) return scope;
    // Bounded: when full it starts again, which only means reading again.
    if (this.scopes.size >= 10_000) this.scopes.clear();
    this.scopes.set(token, scope);
    return scope;
  }
  async getParticipantByAccessCode(accessCode: string): Promise<Participant | null> {
    const r = this.statement('SELECT * FROM participants WHERE access_code = ?').get(accessCode) as Row | undefined;
    return r ? toParticipant(r) : null;
  }
  async getParticipantByCode(projectId: string, code: string): Promise<Participant | null> {
    const r = this.statement('SELECT * FROM participants WHERE project_id = ? AND code = ?').get(projectId, code) as Row | undefined;
    return r ? toParticipant(r) : null;
  }
  async listParticipants(projectId: string): Promise<Participant[]> {
    return (this.statement('SELECT * FROM participants WHERE project_id = ? ORDER BY code').all(projectId) as Row[]).map(toParticipant);
  }
  async updateParticipant(id: string, patch: ParticipantPatch): Promise<void> {
    const p = await this.getParticipant(id);
    if (!p) throw new DomainError('PARTICIPANT_NOT_FOUND', `no participant ${id}`);
    const n = { ...p, ...patch };
    guarded(() => this.statement('UPDATE participants SET group_id = ?, language = ?, mode = ?, status = ?, withdrawn_on = ? WHERE id = ?').run(n.group, n.language, n.mode, n.status, n.withdrawnOn, id));
  }
  async getContact(participantId: string): Promise<ParticipantContact | null> {
    const r = this.statement('SELECT email FROM participant_contacts WHERE participant_id = ?').get(participantId) as Row | undefined;
    return r ? { email: strOrNull(r.email) } : null;
  }
  async setContact(participantId: string, contact: ParticipantContact): Promise<void> {
    guarded(() =>
      this.statement('INSERT INTO participant_contacts (participant_id, email) VALUES (?, ?) ON CONFLICT (participant_id) DO UPDATE SET email = excluded.email')
        .run(participantId, contact.email),
    );
  }

  async eraseParticipant(id: string): Promise<{ responses: number }> {
    return this.db.transaction(() => {
      if (!this.statement('SELECT 1 FROM participants WHERE id = ?').get(id)) throw new DomainError('PARTICIPANT_NOT_FOUND', `no participant ${id}`);
      const responses = this.statement('DELETE FROM responses WHERE participant_id = ?').run(id).changes;
      this.statement('DELETE FROM participant_contacts WHERE participant_id = ?').run(id);
      this.statement('DELETE FROM sends WHERE participant_id = ?').run(id);
      this.statement('DELETE FROM participants WHERE id = ?').run(id);
      return { responses };
    }).immediate();
  }

  // Waves

  async createWave(w: NewWave): Promise<Wave> {
    const row = { id: randomUUID(), project_id: w.projectId, label: w.label, opens_on: w.opensOn, closes_on: w.closesOn, instrument_version: w.instrumentVersion, created_at: new Date().toISOString() };
    guarded(() =>
      this.statement('INSERT INTO waves (id, project_id, label, opens_on, closes_on, instrument_version, created_at) VALUES (@id, @project_id, @label, @opens_on, @closes_on, @instrument_version, @created_at)')
        .run(row),
    );
    return toWave(row);
  }
  async getWave(id: string): Promise<Wave | null> {
    const r = this.statement('SELECT * FROM waves WHERE id = ?').get(id) as Row | undefined;
    return r ? toWave(r) : null;
  }
  async listWaves(projectId: string): Promise<Wave[]> {
    return this.wavesOf(projectId);
  }
  private wavesOf(projectId: string): Wave[] {
    return (this.statement('SELECT * FROM waves WHERE project_id = ? ORDER BY opens_on, label').all(projectId) as Row[]).map(toWave);
  }
  async updateWave(id: string, patch: WavePatch): Promise<void> {
    const w = await this.getWave(id);
    if (!w) throw new DomainError('WAVE_NOT_FOUND', `no wave ${id}`);
    const n = { ...w, ...patch };
    guarded(() => this.statement('UPDATE waves SET opens_on = ?, closes_on = ? WHERE id = ?').run(n.opensOn, n.closesOn, id));
  }

  // Responses

  async getResponse(participantId: string, waveId: string): Promise<SurveyResponse | null> {
    this.checkCaches();
    const key = `${participantId}/${waveId}`;
    const cached = this.responses.get(key);
    if (cached) return cached;
    const r = this.statement('SELECT * FROM responses WHERE participant_id = ? AND wave_id = ?').get(participantId, waveId) as Row | undefined;
    if (!r) return null;
    return this.keepResponse(toResponse(r));
  }

  private keepResponse(response: SurveyResponse): SurveyResponse {
    if (!this.readCache) return response;
    if (this.responses.size >= 10_000) this.responses.clear();
    this.responses.set(`${response.participantId}/${response.waveId}`, deepFreeze(response));
    return response;
  }

  /**
   * Read, change and write in one IMMEDIATE transaction: a draft's answers are merged with what
   * is saved at that moment, and a submission happens at most once.
   */
  private writeResponse(w: DraftWrite | SubmitWrite, submit: boolean): SurveyResponse {
    const committed = guarded(() =>
      this.db.transaction(() => {
        const existing = this.statement('SELECT * FROM responses WHERE participant_id = ? AND wave_id = ?').get(w.participantId, w.waveId) as Row | undefined;
        if (existing?.status === 'submitted') throw new DomainError('ALREADY_SUBMITTED', 'this response has already been submitted');
        const saved: Answers = existing ? JSON.parse(str(existing.answers_json)) : {};
        const answers = JSON.stringify('changes' in w ? mergeAnswers(saved, w.changes) : (w.answers ?? saved));
        const submittedAt = submit ? w.at : null;
        const status = submit ? 'submitted' : 'draft';
        if (existing) {
          this.statement('UPDATE responses SET answers_json = ?, status = ?, source = ?, submitted_at = ?, updated_at = ?, entered_by = ?, group_id = ? WHERE id = ?')
            .run(answers, status, w.source, submittedAt, w.at, w.enteredBy, w.group, existing.id);
          return toResponse(this.statement('SELECT * FROM responses WHERE id = ?').get(existing.id) as Row);
        }
        const row = {
          id: randomUUID(), project_id: w.projectId, participant_id: w.participantId, wave_id: w.waveId, group_id: w.group, answers_json: answers,
          status, source: w.source, started_at: w.at, submitted_at: submittedAt, updated_at: w.at, entered_by: w.enteredBy,
        };
        this.insertResponse.run(row);
        return toResponse(row);
      }).immediate(),
    );
    // Kept only once committed: the participant's next page reads it from here.
    return this.keepResponse(committed);
  }

  private get insertResponse(): Database.Statement {
    return this.statement(
      'INSERT INTO responses (id, project_id, participant_id, wave_id, group_id, answers_json, status, source, started_at, submitted_at, updated_at, entered_by) VALUES (@id, @project_id, @participant_id, @wave_id, @group_id, @answers_json, @status, @source, @started_at, @submitted_at, @updated_at, @entered_by)',
    );
  }

  async saveDraft(write: DraftWrite): Promise<SurveyResponse> {
    return this.writeResponse(write, false);
  }
  async submitResponse(write: SubmitWrite): Promise<SurveyResponse> {
    return this.writeResponse(write, true);
  }
  async insertResponses(list: NewResponse[]): Promise<void> {
    const insert = this.insertResponse;
    guarded(() =>
      this.db.transaction(() => {
        for (const r of list) {
          insert.run({
            id: randomUUID(), project_id: r.projectId, participant_id: r.participantId, wave_id: r.waveId, group_id: r.group, answers_json: JSON.stringify(r.answers),
            status: r.status, source: r.source, started_at: r.startedAt, submitted_at: r.submittedAt, updated_at: r.submittedAt ?? r.startedAt, entered_by: r.enteredBy,
          });
        }
      })(),
    );
  }

  async *iterateResponses(projectId: string, filter: { status?: ResponseStatus; waveId?: string } = {}): AsyncIterable<SurveyResponse> {
    const waves = filter.waveId ? [{ id: filter.waveId }] : await this.listWaves(projectId);
    // Keyset pages, not one long-lived cursor: better-sqlite3 refuses other queries on a connection
    // while an iterator is open, and the server keeps answering requests during an export.
    const page = this.statement(
      'SELECT * FROM responses WHERE project_id = @projectId AND wave_id = @waveId AND participant_id > @after AND (@status IS NULL OR status = @status) ORDER BY participant_id LIMIT @limit',
    );
    for (const wave of waves) {
      let after = '';
      for (;;) {
        const rows = page.all({ projectId, waveId: wave.id, after, status: filter.status ?? null, limit: RESPONSE_PAGE }) as Row[];
        for (const row of rows) yield toResponse(row);
        if (rows.length < RESPONSE_PAGE) break;
        after = str(rows[rows.length - 1]?.participant_id);
      }
    }
  }

  // Sends, API tokens, sessions

  async claimSend(send: SendRecord): Promise<boolean> {
    const result = guarded(() =>
      this.statement('INSERT INTO sends (participant_id, wave_id, kind, at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING').run(send.participantId, send.waveId, send.kind, send.at),
    );
    return result.changes === 1;
  }
  async releaseSend(participantId: string, waveId: string, kind: SendKind): Promise<void> {
    this.statement('DELETE FROM sends WHERE participant_id = ? AND wave_id = ? AND kind = ?').run(participantId, waveId, kind);
  }
  async listSends(waveId: string): Promise<SendRecord[]> {
    const rows = this.statement('SELECT * FROM sends WHERE wave_id = ? ORDER BY at, participant_id, kind').all(waveId) as Row[];
    return rows.map((r) => ({ participantId: str(r.participant_id), waveId: str(r.wave_id), kind: r.kind as SendKind, at: str(r.at) }));
  }

  async createApiToken(t: NewApiToken): Promise<ApiToken> {
    const token: ApiToken = { id: randomUUID(), ...t, createdAt: new Date().toISOString() };
    guarded(() => this.statement('INSERT INTO api_tokens (id, user_id, label, token_hash, created_at) VALUES (?, ?, ?, ?, ?)').run(token.id, token.userId, token.label, token.tokenHash, token.createdAt));
    return token;
  }
  async findApiTokenByHash(tokenHash: string): Promise<ApiToken | null> {
    const r = this.statement('SELECT * FROM api_tokens WHERE token_hash = ?').get(tokenHash) as Row | undefined;
    return r ? toApiToken(r) : null;
  }
  async listApiTokens(userId: string): Promise<ApiToken[]> {
    return (this.statement('SELECT * FROM api_tokens WHERE user_id = ? ORDER BY created_at, id').all(userId) as Row[]).map(toApiToken);
  }
  async deleteApiToken(id: string, userId: string): Promise<void> {
    this.statement('DELETE FROM api_tokens WHERE id = ? AND user_id = ?').run(id, userId);
  }

  createSessionStore(): SessionStore {
    return new SqliteSessionStore((sql) => this.statement(sql));
  }

  // Audit

  async appendAudit(e: NewAuditEvent): Promise<AuditEvent> {
    const row = { id: randomUUID(), at: e.at ?? new Date().toISOString(), actor: e.actor, project_id: e.projectId, action: e.action, target: e.target, details_json: JSON.stringify(e.details) };
    this.statement('INSERT INTO audit_events (id, at, actor, project_id, action, target, details_json) VALUES (@id, @at, @actor, @project_id, @action, @target, @details_json)').run(row);
    return toAudit(row);
  }
  async listAudit(filter: { projectId?: string; limit?: number }): Promise<AuditEvent[]> {
    const rows = this.statement('SELECT * FROM audit_events WHERE (@projectId IS NULL OR project_id = @projectId) ORDER BY seq DESC LIMIT @limit')
      .all({ projectId: filter.projectId ?? null, limit: filter.limit ?? 200 }) as Row[];
    return rows.map(toAudit);
  }
}
