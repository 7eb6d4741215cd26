import { normaliseAccessCode, isWellFormedAccessCode } from '../domain/access-code.js';
import { readAnswerForm, sectionsForGroup, type AnswerProblem } from '../domain/answer-form.js';
import { BUILT_IN_CONSENT_VERSION } from '../domain/consent-texts.js';
import { DomainError, isDomainError, wasRolledBack } from '../domain/errors.js';
import type { Instrument, Section } from '../domain/instrument.js';
import { answersAsSubmitted } from '../domain/revisions.js';
import { todayIn } from '../domain/local-time.js';
import { nextWave, openWave } from '../domain/wave-schedule.js';
import type { Participant, Project, SurveyResponse, Wave } from '../domain/records.js';
import type { ProjectService } from './project-service.js';
import { projectTimeZone, type ServiceContext } from './service-context.js';

/** Everything a participant page needs, resolved from the personal token. */
export interface Visit {
  participant: Participant;
  project: Project;
  /** Where the project is: its waves open at local midnight there, and its pages show local times. */
  timeZone: string;
  /** The wave open today, if any. */
  wave: Wave | null;
  /** When no wave is open: the next one, if there is one. */
  upcoming: Wave | null;
  /** Whether the project has scheduled any wave at all (else it has not started, not ended). */
  scheduled: boolean;
  instrument: Instrument | null;
  sections: Section[];
  response: SurveyResponse | null;
}

type ResumeTarget =
  | { kind: 'consent' }
  | { kind: 'section'; index: number }
  | { kind: 'check' }
  | { kind: 'receipt' }
  | { kind: 'no-wave' };

/** Not ok: problems with the answers, or (notSaved) a fault that undid the save; values as typed either way. */
type SectionSaveResult =
  { ok: true } | { ok: false; problems: AnswerProblem[]; values: Record<string, string>; notSaved?: true };

/** The participant's journey through one wave: consent, sections as drafts, check, submit. */
export class QuestionnaireService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly projects: ProjectService,
  ) {}

  async visit(token: string): Promise<Visit> {
    const scope = /^[A-Za-z0-9_-]{16,64}$/.test(token) ? await this.ctx.store.participants.getScope(token) : null;
    if (!scope) throw new DomainError('PARTICIPANT_NOT_FOUND', 'no participant has this link');
    const { participant, project, waves } = scope;
    if (participant.status === 'withdrawn')
      throw new DomainError('PARTICIPANT_WITHDRAWN', 'this participant has withdrawn');
    const timeZone = projectTimeZone(this.ctx, project);
    const today = todayIn(timeZone, this.ctx.now());
    const wave = openWave(waves, today) ?? null;
    if (!wave)
      return {
        participant,
        project,
        timeZone,
        wave: null,
        upcoming: nextWave(waves, today) ?? null,
        scheduled: waves.length > 0,
        instrument: null,
        sections: [],
        response: null,
      };
    const instrument = await this.projects.instrumentFor(project, wave.instrumentVersion);
    let response = await this.ctx.store.responses.get(participant.id, wave.id);
    // Staff corrections change the data, never the participant's receipt: they see what they sent.
    if (response?.revisedAt)
      response = {
        ...response,
        answers: answersAsSubmitted(response.answers, await this.ctx.store.responses.history(participant.id, wave.id)),
      };
    return {
      participant,
      project,
      timeZone,
      wave,
      upcoming: null,
      scheduled: true,
      instrument,
      sections: sectionsForGroup(instrument, participant.group),
      response,
    };
  }

  /** The token for a typed access code, or null; malformed codes never reach the store. */
  async tokenForAccessCode(input: string): Promise<string | null> {
    const code = normaliseAccessCode(input);
    if (!isWellFormedAccessCode(code)) return null;
    const participant = await this.ctx.store.participants.getByAccessCode(code);
    return participant ? participant.token : null;
  }

  /**
   * Where a returning participant picks up: after the last section they saved, answered or left
   * blank (a section skipped on purpose is not asked again), or after the last one with answers
   * for drafts saved before sections were recorded.
   */
  resumeTarget(visit: Visit): ResumeTarget {
    if (!visit.wave) return { kind: 'no-wave' };
    if (!visit.response) return { kind: 'consent' };
    if (visit.response.status === 'submitted') return { kind: 'receipt' };
    const { answers, savedSections } = visit.response;
    let last = -1;
    visit.sections.forEach((section, i) => {
      if (savedSections.includes(section.id) || section.items.some((item) => answers[item.id] !== undefined)) last = i;
    });
    return last + 1 < visit.sections.length ? { kind: 'section', index: last + 1 } : { kind: 'check' };
  }

  /**
   * Consent opens the draft for this wave and is recorded with its time, wave and the version of
   * the consent texts the participant was shown (BUILT_IN_CONSENT_VERSION for the built-in
   * ones); without one (the demo's seeding), the newest. A version the project never had is
   * refused (VALIDATION): the page was tampered with.
   */
  async consent(visit: Visit, shown?: number): Promise<void> {
    const { wave, participant, project } = this.requireOpen(visit);
    if (visit.response) return;
    const newest = (await this.ctx.store.consentTexts.latest(project.id))?.version ?? BUILT_IN_CONSENT_VERSION;
    const shownVersion = shown ?? newest;
    if (!Number.isInteger(shownVersion) || shownVersion < BUILT_IN_CONSENT_VERSION || shownVersion > newest)
      throw new DomainError('VALIDATION', `the project has no consent texts version ${shownVersion}`);
    const at = this.ctx.now().toISOString();
    // A draft is never open without the record of the consent that opened it.
    await this.ctx.store.transaction(async (tx) => {
      await tx.responses.saveDraft({
        projectId: project.id,
        participantId: participant.id,
        waveId: wave.id,
        group: participant.group,
        changes: {},
        source: 'web',
        enteredBy: null,
        at,
        consentVersion: shownVersion,
      });
      await tx.audit.append({
        actor: 'participant',
        projectId: project.id,
        action: 'consent.given',
        target: participant.id,
        details: { waveId: wave.id, wave: wave.label, at, consentVersion: shownVersion },
      });
    });
  }

  async saveSection(visit: Visit, index: number, form: Record<string, unknown>): Promise<SectionSaveResult> {
    const { wave, participant, project, instrument } = this.requireOpen(visit);
    const section = visit.sections[index];
    if (!section) throw new DomainError('NOT_FOUND', 'no such section');
    const read = readAnswerForm(instrument, section.items, form);
    if (read.problems.length > 0) return { ok: false, problems: read.problems, values: read.values };
    // Only this section's answers go to the store, which merges them with what is saved then.
    const changes = Object.fromEntries(Object.entries(read.answers).map(([id, value]) => [id, value ?? null]));
    try {
      await this.ctx.store.responses.saveDraft({
        projectId: project.id,
        participantId: participant.id,
        waveId: wave.id,
        group: participant.group,
        changes,
        section: section.id,
        source: 'web',
        enteredBy: null,
        at: this.ctx.now().toISOString(),
      });
    } catch (error) {
      // Undone by the store (a full disk): the page comes back as typed, saying it was not saved (ADR 0069).
      if (isDomainError(error) || !wasRolledBack(error)) throw error;
      (this.ctx.log ?? console.error)(
        `section ${index + 1} of ${participant.id} not saved: ${(error as Error)?.stack ?? String(error)}`,
      );
      return { ok: false, problems: [], values: read.values, notSaved: true };
    }
    return { ok: true };
  }

  /**
   * Submits the saved draft. A second submission (two tabs, a double click) is not an error for
   * the participant: they see the receipt of what was received the first time.
   */
  async submit(visit: Visit): Promise<{ response: SurveyResponse; alreadySubmitted: boolean }> {
    if (visit.response?.status === 'submitted') return { response: visit.response, alreadySubmitted: true };
    const { wave, participant, project } = this.requireOpen(visit);
    try {
      // Without answers: the store submits the draft as saved at that moment, not as read earlier.
      const response = await this.ctx.store.responses.submit({
        projectId: project.id,
        participantId: participant.id,
        waveId: wave.id,
        group: participant.group,
        source: 'web',
        enteredBy: null,
        at: this.ctx.now().toISOString(),
      });
      return { response, alreadySubmitted: false };
    } catch (error) {
      if (!isDomainError(error) || error.code !== 'ALREADY_SUBMITTED') throw error;
      const response = await this.ctx.store.responses.get(participant.id, wave.id);
      if (!response) throw error;
      return { response, alreadySubmitted: true };
    }
  }

  private requireOpen(visit: Visit): Visit & { wave: Wave; instrument: Instrument } {
    if (!visit.wave || !visit.instrument) throw new DomainError('WAVE_NOT_FOUND', 'no wave is open');
    if (visit.response?.status === 'submitted') throw new DomainError('ALREADY_SUBMITTED', 'already submitted');
    return visit as Visit & { wave: Wave; instrument: Instrument };
  }
}
