import { englishText } from '../domain/analysis/response-table.js';
import type { ProjectAnalysis } from '../domain/analysis/project-analysis.js';
import { NOT_APPLICABLE } from '../domain/answers.js';
import { allItems, scaleOf, type Instrument } from '../domain/instrument.js';
import type { CsvRow } from '../export/csv-stream.js';
import type { LoadedAnalysis } from './analysis-service.js';

export const TRENDS_COLUMNS = ['wave', 'wave_index', 'group', 'dimension', 'n', 'mean', 'sd', 'ci_low', 'ci_high', 'alpha', 'alpha_ci_low', 'alpha_ci_high', 'response_rate', 'status'] as const;
export const FLAGS_COLUMNS = ['wave', 'group', 'dimension', 'status', 'flags', 'mean', 'change', 'p_adjusted', 'reliable_deterioration', 'gap_g', 'reason'] as const;
/** Followed by one column per dimension id, in questionnaire order. */
export const WIDE_LEADING_COLUMNS = ['participant', 'group', 'wave', 'wave_index'] as const;
/** Followed by `text_<language>` per language, then `meaning`. */
export const CODEBOOK_LEADING_COLUMNS = ['entry', 'name', 'instrument_version', 'dimension', 'item_type', 'scale', 'scale_min', 'scale_max', 'reverse', 'groups'] as const;

const EMPTY_CELL = 'Empty when undefined (fewer than 2 scores, or no variation).';

/** What every exported column means; the codebook lists them all, and a test checks none is missing. */
export const COLUMN_MEANINGS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'responses.csv': {
    project: 'Project slug.',
    wave: 'Wave label.',
    wave_opens: 'Date the wave opened (YYYY-MM-DD).',
    participant: 'Pseudonymous participant code.',
    group: 'Stakeholder group of the participant when they answered.',
    item: 'Item id (see the item rows of this codebook).',
    dimension: 'Dimension the item belongs to; empty for open questions.',
    value: `The answer as given: a scale point, ${NOT_APPLICABLE} for "does not apply", or the text of an open answer.`,
    scored_value: 'The answer after reverse coding (min + max - value); empty for text and NA.',
    source: 'How the answer arrived: web, paper or import.',
    submitted_at: 'When the response was submitted (ISO 8601, UTC); empty for drafts.',
  },
  'scores.csv': {
    participant: 'Pseudonymous participant code.',
    group: 'Stakeholder group when they answered.',
    wave: 'Wave label.',
    dimension: 'Dimension id.',
    score: 'Mean of the answered, reverse-coded items; empty when fewer than half of the items the group is asked were answered.',
    items_answered: 'Items of the dimension answered (NA does not count).',
  },
  'trends.csv': {
    wave: 'Wave label.',
    wave_index: 'Position of the wave in the schedule, 1 for the first.',
    group: 'Stakeholder group id, or "all" for every respondent.',
    dimension: 'Dimension id.',
    n: 'Respondents with a score.',
    mean: 'Mean score (higher is better on every dimension); empty when n is 0.',
    sd: `Sample standard deviation (n - 1). ${EMPTY_CELL}`,
    ci_low: `Lower end of the 95% CI of the mean, mean - t(0.975, n-1)·sd/√n. ${EMPTY_CELL}`,
    ci_high: `Upper end of the 95% CI of the mean. ${EMPTY_CELL}`,
    alpha: 'Cronbach\'s alpha on the items of the dimension (for "all", the items every group is asked), listwise; empty below 2 items, below 3 complete cases, or when totals do not vary. Negative values are reported as computed.',
    alpha_ci_low: 'Lower end of the Feldt 95% CI of alpha; empty with alpha.',
    alpha_ci_high: 'Upper end of the Feldt 95% CI of alpha; empty with alpha.',
    response_rate: 'Submitted responses / invited (0-1). Invited: participants enrolled on or before the wave\'s closing date and not withdrawn before its opening date, plus everyone who answered the wave. Empty when nobody was invited.',
    status: 'co-creation, stable, watch or co-destruction (rules in STATISTICS.md); empty when there is no mean.',
  },
  'flags.csv': {
    wave: 'Wave label.',
    group: 'Stakeholder group id, or "all".',
    dimension: 'Dimension id.',
    status: 'co-creation, stable, watch or co-destruction; empty when there is no mean.',
    flags: 'Flags raised, separated by ";": F1 low level, F2 significant decline, F3 reliable deterioration, F4 widening gap, F5 falling participation.',
    mean: 'Mean score in this wave.',
    change: 'Mean change against the previous wave over the people who answered both (this wave minus previous); empty on the first wave or below 2 pairs. When the questionnaire version changed, computed on the shared items only.',
    p_adjusted: 'p of the paired test (Wilcoxon below 10 pairs, else t), Benjamini-Hochberg adjusted across all groups and dimensions of the wave; empty when no test could run.',
    reliable_deterioration: 'People whose Reliable Change Index is at or below -1.96 (baseline: previous wave\'s SD and alpha); empty when reliable change was not assessed.',
    gap_g: 'Hedges\' g of this group minus the other group with the largest |g| in this wave; empty for "all" and when undefined.',
    reason: 'The status in plain language, with the numbers that raised it.',
  },
  'wide.csv': {
    participant: 'Pseudonymous participant code.',
    group: 'Stakeholder group when they answered.',
    wave: 'Wave label.',
    wave_index: 'Position of the wave in the schedule, 1 for the first.',
    '<dimension id>': 'One column per dimension: the score, as in scores.csv; empty when missing or not asked in that wave.',
  },
  'codebook.csv': {
    entry: '"item", "dimension", or the export file a column belongs to.',
    name: 'Item id, dimension id or column name.',
    instrument_version: 'Questionnaire version the item or dimension belongs to.',
    dimension: 'Dimension of a scale item.',
    item_type: 'scale or text.',
    scale: 'Scale id of a scale item.',
    scale_min: 'Lowest scale point.',
    scale_max: 'Highest scale point.',
    reverse: 'true when the item is reverse-coded (scored min + max - value).',
    groups: 'Stakeholder groups asked the item, separated by ";"; empty when every group is asked.',
    'text_<language>': 'Item text or dimension label in that language.',
    meaning: 'What the entry means: scale labels for items, the definition for columns.',
  },
};

function formatFlags(codes: readonly string[]): string {
  return codes.join(';');
}

export function* trendRows(analysis: ProjectAnalysis): Generator<CsvRow> {
  for (const cell of analysis.cells) {
    yield {
      wave: cell.wave,
      wave_index: cell.waveIndex,
      group: cell.group,
      dimension: cell.dimension,
      n: cell.n,
      mean: cell.mean,
      sd: cell.sd,
      ci_low: cell.ciLow,
      ci_high: cell.ciHigh,
      alpha: cell.alpha,
      alpha_ci_low: cell.alphaCiLow,
      alpha_ci_high: cell.alphaCiHigh,
      response_rate: cell.responseRate,
      status: cell.status,
    };
  }
}

export function* flagRows(analysis: ProjectAnalysis): Generator<CsvRow> {
  for (const cell of analysis.cells) {
    let widest: number | null = null;
    for (const { g } of cell.gaps) if (g !== null && (widest === null || Math.abs(g) > Math.abs(widest))) widest = g;
    yield {
      wave: cell.wave,
      group: cell.group,
      dimension: cell.dimension,
      status: cell.status,
      flags: formatFlags(cell.flags.map((flag) => flag.code)),
      mean: cell.mean,
      change: cell.change?.meanChange ?? null,
      p_adjusted: cell.change?.pAdjusted ?? null,
      reliable_deterioration: cell.reliable?.status === 'computed' ? cell.reliable.deteriorated : null,
      gap_g: widest,
      reason: cell.reason,
    };
  }
}

export function wideColumns(analysis: ProjectAnalysis): string[] {
  return [...WIDE_LEADING_COLUMNS, ...analysis.dimensions.map(({ id }) => id)];
}

/** One row per participant and wave, wave by wave, each wave sorted by participant code. */
export function* wideRows({ table, analysis, participants }: LoadedAnalysis): Generator<CsvRow> {
  const codes = new Map(participants.map(({ id, code }) => [id, code]));
  const dimensions = analysis.dimensions.length;
  const { groups } = table.design;
  for (const wave of table.waves) {
    const rows = Array.from({ length: wave.rows }, (_, row) => ({ row, code: codes.get(table.participantIds[wave.participants[row]!]!) ?? '' }));
    rows.sort((a, b) => a.code.localeCompare(b.code));
    for (const { row, code } of rows) {
      const line: CsvRow = { participant: code, group: groups[wave.groups[row]!]!.id, wave: wave.wave.label, wave_index: wave.index + 1 };
      analysis.dimensions.forEach(({ id }, dimension) => {
        line[id] = wave.score(row, dimension, dimensions);
      });
      yield line;
    }
  }
}

function languagesOf(instruments: readonly Instrument[]): string[] {
  return [...new Set(instruments.flatMap((instrument) => instrument.languages))];
}

export function codebookColumns(instruments: readonly Instrument[]): string[] {
  return [...CODEBOOK_LEADING_COLUMNS, ...languagesOf(instruments).map((language) => `text_${language}`), 'meaning'];
}

/** Every dimension and item of every questionnaire version in use, then every export column. */
export function* codebookRows(instruments: readonly Instrument[]): Generator<CsvRow> {
  const languages = languagesOf(instruments);
  const texts = (text: Record<string, string>): CsvRow => Object.fromEntries(languages.map((language) => [`text_${language}`, text[language] ?? null]));
  for (const instrument of instruments) {
    for (const dimension of instrument.dimensions) {
      yield { entry: 'dimension', name: dimension.id, instrument_version: instrument.version, ...texts(dimension.label), meaning: 'Mean of the answered, reverse-coded items of the dimension when at least half were answered; higher is better.' };
    }
    for (const item of allItems(instrument)) {
      const common: CsvRow = { entry: 'item', name: item.id, instrument_version: instrument.version, item_type: item.type, groups: item.groups?.join(';') ?? null, ...texts(item.text) };
      if (item.type === 'text') {
        yield { ...common, meaning: 'Open answer, free text.' };
        continue;
      }
      const scale = scaleOf(instrument, item);
      const labels = scale.labels.en ?? Object.values(scale.labels)[0] ?? [];
      const points = labels.map((label, i) => `${scale.min + i} = ${label}`);
      if (scale.notApplicable) points.push(`${NOT_APPLICABLE} = ${englishText(scale.notApplicable)}`);
      yield { ...common, dimension: item.dimension, scale: item.scale, scale_min: scale.min, scale_max: scale.max, reverse: String(item.reverse), meaning: points.join('; ') };
    }
  }
  for (const [file, columns] of Object.entries(COLUMN_MEANINGS)) {
    for (const [name, meaning] of Object.entries(columns)) yield { entry: file, name, meaning };
  }
}
