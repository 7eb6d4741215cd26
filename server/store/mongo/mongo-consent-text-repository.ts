import { DomainError } from '../../domain/errors.js';
import type { ConsentTexts, NewConsentTexts } from '../../domain/records.js';
import type { ConsentTextRepository } from '../store.js';
import { isDuplicateKey, translate, type Doc, type MongoConnection } from './mongo-connection.js';

function toConsentTexts(d: Doc): ConsentTexts {
  return {
    projectId: d.projectId as string,
    version: d.version as number,
    texts: d.texts as ConsentTexts['texts'],
    savedBy: d.savedBy as string,
    savedAt: d.savedAt as string,
  };
}

/** A few tries: only leads saving the same project's texts in the same instant collide. */
const SAVE_ATTEMPTS = 5;

/** Versions are never rewritten: a save inserts the next one, so what a participant agreed to stays readable. */
export class MongoConsentTextRepository implements ConsentTextRepository {
  constructor(private readonly c: MongoConnection) {}

  async save(t: NewConsentTexts): Promise<ConsentTexts> {
    const session = this.c.session() ?? undefined;
    if (!(await this.c.models.Project.exists({ _id: t.projectId }).session(this.c.session())))
      throw new DomainError('PROJECT_NOT_FOUND', `no project ${t.projectId}`);
    for (let attempt = 1; ; attempt += 1) {
      const latest = await this.latest(t.projectId);
      const doc = { ...t, version: (latest?.version ?? 0) + 1 };
      try {
        // The unique (projectId, version) index refuses a number someone else took meanwhile.
        await this.c.models.ConsentTexts.create([doc], { session });
        return toConsentTexts(doc);
      } catch (error) {
        if (!isDuplicateKey(error) || attempt >= SAVE_ATTEMPTS) return translate(error);
      }
    }
  }

  async latest(projectId: string): Promise<ConsentTexts | null> {
    const d = await this.c.models.ConsentTexts.findOne({ projectId })
      .sort({ version: -1 })
      .session(this.c.session())
      .lean<Doc>();
    return d ? toConsentTexts(d) : null;
  }

  async get(projectId: string, version: number): Promise<ConsentTexts | null> {
    const d = await this.c.models.ConsentTexts.findOne({ projectId, version }).session(this.c.session()).lean<Doc>();
    return d ? toConsentTexts(d) : null;
  }
}
