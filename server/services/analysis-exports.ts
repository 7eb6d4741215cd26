import type { ProjectAnalysis } from '../domain/analysis/project-analysis.js';
import { NOT_APPLICABLE } from '../domain/answers.js';
import { allItems, type Instrument } from '../domain/instrument.js';
import { itemTypeOf, valueLabels, type Item } from '../domain/item-types/registry.js';
import { ruleDefinitions, type Definition } from '../domain/statistics/status-definitions.js';
import type { StatusThresholds } from '../domain/statistics/status-rules.js';
import type { CsvRow } from '../export/csv-stream.js';
import type { LoadedAnalysis } from './analysis-service.js';

export const TRENDS_COLUMNS = [
  'wave',
  'wave_index',
  'group',
  'dimension',
  'n',
  'mean',
  'sd',
  'ci_low',
  'ci_high',
  'alpha',
  'alpha_ci_low',
  'alpha_ci_high',
  'response_rate',
  'status',
] as const;
export const FLAGS_COLUMNS = [
  'wave',
  'group',
  'dimension',
  'status',
  'flags',
  'mean',
  'change',
  'p_adjusted',
  'reliable_deterioration',
  'gap_g',
  'reason',
  'linked',
  'change_ci_low',
  'change_ci_high',
  'participation',
] as const;
/** Followed by one column per dimension id, in questionnaire order. */
export const WIDE_LEADING_COLUMNS = ['participant', 'group', 'wave', 'wave_index', 'wave_opens'] as const;
/** Followed by `text_<language>` and `labels_<language>` per language, then `meaning`. */
export const CODEBOOK_LEADING_COLUMNS = [
  'entry',
  'name',
  'instrument_version',
  'dimension',
  'item_type',
  'scale',
  'scale_min',
  'scale_max',
  'reverse',
  'groups',
] as const;

const WAVE_INDEX =
  'Position of the wave in the schedule (by opening date), 1 for the first: sort by it, not by the label.';
const WAVE_OPENS = 'Date the wave opened (YYYY-MM-DD).';
const SUBMITTED_AT =
  'When the response was submitted (ISO 8601, UTC); for imported paper forms, the date written on the paper when the import gave one.';
const EMPTY_CELL = 'Empty when undefined (fewer than 2 scores, or no variation).';

/**
 * How every export writes what is missing, what is text and what encoding it is in: the
 * codebook's first rows (entry "convention"), before any column.
 */
export const CONVENTIONS: Readonly<Record<string, string>> = {
  empty: 'An empty cell means not answered (or not asked, or undefined for a statistic). It is never written as NA.',
  [NOT_APPLICABLE]: `${NOT_APPLICABLE} means the participant answered "does not apply" (non pertinente): a real answer, counted as missing in every score and statistic. R's read.csv reads it as missing; labels.sps and labels.do keep it as a user-defined missing value apart from the empty cells.`,
  "'": "A text cell that would start with =, +, -, @, a tab or a carriage return is written with a ' in front, so that a spreadsheet shows it as text instead of running it as a formula. Remove the ' before quoting such an answer.",
  'CSV encoding':
    'RFC 4180: UTF-8, comma-separated, "." as the decimal mark, CRLF line ends, a header row. Downloads in the browser start with a UTF-8 byte-order mark so that spreadsheets read accents (Reciprocità) correctly; downloads with an API token, and the coassess command unless given --bom, have none, so scripts read the name of the first column as it is. With an Italian locale, import the CSV with "," as separator and "." as decimal mark, or open the .xlsx.',
  xlsx: "Every export also downloads as .xlsx: numbers are numbers, dates are dates (UTC), everything else is text (with the same ' prefix), and the header row is frozen.",
  languages:
    'Item and dimension texts, and the scale labels, are given in every language of the questionnaire (text_en, text_it, labels_en, labels_it); answers stay codes, the same in every language. labels.sps, labels.do and labels.R take ?lang=it on the web, or --lang it on the command line, for Italian labels.',
};

const definitionList = (definitions: readonly Definition<string>[]) =>
  definitions.map(({ id, rule }) => `${id}: ${rule}`).join(' ');

/**
 * What every exported column means, with the status rules rendered from their one definition
 * for the project's thresholds; the codebook lists them all, and a test checks none is missing.
 */
export function columnMeanings(
  thresholds: StatusThresholds,
): Readonly<Record<string, Readonly<Record<string, string>>>> {
  const rules = ruleDefinitions(thresholds);
  const statusMeaning = `${definitionList(rules.statuses)} Empty when there is no mean, and on "all" rows: ${rules.pooled.rule}`;
  return {
    'responses.csv': {
      project: 'Project slug.',
      wave: 'Wave label.',
      wave_opens: WAVE_OPENS,
      participant: 'Pseudonymous participant code.',
      group: 'Stakeholder group of the participant when they answered.',
      item: 'Item id (see the item rows of this codebook).',
      dimension: 'Dimension the item belongs to; empty for open questions.',
      value: `The answer as given: a scale point, ${NOT_APPLICABLE} for "does not apply", or the text of an open answer.`,
      scored_value: 'The answer after reverse coding (min + max - value); empty for text and NA.',
      source: 'How the answer arrived: web, paper or import.',
      submitted_at: `${SUBMITTED_AT} Empty for drafts.`,
      revised_at:
        'When staff last corrected the response (ISO 8601, UTC); empty if never corrected. Values are the current, corrected ones.',
    },
    'scores.csv': {
      participant: 'Pseudonymous participant code.',
      group: 'Stakeholder group when they answered.',
      wave: 'Wave label.',
      wave_index: WAVE_INDEX,
      wave_opens: WAVE_OPENS,
      dimension: 'Dimension id.',
      score:
        'Mean of the answered, reverse-coded items; empty when fewer than half of the items the group is asked were answered.',
      items_answered: 'Items of the dimension answered (NA does not count).',
    },
    'trends.csv': {
      wave: 'Wave label.',
      wave_index: WAVE_INDEX,
      group: 'Stakeholder group id, or "all" for every respondent.',
      dimension: 'Dimension id.',
      n: 'Respondents with a score.',
      mean: 'Mean score (higher is better on every dimension); empty when n is 0.',
      sd: `Sample standard deviation (n - 1). ${EMPTY_CELL}`,
      ci_low: `Lower end of the 95% CI of the mean, mean - t(0.975, n-1)·sd/√n. ${EMPTY_CELL}`,
      ci_high: `Upper end of the 95% CI of the mean. ${EMPTY_CELL}`,
      alpha:
        'Cronbach\'s alpha on the items of the dimension (for "all", the items every group is asked), listwise; empty below 2 items, below 3 complete cases, or when totals do not vary. Negative values are reported as computed.',
      alpha_ci_low: 'Lower end of the Feldt 95% CI of alpha; empty with alpha.',
      alpha_ci_high: 'Upper end of the Feldt 95% CI of alpha; empty with alpha.',
      response_rate:
        "Submitted responses / invited (0-1). Invited: participants enrolled on or before the wave's closing date and not withdrawn before its opening date, plus everyone who answered the wave. Empty when nobody was invited.",
      status: statusMeaning,
    },
    'flags.csv': {
      wave: 'Wave label.',
      group: 'Stakeholder group id, or "all".',
      dimension: 'Dimension id.',
      status: statusMeaning,
      flags: `What raised or held the status, separated by ";". ${definitionList(rules.signals)}`,
      mean: 'Mean score in this wave.',
      change:
        "Change of this wave against the earlier waves, within persons: the wave's term minus the average of the earlier waves' terms in the model score = person + wave (least squares on every score up to this wave), so each person is set against their own earlier average. Negative is a fall. Empty on the first wave. When the questionnaire changed, computed on the items every wave asked.",
      p_adjusted:
        'One-sided p of the change in its own direction (a fall when change is negative), Holm-adjusted across the groups and dimensions tested in the wave and multiplied by the follow-up waves the false-alarm budget is spread over (capped at 1), so it compares directly with the project\'s alpha. Empty when the change was not tested ("all" rows, too few people).',
      reliable_deterioration:
        'People whose Reliable Change Index against the previous wave is at or below -1.96, with the error taken from the test-retest correlation of the two waves; descriptive, no status rests on it. Empty when not assessed (too few pairs, or no positive correlation).',
      gap_g:
        'Hedges\' g of this group minus the other group with the largest |g| in this wave; descriptive. Empty for "all" and when undefined.',
      reason:
        'The status in plain language: the comparison, the size of the change, its interval and the people it rests on.',
      linked: 'People the change rests on: a score in this wave and in at least one earlier wave.',
      change_ci_low: "Lower end of the 95% interval of change (t, on the model's residual degrees of freedom).",
      change_ci_high: 'Upper end of the 95% interval of change.',
      participation: `Participation of the wave and group, given once, on the group's row for the first dimension (empty on its other rows, on "all" rows and when nobody was invited); never part of any status. ${definitionList(rules.participation)}`,
    },
    'wide.csv': {
      participant: 'Pseudonymous participant code.',
      group: 'Stakeholder group when they answered.',
      wave: 'Wave label.',
      wave_index: WAVE_INDEX,
      wave_opens: WAVE_OPENS,
      '<dimension id>':
        'One column per dimension: the score, as in scores.csv; empty when missing or not asked in that wave.',
    },
    'items-wide.csv': {
      participant: 'Pseudonymous participant code.',
      group: 'Stakeholder group when they answered.',
      wave: 'Wave label.',
      wave_index: WAVE_INDEX,
      source: 'How the response arrived: web, paper or import.',
      submitted_at: SUBMITTED_AT,
      '<item id>': `One column per item of every questionnaire version in use (submitted responses, one row per participant and wave): the raw answer as given, before reverse coding: a scale point, ${NOT_APPLICABLE} for "does not apply", or the words of an open answer. Empty when not answered, or not asked in that wave or of that group. labels.sps, labels.do and labels.R load this file with labels.`,
    },
    'open-answers.csv': {
      participant: 'Pseudonymous participant code.',
      group: 'Stakeholder group when they answered.',
      wave: 'Wave label.',
      wave_index: WAVE_INDEX,
      language:
        "The participant's language (the questionnaire's first language when it does not have theirs); the question is given in it.",
      item: 'Item id of the open question.',
      question: 'The question as the participant read it, in their language.',
      answer:
        'The answer in their own words, one row per non-empty answer to an open question of a submitted response.',
    },
    'participation.csv': {
      participant: 'Pseudonymous participant code (every participant, in every wave).',
      group: 'Stakeholder group they answered as; their current group when they did not answer.',
      wave: 'Wave label.',
      wave_index: WAVE_INDEX,
      invited:
        "1 when the wave counts them in its response rate: enrolled on or before the wave's closing date and not withdrawn before its opening date, or answered it; else 0.",
      answered: '1 when they submitted a response to the wave; 0 otherwise (a draft is not an answer).',
      source: 'How the submitted response arrived: web, paper or import; empty when not answered.',
      submitted_at: SUBMITTED_AT,
      enrolled_on: 'Date they joined the project, as staff recorded it (YYYY-MM-DD).',
      withdrawn_on:
        'Date they withdrew (YYYY-MM-DD); empty while taking part, and for withdrawals made before dates were kept.',
    },
    'actions.csv': {
      wave: 'Label of the wave whose results the action answers (the wave it was agreed after).',
      wave_index: WAVE_INDEX,
      group: 'Stakeholder group id of the cell the action answers; actions are never recorded against "all".',
      dimension: 'Dimension id of the cell the action answers.',
      action: 'What will be done, as the lead recorded it.',
      owner: 'Who owns it: a name or a role, not necessarily an account.',
      due: 'Due date (YYYY-MM-DD).',
      status: 'open, done or dropped.',
      status_note: 'The note on the status; empty when none.',
      agreed_at: 'Date of the meeting where the action was agreed (YYYY-MM-DD).',
      agreed_meeting: 'That meeting in words; empty when none was given.',
      followed_up_wave:
        'Label of the latest later wave that has closed with a result in the dimension; empty until there is one.',
      change_since:
        "Change of the group's dimension score from the action's wave to followed_up_wave among the people with a score in both, in the flags' within-person model fitted on these two waves (the paired t-test): the mean of their differences. Both waves scored on the items both ask. Negative is a fall. Empty without a followed-up wave or a pair.",
      change_ci_low:
        'Lower end of the 95% interval of change_since, mean - t(0.975, n_pairs - 1)·sd/√n_pairs; empty below 2 pairs or without spread.',
      change_ci_high: 'Upper end of the 95% interval of change_since.',
      n_pairs:
        'People in the group with a score in both waves: what change_since rests on. Kept when under 5, with the change, as in every evaluator export; the pages hide a change among fewer than 5 pairs, so keep n_pairs >= 5 to match them. 0 when nobody answered both waves; empty without a followed-up wave.',
    },
    'codebook.csv': {
      entry: '"item", "dimension", "convention", or the export file a column belongs to.',
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
      'labels_<language>': `What each value of a scale item means in that language ("1 = …; ${NOT_APPLICABLE} = …"); empty for open questions.`,
      meaning: 'What the entry means: scale labels for items, the definition for columns.',
    },
  };
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
  // Participation is one figure per wave and group: it is written once, on the group's first dimension row.
  const firstDimension = analysis.dimensions[0]?.id;
  for (const cell of analysis.cells) {
    const { change } = cell;
    let widest: number | null = null;
    for (const { g } of cell.gaps) if (g !== null && (widest === null || Math.abs(g) > Math.abs(widest))) widest = g;
    yield {
      wave: cell.wave,
      group: cell.group,
      dimension: cell.dimension,
      status: cell.status,
      flags: cell.signals.join(';'),
      mean: cell.mean,
      change: change?.meanChange ?? null,
      p_adjusted: change === null ? null : change.meanChange < 0 ? change.pFallAdjusted : change.pRiseAdjusted,
      reliable_deterioration: cell.reliable?.status === 'computed' ? cell.reliable.deteriorated : null,
      gap_g: widest,
      reason: cell.reason,
      linked: change?.linked ?? null,
      change_ci_low: change?.ciLow ?? null,
      change_ci_high: change?.ciHigh ?? null,
      participation: cell.dimension === firstDimension ? cell.participation : null,
    };
  }
}

export function wideColumns(analysis: ProjectAnalysis): string[] {
  return [...WIDE_LEADING_COLUMNS, ...analysis.dimensions.map(({ id }) => id)];
}

/** One row per participant and wave, wave by wave, each wave sorted by participant code. */
export function* wideRows({ table, analysis, participants, waves }: LoadedAnalysis): Generator<CsvRow> {
  const codes = new Map(participants.map(({ id, code }) => [id, code]));
  const opensOn = new Map(waves.map(({ id, opensOn }) => [id, opensOn]));
  const dimensions = analysis.dimensions.length;
  const { groups } = table.design;
  for (const wave of table.waves) {
    const rows = Array.from({ length: wave.rows }, (_, row) => ({
      row,
      code: codes.get(table.participantIds[wave.participants[row]!]!) ?? '',
    }));
    rows.sort((a, b) => a.code.localeCompare(b.code));
    for (const { row, code } of rows) {
      const line: CsvRow = {
        participant: code,
        group: groups[wave.groups[row]!]!.id,
        wave: wave.wave.label,
        wave_index: wave.index + 1,
        wave_opens: opensOn.get(wave.wave.id) ?? null,
      };
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
  const languages = languagesOf(instruments);
  return [
    ...CODEBOOK_LEADING_COLUMNS,
    ...languages.map((language) => `text_${language}`),
    ...languages.map((language) => `labels_${language}`),
    'meaning',
  ];
}

/** An item's value labels in one language, as "1 = …; 2 = …; NA = …"; null for free text. */
function labelsText(instrument: Instrument, item: Item, language: string): string | null {
  const labels = valueLabels(instrument, item, language);
  if (!labels) return null;
  const points = labels.values.map(({ value, label }) => `${value} = ${label}`);
  if (labels.notApplicable !== undefined) points.push(`${NOT_APPLICABLE} = ${labels.notApplicable}`);
  return points.join('; ');
}

/** Every dimension and item of every questionnaire version in use, then every export column. */
export function* codebookRows(instruments: readonly Instrument[], thresholds: StatusThresholds): Generator<CsvRow> {
  const languages = languagesOf(instruments);
  const texts = (text: Record<string, string>): CsvRow =>
    Object.fromEntries(languages.map((language) => [`text_${language}`, text[language] ?? null]));
  for (const instrument of instruments) {
    for (const dimension of instrument.dimensions) {
      yield {
        entry: 'dimension',
        name: dimension.id,
        instrument_version: instrument.version,
        ...texts(dimension.label),
        meaning:
          'Mean of the answered, reverse-coded items of the dimension when at least half were answered; higher is better.',
      };
    }
    for (const item of allItems(instrument)) {
      yield {
        entry: 'item',
        name: item.id,
        instrument_version: instrument.version,
        item_type: item.type,
        groups: item.groups?.join(';') ?? null,
        ...texts(item.text),
        ...Object.fromEntries(
          languages.map((language) => [`labels_${language}`, labelsText(instrument, item, language)]),
        ),
        ...itemTypeOf(item).codebook(instrument, item),
      };
    }
  }
  for (const [name, meaning] of Object.entries(CONVENTIONS)) yield { entry: 'convention', name, meaning };
  for (const [file, columns] of Object.entries(columnMeanings(thresholds))) {
    for (const [name, meaning] of Object.entries(columns)) yield { entry: file, name, meaning };
  }
}
