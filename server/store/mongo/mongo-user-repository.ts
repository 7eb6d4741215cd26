import { randomUUID } from 'node:crypto';
import { DomainError } from '../../domain/errors.js';
import type { NewStaffUser, ProjectRoleName, StaffUser } from '../../domain/records.js';
import type { UserPatch, UserRepository } from '../store.js';
import { guarded, withoutMongoId, type Doc, type MongoConnection } from './mongo-connection.js';

/**
 * Accounts written before they could be disabled have no disabledAt: they are enabled. Those
 * written before they could choose a language have none: they follow the browser's.
 */
function toUser(doc: Doc): StaffUser {
  const user = withoutMongoId<StaffUser>(doc);
  return { ...user, disabledAt: user.disabledAt ?? null, language: user.language ?? null };
}

export class MongoUserRepository implements UserRepository {
  constructor(private readonly c: MongoConnection) {}

  async create(user: NewStaffUser, role?: { projectId: string; role: ProjectRoleName }): Promise<StaffUser> {
    const { StaffUser, ProjectRole, Project } = this.c.models;
    const doc = {
      _id: randomUUID(),
      ...user,
      emailKey: user.email.toLowerCase(),
      createdAt: new Date().toISOString(),
      disabledAt: null,
      language: null,
    };
    if (role && !(await Project.exists({ _id: role.projectId }).session(this.c.session())))
      throw new DomainError('NOT_FOUND', 'a referenced record does not exist');
    await guarded(() =>
      this.c.atomically(
        async (session) => {
          await StaffUser.create([doc], { session: session ?? undefined });
          if (role)
            await ProjectRole.create([{ userId: doc._id, projectId: role.projectId, role: role.role }], {
              session: session ?? undefined,
            });
          return [doc._id];
        },
        async () => {
          await ProjectRole.deleteMany({ userId: doc._id });
          await StaffUser.deleteOne({ _id: doc._id });
        },
      ),
    );
    return toUser(doc);
  }
  async get(id: string): Promise<StaffUser | null> {
    const d = await this.c.models.StaffUser.findById(id).session(this.c.session()).lean<Doc>();
    return d ? toUser(d) : null;
  }
  async findByEmail(email: string): Promise<StaffUser | null> {
    const d = await this.c.models.StaffUser.findOne({ emailKey: email.toLowerCase() })
      .session(this.c.session())
      .lean<Doc>();
    return d ? toUser(d) : null;
  }
  async count(): Promise<number> {
    return this.c.models.StaffUser.countDocuments().session(this.c.session());
  }
  async list(): Promise<StaffUser[]> {
    return (await this.c.models.StaffUser.find().sort({ emailKey: 1 }).session(this.c.session()).lean<Doc[]>()).map(
      (d) => toUser(d),
    );
  }
  async update(id: string, patch: UserPatch): Promise<void> {
    const result = await this.c.models.StaffUser.updateOne(
      { _id: id },
      { $set: patch },
      { session: this.c.session() ?? undefined },
    );
    if (result.matchedCount === 0) throw new DomainError('USER_NOT_FOUND', `no staff user ${id}`);
  }
}
