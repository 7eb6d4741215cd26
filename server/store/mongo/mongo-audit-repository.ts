import { randomUUID } from 'node:crypto';
import type { AuditEvent, NewAuditEvent } from '../../domain/records.js';
import type { AuditRepository } from '../store.js';
import { withoutMongoId, type Doc, type MongoConnection } from './mongo-connection.js';

let auditCounter = 0;

export class MongoAuditRepository implements AuditRepository {
  constructor(private readonly c: MongoConnection) {}

  async append(e: NewAuditEvent): Promise<AuditEvent> {
    auditCounter = (auditCounter + 1) % 1000;
    const doc = {
      _id: randomUUID(),
      seq: Date.now() * 1000 + auditCounter,
      at: e.at ?? new Date().toISOString(),
      actor: e.actor,
      projectId: e.projectId,
      action: e.action,
      target: e.target,
      details: e.details,
    };
    await this.c.models.AuditEvent.create([doc], { session: this.c.session() ?? undefined });
    return withoutMongoId(doc);
  }
  async list(filter: { projectId?: string; limit?: number }): Promise<AuditEvent[]> {
    const query: Doc = {};
    if (filter.projectId) query.projectId = filter.projectId;
    const docs = await this.c.models.AuditEvent.find(query)
      .sort({ seq: -1 })
      .limit(filter.limit ?? 200)
      .session(this.c.session())
      .lean<Doc[]>();
    return docs.map((d) => withoutMongoId<AuditEvent>(d));
  }
}
