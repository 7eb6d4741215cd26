import type { AnalysisDesign } from '../domain/analysis/analysis-design.js';
import { estimateFalseAlarms, type FalseAlarmEstimate } from '../domain/calibration/calibration.js';
import { DEFAULT_MODEL } from '../domain/calibration/simulation-model.js';
import { countInvited } from '../domain/analysis/invited-counts.js';
import { analyseProject, type ProjectAnalysis } from '../domain/analysis/project-analysis.js';
import { ResponseTable } from '../domain/analysis/response-table.js';
import { englishText } from '../domain/english-text.js';
import { DomainError } from '../domain/errors.js';
import { resolveStatusThresholds, type StatusThresholds } from '../domain/statistics/status-rules.js';
import type { Participant, Project, Wave } from '../domain/records.js';
import type { ProjectService } from './project-service.js';
import type { ServiceContext } from './service-context.js';

/** A project's analysis with what produced it, for exports that need more than the cells. */
export interface LoadedAnalysis {
  project: Project;
  waves: Wave[];
  participants: Participant[];
  table: ResponseTable;
  analysis: ProjectAnalysis;
}

/** The project's overrides of the flag thresholds, checked; a malformed setting is a VALIDATION error. */
export function projectThresholds(project: Project): StatusThresholds {
  const overrides = project.settings.statusThresholds;
  if (overrides === undefined || overrides === null) return resolveStatusThresholds();
  if (typeof overrides !== 'object' || Array.isArray(overrides)) {
    throw new DomainError('VALIDATION', 'invalid flag thresholds', [
      { where: 'statusThresholds', message: 'must be an object of threshold names and numbers' },
    ]);
  }
  return resolveStatusThresholds(overrides as Partial<StatusThresholds>);
}

/** Simulated projects behind a settings-page estimate: one standard error is about 1.5 points at 5%, 3 at 20%. */
const ESTIMATE_PROJECTS = 200;
const ESTIMATE_SEED = 20261202;
/**
 * The page simulates inside the request, so the design it simulates is capped: at most this
 * many people a group and these many waves (about a second on the development VM). Larger
 * groups only bring the test closer to its nominal level.
 */
export const ESTIMATE_MAX_GROUP = 60;
export const ESTIMATE_MAX_WAVES = 6;
/** Estimates kept, newest last; an import or a new threshold makes another. */
const ESTIMATES_KEPT = 32;

export class AnalysisService {
  /** Estimates by design and thresholds; the same inputs always give the same figure, so they keep. */
  private readonly estimates = new Map<string, FalseAlarmEstimate>();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly projects: ProjectService,
  ) {}

  /**
   * The calibration harness's false-alarm rates for this project's active group sizes and
   * scheduled waves (at least 2), under the given thresholds, within the caps above.
   */
  async falseAlarmEstimate(
    project: Project,
    thresholds: StatusThresholds,
  ): Promise<FalseAlarmEstimate & { groups: { label: string; size: number }[]; waves: number }> {
    const participants = await this.ctx.store.participants.list(project.id);
    const waves = Math.min(ESTIMATE_MAX_WAVES, Math.max(2, (await this.ctx.store.waves.list(project.id)).length));
    const groups = project.groups.map(({ id, label }) => ({
      id,
      label: englishText(label),
      size: Math.min(ESTIMATE_MAX_GROUP, participants.filter((p) => p.group === id && p.status === 'active').length),
    }));
    const key = JSON.stringify([project.instrumentVersion, groups.map((g) => g.size), waves, thresholds]);
    let estimate = this.estimates.get(key);
    if (!estimate) {
      const instrument = await this.projects.instrumentFor(project);
      estimate = estimateFalseAlarms(
        instrument,
        DEFAULT_MODEL,
        thresholds,
        groups,
        waves,
        ESTIMATE_PROJECTS,
        ESTIMATE_SEED,
      );
      if (this.estimates.size >= ESTIMATES_KEPT) this.estimates.delete(this.estimates.keys().next().value!);
      this.estimates.set(key, estimate);
    }
    return { ...estimate, groups: groups.map(({ label, size }) => ({ label, size })), waves };
  }

  /**
   * Streams the submitted responses into the scored table (drafts are not answers yet), then
   * runs the pure pipeline with the project's thresholds.
   */
  async analyse(project: Project): Promise<LoadedAnalysis> {
    const thresholds = projectThresholds(project);
    const { store } = this.ctx;
    const waves = await store.waves.list(project.id);
    const instruments = await this.projects.instrumentsInUse(project, waves);
    const design: AnalysisDesign = {
      waves: waves.map((wave) => ({
        id: wave.id,
        label: wave.label,
        instrument: instruments.get(wave.instrumentVersion)!,
      })),
      groups: project.groups.map(({ id, label }) => ({ id, label: englishText(label), names: label })),
    };
    const table = new ResponseTable(design);
    for await (const response of store.responses.iterate(project.id, { status: 'submitted' })) table.add(response);
    table.indexParticipants();
    const participants = await store.participants.list(project.id);
    const invited = countInvited(waves, participants, (waveId) => table.respondents(waveId));
    return { project, waves, participants, table, analysis: analyseProject(table, { invited, thresholds }) };
  }
}
