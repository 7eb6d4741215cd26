import { DomainError } from '../../domain/errors.js';
import type { NewPaperKeying, PaperKeying } from '../../domain/records.js';
import type { PaperKeyingRepository, ReconcileWrite, SecondKeyingWrite } from '../store.js';
import { guarded, type Doc, type MongoConnection } from './mongo-connection.js';

function toKeying(d: Doc): PaperKeying {
  const { _id: _id, ...rest } = d;
  return rest as unknown as PaperKeying;
}

export class MongoPaperKeyingRepository implements PaperKeyingRepository {
  constructor(private readonly c: MongoConnection) {}

  async get(participantId: string, waveId: string): Promise<PaperKeying | null> {
    const d = await this.c.models.PaperKeying.findOne({ participantId, waveId }).session(this.c.session()).lean<Doc>();
    return d ? toKeying(d) : null;
  }

  async list(projectId: string): Promise<PaperKeying[]> {
    const session = this.c.session();
    const waves = await this.c.models.Wave.find({ projectId }, { _id: 1 })
      .sort({ opensOn: 1, label: 1 })
      .session(session)
      .lean<Doc[]>();
    const order = new Map(waves.map((w, index) => [w._id as string, index]));
    const docs = await this.c.models.PaperKeying.find({ projectId })
      .sort({ participantId: 1 })
      .session(session)
      .lean<Doc[]>();
    return docs
      .map(toKeying)
      .sort(
        (a, b) =>
          (order.get(a.waveId) ?? 0) - (order.get(b.waveId) ?? 0) || (a.participantId < b.participantId ? -1 : 1),
      );
  }

  async keyFirst(k: NewPaperKeying): Promise<PaperKeying> {
    const doc: PaperKeying = {
      ...k,
      second: null,
      compared: 0,
      agreed: 0,
      status: 'keyed-once',
      reconciledBy: null,
      reconciledAt: null,
      decisions: [],
    };
    await guarded(() => this.c.models.PaperKeying.create([doc], { session: this.c.session() ?? undefined }));
    return doc;
  }

  /** One conditional update: of two second keyings at once, only one finds `second` still null. */
  async keySecond(w: SecondKeyingWrite): Promise<PaperKeying> {
    const d = await this.c.models.PaperKeying.findOneAndUpdate(
      { participantId: w.participantId, waveId: w.waveId, second: null },
      { $set: { second: w.second, compared: w.compared, agreed: w.agreed, status: w.status } },
      { new: true, session: this.c.session() ?? undefined },
    ).lean<Doc>();
    if (d) return toKeying(d);
    if (await this.get(w.participantId, w.waveId))
      throw new DomainError('ALREADY_KEYED_TWICE', 'this form has been keyed twice already');
    throw new DomainError('NOT_FOUND', 'no first keying of this form');
  }

  async reconcile(w: ReconcileWrite): Promise<PaperKeying> {
    const d = await this.c.models.PaperKeying.findOneAndUpdate(
      { participantId: w.participantId, waveId: w.waveId, status: 'awaiting-reconciliation' },
      { $set: { status: 'done', reconciledBy: w.by, reconciledAt: w.at, decisions: w.decisions } },
      { new: true, session: this.c.session() ?? undefined },
    ).lean<Doc>();
    if (!d) throw new DomainError('NOT_AWAITING_RECONCILIATION', 'this form is not waiting for reconciliation');
    return toKeying(d);
  }
}
