import { randomUUID } from 'node:crypto';
import { DomainError } from '../../domain/errors.js';
import type { CellAction, CellActionPatch, NewCellAction } from '../../domain/records.js';
import type { ActionRepository } from '../store.js';
import { guarded, withoutMongoId, type Doc, type MongoConnection } from './mongo-connection.js';

export class MongoActionRepository implements ActionRepository {
  constructor(private readonly c: MongoConnection) {}

  async create(a: NewCellAction): Promise<CellAction> {
    const session = this.c.session();
    // MongoDB has no foreign keys: the references SQLite checks are checked here.
    const [project, wave] = await Promise.all([
      this.c.models.Project.exists({ _id: a.projectId }).session(session),
      this.c.models.Wave.exists({ _id: a.waveId }).session(session),
    ]);
    if (!project || !wave) throw new DomainError('NOT_FOUND', 'a referenced record does not exist');
    const { at, ...fields } = a;
    const doc = { _id: randomUUID(), ...fields, createdAt: at, updatedAt: at };
    await guarded(() => this.c.models.CellAction.create([doc], { session: session ?? undefined }));
    return withoutMongoId(doc);
  }
  async get(id: string): Promise<CellAction | null> {
    const d = await this.c.models.CellAction.findById(id).session(this.c.session()).lean<Doc>();
    return d ? withoutMongoId(d) : null;
  }
  async list(projectId: string): Promise<CellAction[]> {
    return (
      await this.c.models.CellAction.find({ projectId })
        .sort({ createdAt: 1, _id: 1 })
        .session(this.c.session())
        .lean<Doc[]>()
    ).map((d) => withoutMongoId<CellAction>(d));
  }
  async update(id: string, patch: CellActionPatch, at: string): Promise<CellAction> {
    const d = await guarded(() =>
      this.c.models.CellAction.findOneAndUpdate(
        { _id: id },
        { $set: { ...patch, updatedAt: at } },
        { new: true, runValidators: true, session: this.c.session() ?? undefined },
      )
        .lean<Doc>()
        .exec(),
    );
    if (!d) throw new DomainError('NOT_FOUND', `no action ${id}`);
    return withoutMongoId(d);
  }
}
