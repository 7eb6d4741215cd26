import type { SendClaim, SendKind, SendRecord, SendState } from '../../domain/records.js';
import type { SendRepository } from '../store.js';
import { isDuplicateKey, translate, type Doc, type MongoConnection } from './mongo-connection.js';

export class MongoSendRepository implements SendRepository {
  constructor(private readonly c: MongoConnection) {}

  async claim(claim: SendClaim): Promise<boolean> {
    const { participantId, waveId, kind, at, leaseUntil } = claim;
    try {
      // Matches only a claim whose lease ran out, and takes it over; with no record at all the
      // upsert inserts a new claim. A record that does not match (sent, or claimed under a live
      // lease) makes the upsert's insert break the unique index: someone else holds it.
      await this.c.models.Send.updateOne(
        { participantId, waveId, kind, state: 'claimed', leaseUntil: { $lte: at } },
        { $set: { at, leaseUntil }, $setOnInsert: { sentAt: null } },
        { upsert: true, session: this.c.session() ?? undefined },
      );
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      return translate(error);
    }
  }
  async markSent(participantId: string, waveId: string, kind: SendKind, at: string): Promise<void> {
    try {
      await this.c.models.Send.updateOne(
        { participantId, waveId, kind, state: 'claimed' },
        { $set: { state: 'sent', sentAt: at } },
        { session: this.c.session() ?? undefined },
      );
    } catch (error) {
      translate(error);
    }
  }
  async release(participantId: string, waveId: string, kind: SendKind): Promise<void> {
    await this.c.models.Send.deleteOne(
      { participantId, waveId, kind, state: 'claimed' },
      { session: this.c.session() ?? undefined },
    );
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
      state: (d.state as SendState | undefined) ?? 'sent',
      leaseUntil: (d.leaseUntil as string | undefined) ?? (d.at as string),
      sentAt: (d.sentAt as string | null | undefined) ?? (d.state ? null : (d.at as string)),
    }));
  }
}
