import { randomUUID } from 'node:crypto';
import { DomainError } from '../../domain/errors.js';
import type { NewResponse, ResponseRevision, ResponseStatus, SurveyResponse } from '../../domain/records.js';
import type { DraftWrite, ResponseRepository, ReviseWrite, SubmitWrite } from '../store.js';
import {
  guarded,
  isDuplicateKey,
  translate,
  withoutMongoId,
  type Doc,
  type MongoConnection,
} from './mongo-connection.js';

const RESPONSE_PAGE = 500;

/** Reads leave the revisions out: history() reads them. */
const WITHOUT_REVISIONS = { revisions: 0 } as const;

/** Responses written before corrections were kept have no revisedAt; before issue 17, no savedSections or consentVersion. */
function toResponse(d: Doc): SurveyResponse {
  const absent: Pick<SurveyResponse, 'answers' | 'revisedAt' | 'savedSections' | 'consentVersion'> = {
    answers: {},
    revisedAt: null,
    savedSections: [],
    consentVersion: null,
  };
  return { ...absent, ...withoutMongoId<Doc>(d) } as SurveyResponse;
}

export class MongoResponseRepository implements ResponseRepository {
  constructor(private readonly c: MongoConnection) {}

  async get(participantId: string, waveId: string): Promise<SurveyResponse | null> {
    const d = await this.c.models.Response.findOne({ participantId, waveId }, WITHOUT_REVISIONS)
      .session(this.c.session())
      .lean<Doc>();
    return d ? toResponse(d) : null;
  }

  async saveDraft(write: DraftWrite): Promise<SurveyResponse> {
    return this.write(write, false);
  }
  async submit(write: SubmitWrite): Promise<SurveyResponse> {
    return this.write(write, true);
  }

  /**
   * One findOneAndUpdate per write, so it is atomic: a draft's changes are $set/$unset per
   * answer (two tabs saving different sections both keep theirs), and a submission without
   * answers submits what is saved.
   */
  private async write(w: DraftWrite | SubmitWrite, submit: boolean): Promise<SurveyResponse> {
    const set: Doc = {
      group: w.group,
      source: w.source,
      enteredBy: w.enteredBy,
      updatedAt: w.at,
      status: submit ? 'submitted' : 'draft',
      submittedAt: submit ? w.at : null,
    };
    const unset: Doc = {};
    const insertOnly: Doc = {
      _id: randomUUID(),
      projectId: w.projectId,
      participantId: w.participantId,
      waveId: w.waveId,
      startedAt: w.at,
    };
    let addToSet: Doc | null = null;
    if ('changes' in w) {
      for (const [itemId, value] of Object.entries(w.changes)) {
        if (value === null) unset[`answers.${itemId}`] = '';
        else set[`answers.${itemId}`] = value;
      }
      if (Object.keys(w.changes).length === 0) insertOnly.answers = {};
      if (w.section !== undefined) addToSet = { savedSections: w.section };
      else insertOnly.savedSections = [];
      insertOnly.consentVersion = w.consentVersion ?? null;
    } else if (w.answers) {
      set.answers = w.answers;
    } else {
      insertOnly.answers = {};
    }
    const update: Doc = { $set: set, $setOnInsert: insertOnly };
    if (Object.keys(unset).length > 0) update.$unset = unset;
    if (addToSet) update.$addToSet = addToSet;
    // The filter never matches a submitted response, so the upsert then collides with the unique
    // (participant, wave) index: that collision is what makes submission happen exactly once.
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        const d = await this.c.models.Response.findOneAndUpdate(
          { participantId: w.participantId, waveId: w.waveId, status: { $ne: 'submitted' } },
          update,
          {
            upsert: true,
            new: true,
            runValidators: true,
            projection: WITHOUT_REVISIONS,
            session: this.c.session() ?? undefined,
          },
        ).lean<Doc>();
        if (d) return toResponse(d);
      } catch (error) {
        if (!isDuplicateKey(error)) return translate(error);
        const existing = await this.get(w.participantId, w.waveId);
        if (existing?.status === 'submitted')
          throw new DomainError('ALREADY_SUBMITTED', 'this response has already been submitted');
      }
    }
    throw new DomainError('ALREADY_SUBMITTED', 'this response has already been submitted');
  }

  /**
   * One findOneAndUpdate, so the answers, the revisions and revisedAt change together. Its filter
   * asks that every changed answer still has the value it was read with: a correction that lands
   * in between makes it read again, so each revision's "from" is what was there.
   */
  async revise(w: ReviseWrite): Promise<SurveyResponse> {
    for (;;) {
      const current = await this.get(w.participantId, w.waveId);
      if (!current) throw new DomainError('NOT_FOUND', 'no response to correct');
      if (current.status !== 'submitted')
        throw new DomainError('RESPONSE_NOT_SUBMITTED', 'only a submitted response can be corrected');
      const changed = Object.entries(w.changes).filter(([itemId, to]) => (current.answers[itemId] ?? null) !== to);
      if (changed.length === 0) return current;
      const filter: Doc = { participantId: w.participantId, waveId: w.waveId, status: 'submitted' };
      const set: Doc = { updatedAt: w.at, revisedAt: w.at };
      const unset: Doc = {};
      const revisions = changed.map(([itemId, to]) => {
        const from = current.answers[itemId] ?? null;
        filter[`answers.${itemId}`] = from === null ? { $exists: false } : from;
        if (to === null) unset[`answers.${itemId}`] = '';
        else set[`answers.${itemId}`] = to;
        return { itemId, from, to, by: w.by, reason: w.reason, at: w.at };
      });
      const update: Doc = { $set: set, $push: { revisions: { $each: revisions } } };
      if (Object.keys(unset).length > 0) update.$unset = unset;
      const d = await guarded(() =>
        this.c.models.Response.findOneAndUpdate(filter, update, {
          new: true,
          runValidators: true,
          projection: WITHOUT_REVISIONS,
          session: this.c.session() ?? undefined,
        }).lean<Doc>(),
      );
      if (d) return toResponse(d);
    }
  }

  async history(participantId: string, waveId: string): Promise<ResponseRevision[]> {
    const d = await this.c.models.Response.findOne({ participantId, waveId }, { revisions: 1 })
      .session(this.c.session())
      .lean<Doc>();
    const revisions = (d?.revisions ?? []) as Omit<ResponseRevision, 'participantId' | 'waveId'>[];
    return revisions.map((r) => ({
      participantId,
      waveId,
      itemId: r.itemId,
      from: r.from ?? null,
      to: r.to ?? null,
      by: r.by,
      reason: r.reason,
      at: r.at,
    }));
  }

  async insertMany(list: NewResponse[]): Promise<void> {
    if (list.length === 0) return;
    const docs = list.map((r) => ({ _id: randomUUID(), ...r, updatedAt: r.submittedAt ?? r.startedAt }));
    await guarded(() =>
      this.c.atomically(
        async (session) => {
          await this.c.models.Response.insertMany(docs, { session, ordered: true });
          return docs.map((d) => d._id);
        },
        (ids) => this.c.models.Response.deleteMany({ _id: { $in: ids.length > 0 ? ids : docs.map((d) => d._id) } }),
      ),
    );
  }

  async *iterate(
    projectId: string,
    filter: { status?: ResponseStatus; waveId?: string } = {},
  ): AsyncIterable<SurveyResponse> {
    const waves = filter.waveId
      ? [{ _id: filter.waveId }]
      : await this.c.models.Wave.find({ projectId }, { _id: 1 }).sort({ opensOn: 1, label: 1 }).lean<Doc[]>();
    for (const wave of waves) {
      let after = '';
      for (;;) {
        const query: Doc = { projectId, waveId: wave._id, participantId: { $gt: after } };
        if (filter.status) query.status = filter.status;
        const docs = await this.c.models.Response.find(query, WITHOUT_REVISIONS)
          .sort({ participantId: 1 })
          .limit(RESPONSE_PAGE)
          .lean<Doc[]>();
        for (const d of docs) yield toResponse(d);
        if (docs.length < RESPONSE_PAGE) break;
        after = docs[docs.length - 1]?.participantId as string;
      }
    }
  }
}
