import { randomUUID } from 'node:crypto';
import type { ApiToken, NewApiToken } from '../../domain/records.js';
import type { ApiTokenRepository } from '../store.js';
import { guarded, withoutMongoId, type Doc, type MongoConnection } from './mongo-connection.js';

export class MongoApiTokenRepository implements ApiTokenRepository {
  constructor(private readonly c: MongoConnection) {}

  async create(t: NewApiToken): Promise<ApiToken> {
    const doc = { _id: randomUUID(), ...t, createdAt: new Date().toISOString() };
    await guarded(() => this.c.models.ApiToken.create([doc], { session: this.c.session() ?? undefined }));
    return withoutMongoId(doc);
  }
  async findByHash(tokenHash: string): Promise<ApiToken | null> {
    const d = await this.c.models.ApiToken.findOne({ tokenHash }).session(this.c.session()).lean<Doc>();
    return d ? withoutMongoId(d) : null;
  }
  async list(userId: string): Promise<ApiToken[]> {
    return (
      await this.c.models.ApiToken.find({ userId })
        .sort({ createdAt: 1, _id: 1 })
        .session(this.c.session())
        .lean<Doc[]>()
    ).map((d) => withoutMongoId<ApiToken>(d));
  }
  async delete(id: string, userId: string): Promise<void> {
    await this.c.models.ApiToken.deleteOne({ _id: id, userId }, { session: this.c.session() ?? undefined });
  }
  async deleteAll(userId: string): Promise<number> {
    const result = await this.c.models.ApiToken.deleteMany({ userId }, { session: this.c.session() ?? undefined });
    return result.deletedCount;
  }
}
