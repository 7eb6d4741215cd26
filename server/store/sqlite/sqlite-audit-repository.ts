import { randomUUID } from 'node:crypto';
import type { AuditEvent, NewAuditEvent } from '../../domain/records.js';
import type { AuditRepository } from '../store.js';
import { guarded, str, strOrNull, type Row, type SqliteConnection } from './sqlite-connection.js';

function toAudit(r: Row): AuditEvent {
  return {
    id: str(r.id),
    at: str(r.at),
    actor: str(r.actor),
    projectId: strOrNull(r.project_id),
    action: str(r.action),
    target: strOrNull(r.target),
    details: JSON.parse(str(r.details_json)),
  };
}

export class SqliteAuditRepository implements AuditRepository {
  constructor(private readonly c: SqliteConnection) {}

  async append(e: NewAuditEvent): Promise<AuditEvent> {
    if (this.c.busy()) await this.c.idle();
    const row = {
      id: randomUUID(),
      at: e.at ?? new Date().toISOString(),
      actor: e.actor,
      project_id: e.projectId,
      action: e.action,
      target: e.target,
      details_json: JSON.stringify(e.details),
    };
    guarded(() =>
      this.c
        .statement(
          'INSERT INTO audit_events (id, at, actor, project_id, action, target, details_json) VALUES (@id, @at, @actor, @project_id, @action, @target, @details_json)',
        )
        .run(row),
    );
    return toAudit(row);
  }
  async list(filter: { projectId?: string; limit?: number }): Promise<AuditEvent[]> {
    if (this.c.busy()) await this.c.idle();
    const rows = this.c
      .statement(
        'SELECT * FROM audit_events WHERE (@projectId IS NULL OR project_id = @projectId) ORDER BY seq DESC LIMIT @limit',
      )
      .all({ projectId: filter.projectId ?? null, limit: filter.limit ?? 200 }) as Row[];
    return rows.map(toAudit);
  }
}
