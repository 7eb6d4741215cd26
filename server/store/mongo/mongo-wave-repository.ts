import { randomUUID } from 'node:crypto';
import { DomainError } from '../../domain/errors.js';
import type { NewWave, Wave } from '../../domain/records.js';
import type { WavePatch, WaveRepository } from '../store.js';
import { guarded, withoutMongoId, type Doc, type MongoConnection } from './mongo-connection.js';

export class MongoWaveRepository implements WaveRepository {
  constructor(private readonly c: MongoConnection) {}

  async create(w: NewWave): Promise<Wave> {
    const session = this.c.session();
    if (!(await this.c.models.Project.exists({ _id: w.projectId }).session(session)))
      throw new DomainError('NOT_FOUND', 'a referenced record does not exist');
    const doc = { _id: randomUUID(), ...w, createdAt: new Date().toISOString() };
    await guarded(() => this.c.models.Wave.create([doc], { session: session ?? undefined }));
    return withoutMongoId(doc);
  }
  async get(id: string): Promise<Wave | null> {
    const d = await this.c.models.Wave.findById(id).session(this.c.session()).lean<Doc>();
    return d ? withoutMongoId(d) : null;
  }
  async list(projectId: string): Promise<Wave[]> {
    return (
      await this.c.models.Wave.find({ projectId })
        .sort({ opensOn: 1, label: 1 })
        .session(this.c.session())
        .lean<Doc[]>()
    ).map((d) => withoutMongoId<Wave>(d));
  }
  async update(id: string, patch: WavePatch): Promise<void> {
    const wave = await this.get(id);
    if (!wave) throw new DomainError('WAVE_NOT_FOUND', `no wave ${id}`);
    const next = { ...wave, ...patch };
    if (next.closesOn < next.opensOn) throw new DomainError('VALIDATION', 'closesOn must not be before opensOn');
    await this.c.models.Wave.updateOne({ _id: id }, { $set: patch }, { session: this.c.session() ?? undefined });
  }
}
