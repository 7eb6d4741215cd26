import type { ProjectRole, ProjectRoleName } from '../../domain/records.js';
import type { RoleRepository } from '../store.js';
import { guarded, str, type Row, type SqliteConnection } from './sqlite-connection.js';

export class SqliteRoleRepository implements RoleRepository {
  constructor(private readonly c: SqliteConnection) {}

  async set(userId: string, projectId: string, role: ProjectRoleName): Promise<void> {
    if (this.c.busy()) await this.c.idle();
    guarded(() =>
      this.c
        .statement(
          'INSERT INTO project_roles (user_id, project_id, role) VALUES (?, ?, ?) ON CONFLICT (user_id, project_id) DO UPDATE SET role = excluded.role',
        )
        .run(userId, projectId, role),
    );
  }
  async remove(userId: string, projectId: string): Promise<void> {
    if (this.c.busy()) await this.c.idle();
    this.c.statement('DELETE FROM project_roles WHERE user_id = ? AND project_id = ?').run(userId, projectId);
  }
  async list(filter: { userId?: string; projectId?: string }): Promise<ProjectRole[]> {
    return this.c.cachedAll(
      'project_roles',
      'SELECT * FROM project_roles WHERE (@userId IS NULL OR user_id = @userId) AND (@projectId IS NULL OR project_id = @projectId) ORDER BY project_id, user_id',
      (r: Row) => ({ userId: str(r.user_id), projectId: str(r.project_id), role: r.role as ProjectRoleName }),
      { userId: filter.userId ?? null, projectId: filter.projectId ?? null },
    );
  }
}
