import type { Writable } from 'node:stream';
import { allItems, type Instrument, type Item } from '../domain/instrument.js';
import { dimensionOf, scoredValue } from '../domain/item-types/registry.js';
import { scoreDimensions } from '../domain/scoring.js';
import { writeCsv, type CsvChunk, type CsvRow } from '../export/csv-stream.js';
import { writeXlsx, type DateColumns } from '../export/xlsx-stream.js';
import type { Project, SurveyResponse } from '../domain/records.js';
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
import { ACTIONS_COLUMNS, actionRows } from './action-exports.js';
import type { ActionService } from './action-service.js';
import {
  ITEMS_WIDE_LEADING_COLUMNS,
  itemColumns,
  itemsWideRow,
  OPEN_ANSWERS_COLUMNS,
  openAnswerRows,
  PARTICIPATION_COLUMNS,
  participationRows,
  type ResponseInWave,
} from './item-exports.js';
import { itemsWideLabels, SYNTAX_FILES, type SyntaxFile } from './labels-exports.js';
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
export const SCORES_COLUMNS = [
  'participant',
  'group',
  'wave',
  'wave_index',
  'wave_opens',
  'dimension',
  'score',
  'items_answered',
] as const;

type RawExportKind = 'responses' | 'scores' | 'items-wide' | 'open-answers' | 'participation';
type AnalysisExportKind = 'trends' | 'flags' | 'wide' | 'actions' | 'codebook';
export type ExportKind = RawExportKind | AnalysisExportKind;
/** Every export, in the order the CLI and the downloads list them; each is written as `<kind>.csv` and `<kind>.xlsx`. */
export const EXPORT_KINDS: readonly ExportKind[] = [
  'responses',
  'scores',
  'trends',
  'flags',
  'wide',
  'items-wide',
  'open-answers',
  'participation',
  'actions',
  'codebook',
];
export type ExportFormat = 'csv' | 'xlsx';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'xlsx'];

/** The columns of every export that hold dates: a spreadsheet gets them as dates, not text. */
export const DATE_COLUMNS: DateColumns = {
  wave_opens: 'date',
  enrolled_on: 'date',
  withdrawn_on: 'date',
  submitted_at: 'date-time',
  revised_at: 'date-time',
  due: 'date',
  agreed_at: 'date',
};

export function isExportKind(value: string): value is ExportKind {
  return (EXPORT_KINDS as readonly string[]).includes(value);
}

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** An export before it is written: its columns and its rows, which may still be coming. */
interface ExportTable {
  columns: readonly string[];
  rows: AsyncIterable<CsvChunk> | Iterable<CsvChunk>;
}

export class ExportService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly projects: ProjectService,
    private readonly analyses: AnalysisService,
    private readonly actions: ActionService,
  ) {}

  /**
   * Streams one export to `out` as CSV (with a byte-order mark when `bom`) or as .xlsx, and
   * records that it was taken. The CLI and the web downloads both come through here.
   */
  async write(
    kind: ExportKind,
    project: Project,
    out: Writable,
    actor: Actor,
    options: { format?: ExportFormat; bom?: boolean } = {},
  ): Promise<void> {
    const format = options.format ?? 'csv';
    await this.ctx.store.audit.append({
      actor,
      projectId: project.id,
      action: 'export',
      target: `${kind}.${format}`,
      details: {},
    });
    const { columns, rows } = await this.table(kind, project);
    if (format === 'xlsx') return writeXlsx(rows, columns, out, { sheet: kind, dates: DATE_COLUMNS });
    return writeCsv(rows, columns, out, { bom: options.bom === true });
  }

  /**
   * Writes labels.sps, labels.do or labels.R, which load items-wide.csv with labels in `language`
   * (see labels-exports.ts), and records that it was taken. Throws VALIDATION for a language the
   * questionnaire does not have, before anything is written.
   */
  async writeSyntax(file: SyntaxFile, project: Project, out: Writable, actor: Actor, language?: string): Promise<void> {
    const waves = await this.ctx.store.waves.list(project.id);
    const instruments = [...(await this.projects.instrumentsInUse(project, waves)).values()];
    const text = SYNTAX_FILES[file](itemsWideLabels(project, waves, instruments, language));
    await this.ctx.store.audit.append({ actor, projectId: project.id, action: 'export', target: file, details: {} });
    await new Promise<void>((resolve, reject) => {
      out.once('error', reject);
      out.end(text, () => resolve());
    });
  }

  private async table(kind: ExportKind, project: Project): Promise<ExportTable> {
    switch (kind) {
      case 'responses':
        return { columns: RESPONSES_COLUMNS, rows: this.responseRows(project) };
      case 'scores':
        return { columns: SCORES_COLUMNS, rows: this.scoreRows(project) };
      case 'items-wide': {
        const instruments = [...(await this.projects.instrumentsInUse(project)).values()];
        const rows = this.map(this.responsesInContext(project, 'submitted'), itemsWideRow);
        return { columns: [...ITEMS_WIDE_LEADING_COLUMNS, ...itemColumns(instruments)], rows };
      }
      case 'open-answers':
        return {
          columns: OPEN_ANSWERS_COLUMNS,
          rows: this.map(this.responsesInContext(project, 'submitted'), openAnswerRows),
        };
      case 'participation':
        return { columns: PARTICIPATION_COLUMNS, rows: this.participationRows(project) };
      case 'codebook': {
        const instruments = [...(await this.projects.instrumentsInUse(project)).values()];
        return { columns: codebookColumns(instruments), rows: codebookRows(instruments, projectThresholds(project)) };
      }
      case 'actions':
        return { columns: ACTIONS_COLUMNS, rows: actionRows(await this.actions.followUps(project)) };
      case 'trends':
      case 'flags':
      case 'wide': {
        const loaded = await this.analyses.analyse(project);
        if (kind === 'trends') return { columns: TRENDS_COLUMNS, rows: trendRows(loaded.analysis) };
        if (kind === 'flags') return { columns: FLAGS_COLUMNS, rows: flagRows(loaded.analysis) };
        // Before any wave, the columns still name the dimensions of the project's questionnaire.
        const columns =
          loaded.waves.length > 0
            ? wideColumns(loaded.analysis)
            : [...WIDE_LEADING_COLUMNS, ...(await this.projects.instrumentFor(project)).dimensions.map((d) => d.id)];
        return { columns, rows: wideRows(loaded) };
      }
    }
  }

  /** The rows each response makes, one chunk per response, in the order the responses come. */
  private async *map(
    responses: AsyncIterable<ResponseInWave>,
    rowsOf: (response: ResponseInWave) => CsvChunk,
  ): AsyncGenerator<CsvChunk> {
    for await (const response of responses) yield rowsOf(response);
  }

  /**
   * Responses wave by wave, each wave sorted by participant code. Only one wave is held in
   * memory at a time, so the export stays flat however many waves a project runs.
   */
  private async *responsesInContext(project: Project, status?: ResponseStatus): AsyncGenerator<ResponseInWave> {
    const list = await this.ctx.store.waves.list(project.id);
    const waves = new Map(list.map((wave, index) => [wave.id, { wave, waveIndex: index + 1 }]));
    const participants = new Map((await this.ctx.store.participants.list(project.id)).map((p) => [p.id, p]));
    const instruments = new Map<string, Instrument>();
    let batch: ResponseInWave[] = [];
    const flush = function* () {
      batch.sort((a, b) => a.participant.code.localeCompare(b.participant.code));
      yield* batch;
      batch = [];
    };
    for await (const response of this.ctx.store.responses.iterate(project.id, status ? { status } : {})) {
      const placed = waves.get(response.waveId);
      const participant = participants.get(response.participantId);
      if (!placed || !participant) continue;
      const { wave, waveIndex } = placed;
      if (batch.length > 0 && batch[0]?.wave.id !== wave.id) yield* flush();
      let instrument = instruments.get(wave.instrumentVersion);
      if (!instrument) {
        instrument = await this.projects.instrumentFor(project, wave.instrumentVersion);
        instruments.set(wave.instrumentVersion, instrument);
      }
      batch.push({ response, participant, wave, waveIndex, instrument });
    }
    yield* flush();
  }

  /**
   * Every participant in every wave, wave by wave, each sorted by code; only one wave's
   * responses are held at a time.
   */
  private async *participationRows(project: Project): AsyncGenerator<CsvRow[]> {
    const waves = await this.ctx.store.waves.list(project.id);
    const participants = (await this.ctx.store.participants.list(project.id)).sort((a, b) =>
      a.code.localeCompare(b.code),
    );
    for (const [index, wave] of waves.entries()) {
      const submitted = new Map<string, SurveyResponse>();
      for await (const response of this.ctx.store.responses.iterate(project.id, {
        waveId: wave.id,
        status: 'submitted',
      }))
        submitted.set(response.participantId, response);
      yield participationRows(wave, index + 1, participants, submitted);
    }
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
    for await (const { response, participant, wave, waveIndex, instrument } of this.responsesInContext(
      project,
      'submitted',
    )) {
      yield scoreDimensions(instrument, response.answers, response.group).map((score) => ({
        participant: participant.code,
        group: response.group,
        wave: wave.label,
        wave_index: waveIndex,
        wave_opens: wave.opensOn,
        dimension: score.dimension,
        score: score.score,
        items_answered: score.itemsAnswered,
      }));
    }
  }
}
