import { DomainError } from '../../domain/errors.js';
import type { WaveSummary } from '../../domain/records.js';
import type { SummaryWrite, WaveSummaryRepository } from '../store.js';
import { guarded, type Doc, type MongoConnection } from './mongo-connection.js';

function toSummary(d: Doc): WaveSummary {
  const { _id, ...rest } = d;
  return { waveId: _id, ...rest } as unknown as WaveSummary;
}

export class MongoWaveSummaryRepository implements WaveSummaryRepository {
  constructor(private readonly c: MongoConnection) {}

  async get(waveId: string): Promise<WaveSummary | null> {
    const d = await this.c.models.WaveSummary.findById(waveId).session(this.c.session()).lean<Doc>();
    return d ? toSummary(d) : null;
  }

  async list(projectId: string): Promise<WaveSummary[]> {
    const session = this.c.session();
    const waves = await this.c.models.Wave.find({ projectId }, { _id: 1 })
      .sort({ opensOn: 1, label: 1 })
      .session(session)
      .lean<Doc[]>();
    const order = new Map(waves.map((w, index) => [w._id as string, index]));
    const docs = await this.c.models.WaveSummary.find({ projectId }).session(session).lean<Doc[]>();
    return docs.map(toSummary).sort((a, b) => (order.get(a.waveId) ?? 0) - (order.get(b.waveId) ?? 0));
  }

  /** As SQLite's foreign key does: a summary belongs to a wave that exists. */
  private async requireWave(waveId: string): Promise<void> {
    if (!(await this.c.models.Wave.exists({ _id: waveId }).session(this.c.session())))
      throw new DomainError('NOT_FOUND', 'a referenced record does not exist');
  }

  async saveDraft(w: SummaryWrite): Promise<WaveSummary> {
    await this.requireWave(w.waveId);
    const d = await guarded(() =>
      this.c.models.WaveSummary.findOneAndUpdate(
        { _id: w.waveId },
        {
          $set: { draft: w.texts, draftAt: w.at, draftBy: w.by },
          $setOnInsert: { projectId: w.projectId, published: null, publications: 0 },
        },
        { upsert: true, new: true, runValidators: true, session: this.c.session() ?? undefined },
      ).lean<Doc>(),
    );
    return toSummary(d!);
  }

  async publish(w: SummaryWrite): Promise<WaveSummary> {
    await this.requireWave(w.waveId);
    const texts = { $literal: w.texts };
    // One update pipeline: the version is the count it has just raised, so of two publications
    // at once each gets a version of its own, as SQLite's one statement does.
    const d = await guarded(() =>
      this.c.models.WaveSummary.findOneAndUpdate(
        { _id: w.waveId },
        [
          {
            $set: {
              projectId: { $ifNull: ['$projectId', w.projectId] },
              draft: texts,
              draftAt: w.at,
              draftBy: w.by,
              publications: { $add: [{ $ifNull: ['$publications', 0] }, 1] },
            },
          },
          { $set: { published: { texts, version: '$publications', at: w.at, by: w.by } } },
        ],
        { upsert: true, new: true, updatePipeline: true, session: this.c.session() ?? undefined },
      ).lean<Doc>(),
    );
    return toSummary(d!);
  }

  async unpublish(waveId: string): Promise<WaveSummary> {
    const d = await this.c.models.WaveSummary.findOneAndUpdate(
      { _id: waveId, published: { $ne: null } },
      { $set: { published: null } },
      { new: true, session: this.c.session() ?? undefined },
    ).lean<Doc>();
    if (!d) throw new DomainError('NOT_PUBLISHED', 'this wave has no published summary');
    return toSummary(d);
  }
}
