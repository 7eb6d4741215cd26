import { formatAccessCode } from '../domain/access-code.js';
import { readAnswerForm, sectionsForGroup, type AnswerProblem } from '../domain/answer-form.js';
import { calendarDateOf } from '../domain/calendar-date.js';
import type { Answers } from '../domain/answers.js';
import { DomainError } from '../domain/errors.js';
import type { Instrument, Section } from '../domain/instrument.js';
import { itemTypeOf } from '../domain/item-types/registry.js';
import type { Participant, Project, SurveyResponse, Wave } from '../domain/records.js';
import { waveState } from '../domain/wave-schedule.js';
import type { DoubleEntryService, KeyingOutcome } from './double-entry-service.js';
import type { ProjectService } from './project-service.js';
import type { Actor, ServiceContext } from './service-context.js';

/** Loaded at the first letter, so a start of the server or the CLI does not pay for qrcode. */
const qrCode = async () => (await import('qrcode')).default;

type LetterKind = 'invitation' | 'reminder';

interface PaperPackEntry {
  participant: Participant;
  letter: LetterKind;
  /** Paper-mode participants get the blank questionnaire after their letter. */
  withQuestionnaire: boolean;
  sections: Section[];
  link: string;
  accessCode: string;
  /** An SVG made on our server: no third-party QR service ever sees a personal link. */
  qrSvg: string;
}

interface PaperPack {
  project: Project;
  wave: Wave;
  instrument: Instrument;
  codeEntryUrl: string;
  entries: PaperPackEntry[];
}

/**
 * What keying in flags before anything is saved: the web form's rules, and a lone digit in a
 * written answer (most often a box value typed one box too far), kept only once confirmed.
 */
export interface PaperProblem {
  itemId: string;
  reason: AnswerProblem['reason'] | 'lone_digit';
}

/** Saved (`response` once it is stored as submitted, null while double entry waits) or refused with what to fix. */
type PaperEntryResult =
  | { ok: true; outcome: KeyingOutcome; response: SurveyResponse | null }
  | { ok: false; problems: PaperProblem[]; values: Record<string, string> };

/** Typed into a box to mean "nothing ticked", the same as leaving the box empty. */
const BLANK_MARK = '-';

/** The form field that confirms a lone digit in a written answer is what the paper says. */
export const keepField = (itemId: string): string => `keep-${itemId}`;

/** Paper questionnaires out (the printable pack) and back in (keyed in by data-entry staff). */
export class PaperService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly projects: ProjectService,
    private readonly doubleEntry: DoubleEntryService,
  ) {}

  async wave(project: Project, waveId: string): Promise<{ wave: Wave; instrument: Instrument }> {
    const wave = await this.ctx.store.waves.get(waveId);
    if (!wave || wave.projectId !== project.id) throw new DomainError('WAVE_NOT_FOUND', 'no such wave in this project');
    return { wave, instrument: await this.projects.instrumentFor(project, wave.instrumentVersion) };
  }

  /** For every active paper-mode participant, or for one participant by code (any mode). */
  async pack(project: Project, waveId: string, code?: string): Promise<PaperPack> {
    let participants: Participant[];
    if (code) {
      participants = [await this.participantForEntry(project, code)];
    } else {
      participants = (await this.ctx.store.participants.list(project.id)).filter(
        (p) => p.mode === 'paper' && p.status === 'active',
      );
    }
    return this.build(
      project,
      waveId,
      participants.map((participant) => ({ participant, letter: 'invitation' as const, withQuestionnaire: true })),
    );
  }

  /**
   * Letters for the people due an invitation or a reminder who have no email: the same pack,
   * with the questionnaire only for those who answer on paper.
   */
  async letters(
    project: Project,
    waveId: string,
    due: { participantId: string; kind: LetterKind }[],
  ): Promise<PaperPack> {
    // Only the people due a letter, not the whole project.
    const chosen: { participant: Participant; letter: LetterKind; withQuestionnaire: boolean }[] = [];
    for (const { participantId, kind } of due) {
      const participant = await this.ctx.store.participants.get(participantId);
      if (participant?.projectId === project.id)
        chosen.push({ participant, letter: kind, withQuestionnaire: participant.mode === 'paper' });
    }
    return this.build(project, waveId, chosen);
  }

  private async build(
    project: Project,
    waveId: string,
    chosen: { participant: Participant; letter: LetterKind; withQuestionnaire: boolean }[],
  ): Promise<PaperPack> {
    const { wave, instrument } = await this.wave(project, waveId);
    const entries = await Promise.all(
      chosen.map(async ({ participant, letter, withQuestionnaire }) => {
        const link = `${this.ctx.baseUrl}/s/${participant.token}`;
        return {
          participant,
          letter,
          withQuestionnaire,
          sections: sectionsForGroup(instrument, participant.group),
          link,
          accessCode: formatAccessCode(participant.accessCode),
          qrSvg: await (await qrCode()).toString(link, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }),
        };
      }),
    );
    return { project, wave, instrument, codeEntryUrl: `${this.ctx.baseUrl}/s`, entries };
  }

  /**
   * Records a returned paper questionnaire: the same validation as the web form, source=paper,
   * who keyed it in and when. A participant has at most one submitted response per wave. Under
   * double data entry a keying is kept and compared before anything is stored as submitted.
   */
  async enter(
    project: Project,
    waveId: string,
    code: string,
    form: Record<string, unknown>,
    actor: Actor,
  ): Promise<PaperEntryResult> {
    const { wave, instrument } = await this.wave(project, waveId);
    const participant = await this.participantForEntry(project, code);
    return this.record({ project, wave, instrument, participant }, form, actor);
  }

  /** Whose questionnaire is printed or keyed in: someone of this project who has not withdrawn (their answers are no longer collected). */
  async participantForEntry(project: Project, code: string): Promise<Participant> {
    // Codes have no spaces and are ASCII, so "cg 002" is looked up as "cg002", regardless of case, through the index.
    const participant =
      (await this.ctx.store.participants.getByCode(project.id, code.trim())) ??
      (await this.ctx.store.participants.findByCodes(project.id, [code.replace(/\s+/g, '')]))[0] ??
      null;
    if (!participant) throw new DomainError('PARTICIPANT_NOT_FOUND', `no participant "${code}" in this project`);
    if (participant.status === 'withdrawn')
      throw new DomainError(
        'PARTICIPANT_WITHDRAWN',
        `${participant.code} has withdrawn: their answers are no longer collected`,
      );
    return participant;
  }

  /** What the participant has already given for the wave, if anything: a submitted questionnaire is not keyed in again. */
  savedResponse(participant: Participant, wave: Wave): Promise<SurveyResponse | null> {
    return this.ctx.store.responses.get(participant.id, wave.id);
  }

  /**
   * Every check of keying in, with nothing saved: what record() refuses, and the answers it would
   * store. The review page is shown from this, and record() checks again at confirming.
   */
  check(
    instrument: Instrument,
    participant: Participant,
    form: Record<string, unknown>,
  ): { problems: PaperProblem[]; values: Record<string, string>; answers: Answers } {
    const items = sectionsForGroup(instrument, participant.group).flatMap((s) => s.items);
    const boxes = new Set(items.filter((i) => itemTypeOf(i).paperEntry.control === 'box-value').map((i) => i.id));
    const typed = Object.fromEntries(
      items.map((item) => {
        const raw = form[item.id];
        const text = Array.isArray(raw) ? String(raw.at(-1) ?? '') : typeof raw === 'string' ? raw : '';
        return [item.id, boxes.has(item.id) && text.trim() === BLANK_MARK ? '' : text];
      }),
    );
    const read = readAnswerForm(instrument, items, typed);
    const problems: PaperProblem[] = [...read.problems];
    for (const item of items) {
      if (boxes.has(item.id) || !/^\d$/.test((typed[item.id] ?? '').trim())) continue;
      if (form[keepField(item.id)] === undefined) problems.push({ itemId: item.id, reason: 'lone_digit' });
    }
    const values = { ...read.values, ...typed };
    const answers: Answers = {};
    for (const [id, value] of Object.entries(read.answers)) if (value !== undefined) answers[id] = value;
    return { problems, values, answers };
  }

  /**
   * As enter(), for a caller that has already looked up the wave, questionnaire and participant.
   * `whileOpen` (the staff form) refuses a wave that has closed, with WAVE_CLOSED.
   */
  async record(
    {
      project,
      wave,
      instrument,
      participant,
    }: { project: Project; wave: Wave; instrument: Instrument; participant: Participant },
    form: Record<string, unknown>,
    actor: Actor,
    { whileOpen = false }: { whileOpen?: boolean } = {},
  ): Promise<PaperEntryResult> {
    const { problems, values, answers } = this.check(instrument, participant, form);
    if (problems.length > 0) return { ok: false, problems, values };
    // Checked at saving, not only when the form was opened: the wave may have closed meanwhile.
    if (whileOpen && waveState(wave, calendarDateOf(this.ctx.now())) === 'closed')
      throw new DomainError('WAVE_CLOSED', `${wave.label} closed on ${wave.closesOn}: nothing more is keyed in for it`);
    const outcome = await this.doubleEntry.key({ project, wave, instrument, participant }, answers, actor);
    return { ok: true, outcome, response: 'response' in outcome ? outcome.response : null };
  }
}
