import { randomUUID } from 'node:crypto';
import { DomainError } from '../../domain/errors.js';
import type { NewParticipant, Participant, ParticipantContact, Wave } from '../../domain/records.js';
import type { ParticipantPatch, ParticipantQuery, ParticipantRepository, ParticipantScope } from '../store.js';
import {
  guarded,
  toParticipant,
  toProject,
  withoutMongoId,
  type Doc,
  type MongoConnection,
} from './mongo-connection.js';
import { CODE_CASE_INSENSITIVE } from './schemas.js';

export class MongoParticipantRepository implements ParticipantRepository {
  constructor(private readonly c: MongoConnection) {}

  async createMany(list: NewParticipant[]): Promise<Participant[]> {
    if (list.length === 0) return [];
    const { Participant, ParticipantContact, Project } = this.c.models;
    const projectIds = [...new Set(list.map((p) => p.projectId))];
    if ((await Project.countDocuments({ _id: { $in: projectIds } }).session(this.c.session())) !== projectIds.length) {
      throw new DomainError('NOT_FOUND', 'a referenced record does not exist');
    }
    const createdAt = new Date().toISOString();
    const docs = list.map(({ contact, ...p }) => ({
      doc: {
        _id: randomUUID(),
        ...p,
        status: p.status ?? 'active',
        withdrawnOn: p.withdrawnOn ?? null,
        createdAt: p.createdAt ?? createdAt,
      },
      contact,
    }));
    const contacts = docs
      .filter((d) => d.contact)
      .map((d) => ({
        _id: d.doc._id,
        email: d.contact?.email ?? null,
        name: d.contact?.name ?? null,
        address: d.contact?.address ?? null,
      }));
    await guarded(() =>
      this.c.atomically(
        async (session) => {
          await Participant.insertMany(
            docs.map((d) => d.doc),
            { session, ordered: true },
          );
          if (contacts.length > 0) await ParticipantContact.insertMany(contacts, { session, ordered: true });
          return docs.map((d) => d.doc._id);
        },
        async (ids) => {
          const all = ids.length > 0 ? ids : docs.map((d) => d.doc._id);
          await Participant.deleteMany({ _id: { $in: all } });
          await ParticipantContact.deleteMany({ _id: { $in: all } });
        },
      ),
    );
    return docs.map((d) => toParticipant(d.doc));
  }
  async get(id: string): Promise<Participant | null> {
    const d = await this.c.models.Participant.findById(id).session(this.c.session()).lean<Doc>();
    return d ? toParticipant(d) : null;
  }
  async getByToken(token: string): Promise<Participant | null> {
    const d = await this.c.models.Participant.findOne({ token }).session(this.c.session()).lean<Doc>();
    return d ? toParticipant(d) : null;
  }
  async getScope(token: string): Promise<ParticipantScope | null> {
    const participant = await this.getByToken(token);
    if (!participant) return null;
    const session = this.c.session();
    const [project, waves] = await Promise.all([
      this.c.models.Project.findById(participant.projectId).session(session).lean<Doc>(),
      this.c.models.Wave.find({ projectId: participant.projectId })
        .sort({ opensOn: 1, label: 1 })
        .session(session)
        .lean<Doc[]>(),
    ]);
    return project
      ? { participant, project: toProject(project), waves: waves.map((d) => withoutMongoId<Wave>(d)) }
      : null;
  }
  async getByAccessCode(accessCode: string): Promise<Participant | null> {
    const d = await this.c.models.Participant.findOne({ accessCode }).session(this.c.session()).lean<Doc>();
    return d ? toParticipant(d) : null;
  }
  async getByCode(projectId: string, code: string): Promise<Participant | null> {
    const d = await this.c.models.Participant.findOne({ projectId, code }).session(this.c.session()).lean<Doc>();
    return d ? toParticipant(d) : null;
  }
  async list(projectId: string): Promise<Participant[]> {
    return (
      await this.c.models.Participant.find({ projectId }).sort({ code: 1 }).session(this.c.session()).lean<Doc[]>()
    ).map(toParticipant);
  }
  async findByCodes(projectId: string, codes: readonly string[]): Promise<Participant[]> {
    const found = await this.c.models.Participant.find({ projectId, code: { $in: codes } })
      .collation(CODE_CASE_INSENSITIVE)
      .session(this.c.session())
      .lean<Doc[]>();
    // Sorted here, by code as it is spelt: sorting under the collation would ignore case.
    return found.map(toParticipant).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  }
  async search(projectId: string, query: ParticipantQuery): Promise<{ participants: Participant[]; total: number }> {
    const filter = {
      projectId,
      ...(query.group !== undefined ? { group: query.group } : {}),
      ...(query.status !== undefined ? { status: query.status } : {}),
      ...(query.code ? { code: { $regex: query.code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), $options: 'i' } } : {}),
    };
    const session = this.c.session();
    const [docs, total] = await Promise.all([
      this.c.models.Participant.find(filter)
        .sort({ code: 1 })
        .skip(query.offset)
        .limit(query.limit)
        .session(session)
        .lean<Doc[]>(),
      this.c.models.Participant.countDocuments(filter).session(session),
    ]);
    return { participants: docs.map(toParticipant), total };
  }
  async update(id: string, patch: ParticipantPatch): Promise<void> {
    const result = await guarded(() =>
      this.c.models.Participant.updateOne(
        { _id: id },
        { $set: patch },
        { runValidators: true, session: this.c.session() ?? undefined },
      ),
    );
    if (result.matchedCount === 0) throw new DomainError('PARTICIPANT_NOT_FOUND', `no participant ${id}`);
  }
  async getContact(participantId: string): Promise<ParticipantContact | null> {
    const d = await this.c.models.ParticipantContact.findById(participantId).session(this.c.session()).lean<Doc>();
    const text = (value: unknown) => (value as string | null | undefined) ?? null;
    return d ? { email: text(d.email), name: text(d.name), address: text(d.address) } : null;
  }
  async setContact(participantId: string, contact: Partial<ParticipantContact>): Promise<void> {
    const session = this.c.session();
    if (!(await this.c.models.Participant.exists({ _id: participantId }).session(session)))
      throw new DomainError('NOT_FOUND', 'a referenced record does not exist');
    // Only the details given are set; an upsert fills the others with the schema's null.
    const given = Object.fromEntries(Object.entries(contact).filter(([, value]) => value !== undefined));
    await this.c.models.ParticipantContact.updateOne(
      { _id: participantId },
      { $set: given },
      { upsert: true, setDefaultsOnInsert: true, session: session ?? undefined },
    );
  }

  /**
   * Deletes the answers and contact details first, the participant last: if this stops half-way
   * (no transaction on a standalone server), running it again finishes the erasure.
   */
  async erase(id: string): Promise<{ responses: number }> {
    return this.c.transaction(async () => {
      const session = this.c.session();
      const { Participant, Response, PaperKeying, ParticipantContact, Send } = this.c.models;
      if (!(await Participant.exists({ _id: id }).session(session)))
        throw new DomainError('PARTICIPANT_NOT_FOUND', `no participant ${id}`);
      const { deletedCount } = await Response.deleteMany({ participantId: id }, { session: session ?? undefined });
      await PaperKeying.deleteMany({ participantId: id }, { session: session ?? undefined });
      await ParticipantContact.deleteOne({ _id: id }, { session: session ?? undefined });
      await Send.deleteMany({ participantId: id }, { session: session ?? undefined });
      await Participant.deleteOne({ _id: id }, { session: session ?? undefined });
      return { responses: deletedCount };
    });
  }
}
