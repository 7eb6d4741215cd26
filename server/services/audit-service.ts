import type { AuditEvent, Project } from '../domain/records.js';
import type { ServiceContext } from './service-context.js';

/** Reading the audit log, and the entries no other service's change writes. */
export class AuditService {
  constructor(private readonly ctx: ServiceContext) {}

  /** The whole log, newest first: for administrators. */
  list(limit: number): Promise<AuditEvent[]> {
    return this.ctx.store.audit.list({ limit });
  }

  /** One project's part of the log, newest first: for its leads. */
  listFor(project: Project, limit: number): Promise<AuditEvent[]> {
    return this.ctx.store.audit.list({ projectId: project.id, limit });
  }

  /** Signing out changes nothing in the store (the session lives elsewhere), so it is recorded on its own. */
  async logout(userId: string): Promise<void> {
    await this.ctx.store.audit.append({
      actor: userId,
      projectId: null,
      action: 'logout',
      target: userId,
      details: {},
    });
  }
}
