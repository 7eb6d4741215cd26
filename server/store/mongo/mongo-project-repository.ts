import { randomUUID } from 'node:crypto';
import { DomainError } from '../../domain/errors.js';
import type { NewProject, Project } from '../../domain/records.js';
import type { ProjectPatch, ProjectRepository } from '../store.js';
import { guarded, toProject, type Doc, type MongoConnection } from './mongo-connection.js';

export class MongoProjectRepository implements ProjectRepository {
  constructor(private readonly c: MongoConnection) {}

  async create(p: NewProject): Promise<Project> {
    const doc = {
      _id: randomUUID(),
      ...p,
      settings: p.settings ?? {},
      timeZone: p.timeZone ?? null,
      archivedAt: null,
      createdAt: new Date().toISOString(),
    };
    await guarded(() => this.c.models.Project.create([doc], { session: this.c.session() ?? undefined }));
    return toProject(doc);
  }
  async get(id: string): Promise<Project | null> {
    const d = await this.c.models.Project.findById(id).session(this.c.session()).lean<Doc>();
    return d ? toProject(d) : null;
  }
  async getBySlug(slug: string): Promise<Project | null> {
    const d = await this.c.models.Project.findOne({ slug }).session(this.c.session()).lean<Doc>();
    return d ? toProject(d) : null;
  }
  async list(): Promise<Project[]> {
    return (await this.c.models.Project.find().sort({ name: 1, slug: 1 }).session(this.c.session()).lean<Doc[]>()).map(
      toProject,
    );
  }
  async update(id: string, patch: ProjectPatch): Promise<void> {
    const result = await this.c.models.Project.updateOne(
      { _id: id },
      { $set: patch },
      { runValidators: true, session: this.c.session() ?? undefined },
    );
    if (result.matchedCount === 0) throw new DomainError('PROJECT_NOT_FOUND', `no project ${id}`);
  }
}
