import type { SendKind, SendRecord } from '../../domain/records.js';
import type { SendRepository } from '../store.js';
import { isDuplicateKey, translate, type Doc, type MongoConnection } from './mongo-connection.js';

export class MongoSendRepository implements SendRepository {
  constructor(private readonly c: MongoConnection) {}

  async claim(send: SendRecord): Promise<boolean> {
    try {
      await this.c.models.Send.create([send], { session: this.c.session() ?? undefined });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      return translate(error);
    }
  }
  async release(participantId: string, waveId: string, kind: SendKind): Promise<void> {
    await this.c.models.Send.deleteOne({ participantId, waveId, kind }, { session: this.c.session() ?? undefined });
  }
  async list(waveId: string): Promise<SendRecord[]> {
    const docs = await this.c.models.Send.find({ waveId })
      .sort({ at: 1, participantId: 1, kind: 1 })
      .session(this.c.session())
      .lean<Doc[]>();
    return docs.map((d) => ({
      participantId: d.participantId as string,
      waveId: d.waveId as string,
      kind: d.kind as SendKind,
      at: d.at as string,
    }));
  }
}
