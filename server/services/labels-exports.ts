import { englishText } from '../domain/english-text.js';
import { DomainError } from '../domain/errors.js';
import { allItems, type Instrument, type LocalizedText } from '../domain/instrument.js';
import { valueLabels } from '../domain/item-types/registry.js';
import type { Project, Wave } from '../domain/records.js';
import type { LabelledVariable, LabelsModel, ValueSet } from '../export/labels-model.js';
import { rSyntax } from '../export/labels-r.js';
import { spssSyntax } from '../export/labels-spss.js';
import { stataSyntax } from '../export/labels-stata.js';
import { itemColumns } from './item-exports.js';

/** The syntax files that load items-wide.csv (saved as `<slug>-items-wide.csv`) with labels, by file name. */
export const SYNTAX_FILES = {
  'labels.sps': spssSyntax,
  'labels.do': stataSyntax,
  'labels.R': rSyntax,
} as const;
export type SyntaxFile = keyof typeof SYNTAX_FILES;

export function isSyntaxFile(value: string): value is SyntaxFile {
  return Object.hasOwn(SYNTAX_FILES, value);
}

/** Labels of the columns items-wide.csv has whatever the questionnaire, in each language we write. */
const LEADING_LABELS: Record<string, LocalizedText> = {
  participant: { en: 'Participant code', it: 'Codice partecipante' },
  group: { en: 'Stakeholder group', it: 'Gruppo' },
  wave: { en: 'Wave', it: 'Rilevazione' },
  wave_index: { en: 'Wave, by position in the schedule', it: 'Rilevazione, per posizione nel calendario' },
  source: { en: 'How the response arrived', it: 'Come è arrivata la risposta' },
  submitted_at: { en: 'When the response was submitted (UTC)', it: 'Quando la risposta è stata inviata (UTC)' },
};
const SOURCE_LABELS: Record<string, LocalizedText> = {
  web: { en: 'Web', it: 'Web' },
  paper: { en: 'Paper', it: 'Carta' },
  import: { en: 'Imported', it: 'Importata' },
};

const inLanguage = (text: LocalizedText, language: string) => text[language] ?? englishText(text);

/** The languages labels can be written in: every language of the questionnaire versions in use. */
export function labelLanguages(instruments: readonly Instrument[]): string[] {
  return [...new Set(instruments.flatMap((instrument) => instrument.languages))];
}

/**
 * What labels.sps, labels.do and labels.R say about items-wide.csv in `language` (the
 * questionnaire's English, else its first language, when not given). Each item is labelled as
 * the newest version in use asks it.
 */
export function itemsWideLabels(
  project: Project,
  waves: readonly Wave[],
  instruments: readonly Instrument[],
  language?: string,
): LabelsModel {
  const languages = labelLanguages(instruments);
  const chosen = language ?? (languages.includes('en') ? 'en' : (languages[0] ?? 'en'));
  if (!languages.includes(chosen))
    throw new DomainError('VALIDATION', `no labels in "${chosen}"`, [
      { where: 'lang', message: `Labels are written in ${languages.join(', ')}.` },
    ]);
  const leading = (name: string) => inLanguage(LEADING_LABELS[name]!, chosen);
  const variables: LabelledVariable[] = [
    { name: 'participant', label: leading('participant'), kind: 'string' },
    {
      name: 'group',
      label: leading('group'),
      kind: 'category',
      levels: project.groups.map(({ id, label }) => ({ code: id, label: inLanguage(label, chosen) })),
    },
    {
      name: 'wave',
      label: leading('wave'),
      kind: 'category',
      levels: waves.map(({ label }) => ({ code: label, label })),
    },
    {
      name: 'wave_index',
      label: leading('wave_index'),
      kind: 'index',
      levels: waves.map(({ label }, i) => ({ value: i + 1, label })),
    },
    {
      name: 'source',
      label: leading('source'),
      kind: 'category',
      levels: Object.entries(SOURCE_LABELS).map(([code, label]) => ({ code, label: inLanguage(label, chosen) })),
    },
    { name: 'submitted_at', label: leading('submitted_at'), kind: 'date-time' },
  ];

  const newest = new Map<string, LabelledVariable>();
  const sets = new Map<string, ValueSet>();
  for (const instrument of instruments) {
    for (const item of allItems(instrument)) {
      const labels = valueLabels(instrument, item, chosen);
      const label = inLanguage(item.text, chosen);
      if (!labels) {
        newest.set(item.id, { name: item.id, label, kind: 'string', long: true });
        continue;
      }
      // A set whose labels changed between versions keeps both, the newer under the version's name.
      const { set, ...content } = labels;
      const same = (known: ValueSet | undefined) =>
        known && JSON.stringify({ ...known, name: undefined }) === JSON.stringify({ ...content, name: undefined });
      const name = sets.has(set) && !same(sets.get(set)) ? `${set}_v${instrument.version}` : set;
      sets.set(name, { name, ...content });
      newest.set(item.id, { name: item.id, label, kind: 'coded', valueSet: name });
    }
  }
  for (const column of itemColumns(instruments)) variables.push(newest.get(column)!);
  return {
    // The name the exports page saves it under.
    dataFile: `${project.slug}-items-wide.csv`,
    project: project.slug,
    language: chosen,
    variables,
    valueSets: [...sets.values()],
  };
}
