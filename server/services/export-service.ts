import type { Writable } from 'node:stream';
import { allItems, type Instrument, type Item } from '../domain/instrument.js';
import { dimensionOf, scoredValue } from '../domain/item-types/registry.js';
import { scoreDimensions } from '../domain/scoring.js';
import { writeCsv, type CsvRow } from '../export/csv-stream.js';
import type { Participant, Project, SurveyResponse, Wave } from '../domain/records.js';
import type { ResponseStatus } from '../domain/records.js';
import {
  codebookColumns,
  codebookRows,
  FLAGS_COLUMNS,
  flagRows,
  TRENDS_COLUMNS,
  trendRows,
  WIDE_LEADING_COLUMNS,
  wideColumns,
  wideRows,
} from './analysis-exports.js';
import { projectThresholds, type AnalysisService } from './analysis-service.js';
import type { ProjectService } from './project-service.js';
import type { Actor, ServiceContext } from './service-context.js';

export const RESPONSES_COLUMNS = [
  'project',
  'wave',
  'wave_opens',
  'participant',
  'group',
  'item',
  'dimension',
  'value',
  'scored_value',
  'source',
  'submitted_at',
  'revised_at',
] as const;
export const SCORES_COLUMNS = ['participant', 'group', 'wave', 'dimension', 'score', 'items_answered'] as const;

type RawExportKind = 'responses' | 'scores';
type AnalysisExportKind = 'trends' | 'flags' | 'wide' | 'codebook';
export type ExportKind = RawExportKind | AnalysisExportKind;
/** Every export, in the order the CLI and the downloads list them; each is written as `<kind>.csv`. */
export const EXPORT_KINDS: readonly ExportKind[] = ['responses', 'scores', 'trends', 'flags', 'wide', 'codebook'];

export function isExportKind(value: string): value is ExportKind {
  return (EXPORT_KINDS as readonly string[]).includes(value);
}

interface ResponseInContext {
  response: SurveyResponse;
  participant: Participant;
  wave: Wave;
  instrument: Instrument;
}

export class ExportService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly projects: ProjectService,
    private readonly analyses: AnalysisService,
  ) {}

  /**
   * Streams one export as CSV to `out`, and records that it was taken. The CLI and the web
   * downloads both come through here.
   */
  async write(kind: ExportKind, project: Project, out: Writable, actor: Actor): Promise<void> {
    await this.ctx.store.audit.append({
      actor,
      projectId: project.id,
      action: 'export',
      target: `${kind}.csv`,
      details: {},
    });
    switch (kind) {
      case 'responses':
        return writeCsv(this.responseRows(project), RESPONSES_COLUMNS, out);
      case 'scores':
        return writeCsv(this.scoreRows(project), SCORES_COLUMNS, out);
      case 'codebook': {
        const instruments = [...(await this.projects.instrumentsInUse(project)).values()];
        return writeCsv(codebookRows(instruments, projectThresholds(project)), codebookColumns(instruments), out);
      }
      case 'trends':
      case 'flags':
      case 'wide': {
        const loaded = await this.analyses.analyse(project);
        if (kind === 'trends') return writeCsv(trendRows(loaded.analysis), TRENDS_COLUMNS, out);
        if (kind === 'flags') return writeCsv(flagRows(loaded.analysis), FLAGS_COLUMNS, out);
        // Before any wave, the columns still name the dimensions of the project's questionnaire.
        const columns =
          loaded.waves.length > 0
            ? wideColumns(loaded.analysis)
            : [...WIDE_LEADING_COLUMNS, ...(await this.projects.instrumentFor(project)).dimensions.map((d) => d.id)];
        return writeCsv(wideRows(loaded), columns, out);
      }
    }
  }

  /** The project's pinned version and every version its waves use, oldest first. */
  /**
   * Responses wave by wave, each wave sorted by participant code. Only one wave is held in
   * memory at a time, so the export stays flat however many waves a project runs.
   */
  private async *responsesInContext(project: Project, status?: ResponseStatus): AsyncGenerator<ResponseInContext> {
    const waves = new Map((await this.ctx.store.waves.list(project.id)).map((w) => [w.id, w]));
    const participants = new Map((await this.ctx.store.participants.list(project.id)).map((p) => [p.id, p]));
    const instruments = new Map<string, Instrument>();
    let batch: ResponseInContext[] = [];
    const flush = function* () {
      batch.sort((a, b) => a.participant.code.localeCompare(b.participant.code));
      yield* batch;
      batch = [];
    };
    for await (const response of this.ctx.store.responses.iterate(project.id, status ? { status } : {})) {
      const wave = waves.get(response.waveId);
      const participant = participants.get(response.participantId);
      if (!wave || !participant) continue;
      if (batch.length > 0 && batch[0]?.wave.id !== wave.id) yield* flush();
      let instrument = instruments.get(wave.instrumentVersion);
      if (!instrument) {
        instrument = await this.projects.instrumentFor(project, wave.instrumentVersion);
        instruments.set(wave.instrumentVersion, instrument);
      }
      batch.push({ response, participant, wave, instrument });
    }
    yield* flush();
  }

  /** One batch of rows per response: 720,000 answers are 24,000 trips through the stream, not 720,000. */
  private async *responseRows(project: Project): AsyncGenerator<CsvRow[]> {
    const itemsOf = new Map<Instrument, Item[]>();
    for await (const { response, participant, wave, instrument } of this.responsesInContext(project)) {
      let items = itemsOf.get(instrument);
      if (!items) itemsOf.set(instrument, (items = allItems(instrument)));
      const rows: CsvRow[] = [];
      for (const item of items) {
        const value = response.answers[item.id];
        if (value === undefined) continue;
        rows.push({
          project: project.slug,
          wave: wave.label,
          wave_opens: wave.opensOn,
          participant: participant.code,
          group: response.group,
          item: item.id,
          dimension: dimensionOf(item) ?? null,
          value,
          scored_value: scoredValue(instrument, item, value),
          source: response.source,
          submitted_at: response.submittedAt,
          revised_at: response.revisedAt,
        });
      }
      yield rows;
    }
  }

  /** Scores of submitted responses only: a draft is not yet an answer. */
  private async *scoreRows(project: Project): AsyncGenerator<CsvRow[]> {
    for await (const { response, participant, wave, instrument } of this.responsesInContext(project, 'submitted')) {
      yield scoreDimensions(instrument, response.answers, response.group).map((score) => ({
        participant: participant.code,
        group: response.group,
        wave: wave.label,
        dimension: score.dimension,
        score: score.score,
        items_answered: score.itemsAnswered,
      }));
    }
  }
}
