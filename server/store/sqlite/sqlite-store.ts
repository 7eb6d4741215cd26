import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Store as SessionStore } from 'express-session';
import type { Repositories, Store, StoreHealth } from '../store.js';
import { SqliteActionRepository } from './sqlite-action-repository.js';
import { SqliteApiTokenRepository } from './sqlite-api-token-repository.js';
import { SqliteAuditRepository } from './sqlite-audit-repository.js';
import { SqliteConnection } from './sqlite-connection.js';
import { SqliteConsentTextRepository } from './sqlite-consent-text-repository.js';
import { SqliteInstrumentSnapshotRepository } from './sqlite-instrument-snapshot-repository.js';
import { SqlitePaperKeyingRepository } from './sqlite-paper-keying-repository.js';
import { SqliteParticipantRepository } from './sqlite-participant-repository.js';
import { SqliteProjectRepository } from './sqlite-project-repository.js';
import { SqliteResponseRepository } from './sqlite-response-repository.js';
import { SqliteRoleRepository } from './sqlite-role-repository.js';
import { SqliteRateLimitRepository } from './sqlite-rate-limit-repository.js';
import { SqliteSendRepository } from './sqlite-send-repository.js';
import { SqliteSessionStore } from './sqlite-session-store.js';
import { SqliteStaffSessionRepository } from './sqlite-staff-session-repository.js';
import { SqliteUserRepository } from './sqlite-user-repository.js';
import { SqliteWaveRepository } from './sqlite-wave-repository.js';
import { SqliteWaveSummaryRepository } from './sqlite-wave-summary-repository.js';
import { SQLITE_MIGRATIONS } from './migrations.js';
import { WalCheckpointer } from './wal-checkpointer.js';

export { CROSS_CONNECTION_CHECK_MS } from './sqlite-connection.js';

export interface SqliteOptions {
  /** The read caches of ADR 0005; off only to measure what they are worth. */
  readCache?: boolean;
  /** How often the WAL is checkpointed off the serving connection (ADR 0043); tests lengthen it. */
  checkpointIntervalMs?: number;
}

/** The embedded store: one file, one connection, a repository per aggregate on it. */
export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly users: SqliteUserRepository;
  readonly roles: SqliteRoleRepository;
  readonly instruments: SqliteInstrumentSnapshotRepository;
  readonly projects: SqliteProjectRepository;
  readonly participants: SqliteParticipantRepository;
  readonly waves: SqliteWaveRepository;
  readonly responses: SqliteResponseRepository;
  readonly paperKeyings: SqlitePaperKeyingRepository;
  readonly sends: SqliteSendRepository;
  readonly apiTokens: SqliteApiTokenRepository;
  readonly sessions: SqliteStaffSessionRepository;
  readonly rateLimits: SqliteRateLimitRepository;
  readonly actions: SqliteActionRepository;
  readonly waveSummaries: SqliteWaveSummaryRepository;
  readonly consentTexts: SqliteConsentTextRepository;
  readonly audit: SqliteAuditRepository;
  private readonly connection: SqliteConnection;
  /** Checkpoints off the serving connection, for a database file (ADR 0043). */
  readonly checkpointer: WalCheckpointer;

  private constructor(
    private readonly db: Database.Database,
    options: SqliteOptions,
  ) {
    const c = new SqliteConnection(db, options.readCache ?? true);
    this.connection = c;
    this.checkpointer = new WalCheckpointer(db);
    this.users = new SqliteUserRepository(c);
    this.roles = new SqliteRoleRepository(c);
    this.instruments = new SqliteInstrumentSnapshotRepository(c);
    this.projects = new SqliteProjectRepository(c);
    this.participants = new SqliteParticipantRepository(c);
    this.waves = new SqliteWaveRepository(c);
    this.responses = new SqliteResponseRepository(c);
    this.paperKeyings = new SqlitePaperKeyingRepository(c);
    this.sends = new SqliteSendRepository(c);
    this.apiTokens = new SqliteApiTokenRepository(c);
    this.sessions = new SqliteStaffSessionRepository(c);
    this.rateLimits = new SqliteRateLimitRepository(c);
    this.actions = new SqliteActionRepository(c);
    this.waveSummaries = new SqliteWaveSummaryRepository(c);
    this.consentTexts = new SqliteConsentTextRepository(c);
    this.audit = new SqliteAuditRepository(c);
  }

  /** Opens (creating if needed) the database file and brings its schema up to date. */
  static open(file: string, options: SqliteOptions = {}): SqliteStore {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    // WAL survives a process crash without losing a committed transaction; see docs/decisions/0014-sqlite-is-the-default-store.md.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -65536');
    const store = new SqliteStore(db, options);
    store.migrate();
    if (file !== ':memory:') store.checkpointer.start(file, options.checkpointIntervalMs);
    return store;
  }

  /** The schema version this file is at; exposed for the migration tests. */
  schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  private migrate(): void {
    for (const migration of SQLITE_MIGRATIONS) {
      // IMMEDIATE, with the version read inside: a second process opening the file at the same
      // moment waits for the first one's migration, then finds it applied.
      this.db
        .transaction(() => {
          if (migration.version <= this.schemaVersion()) return;
          this.db.exec(migration.sql);
          this.db.pragma(`user_version = ${migration.version}`);
        })
        .immediate();
    }
  }

  async transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T> {
    return this.connection.transaction(() => fn(this));
  }

  async health(): Promise<StoreHealth> {
    const base = { kind: 'sqlite' as const, atomicTransactions: true };
    try {
      if (this.connection.busy()) await this.connection.idle();
      this.connection.statement('SELECT 1').get();
    } catch (error) {
      return { ...base, ok: false, writable: false, detail: (error as Error).message };
    }
    const detail = `schema v${this.schemaVersion()}, journal ${String(this.db.pragma('journal_mode', { simple: true }))}`;
    try {
      // A read succeeds on a full disk; only a write says whether changes can still be kept.
      this.connection
        .statement('INSERT INTO health_probe (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at')
        .run(new Date().toISOString());
      return { ...base, ok: true, writable: true, detail };
    } catch (error) {
      return { ...base, ok: true, writable: false, detail: `${detail}; a write failed: ${(error as Error).message}` };
    }
  }

  async close(): Promise<void> {
    if (this.connection.busy()) await this.connection.idle();
    await this.checkpointer.close();
    if (this.db.open) this.db.close();
    this.connection.close();
  }

  createSessionStore(): SessionStore {
    return new SqliteSessionStore(this.connection);
  }
}
