import type { StaffSession } from '../../domain/records.js';
import { byLastUse, staffSessionOf } from '../staff-session-record.js';
import type { StaffSessionRepository } from '../store.js';
import type { MongoConnection } from './mongo-connection.js';

/** Where connect-mongo keeps the sessions (MongoStore.createSessionStore). */
export const SESSIONS_COLLECTION = 'sessions';

/** connect-mongo's document: the session as a JSON string (its default), and when it expires. */
interface SessionDoc {
  _id: string;
  session: unknown;
  expires?: Date;
}

/**
 * Staff sessions per account, on connect-mongo's collection. It keeps each session as a JSON
 * string, which no query can look into, so the unexpired sessions are read and sorted here:
 * the collection holds signed-in staff only (ADR 0065).
 */
export class MongoStaffSessionRepository implements StaffSessionRepository {
  constructor(private readonly c: MongoConnection) {}

  private get collection() {
    return this.c.connection.collection<SessionDoc>(SESSIONS_COLLECTION);
  }

  private async ofUser(userId: string): Promise<StaffSession[]> {
    const docs = await this.collection
      .find({ $or: [{ expires: { $exists: false } }, { expires: { $gt: new Date() } }] }, this.options())
      .toArray();
    return docs
      .map((d) =>
        typeof d.session === 'string'
          ? staffSessionOf(d._id, d.session, (d.expires ?? new Date()).getTime())
          : staffSessionOf(d._id, JSON.stringify(d.session), (d.expires ?? new Date()).getTime()),
      )
      .filter((s): s is StaffSession => s !== null && s.userId === userId);
  }

  private options(): { session?: NonNullable<ReturnType<MongoConnection['session']>> } {
    const session = this.c.session();
    return session ? { session } : {};
  }

  async list(userId: string): Promise<StaffSession[]> {
    return (await this.ofUser(userId)).sort(byLastUse);
  }

  async end(userId: string, sid: string): Promise<boolean> {
    if (!(await this.ofUser(userId)).some((s) => s.sid === sid)) return false;
    const { deletedCount } = await this.collection.deleteOne({ _id: sid }, this.options());
    return deletedCount > 0;
  }

  async endAll(userId: string): Promise<number> {
    const sids = (await this.ofUser(userId)).map((s) => s.sid);
    if (sids.length === 0) return 0;
    const { deletedCount } = await this.collection.deleteMany({ _id: { $in: sids } }, this.options());
    return deletedCount;
  }
}
