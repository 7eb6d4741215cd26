import { readAnswerForm, sectionsForGroup } from '../domain/answer-form.js';
import type { AnswerValue } from '../domain/answers.js';
import { DomainError, type FieldProblem } from '../domain/errors.js';
import type { Instrument, Section } from '../domain/instrument.js';
import type {
  PaperKeying,
  Participant,
  Project,
  ProjectRoleName,
  ResponseRevision,
  SurveyResponse,
  Wave,
} from '../domain/records.js';
import type { ProjectService } from './project-service.js';
import type { ServiceContext } from './service-context.js';
import { answerProblem, fieldProblem } from '../domain/field-rules.js';

/** Who corrects: the staff user and the role they hold in the project ('admin' for administrators). */
export interface Corrector {
  id: string;
  role: ProjectRoleName | 'admin';
}

/** One submitted response as its correction page shows it. */
export interface CorrectionView {
  participant: Participant;
  wave: Wave;
  instrument: Instrument;
  /** The items of the group the participant answered as, by section. */
  sections: Section[];
  response: SurveyResponse;
  /** Oldest first. */
  history: ResponseRevision[];
  /** How the paper form was keyed under double data entry, with every reconciliation decision; null otherwise. */
  keying: PaperKeying | null;
  /** The names of the staff who keyed, settled or revised it, by user id. */
  names: Record<string, string>;
}

const MAX_REASON_LENGTH = 1000;

/**
 * Staff corrections of submitted responses (issue 14, part 4). A lead may correct any response;
 * data-entry staff only those keyed in from paper. Every correction needs a reason; the store
 * keeps each earlier value, and the participant's receipt still shows what they sent.
 */
export class ResponseCorrectionService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly projects: ProjectService,
  ) {}

  /** Whether this role may correct this response: leads any, data-entry paper responses only. */
  static mayCorrect(role: Corrector['role'], response: SurveyResponse): boolean {
    return role === 'admin' || role === 'lead' || (role === 'data-entry' && response.source === 'paper');
  }

  /** The waves in which the participant has submitted a response, in schedule order, with when each was last corrected. */
  async submittedWaves(
    project: Project,
    participant: Participant,
  ): Promise<{ wave: Wave; revisedAt: string | null }[]> {
    const found: { wave: Wave; revisedAt: string | null }[] = [];
    for (const wave of await this.ctx.store.waves.list(project.id)) {
      const response = await this.ctx.store.responses.get(participant.id, wave.id);
      if (response?.status === 'submitted') found.push({ wave, revisedAt: response.revisedAt });
    }
    return found;
  }

  /**
   * The submitted response of a participant (by code) in a wave, with its history.
   * PARTICIPANT_NOT_FOUND, WAVE_NOT_FOUND, NOT_FOUND without a submitted response, FORBIDDEN for
   * data-entry staff on a response not from paper.
   */
  async open(project: Project, code: string, waveId: string, role: Corrector['role']): Promise<CorrectionView> {
    const participant = await this.ctx.store.participants.getByCode(project.id, code);
    if (!participant) throw new DomainError('PARTICIPANT_NOT_FOUND', `no participant "${code}" in this project`);
    const wave = await this.ctx.store.waves.get(waveId);
    if (!wave || wave.projectId !== project.id) throw new DomainError('WAVE_NOT_FOUND', 'no such wave in this project');
    const response = await this.ctx.store.responses.get(participant.id, wave.id);
    if (!response || response.status !== 'submitted')
      throw new DomainError('NOT_FOUND', `${participant.code} has no submitted response in ${wave.label}`);
    if (!ResponseCorrectionService.mayCorrect(role, response))
      throw new DomainError('FORBIDDEN', 'data-entry staff can correct only responses keyed in from paper');
    const instrument = await this.projects.instrumentFor(project, wave.instrumentVersion);
    const history = await this.ctx.store.responses.history(participant.id, wave.id);
    const keying = await this.ctx.store.paperKeyings.get(participant.id, wave.id);
    const names: Record<string, string> = {};
    const who = [...history.map((r) => r.by), keying?.first.by, keying?.second?.by, keying?.reconciledBy];
    for (const id of new Set(who.filter((id): id is string => !!id)))
      names[id] = (await this.ctx.store.users.get(id))?.name ?? 'a former user';
    return {
      participant,
      wave,
      instrument,
      sections: sectionsForGroup(instrument, response.group),
      response,
      history,
      keying,
      names,
    };
  }

  /**
   * Corrects the answers given in `form` (one field per item of the response's group, as the
   * correction page sends them: an empty field clears the answer) with a reason. VALIDATION with
   * a problem per field for a missing reason, an invalid answer, or nothing changed. The
   * revisions and the audit entry commit together. Returns how many answers changed.
   */
  async correct(
    project: Project,
    code: string,
    waveId: string,
    form: Record<string, unknown>,
    reason: string,
    by: Corrector,
  ): Promise<{ changed: string[] }> {
    const view = await this.open(project, code, waveId, by.role);
    const problems: FieldProblem[] = [];
    const why = reason.trim();
    if (!why) problems.push({ where: 'reason', message: 'Give the reason for this correction.' });
    else if (why.length > MAX_REASON_LENGTH)
      problems.push(fieldProblem('reason', 'rule.atMost', { max: MAX_REASON_LENGTH }));
    const items = view.sections.flatMap((s) => s.items).filter((item) => item.id in form);
    const read = readAnswerForm(view.instrument, items, form);
    for (const p of read.problems) problems.push(answerProblem(p.itemId, p.reason));
    if (problems.length > 0) throw new DomainError('VALIDATION', 'the correction cannot be saved', problems);
    const changes: Record<string, AnswerValue | null> = {};
    for (const [itemId, value] of Object.entries(read.answers))
      if ((view.response.answers[itemId] ?? null) !== (value ?? null)) changes[itemId] = value ?? null;
    const changed = Object.keys(changes);
    if (changed.length === 0)
      throw new DomainError('VALIDATION', 'nothing was changed', [
        {
          where: '_form',
          message: 'No answer was changed: change at least one answer.',
          text: { key: 'refusal.VALIDATION.nothingChanged' },
        },
      ]);
    const at = this.ctx.now().toISOString();
    await this.ctx.store.transaction(async (tx) => {
      await tx.responses.revise({
        participantId: view.participant.id,
        waveId: view.wave.id,
        changes,
        by: by.id,
        reason: why,
        at,
      });
      // The internal id, never the code, and no values: erasure must leave nothing that names a person.
      await tx.audit.append({
        actor: by.id,
        projectId: project.id,
        action: 'response.revise',
        target: view.participant.id,
        details: { waveId: view.wave.id, wave: view.wave.label, items: changed },
      });
    });
    return { changed };
  }
}
