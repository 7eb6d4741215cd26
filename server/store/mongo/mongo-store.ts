import { randomUUID } from 'node:crypto';
import ConnectMongo from 'connect-mongo';
import type { Store as SessionStore } from 'express-session';
import mongoose, { type ClientSession, type Connection } from 'mongoose';
import { DomainError } from '../../domain/errors.js';
import type {
  ApiToken,
  AuditEvent,
  InstrumentSnapshot,
  NewApiToken,
  NewAuditEvent,
  NewParticipant,
  NewProject,
  NewResponse,
  NewStaffUser,
  NewWave,
  Participant,
  ParticipantContact,
  Project,
  ProjectRole,
  ProjectRoleName,
  ResponseStatus,
  SendKind,
  SendRecord,
  StaffUser,
  SurveyResponse,
  Wave,
} from '../../domain/records.js';
import type { ParticipantPatch, ParticipantScope, ProjectPatch, DraftWrite, Store, SubmitWrite, StoreHealth, UserPatch, WavePatch } from '../store.js';
import { buildModels, type Models } from './schemas.js';

type Doc = Record<string, unknown>;

function withoutMongoId<T>(doc: Doc): T {
  const { _id, emailKey: _emailKey, seq: _seq, ...rest } = doc;
  return { id: _id, ...rest } as T;
}

/**
 * Participants written before enrolment and withdrawal dates were kept have neither: they count
 * as enrolled the day they were added, and withdrawn on an unknown day.
 */
function toParticipant(doc: Doc): Participant {
  const { enrolledOn, withdrawnOn, ...rest } = withoutMongoId<Omit<Participant, 'enrolledOn' | 'withdrawnOn'> & Partial<Participant>>(doc);
  return { ...rest, enrolledOn: enrolledOn ?? rest.createdAt.slice(0, 10), withdrawnOn: withdrawnOn ?? null };
}

function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number }).code === 11000;
}

function translate(error: unknown): never {
  if (isDuplicateKey(error)) throw new DomainError('DUPLICATE', (error as Error).message);
  if (error instanceof mongoose.Error.ValidationError) throw new DomainError('VALIDATION', error.message);
  throw error;
}

async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    return translate(error);
  }
}

const RESPONSE_PAGE = 500;
let auditCounter = 0;

export class MongoStore implements Store {
  readonly kind = 'mongodb' as const;
  private readonly models: Models;

  private constructor(private readonly connection: Connection) {
    this.models = buildModels(connection);
  }

  static async connect(uri: string): Promise<MongoStore> {
    const connection = await mongoose.createConnection(uri, { serverSelectionTimeoutMS: 5000 }).asPromise();
    const store = new MongoStore(connection);
    await Promise.all(Object.values(store.models).map((model) => model.syncIndexes()));
    return store;
  }

  /**
   * Many-document writes are all-or-nothing. A replica set (or sharded cluster) gives us a
   * transaction; a standalone server cannot, so we undo what was inserted before failing.
   * See docs/decisions/0001-store-port.md.
   */
  private async atomically(insert: (session: ClientSession | null) => Promise<string[]>, undo: (ids: string[]) => Promise<unknown>): Promise<void> {
    const hello = (await this.connection.db?.admin().command({ hello: 1 })) as { setName?: string; msg?: string } | undefined;
    if (hello?.setName || hello?.msg === 'isdbgrid') {
      const session = await this.connection.startSession();
      try {
        await session.withTransaction(async () => {
          await insert(session);
        });
      } finally {
        await session.endSession();
      }
      return;
    }
    const written: string[] = [];
    try {
      written.push(...(await insert(null)));
    } catch (error) {
      const partial = (error as { insertedDocs?: { _id: string }[] }).insertedDocs?.map((d) => d._id) ?? [];
      await undo([...written, ...partial]);
      throw error;
    }
  }

  async health(): Promise<StoreHealth> {
    try {
      await this.connection.db?.admin().command({ ping: 1 });
      return { ok: true, kind: 'mongodb', detail: `connected to ${this.connection.name}` };
    } catch (error) {
      return { ok: false, kind: 'mongodb', detail: (error as Error).message };
    }
  }

  async close(): Promise<void> {
    await this.connection.close();
  }

  /** Test helper for the contract suite: a clean database per run. */
  async dropDatabase(): Promise<void> {
    await this.connection.dropDatabase();
  }

  async createUser(user: NewStaffUser, role?: { projectId: string; role: ProjectRoleName }): Promise<StaffUser> {
    const doc = { _id: randomUUID(), ...user, emailKey: user.email.toLowerCase(), createdAt: new Date().toISOString() };
    if (role && !(await this.models.Project.exists({ _id: role.projectId }))) throw new DomainError('NOT_FOUND', 'a referenced record does not exist');
    await guarded(() =>
      this.atomically(
        async (session) => {
          await this.models.StaffUser.create([doc], { session });
          if (role) await this.models.ProjectRole.create([{ userId: doc._id, projectId: role.projectId, role: role.role }], { session });
          return [doc._id];
        },
        async () => {
          await this.models.ProjectRole.deleteMany({ userId: doc._id });
          await this.models.StaffUser.deleteOne({ _id: doc._id });
        },
      ),
    );
    return withoutMongoId(doc);
  }
  async getUser(id: string): Promise<StaffUser | null> {
    const d = await this.models.StaffUser.findById(id).lean<Doc>();
    return d ? withoutMongoId(d) : null;
  }
  async findUserByEmail(email: string): Promise<StaffUser | null> {
    const d = await this.models.StaffUser.findOne({ emailKey: email.toLowerCase() }).lean<Doc>();
    return d ? withoutMongoId(d) : null;
  }
  async countUsers(): Promise<number> {
    return this.models.StaffUser.countDocuments();
  }
  async listUsers(): Promise<StaffUser[]> {
    return (await this.models.StaffUser.find().sort({ emailKey: 1 }).lean<Doc[]>()).map((d) => withoutMongoId<StaffUser>(d));
  }
  async updateUser(id: string, patch: UserPatch): Promise<void> {
    const result = await this.models.StaffUser.updateOne({ _id: id }, { $set: patch });
    if (result.matchedCount === 0) throw new DomainError('USER_NOT_FOUND', `no staff user ${id}`);
  }
  async setProjectRole(userId: string, projectId: string, role: ProjectRoleName): Promise<void> {
    if (!(await this.models.StaffUser.exists({ _id: userId })) || !(await this.models.Project.exists({ _id: projectId }))) {
      throw new DomainError('NOT_FOUND', 'a referenced record does not exist');
    }
    await guarded(() => this.models.ProjectRole.updateOne({ userId, projectId }, { $set: { role } }, { upsert: true, runValidators: true }));
  }
  async removeProjectRole(userId: string, projectId: string): Promise<void> {
    await this.models.ProjectRole.deleteOne({ userId, projectId });
  }
  async listProjectRoles(filter: { userId?: string; projectId?: string }): Promise<ProjectRole[]> {
    const query: Doc = {};
    if (filter.userId) query.userId = filter.userId;
    if (filter.projectId) query.projectId = filter.projectId;
    const docs = await this.models.ProjectRole.find(query).sort({ projectId: 1, userId: 1 }).lean<Doc[]>();
    return docs.map((d) => ({ userId: d.userId as string, projectId: d.projectId as string, role: d.role as ProjectRoleName }));
  }

  async saveInstrumentSnapshot(s: InstrumentSnapshot): Promise<void> {
    try {
      await this.models.InstrumentSnapshot.updateOne({ instrumentId: s.instrumentId, version: s.version }, { $setOnInsert: s }, { upsert: true });
    } catch (error) {
      // Two processes saving the same snapshot at once: the first one wins, as in SQLite.
      if (!isDuplicateKey(error)) throw error;
    }
  }
  async getInstrumentSnapshot(instrumentId: string, version: string): Promise<InstrumentSnapshot | null> {
    const d = await this.models.InstrumentSnapshot.findOne({ instrumentId, version }).lean<Doc>();
    if (!d) return null;
    return { instrumentId: d.instrumentId as string, version: d.version as string, fingerprint: d.fingerprint as string, json: d.json as string, savedAt: d.savedAt as string };
  }

  async createProject(p: NewProject): Promise<Project> {
    const doc = { _id: randomUUID(), ...p, settings: p.settings ?? {}, archivedAt: null, createdAt: new Date().toISOString() };
    await guarded(() => this.models.Project.create(doc));
    return withoutMongoId(doc);
  }
  async getProject(id: string): Promise<Project | null> {
    const d = await this.models.Project.findById(id).lean<Doc>();
    return d ? withoutMongoId(d) : null;
  }
  async getProjectBySlug(slug: string): Promise<Project | null> {
    const d = await this.models.Project.findOne({ slug }).lean<Doc>();
    return d ? withoutMongoId(d) : null;
  }
  async listProjects(): Promise<Project[]> {
    return (await this.models.Project.find().sort({ name: 1, slug: 1 }).lean<Doc[]>()).map((d) => withoutMongoId<Project>(d));
  }
  async updateProject(id: string, patch: ProjectPatch): Promise<void> {
    const result = await this.models.Project.updateOne({ _id: id }, { $set: patch }, { runValidators: true });
    if (result.matchedCount === 0) throw new DomainError('PROJECT_NOT_FOUND', `no project ${id}`);
  }

  async createParticipants(list: NewParticipant[]): Promise<Participant[]> {
    if (list.length === 0) return [];
    const projectIds = [...new Set(list.map((p) => p.projectId))];
    if ((await this.models.Project.countDocuments({ _id: { $in: projectIds } })) !== projectIds.length) {
      throw new DomainError('NOT_FOUND', 'a referenced record does not exist');
    }
    const createdAt = new Date().toISOString();
    const docs = list.map(({ contact, ...p }) => ({ doc: { _id: randomUUID(), ...p, status: p.status ?? 'active', withdrawnOn: p.withdrawnOn ?? null, createdAt: p.createdAt ?? createdAt }, contact }));
    const contacts = docs.filter((d) => d.contact).map((d) => ({ _id: d.doc._id, email: d.contact?.email ?? null }));
    await guarded(() =>
      this.atomically(
        async (session) => {
          await this.models.Participant.insertMany(docs.map((d) => d.doc), { session, ordered: true });
          if (contacts.length > 0) await this.models.ParticipantContact.insertMany(contacts, { session, ordered: true });
          return docs.map((d) => d.doc._id);
        },
        async (ids) => {
          const all = ids.length > 0 ? ids : docs.map((d) => d.doc._id);
          await this.models.Participant.deleteMany({ _id: { $in: all } });
          await this.models.ParticipantContact.deleteMany({ _id: { $in: all } });
        },
      ),
    );
    return docs.map((d) => toParticipant(d.doc));
  }
  async getParticipant(id: string): Promise<Participant | null> {
    const d = await this.models.Participant.findById(id).lean<Doc>();
    return d ? toParticipant(d) : null;
  }
  async getParticipantByToken(token: string): Promise<Participant | null> {
    const d = await this.models.Participant.findOne({ token }).lean<Doc>();
    return d ? toParticipant(d) : null;
  }
  async getParticipantScope(token: string): Promise<ParticipantScope | null> {
    const participant = await this.getParticipantByToken(token);
    if (!participant) return null;
    const [project, waves] = await Promise.all([this.getProject(participant.projectId), this.listWaves(participant.projectId)]);
    return project ? { participant, project, waves } : null;
  }
  async getParticipantByAccessCode(accessCode: string): Promise<Participant | null> {
    const d = await this.models.Participant.findOne({ accessCode }).lean<Doc>();
    return d ? toParticipant(d) : null;
  }
  async getParticipantByCode(projectId: string, code: string): Promise<Participant | null> {
    const d = await this.models.Participant.findOne({ projectId, code }).lean<Doc>();
    return d ? toParticipant(d) : null;
  }
  async listParticipants(projectId: string): Promise<Participant[]> {
    return (await this.models.Participant.find({ projectId }).sort({ code: 1 }).lean<Doc[]>()).map(toParticipant);
  }
  async updateParticipant(id: string, patch: ParticipantPatch): Promise<void> {
    const result = await guarded(() => this.models.Participant.updateOne({ _id: id }, { $set: patch }, { runValidators: true }));
    if (result.matchedCount === 0) throw new DomainError('PARTICIPANT_NOT_FOUND', `no participant ${id}`);
  }
  async getContact(participantId: string): Promise<ParticipantContact | null> {
    const d = await this.models.ParticipantContact.findById(participantId).lean<Doc>();
    return d ? { email: (d.email as string | null) ?? null } : null;
  }
  async setContact(participantId: string, contact: ParticipantContact): Promise<void> {
    if (!(await this.models.Participant.exists({ _id: participantId }))) throw new DomainError('NOT_FOUND', 'a referenced record does not exist');
    await this.models.ParticipantContact.updateOne({ _id: participantId }, { $set: { email: contact.email } }, { upsert: true });
  }

  /**
   * Deletes the answers and contact details first, the participant last: if this stops half-way
   * (no transaction on a standalone server), running it again finishes the erasure.
   */
  async eraseParticipant(id: string): Promise<{ responses: number }> {
    if (!(await this.models.Participant.exists({ _id: id }))) throw new DomainError('PARTICIPANT_NOT_FOUND', `no participant ${id}`);
    const { deletedCount } = await this.models.Response.deleteMany({ participantId: id });
    await this.models.ParticipantContact.deleteOne({ _id: id });
    await this.models.Send.deleteMany({ participantId: id });
    await this.models.Participant.deleteOne({ _id: id });
    return { responses: deletedCount };
  }

  async createWave(w: NewWave): Promise<Wave> {
    if (!(await this.models.Project.exists({ _id: w.projectId }))) throw new DomainError('NOT_FOUND', 'a referenced record does not exist');
    const doc = { _id: randomUUID(), ...w, createdAt: new Date().toISOString() };
    await guarded(() => this.models.Wave.create(doc));
    return withoutMongoId(doc);
  }
  async getWave(id: string): Promise<Wave | null> {
    const d = await this.models.Wave.findById(id).lean<Doc>();
    return d ? withoutMongoId(d) : null;
  }
  async listWaves(projectId: string): Promise<Wave[]> {
    return (await this.models.Wave.find({ projectId }).sort({ opensOn: 1, label: 1 }).lean<Doc[]>()).map((d) => withoutMongoId<Wave>(d));
  }
  async updateWave(id: string, patch: WavePatch): Promise<void> {
    const wave = await this.getWave(id);
    if (!wave) throw new DomainError('WAVE_NOT_FOUND', `no wave ${id}`);
    const next = { ...wave, ...patch };
    if (next.closesOn < next.opensOn) throw new DomainError('VALIDATION', 'closesOn must not be before opensOn');
    await this.models.Wave.updateOne({ _id: id }, { $set: patch });
  }

  async getResponse(participantId: string, waveId: string): Promise<SurveyResponse | null> {
    const d = await this.models.Response.findOne({ participantId, waveId }).lean<Doc>();
    return d ? withoutMongoId(d) : null;
  }

  /**
   * One findOneAndUpdate per write, so it is atomic: a draft's changes are $set/$unset per
   * answer (two tabs saving different sections both keep theirs), and a submission without
   * answers submits what is saved.
   */
  private async writeResponse(w: DraftWrite | SubmitWrite, submit: boolean): Promise<SurveyResponse> {
    const set: Doc = {
      group: w.group, source: w.source, enteredBy: w.enteredBy, updatedAt: w.at,
      status: submit ? 'submitted' : 'draft', submittedAt: submit ? w.at : null,
    };
    const unset: Doc = {};
    const insertOnly: Doc = { _id: randomUUID(), projectId: w.projectId, participantId: w.participantId, waveId: w.waveId, startedAt: w.at };
    if ('changes' in w) {
      for (const [itemId, value] of Object.entries(w.changes)) {
        if (value === null) unset[`answers.${itemId}`] = '';
        else set[`answers.${itemId}`] = value;
      }
      if (Object.keys(w.changes).length === 0) insertOnly.answers = {};
    } else if (w.answers) {
      set.answers = w.answers;
    } else {
      insertOnly.answers = {};
    }
    const update: Doc = { $set: set, $setOnInsert: insertOnly };
    if (Object.keys(unset).length > 0) update.$unset = unset;
    // The filter never matches a submitted response, so the upsert then collides with the unique
    // (participant, wave) index: that collision is what makes submission happen exactly once.
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        const d = await this.models.Response.findOneAndUpdate(
          { participantId: w.participantId, waveId: w.waveId, status: { $ne: 'submitted' } },
          update,
          { upsert: true, new: true, runValidators: true },
        ).lean<Doc>();
        if (d) return withoutMongoId({ answers: {}, ...d });
      } catch (error) {
        if (!isDuplicateKey(error)) return translate(error);
        const existing = await this.getResponse(w.participantId, w.waveId);
        if (existing?.status === 'submitted') throw new DomainError('ALREADY_SUBMITTED', 'this response has already been submitted');
      }
    }
    throw new DomainError('ALREADY_SUBMITTED', 'this response has already been submitted');
  }

  async saveDraft(write: DraftWrite): Promise<SurveyResponse> {
    return this.writeResponse(write, false);
  }
  async submitResponse(write: SubmitWrite): Promise<SurveyResponse> {
    return this.writeResponse(write, true);
  }
  async insertResponses(list: NewResponse[]): Promise<void> {
    if (list.length === 0) return;
    const docs = list.map((r) => ({ _id: randomUUID(), ...r, updatedAt: r.submittedAt ?? r.startedAt }));
    await guarded(() =>
      this.atomically(
        async (session) => {
          await this.models.Response.insertMany(docs, { session, ordered: true });
          return docs.map((d) => d._id);
        },
        (ids) => this.models.Response.deleteMany({ _id: { $in: ids.length > 0 ? ids : docs.map((d) => d._id) } }),
      ),
    );
  }

  async *iterateResponses(projectId: string, filter: { status?: ResponseStatus; waveId?: string } = {}): AsyncIterable<SurveyResponse> {
    const waves = filter.waveId ? [{ id: filter.waveId }] : await this.listWaves(projectId);
    for (const wave of waves) {
      let after = '';
      for (;;) {
        const query: Doc = { projectId, waveId: wave.id, participantId: { $gt: after } };
        if (filter.status) query.status = filter.status;
        const docs = await this.models.Response.find(query).sort({ participantId: 1 }).limit(RESPONSE_PAGE).lean<Doc[]>();
        for (const d of docs) yield withoutMongoId<SurveyResponse>(d);
        if (docs.length < RESPONSE_PAGE) break;
        after = docs[docs.length - 1]?.participantId as string;
      }
    }
  }

  async claimSend(send: SendRecord): Promise<boolean> {
    try {
      await this.models.Send.create(send);
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      return translate(error);
    }
  }
  async releaseSend(participantId: string, waveId: string, kind: SendKind): Promise<void> {
    await this.models.Send.deleteOne({ participantId, waveId, kind });
  }
  async listSends(waveId: string): Promise<SendRecord[]> {
    const docs = await this.models.Send.find({ waveId }).sort({ at: 1, participantId: 1, kind: 1 }).lean<Doc[]>();
    return docs.map((d) => ({ participantId: d.participantId as string, waveId: d.waveId as string, kind: d.kind as SendKind, at: d.at as string }));
  }

  async createApiToken(t: NewApiToken): Promise<ApiToken> {
    const doc = { _id: randomUUID(), ...t, createdAt: new Date().toISOString() };
    await guarded(() => this.models.ApiToken.create(doc));
    return withoutMongoId(doc);
  }
  async findApiTokenByHash(tokenHash: string): Promise<ApiToken | null> {
    const d = await this.models.ApiToken.findOne({ tokenHash }).lean<Doc>();
    return d ? withoutMongoId(d) : null;
  }
  async listApiTokens(userId: string): Promise<ApiToken[]> {
    return (await this.models.ApiToken.find({ userId }).sort({ createdAt: 1, _id: 1 }).lean<Doc[]>()).map((d) => withoutMongoId<ApiToken>(d));
  }
  async deleteApiToken(id: string, userId: string): Promise<void> {
    await this.models.ApiToken.deleteOne({ _id: id, userId });
  }

  /** connect-mongo on this connection's client: sessions expire through its TTL index. */
  createSessionStore(): SessionStore {
    return ConnectMongo.create({ client: this.connection.getClient() as never, collectionName: 'sessions', ttl: 8 * 60 * 60 });
  }

  async appendAudit(e: NewAuditEvent): Promise<AuditEvent> {
    auditCounter = (auditCounter + 1) % 1000;
    const doc = { _id: randomUUID(), seq: Date.now() * 1000 + auditCounter, at: e.at ?? new Date().toISOString(), actor: e.actor, projectId: e.projectId, action: e.action, target: e.target, details: e.details };
    await this.models.AuditEvent.create(doc);
    return withoutMongoId(doc);
  }
  async listAudit(filter: { projectId?: string; limit?: number }): Promise<AuditEvent[]> {
    const query: Doc = {};
    if (filter.projectId) query.projectId = filter.projectId;
    const docs = await this.models.AuditEvent.find(query).sort({ seq: -1 }).limit(filter.limit ?? 200).lean<Doc[]>();
    return docs.map((d) => withoutMongoId<AuditEvent>(d));
  }
}
