import session, { type SessionData } from 'express-session';
import type { SqliteConnection } from './sqlite-connection.js';

/** Sessions without an explicit cookie expiry still end: a working day, then sign in again. */
const DEFAULT_TTL_MS = 8 * 60 * 60 * 1000;

type Callback = (error?: unknown) => void;

/**
 * express-session store on the `sessions` table (migration 2), so staff sessions live in the
 * same file as everything else and survive a restart. Expired rows are ignored on read and
 * pruned on write.
 */
export class SqliteSessionStore extends session.Store {
  constructor(private readonly c: SqliteConnection) {
    super();
  }

  /** Runs once no transaction is open, so a session write never joins (or is undone with) one. */
  private whenIdle(run: () => void): void {
    if (this.c.busy()) void this.c.idle().then(() => this.whenIdle(run));
    else run();
  }

  private expiry(sess: SessionData): number {
    const expires = sess.cookie?.expires;
    return expires ? new Date(expires).getTime() : Date.now() + DEFAULT_TTL_MS;
  }

  override get(sid: string, callback: (error: unknown, session?: SessionData | null) => void): void {
    this.whenIdle(() => {
      try {
        const row = this.c
          .statement('SELECT sess FROM sessions WHERE sid = ? AND expires_at > ?')
          .get(sid, Date.now()) as { sess: string } | undefined;
        callback(null, row ? (JSON.parse(row.sess) as SessionData) : null);
      } catch (error) {
        callback(error);
      }
    });
  }

  override set(sid: string, sess: SessionData, callback?: Callback): void {
    this.whenIdle(() => {
      try {
        this.c.statement('DELETE FROM sessions WHERE expires_at <= ?').run(Date.now());
        this.c
          .statement(
            'INSERT INTO sessions (sid, sess, expires_at) VALUES (?, ?, ?) ON CONFLICT (sid) DO UPDATE SET sess = excluded.sess, expires_at = excluded.expires_at',
          )
          .run(sid, JSON.stringify(sess), this.expiry(sess));
        callback?.();
      } catch (error) {
        callback?.(error);
      }
    });
  }

  override touch(sid: string, sess: SessionData, callback?: Callback): void {
    this.whenIdle(() => {
      try {
        // Rolling sessions touch on every request; moving the expiry by less than a minute is not
        // worth a write, and most staff requests then write nothing at all.
        const expiry = this.expiry(sess);
        this.c
          .statement('UPDATE sessions SET expires_at = ? WHERE sid = ? AND expires_at < ?')
          .run(expiry, sid, expiry - 60_000);
      } catch {
        // Not kept (a full disk, a read-only file): the session keeps its earlier expiry, and the
        // page it was touched for is still answered instead of cut off.
      }
      callback?.();
    });
  }

  override destroy(sid: string, callback?: Callback): void {
    this.whenIdle(() => {
      try {
        this.c.statement('DELETE FROM sessions WHERE sid = ?').run(sid);
        callback?.();
      } catch (error) {
        callback?.(error);
      }
    });
  }
}
