import type { StaffSession } from '../../domain/records.js';
import { byLastUse, staffSessionOf } from '../staff-session-record.js';
import type { StaffSessionRepository } from '../store.js';
import type { SqliteConnection } from './sqlite-connection.js';

/**
 * Staff sessions per account, on the `sessions` table SqliteSessionStore keeps. The user is read
 * from the session's JSON: the table holds signed-in staff only (a few rows per person), so
 * no column or index of its own is needed (ADR 0065).
 */
export class SqliteStaffSessionRepository implements StaffSessionRepository {
  constructor(private readonly c: SqliteConnection) {}

  async list(userId: string): Promise<StaffSession[]> {
    if (this.c.busy()) await this.c.idle();
    const rows = this.c
      .statement(
        "SELECT sid, sess, expires_at FROM sessions WHERE expires_at > ? AND json_extract(sess, '$.userId') = ?",
      )
      .all(Date.now(), userId) as { sid: string; sess: string; expires_at: number }[];
    return rows
      .map((r) => staffSessionOf(r.sid, r.sess, r.expires_at))
      .filter((s): s is StaffSession => s !== null)
      .sort(byLastUse);
  }

  async end(userId: string, sid: string): Promise<boolean> {
    if (this.c.busy()) await this.c.idle();
    const { changes } = this.c
      .statement("DELETE FROM sessions WHERE sid = ? AND json_extract(sess, '$.userId') = ?")
      .run(sid, userId);
    return changes > 0;
  }

  async endAll(userId: string): Promise<number> {
    if (this.c.busy()) await this.c.idle();
    return this.c.statement("DELETE FROM sessions WHERE json_extract(sess, '$.userId') = ?").run(userId).changes;
  }
}
