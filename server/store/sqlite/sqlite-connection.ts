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

/** Stands for "some table" when a write statement's table cannot be read from its SQL. */
const EVERY_TABLE = '*';

/** The table a write statement writes to: INSERT INTO t, REPLACE INTO t, UPDATE t, DELETE FROM t. */
export function writtenTable(sql: string): string | null {
  const match =
    /^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+["`]?(\w+)/i.exec(sql);
  return match ? match[1]!.toLowerCase() : null;
}

interface ForeignKeyAction {
  table: string;
  on_delete: string;
  on_update: string;
}
/** A key's action that writes to the child row when its parent changes (NO ACTION and RESTRICT only refuse). */
const changesChild = (action: string) => action !== 'NO ACTION' && action !== 'RESTRICT';

/**
 * For each table, every table a write to it can change: itself, and the tables whose foreign
 * keys cascade (or set null or default) from it, followed on. Read from the schema, so a new
 * migration's keys count without anyone listing them.
 */
function cascadeReach(db: Database.Database): Map<string, Set<string>> {
  const tables = (
    db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .pluck()
      .all() as string[]
  ).map((t) => t.toLowerCase());
  const children = new Map<string, Set<string>>();
  for (const child of tables)
    for (const key of db.pragma(`foreign_key_list("${child}")`) as ForeignKeyAction[])
      if (changesChild(key.on_delete) || changesChild(key.on_update)) {
        const parent = key.table.toLowerCase();
        if (!children.has(parent)) children.set(parent, new Set());
        children.get(parent)!.add(child);
      }
  const reach = new Map<string, Set<string>>();
  for (const table of tables) {
    const seen = new Set([table]);
    const queue = [table];
    while (queue.length > 0)
      for (const child of children.get(queue.pop()!) ?? [])
        if (!seen.has(child)) {
          seen.add(child);
          queue.push(child);
        }
    reach.set(table, seen);
  }
  return reach;
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
  /** Rows read by cachedOne/cachedAll, per table read, then by SQL text and parameters. */
  private readonly tableCaches = new Map<string, Map<string, unknown>>();
  /** For each table, the tables whose cached rows a write to it can change: itself, and those it cascades into. */
  private writeReach: Map<string, Set<string>> | null = null;
  /** Per SQL text: the table a write statement writes to, or null for a statement that only reads. */
  private readonly writes = new Map<string, string | null>();
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
      // A write whose table is not recognised (none today) forgets every table: stale is never safe.
      this.writes.set(sql, statement.reader ? null : (writtenTable(sql) ?? EVERY_TABLE));
    }
    // Every write goes through here just before it runs, so no repository can forget to say
    // what it makes stale: the cached reads of the table it writes (and of those it cascades into) go.
    const table = this.writes.get(sql);
    if (table !== null && table !== undefined && this.tableCaches.size > 0) this.forgetTable(table);
    return statement;
  }

  /**
   * The one row a query finds, kept until a write to `table` (or to a table that cascades into
   * it) or another connection's commit. For what every staff request reads and staff rarely
   * change: the signed-in user, their roles, the project and the wave (ADR 0108). Inside a
   * transaction it always reads, so a decision made there never rests on a cached row.
   */
  async cachedOne<T>(table: string, sql: string, map: (row: Row) => T, ...params: unknown[]): Promise<T | null> {
    return this.cachedRead(table, sql, params, () => {
      const row = this.statement(sql).get(...params) as Row | undefined;
      return row ? map(row) : null;
    });
  }

  /** Every row a query finds, kept as cachedOne keeps one. */
  async cachedAll<T>(table: string, sql: string, map: (row: Row) => T, ...params: unknown[]): Promise<T[]> {
    return this.cachedRead(table, sql, params, () => (this.statement(sql).all(...params) as Row[]).map(map));
  }

  private async cachedRead<T>(table: string, sql: string, params: unknown[], read: () => T): Promise<T> {
    if (!this.cachesOn || this.inTransaction.getStore()) {
      if (this.busy()) await this.idle();
      return read();
    }
    this.checkCaches();
    const key = `${sql}\u0000${JSON.stringify(params)}`;
    let cache = this.tableCaches.get(table);
    if (cache?.has(key)) return cache.get(key) as T;
    if (this.busy()) await this.idle();
    const value = deepFreeze(read());
    // Read between transactions only: what is read while one is open may be undone.
    if (!this.db.inTransaction) {
      if (!cache) {
        cache = new Map();
        this.tableCaches.set(table, cache);
      }
      this.remember(cache, key, value);
    }
    return value;
  }

  private forgetTable(written: string): void {
    if (written === EVERY_TABLE) {
      for (const cache of this.tableCaches.values()) cache.clear();
      return;
    }
    this.writeReach ??= cascadeReach(this.db);
    for (const table of this.writeReach.get(written) ?? [written]) this.tableCaches.get(table)?.clear();
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

  /**
   * Lets go of the transaction marker, once the database is closed. An AsyncLocalStorage that has
   * run once stays in Node's list of storages until disabled, and every promise the process
   * creates afterwards copies it along: a process that opens and closes many stores (the test
   * suite, a long CLI session) would slow with each one.
   */
  close(): void {
    this.inTransaction.disable();
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
      this.tableCaches.clear();
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
