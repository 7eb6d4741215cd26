import { AsyncLocalStorage } from 'node:async_hooks';
import mongoose, { type ClientSession, type Connection } from 'mongoose';
import { DomainError, markRolledBack } from '../../domain/errors.js';
import type { Participant, Project } from '../../domain/records.js';
import { buildModels, type Models } from './schemas.js';

export type Doc = Record<string, unknown>;

export function withoutMongoId<T>(doc: Doc): T {
  const { _id, emailKey: _emailKey, seq: _seq, ...rest } = doc;
  return { id: _id, ...rest } as T;
}

/**
 * Participants written before enrolment and withdrawal dates were kept have neither: they count
 * as enrolled the day they were added, and withdrawn on an unknown day.
 */
export function toParticipant(doc: Doc): Participant {
  const { enrolledOn, withdrawnOn, ...rest } = withoutMongoId<
    Omit<Participant, 'enrolledOn' | 'withdrawnOn'> & Partial<Participant>
  >(doc);
  return { ...rest, enrolledOn: enrolledOn ?? rest.createdAt.slice(0, 10), withdrawnOn: withdrawnOn ?? null };
}

/** Projects written before projects had a time zone have none: they follow DEFAULT_TIME_ZONE (ADR 0090). */
export function toProject(doc: Doc): Project {
  const { timeZone, ...rest } = withoutMongoId<Omit<Project, 'timeZone'> & Partial<Project>>(doc);
  return { ...rest, timeZone: timeZone ?? null };
}

export function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number }).code === 11000;
}

export function translate(error: unknown): never {
  if (isDuplicateKey(error)) throw new DomainError('DUPLICATE', (error as Error).message);
  if (error instanceof mongoose.Error.ValidationError) throw new DomainError('VALIDATION', error.message);
  throw error;
}

export async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    return translate(error);
  }
}

/**
 * The connection every MongoDB repository shares, and the transaction a call may be part of.
 * The session of an open transaction travels in AsyncLocalStorage, so each repository passes it
 * to every read and write it makes (session()), and the port's methods need no extra argument.
 */
export class MongoConnection {
  readonly models: Models;
  private readonly sessions = new AsyncLocalStorage<ClientSession>();
  private transactional: boolean | null = null;

  constructor(readonly connection: Connection) {
    this.models = buildModels(connection);
  }

  /** Lets go of the session marker once the connection is closed, as SqliteConnection.close() explains. */
  close(): void {
    this.sessions.disable();
  }

  /** The open transaction's session, or null outside one (what mongoose's session options take). */
  session(): ClientSession | null {
    return this.sessions.getStore() ?? null;
  }

  /** A replica set or a sharded cluster runs transactions; a standalone server cannot. */
  async supportsTransactions(): Promise<boolean> {
    if (this.transactional === null) {
      const hello = (await this.connection.db?.admin().command({ hello: 1 })) as
        { setName?: string; msg?: string } | undefined;
      this.transactional = Boolean(hello?.setName) || hello?.msg === 'isdbgrid';
    }
    return this.transactional;
  }

  /**
   * fn's writes in one session transaction, or in the caller's if one is open. On a standalone
   * server there is none: the writes are applied in turn, as ADR 0008 records.
   */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.session() || !(await this.supportsTransactions())) return fn();
    const session = await this.connection.startSession();
    try {
      let result: T | undefined;
      try {
        await session.withTransaction(async () => {
          result = await this.sessions.run(session, fn);
        });
      } catch (error) {
        // withTransaction aborts on an error from fn; a failed commit it retries, and throws only
        // if that is not known to have committed, which it labels so (UnknownTransactionCommitResult).
        const unknown = (error as { hasErrorLabel?: (label: string) => boolean }).hasErrorLabel?.(
          'UnknownTransactionCommitResult',
        );
        if (!unknown) markRolledBack(error);
        throw error;
      }
      return result as T;
    } finally {
      await session.endSession();
    }
  }

  /**
   * Many-document writes are all-or-nothing: in a transaction (the caller's, or one of their
   * own); on a standalone server, by undoing what was inserted before failing.
   */
  async atomically(
    insert: (session: ClientSession | null) => Promise<string[]>,
    undo: (ids: string[]) => Promise<unknown>,
  ): Promise<void> {
    if (this.session() || (await this.supportsTransactions())) {
      await this.transaction(async () => {
        await insert(this.session());
      });
      return;
    }
    const written: string[] = [];
    try {
      written.push(...(await insert(null)));
    } catch (error) {
      const partial = (error as { insertedDocs?: { _id: string }[] }).insertedDocs?.map((d) => d._id) ?? [];
      await undo([...written, ...partial]);
      throw error;
    }
  }
}
