import { DomainError } from '../../domain/errors.js';
import type { ProjectRole, ProjectRoleName } from '../../domain/records.js';
import type { RoleRepository } from '../store.js';
import { guarded, type Doc, type MongoConnection } from './mongo-connection.js';

export class MongoRoleRepository implements RoleRepository {
  constructor(private readonly c: MongoConnection) {}

  async set(userId: string, projectId: string, role: ProjectRoleName): Promise<void> {
    const session = this.c.session();
    if (
      !(await this.c.models.StaffUser.exists({ _id: userId }).session(session)) ||
      !(await this.c.models.Project.exists({ _id: projectId }).session(session))
    ) {
      throw new DomainError('NOT_FOUND', 'a referenced record does not exist');
    }
    await guarded(() =>
      this.c.models.ProjectRole.updateOne(
        { userId, projectId },
        { $set: { role } },
        { upsert: true, runValidators: true, session: session ?? undefined },
      ),
    );
  }
  async remove(userId: string, projectId: string): Promise<void> {
    await this.c.models.ProjectRole.deleteOne({ userId, projectId }, { session: this.c.session() ?? undefined });
  }
  async list(filter: { userId?: string; projectId?: string }): Promise<ProjectRole[]> {
    const query: Doc = {};
    if (filter.userId) query.userId = filter.userId;
    if (filter.projectId) query.projectId = filter.projectId;
    const docs = await this.c.models.ProjectRole.find(query)
      .sort({ projectId: 1, userId: 1 })
      .session(this.c.session())
      .lean<Doc[]>();
    return docs.map((d) => ({
      userId: d.userId as string,
      projectId: d.projectId as string,
      role: d.role as ProjectRoleName,
    }));
  }
}
