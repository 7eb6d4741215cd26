import type { RateLimitCount, RateLimitRepository } from '../store.js';
import { isDuplicateKey, translate, type Doc, type MongoConnection } from './mongo-connection.js';

export class MongoRateLimitRepository implements RateLimitRepository {
  constructor(private readonly c: MongoConnection) {}

  async hit(key: string, windowMs: number, now: number): Promise<RateLimitCount> {
    const at = new Date(now);
    const live = { $gt: ['$resetAt', at] };
    // One atomic update: one more hit in a live window, else a new window. A missing document
    // has no resetAt, which compares below any date, so the upsert starts a window too.
    const update = [
      {
        $set: {
          hits: { $cond: [live, { $add: ['$hits', 1] }, 1] },
          resetAt: { $cond: [live, '$resetAt', new Date(now + windowMs)] },
        },
      },
    ];
    const once = () =>
      this.c.models.RateLimit.findOneAndUpdate({ _id: key }, update, {
        upsert: true,
        returnDocument: 'after',
        updatePipeline: true,
        session: this.c.session() ?? undefined,
      }).lean<Doc>();
    let doc: Doc | null;
    try {
      doc = await once();
    } catch (error) {
      // Two processes creating the same key at once: one insert wins, the other counts on it.
      if (!isDuplicateKey(error)) return translate(error);
      doc = await once().catch(translate);
    }
    return { hits: doc!.hits as number, resetAt: (doc!.resetAt as Date).getTime() };
  }
  async get(key: string, now: number): Promise<RateLimitCount | null> {
    const doc = await this.c.models.RateLimit.findOne({ _id: key, resetAt: { $gt: new Date(now) } })
      .session(this.c.session())
      .lean<Doc>();
    return doc ? { hits: doc.hits as number, resetAt: (doc.resetAt as Date).getTime() } : null;
  }
  async unhit(key: string, now: number): Promise<void> {
    await this.c.models.RateLimit.updateOne(
      { _id: key, resetAt: { $gt: new Date(now) }, hits: { $gt: 0 } },
      { $inc: { hits: -1 } },
      { session: this.c.session() ?? undefined },
    ).catch(translate);
  }
  async reset(key: string): Promise<void> {
    await this.c.models.RateLimit.deleteOne({ _id: key }, { session: this.c.session() ?? undefined }).catch(translate);
  }
}
