import { DomainError } from '../domain/errors.js';
import type { Project, SummaryTexts, Wave, WaveSummary } from '../domain/records.js';
import {
  draftProblems,
  publishProblems,
  smallGroups,
  summaryIn,
  summaryTextsOf,
  type SummaryInLanguage,
  type SummaryProblem,
} from '../domain/wave-summary.js';
import type { ProjectService } from './project-service.js';
import type { Actor, ServiceContext } from './service-context.js';

/** What the lead's page of one wave's summary shows. */
export interface SummaryPage {
  wave: Wave;
  /** The project's languages, as its questionnaire for this wave has them: one pair of texts each. */
  languages: string[];
  summary: WaveSummary | null;
  /** Groups of this wave with 1 to 4 respondents: while there are any, no text may hold a number. */
  smallGroups: string[];
}

/** Saved (or published); or not, with the problems and the texts as cleaned, for the form to show again. */
export type SummaryResult =
  | { ok: true; summary: WaveSummary; texts: SummaryTexts }
  | { ok: false; code: 'VALIDATION' | 'SUMMARY_HAS_NUMBERS'; problems: SummaryProblem[]; texts: SummaryTexts };

/** A published summary as one reader is shown it. */
export interface ShownSummary extends SummaryInLanguage {
  wave: Wave;
  publishedAt: string;
  version: number;
}

/**
 * "You said, we did" (issue 19): a lead writes, per wave and per project language, what was
 * heard and what is being done; participants see the latest published one of an earlier wave
 * when the next wave opens, on their receipt, and in the paper pack's cover letter.
 */
export class WaveSummaryService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly projects: ProjectService,
  ) {}

  async page(project: Project, waveId: string): Promise<SummaryPage> {
    const wave = await this.waveOf(project, waveId);
    const [instrument, summary, respondents] = await Promise.all([
      this.projects.instrumentFor(project, wave.instrumentVersion),
      this.ctx.store.waveSummaries.get(wave.id),
      this.respondents(project, wave),
    ]);
    return { wave, languages: [...instrument.languages], summary, smallGroups: smallGroups(respondents) };
  }

  /** Keeps the texts as the draft; only a text over the length limit stops it. */
  async saveDraft(
    project: Project,
    waveId: string,
    form: Record<string, unknown>,
    actor: Actor,
  ): Promise<SummaryResult> {
    const { wave, languages } = await this.page(project, waveId);
    const texts = summaryTextsOf(form, languages);
    const problems = draftProblems(texts);
    if (problems.length > 0) return { ok: false, code: 'VALIDATION', problems, texts };
    const at = this.ctx.now().toISOString();
    const summary = await this.ctx.store.transaction(async (tx) => {
      const saved = await tx.waveSummaries.saveDraft({ projectId: project.id, waveId: wave.id, texts, by: actor, at });
      await tx.audit.append({
        actor,
        projectId: project.id,
        action: 'summary.draft',
        target: wave.label,
        details: { waveId: wave.id, languages: Object.keys(texts) },
      });
      return saved;
    });
    return { ok: true, summary, texts };
  }

  /**
   * Publishes the texts as posted, which are what the lead saw in the preview: the draft becomes
   * them too. Refused, with the draft kept, when publishProblems finds any (ADR 0105).
   */
  async publish(project: Project, waveId: string, form: Record<string, unknown>, actor: Actor): Promise<SummaryResult> {
    const page = await this.page(project, waveId);
    const texts = summaryTextsOf(form, page.languages);
    const problems = publishProblems(texts, page.languages, page.smallGroups);
    if (problems.length > 0) {
      // What was typed is never lost: kept as the draft unless it is too long to keep.
      const draft = await this.saveDraft(project, waveId, form, actor);
      const numbers = problems.some((p) => p.kind === 'numbers');
      return { ok: false, code: numbers ? 'SUMMARY_HAS_NUMBERS' : 'VALIDATION', problems, texts: draft.texts };
    }
    const at = this.ctx.now().toISOString();
    const summary = await this.ctx.store.transaction(async (tx) => {
      const published = await tx.waveSummaries.publish({
        projectId: project.id,
        waveId: page.wave.id,
        texts,
        by: actor,
        at,
      });
      await tx.audit.append({
        actor,
        projectId: project.id,
        action: 'summary.publish',
        target: page.wave.label,
        // The words participants were shown, kept with the version that showed them.
        details: { waveId: page.wave.id, version: published.published!.version, texts },
      });
      return published;
    });
    return { ok: true, summary, texts };
  }

  /** Withdraws the published summary from participants; the draft stays. NOT_PUBLISHED if none is. */
  async unpublish(project: Project, waveId: string, actor: Actor): Promise<WaveSummary> {
    const wave = await this.waveOf(project, waveId);
    return this.ctx.store.transaction(async (tx) => {
      const before = await tx.waveSummaries.get(wave.id);
      const summary = await tx.waveSummaries.unpublish(wave.id);
      await tx.audit.append({
        actor,
        projectId: project.id,
        action: 'summary.unpublish',
        target: wave.label,
        details: { waveId: wave.id, version: before?.published?.version ?? null },
      });
      return summary;
    });
  }

  /**
   * What a reader of `language` is shown beside `wave` (a participant's page, their receipt,
   * the wave's paper pack): the published summary of the latest wave that opened before it, in
   * their language or as summaryIn falls back (ADR 0106). Null when there is none.
   */
  async shownWith(project: Project, wave: Wave, language: string): Promise<ShownSummary | null> {
    const waves = await this.ctx.store.waves.list(project.id);
    const earlier = new Set(waves.filter((w) => w.opensOn < wave.opensOn).map((w) => w.id));
    if (earlier.size === 0) return null;
    const published = (await this.ctx.store.waveSummaries.list(project.id)).filter(
      (s) => s.published && earlier.has(s.waveId),
    );
    const latest = published.at(-1);
    if (!latest?.published) return null;
    const source = waves.find((w) => w.id === latest.waveId)!;
    const instrument = await this.projects.instrumentFor(project, source.instrumentVersion);
    const text = summaryIn(latest.published.texts, language, instrument.languages);
    return text ? { ...text, wave: source, publishedAt: latest.published.at, version: latest.published.version } : null;
  }

  /**
   * The waves whose paper pack can print a summary in its cover letters, each with the earlier
   * wave whose published summary shownWith would give it.
   */
  async packOptions(project: Project): Promise<{ wave: Wave; from: Wave }[]> {
    const [waves, summaries] = await Promise.all([
      this.ctx.store.waves.list(project.id),
      this.ctx.store.waveSummaries.list(project.id),
    ]);
    const published = new Set(summaries.filter((s) => s.published).map((s) => s.waveId));
    return waves.flatMap((wave) => {
      const from = waves.filter((w) => w.opensOn < wave.opensOn && published.has(w.id)).at(-1);
      return from ? [{ wave, from }] : [];
    });
  }

  /** The wave of this project, or WAVE_NOT_FOUND: another project's wave is not found. */
  private async waveOf(project: Project, waveId: string): Promise<Wave> {
    const wave = await this.ctx.store.waves.get(waveId);
    if (!wave || wave.projectId !== project.id) throw new DomainError('WAVE_NOT_FOUND', 'no such wave in this project');
    return wave;
  }

  /** Submitted responses of the wave per group: who answered, as the dashboards count them. */
  private async respondents(project: Project, wave: Wave): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for await (const response of this.ctx.store.responses.iterate(project.id, { status: 'submitted', waveId: wave.id }))
      counts[response.group] = (counts[response.group] ?? 0) + 1;
    return counts;
  }
}
