import type { AuditEvent, Project } from '../domain/records.js';
import type { AuditFaults } from './audit-faults.js';
import type { ServiceContext } from './service-context.js';

/** Reading the audit log, and the entries no other service's change writes. */
export class AuditService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly faults: AuditFaults,
  ) {}

  /** The whole log, newest first: for administrators. */
  list(limit: number): Promise<AuditEvent[]> {
    return this.ctx.store.audit.list({ limit });
  }

  /** One project's part of the log, newest first: for its leads. */
  listFor(project: Project, limit: number): Promise<AuditEvent[]> {
    return this.ctx.store.audit.list({ projectId: project.id, limit });
  }

  /**
   * Signing out changes nothing in the store (the session lives elsewhere), so it is recorded on
   * its own; a sign-out whose entry cannot be written still signs out (AuditFaults).
   */
  async logout(userId: string): Promise<void> {
    await this.faults.append((event) => this.ctx.store.audit.append(event), {
      actor: userId,
      projectId: null,
      action: 'logout',
      target: userId,
      details: {},
    });
  }
}
