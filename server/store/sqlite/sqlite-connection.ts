import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';
import { DomainError, markRolledBack } from '../../domain/errors.js';
import type { ParticipantScope } from '../store.js';
import type { SurveyResponse } from '../../domain/records.js';

export type Row = Record<string, unknown>;

export const str = (v: unknown): string => v as string;
export const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : (v as string));

/** How long another connection's commit can go unseen by this connection's caches. */
export const CROSS_CONNECTION_CHECK_MS = 50;

/** Beyond this many entries a cache starts again, which only means reading again. */
const CACHE_LIMIT = 10_000;

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

export function guarded<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    return translate(error);
  }
}

/**
 * The one connection every SQLite repository shares: prepared statements, the read caches, and
 * the transaction that may be open on it.
 *
 * Caches. What every participant page reads is kept between writes: scopes (participant,
 * project, waves) by link token, and responses by participant and wave. Each write method of a
 * repository says which caches it makes stale (forgetScopes, forgetResponses) before it writes;
 * better-sqlite3 is synchronous, so no read slips in between. A response write then keeps what
 * it committed, so the page after a save reads nothing. A commit by any other connection (the
 * CLI, another process) changes PRAGMA data_version, which cached reads check (checkCaches).
 * Entries are frozen, because every later reader shares them.
 *
 * Transactions. better-sqlite3 runs on one connection, so while a transaction awaits between
 * its statements, any other request's statement would land inside it. So a transaction is
 * marked in AsyncLocalStorage, and work outside it waits (idle) until it has ended, except a
 * read the caches answer. The caches hold committed data only: what a transaction reads or
 * writes is kept once it commits, and dropped if it rolls back; a write forgets what it makes
 * stale before it writes, as outside one. So while a long transaction (an import) writes, a
 * participant page whose data is cached is served as of the last commit (ADR 0071).
 */
export class SqliteConnection {
  private readonly statements = new Map<string, Database.Statement>();
  private readonly scopes = new Map<string, ParticipantScope>();
  private readonly responses = new Map<string, SurveyResponse>();
  /** What the open transaction read or wrote, for the caches once it commits. */
  private readonly pendingScopes = new Map<string, ParticipantScope>();
  private readonly pendingResponses = new Map<string, SurveyResponse>();
  private cachedDataVersion = -1;
  private cachesCheckedAt = -Infinity;
  private readonly inTransaction = new AsyncLocalStorage<true>();
  private openTransaction: Promise<void> | null = null;

  constructor(
    readonly db: Database.Database,
    private readonly cachesOn = true,
  ) {}

  /** Compiled once per SQL text: preparing on every call cost more than running most queries. */
  statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** The one row a query finds, mapped; null if none. */
  async one<T>(sql: string, map: (row: Row) => T, ...params: unknown[]): Promise<T | null> {
    if (this.busy()) await this.idle();
    const row = this.statement(sql).get(...params) as Row | undefined;
    return row ? map(row) : null;
  }

  /** Every row a query finds, mapped. */
  async all<T>(sql: string, map: (row: Row) => T, ...params: unknown[]): Promise<T[]> {
    if (this.busy()) await this.idle();
    return (this.statement(sql).all(...params) as Row[]).map(map);
  }

  /** Whether work outside a transaction must wait: one is open and this is not part of it. */
  busy(): boolean {
    return this.openTransaction !== null && this.inTransaction.getStore() === undefined;
  }

  /** Resolves once no transaction but the caller's own is open. Call as `if (c.busy()) await c.idle()`. */
  async idle(): Promise<void> {
    while (this.busy()) await this.openTransaction;
  }

  /** Runs fn as one IMMEDIATE transaction, or as part of the caller's own if one is open. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.inTransaction.getStore()) return fn();
    while (this.openTransaction) await this.openTransaction;
    let ended!: () => void;
    this.openTransaction = new Promise((resolve) => (ended = resolve));
    try {
      try {
        this.db.exec('BEGIN IMMEDIATE');
      } catch (error) {
        // Not begun (the file is locked or read-only): nothing was written.
        markRolledBack(error);
        throw error;
      }
      try {
        const result = await this.inTransaction.run(true, fn);
        this.db.exec('COMMIT');
        for (const [token, scope] of this.pendingScopes) this.remember(this.scopes, token, scope);
        for (const [key, response] of this.pendingResponses) this.remember(this.responses, key, response);
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        // Undone (by the ROLLBACK, or by SQLite itself on a failed COMMIT): nothing of it was kept.
        markRolledBack(error);
        throw error;
      }
    } finally {
      // Kept or not, nothing read inside this transaction is kept for a later one.
      this.pendingScopes.clear();
      this.pendingResponses.clear();
      this.openTransaction = null;
      ended();
    }
  }

  forgetScopes(): void {
    this.scopes.clear();
    this.pendingScopes.clear();
  }

  forgetResponses(): void {
    this.responses.clear();
    this.pendingResponses.clear();
  }

  /** Keeps an entry: in the cache, or, while a transaction is open, until it commits. */
  private keep<T>(cache: Map<string, T>, pending: Map<string, T>, key: string, value: T): void {
    if (this.openTransaction) pending.set(key, value);
    else this.remember(cache, key, value);
  }

  private remember<T>(cache: Map<string, T>, key: string, value: T): void {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, value);
  }

  /**
   * Empties the caches if another connection has committed since they were filled. Asking
   * SQLite takes a read lock (two system calls), which was the costliest step of a page; so it
   * is asked at most every CROSS_CONNECTION_CHECK_MS, and another process's change (the CLI's)
   * shows within that time. This connection's own writes show at once, and a submission is
   * decided inside its write transaction, never from a cache.
   */
  private checkCaches(): void {
    const now = performance.now();
    if (now - this.cachesCheckedAt < CROSS_CONNECTION_CHECK_MS) return;
    this.cachesCheckedAt = now;
    const dataVersion = this.statement('PRAGMA data_version').pluck().get() as number;
    if (dataVersion !== this.cachedDataVersion) {
      this.forgetScopes();
      this.forgetResponses();
      this.cachedDataVersion = dataVersion;
    }
  }

  cachedScope(token: string): ParticipantScope | undefined {
    if (!this.cachesOn) return undefined;
    this.checkCaches();
    return this.scopes.get(token);
  }

  keepScope(token: string, scope: ParticipantScope): ParticipantScope {
    const frozen = deepFreeze(scope);
    if (this.cachesOn) this.keep(this.scopes, this.pendingScopes, token, frozen);
    return frozen;
  }

  cachedResponse(participantId: string, waveId: string): SurveyResponse | undefined {
    if (!this.cachesOn) return undefined;
    this.checkCaches();
    return this.responses.get(`${participantId}/${waveId}`);
  }

  keepResponse(response: SurveyResponse): SurveyResponse {
    const frozen = deepFreeze(response);
    if (this.cachesOn)
      this.keep(this.responses, this.pendingResponses, `${response.participantId}/${response.waveId}`, frozen);
    return frozen;
  }
}
