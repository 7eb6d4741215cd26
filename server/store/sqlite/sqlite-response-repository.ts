import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { mergeAnswers } from '../../domain/answer-form.js';
import type { AnswerValue, Answers } from '../../domain/answers.js';
import { DomainError, markRolledBack } from '../../domain/errors.js';
import type { NewResponse, ResponseRevision, ResponseStatus, SurveyResponse } from '../../domain/records.js';
import type { DraftWrite, ResponseRepository, ReviseWrite, SubmitWrite } from '../store.js';
import { guarded, str, strOrNull, type Row, type SqliteConnection } from './sqlite-connection.js';
import { wavesOf } from './sqlite-wave-repository.js';

const RESPONSE_PAGE = 500;

function toResponse(r: Row): SurveyResponse {
  return {
    id: str(r.id),
    projectId: str(r.project_id),
    participantId: str(r.participant_id),
    waveId: str(r.wave_id),
    group: str(r.group_id),
    answers: JSON.parse(str(r.answers_json)),
    status: r.status as ResponseStatus,
    source: r.source as SurveyResponse['source'],
    startedAt: str(r.started_at),
    submittedAt: strOrNull(r.submitted_at),
    updatedAt: str(r.updated_at),
    enteredBy: strOrNull(r.entered_by),
    revisedAt: strOrNull(r.revised_at),
    savedSections: JSON.parse(str(r.saved_sections_json)),
    consentVersion: r.consent_version === null ? null : Number(r.consent_version),
  };
}

const answerOrNull = (json: unknown): AnswerValue | null => (json === null ? null : JSON.parse(str(json)));

function toRevision(r: Row): ResponseRevision {
  return {
    participantId: str(r.participant_id),
    waveId: str(r.wave_id),
    itemId: str(r.item_id),
    from: answerOrNull(r.from_json),
    to: answerOrNull(r.to_json),
    by: str(r.revised_by),
    reason: str(r.reason),
    at: str(r.at),
  };
}

export class SqliteResponseRepository implements ResponseRepository {
  constructor(private readonly c: SqliteConnection) {}

  async get(participantId: string, waveId: string): Promise<SurveyResponse | null> {
    // A cached response is committed data: it needs no wait for a transaction (ADR 0071).
    const cached = this.c.cachedResponse(participantId, waveId);
    if (cached) return cached;
    if (this.c.busy()) await this.c.idle();
    const r = this.c
      .statement('SELECT * FROM responses WHERE participant_id = ? AND wave_id = ?')
      .get(participantId, waveId) as Row | undefined;
    return r ? this.c.keepResponse(toResponse(r)) : null;
  }

  async saveDraft(write: DraftWrite): Promise<SurveyResponse> {
    if (this.c.busy()) await this.c.idle();
    return this.write(write, false);
  }
  async submit(write: SubmitWrite): Promise<SurveyResponse> {
    if (this.c.busy()) await this.c.idle();
    return this.write(write, true);
  }

  /**
   * Read, change and write in one IMMEDIATE transaction: a draft's answers are merged with what
   * is saved at that moment, and a submission happens at most once.
   */
  private write(w: DraftWrite | SubmitWrite, submit: boolean): SurveyResponse {
    this.c.forgetResponses();
    const committed = guarded(() => {
      try {
        return this.c.db
          .transaction(() => {
            const existing = this.c
              .statement('SELECT * FROM responses WHERE participant_id = ? AND wave_id = ?')
              .get(w.participantId, w.waveId) as Row | undefined;
            if (existing?.status === 'submitted')
              throw new DomainError('ALREADY_SUBMITTED', 'this response has already been submitted');
            const saved: Answers = existing ? JSON.parse(str(existing.answers_json)) : {};
            const answers = JSON.stringify('changes' in w ? mergeAnswers(saved, w.changes) : (w.answers ?? saved));
            const submittedAt = submit ? w.at : null;
            const status = submit ? 'submitted' : 'draft';
            const sections: string[] = existing ? JSON.parse(str(existing.saved_sections_json)) : [];
            const section = 'section' in w ? w.section : undefined;
            if (section !== undefined && !sections.includes(section)) sections.push(section);
            if (existing) {
              this.c
                .statement(
                  'UPDATE responses SET answers_json = ?, status = ?, source = ?, submitted_at = ?, updated_at = ?, entered_by = ?, group_id = ?, saved_sections_json = ? WHERE id = ?',
                )
                .run(
                  answers,
                  status,
                  w.source,
                  submittedAt,
                  w.at,
                  w.enteredBy,
                  w.group,
                  JSON.stringify(sections),
                  existing.id,
                );
              return toResponse(this.c.statement('SELECT * FROM responses WHERE id = ?').get(existing.id) as Row);
            }
            const row = {
              id: randomUUID(),
              project_id: w.projectId,
              participant_id: w.participantId,
              wave_id: w.waveId,
              group_id: w.group,
              answers_json: answers,
              status,
              source: w.source,
              started_at: w.at,
              submitted_at: submittedAt,
              updated_at: w.at,
              entered_by: w.enteredBy,
              saved_sections_json: JSON.stringify(sections),
              consent_version: ('consentVersion' in w ? w.consentVersion : undefined) ?? null,
            };
            this.insertStatement().run(row);
            return toResponse(row);
          })
          .immediate();
      } catch (error) {
        // better-sqlite3 rolled the write back (or, inside a store transaction, its savepoint).
        markRolledBack(error);
        throw error;
      }
    });
    // Kept once written: the participant's next page reads it from here. Inside a transaction,
    // kept once it commits, and never if it rolls back.
    return this.c.keepResponse(committed);
  }

  /** Read, change and record in one IMMEDIATE transaction, so each revision's "from" is what was there. */
  async revise(w: ReviseWrite): Promise<SurveyResponse> {
    if (this.c.busy()) await this.c.idle();
    this.c.forgetResponses();
    const revised = guarded(() =>
      this.c.db
        .transaction(() => {
          const existing = this.c
            .statement('SELECT * FROM responses WHERE participant_id = ? AND wave_id = ?')
            .get(w.participantId, w.waveId) as Row | undefined;
          if (!existing) throw new DomainError('NOT_FOUND', 'no response to correct');
          if (existing.status !== 'submitted')
            throw new DomainError('RESPONSE_NOT_SUBMITTED', 'only a submitted response can be corrected');
          const saved: Answers = JSON.parse(str(existing.answers_json));
          const changed = Object.entries(w.changes).filter(([itemId, to]) => (saved[itemId] ?? null) !== to);
          if (changed.length === 0) return toResponse(existing);
          const record = this.c.statement(
            'INSERT INTO response_revisions (response_id, participant_id, wave_id, item_id, from_json, to_json, revised_by, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
          );
          for (const [itemId, to] of changed) {
            const from = saved[itemId] ?? null;
            record.run(
              existing.id,
              w.participantId,
              w.waveId,
              itemId,
              from === null ? null : JSON.stringify(from),
              to === null ? null : JSON.stringify(to),
              w.by,
              w.reason,
              w.at,
            );
          }
          const answers = mergeAnswers(saved, Object.fromEntries(changed));
          this.c
            .statement('UPDATE responses SET answers_json = ?, updated_at = ?, revised_at = ? WHERE id = ?')
            .run(JSON.stringify(answers), w.at, w.at, existing.id);
          return toResponse(this.c.statement('SELECT * FROM responses WHERE id = ?').get(existing.id) as Row);
        })
        .immediate(),
    );
    return this.c.keepResponse(revised);
  }

  async history(participantId: string, waveId: string): Promise<ResponseRevision[]> {
    return this.c.all(
      'SELECT * FROM response_revisions WHERE participant_id = ? AND wave_id = ? ORDER BY seq',
      toRevision,
      participantId,
      waveId,
    );
  }

  private insertStatement(): Database.Statement {
    return this.c.statement(
      'INSERT INTO responses (id, project_id, participant_id, wave_id, group_id, answers_json, status, source, started_at, submitted_at, updated_at, entered_by, saved_sections_json, consent_version) VALUES (@id, @project_id, @participant_id, @wave_id, @group_id, @answers_json, @status, @source, @started_at, @submitted_at, @updated_at, @entered_by, @saved_sections_json, @consent_version)',
    );
  }

  async insertMany(list: NewResponse[]): Promise<void> {
    if (this.c.busy()) await this.c.idle();
    const insert = this.insertStatement();
    this.c.forgetResponses();
    guarded(() =>
      this.c.db.transaction(() => {
        for (const r of list) {
          insert.run({
            id: randomUUID(),
            project_id: r.projectId,
            participant_id: r.participantId,
            wave_id: r.waveId,
            group_id: r.group,
            answers_json: JSON.stringify(r.answers),
            status: r.status,
            source: r.source,
            started_at: r.startedAt,
            submitted_at: r.submittedAt,
            updated_at: r.submittedAt ?? r.startedAt,
            entered_by: r.enteredBy,
            saved_sections_json: '[]',
            consent_version: null,
          });
        }
      })(),
    );
  }

  async *iterate(
    projectId: string,
    filter: { status?: ResponseStatus; waveId?: string } = {},
  ): AsyncIterable<SurveyResponse> {
    if (this.c.busy()) await this.c.idle();
    const waves = filter.waveId ? [{ id: filter.waveId }] : wavesOf(this.c, projectId);
    // Keyset pages, not one long-lived cursor: better-sqlite3 refuses other queries on a connection
    // while an iterator is open, and the server keeps answering requests during an export.
    const page = this.c.statement(
      'SELECT * FROM responses WHERE project_id = @projectId AND wave_id = @waveId AND participant_id > @after AND (@status IS NULL OR status = @status) ORDER BY participant_id LIMIT @limit',
    );
    for (const wave of waves) {
      let after = '';
      for (;;) {
        if (this.c.busy()) await this.c.idle();
        const rows = page.all({
          projectId,
          waveId: wave.id,
          after,
          status: filter.status ?? null,
          limit: RESPONSE_PAGE,
        }) as Row[];
        for (const row of rows) yield toResponse(row);
        if (rows.length < RESPONSE_PAGE) break;
        after = str(rows[rows.length - 1]?.participant_id);
      }
    }
  }
}
