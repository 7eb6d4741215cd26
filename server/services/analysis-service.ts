import type { AnalysisDesign } from '../domain/analysis/analysis-design.js';
import { countInvited } from '../domain/analysis/invited-counts.js';
import { analyseProject, type ProjectAnalysis } from '../domain/analysis/project-analysis.js';
import { englishText, ResponseTable } from '../domain/analysis/response-table.js';
import { DomainError } from '../domain/errors.js';
import { resolveStatusThresholds, type StatusThresholds } from '../domain/statistics/status-rules.js';
import type { Participant, Project, Wave } from '../store/records.js';
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
  const overrides = project.settings.flagThresholds;
  if (overrides === undefined || overrides === null) return resolveStatusThresholds();
  if (typeof overrides !== 'object' || Array.isArray(overrides)) {
    throw new DomainError('VALIDATION', 'invalid flag thresholds', [{ where: 'flagThresholds', message: 'must be an object of threshold names and numbers' }]);
  }
  return resolveStatusThresholds(overrides as Partial<StatusThresholds>);
}

export class AnalysisService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly projects: ProjectService,
  ) {}

  async analyse(slug: string): Promise<LoadedAnalysis> {
    return this.analyseProject(await this.projects.bySlug(slug));
  }

  /**
   * Streams the submitted responses into the scored table (drafts are not answers yet), then
   * runs the pure pipeline with the project's thresholds.
   */
  async analyseProject(project: Project): Promise<LoadedAnalysis> {
    const thresholds = projectThresholds(project);
    const { store } = this.ctx;
    const waves = await store.listWaves(project.id);
    const instruments = await this.projects.instrumentsInUse(project, waves);
    const design: AnalysisDesign = {
      waves: waves.map((wave) => ({ id: wave.id, label: wave.label, instrument: instruments.get(wave.instrumentVersion)! })),
      groups: project.groups.map(({ id, label }) => ({ id, label: englishText(label) })),
    };
    const table = new ResponseTable(design);
    for await (const response of store.iterateResponses(project.id, { status: 'submitted' })) table.add(response);
    table.indexParticipants();
    const participants = await store.listParticipants(project.id);
    const invited = countInvited(waves, participants, (waveId) => table.respondents(waveId));
    return { project, waves, participants, table, analysis: analyseProject(table, { invited, thresholds }) };
  }
}
