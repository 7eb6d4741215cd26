import session, { type SessionData } from 'express-session';
import type { SqliteConnection } from './sqlite-connection.js';
import { SESSION_IDLE_MS } from '../store.js';

type Callback = (error?: unknown) => void;

interface SessionRow {
  sess: string;
  expires_at: number;
}

/** A rolling session's expiry is written again only once it has moved by this much. */
const TOUCH_STEP_MS = 60_000;

/** Beyond this many sessions the remembered expiries are dropped, and read again as asked for. */
const MAX_REMEMBERED = 10_000;

/**
 * express-session store on the `sessions` table (migration 2), so staff sessions live in the
 * same file as everything else and survive a restart. Expired rows are ignored on read and
 * pruned on write.
 */
export class SqliteSessionStore extends session.Store {
  /**
   * Each session's expiry as this process last read or wrote it. express-session reads a session
   * (get) before every request it touches, so this is the row's value as of that request, and a
   * touch that would not move it by TOUCH_STEP_MS needs no statement at all. The UPDATE it saves
   * changed nothing but still took the write lock: 8.5% of the server's time keying paper forms.
   */
  private readonly expiries = new Map<string, number>();

  constructor(private readonly c: SqliteConnection) {
    super();
  }

  private remember(sid: string, expiresAt: number): void {
    if (this.expiries.size >= MAX_REMEMBERED && !this.expiries.has(sid)) this.expiries.clear();
    this.expiries.set(sid, expiresAt);
  }

  /** Runs once no transaction is open, so a session write never joins (or is undone with) one. */
  private whenIdle(run: () => void): void {
    if (this.c.busy()) void this.c.idle().then(() => this.whenIdle(run));
    else run();
  }

  private expiry(sess: SessionData): number {
    const expires = sess.cookie?.expires;
    return expires ? new Date(expires).getTime() : Date.now() + SESSION_IDLE_MS;
  }

  override get(sid: string, callback: (error: unknown, session?: SessionData | null) => void): void {
    // Kept between writes to the sessions table, as the other per-request reads are (ADR 0108);
    // parsed afresh each time, because express-session changes the object it is given.
    this.c
      .cachedOne(
        'sessions',
        'SELECT sess, expires_at FROM sessions WHERE sid = ?',
        (r): SessionRow => ({ sess: String(r.sess), expires_at: Number(r.expires_at) }),
        sid,
      )
      .then(
        (found) => {
          const row = found && found.expires_at > Date.now() ? found : null;
          if (row) this.remember(sid, row.expires_at);
          else this.expiries.delete(sid);
          callback(null, row ? (JSON.parse(row.sess) as SessionData) : null);
        },
        (error: unknown) => callback(error),
      );
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
        this.remember(sid, this.expiry(sess));
        callback?.();
      } catch (error) {
        callback?.(error);
      }
    });
  }

  override touch(sid: string, sess: SessionData, callback?: Callback): void {
    // Rolling sessions touch on every request; moving the expiry by less than a minute is not
    // worth a write, and most staff requests then write nothing at all.
    const expiry = this.expiry(sess);
    const known = this.expiries.get(sid);
    if (known !== undefined && known >= expiry - TOUCH_STEP_MS) {
      callback?.();
      return;
    }
    this.whenIdle(() => {
      try {
        const { changes } = this.c
          .statement('UPDATE sessions SET expires_at = ? WHERE sid = ? AND expires_at < ?')
          .run(expiry, sid, expiry - TOUCH_STEP_MS);
        if (changes > 0) this.remember(sid, expiry);
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
        this.expiries.delete(sid);
        callback?.();
      } catch (error) {
        callback?.(error);
      }
    });
  }
}
