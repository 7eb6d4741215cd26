import { shownFollowUp, type ActionFollowUp } from '../../domain/actions/action-follow-up.js';
import type { ProjectAnalysis } from '../../domain/analysis/project-analysis.js';
import { isSuppressed } from '../../domain/analysis/small-groups.js';
import type { Instrument } from '../../domain/instrument.js';
import type { Project } from '../../domain/records.js';
import type { Locale } from '../../i18n/catalogue.js';
import { formatCalendarDate, formatFixed } from '../../i18n/format.js';
import type { ActionsTranslate } from './actions-translator.js';

/** Group and dimension names in the reader's language, capitalised as labels are. */
export interface ActionLabels {
  group: (id: string) => string;
  dimension: (id: string) => string;
}

export function actionLabels(project: Project, instruments: readonly Instrument[], locale: Locale): ActionLabels {
  const groups = new Map(project.groups.map((g) => [g.id, g.label[locale] ?? g.label.en ?? g.id]));
  const dimensions = new Map<string, string>();
  // The newest questionnaire's words win: instruments come oldest first.
  for (const instrument of instruments)
    for (const d of instrument.dimensions) dimensions.set(d.id, d.label[locale] ?? d.label.en ?? d.id);
  return { group: (id) => groups.get(id) ?? id, dimension: (id) => dimensions.get(id) ?? id };
}

/** An interval's end as shown: "0.12", "−0.08" with a true minus sign, never "−0.00". */
function end(locale: Locale, value: number): string {
  const text = formatFixed(locale, Math.abs(value), 2);
  return value < 0 && /[1-9]/.test(text) ? `\u2212${text}` : text;
}

function interval(t: ActionsTranslate, locale: Locale, low: number | null, high: number | null): string {
  return low === null || high === null
    ? t('followUp.noInterval')
    : t('followUp.interval', { low: end(locale, low), high: end(locale, high) });
}

const lower = (locale: Locale, text: string) => text.toLocaleLowerCase(locale);

/** One action as its table row reads it, the follow-up in words with small groups hidden. */
export interface ActionRowView {
  id: string;
  anchor: string;
  cell: string;
  what: string;
  owner: string;
  due: string;
  status: string;
  statusId: string;
  statusNote: string;
  agreedOn: string;
  meeting: string;
  agreed: string;
  since: string;
  overdue: boolean;
}

export function actionRow(
  t: ActionsTranslate,
  locale: Locale,
  labels: ActionLabels,
  followUp: ActionFollowUp,
): ActionRowView {
  const shown = shownFollowUp(followUp);
  const { action, agreed, followedUp, change } = shown;
  const dimension = lower(locale, labels.dimension(action.dimension));
  const group = lower(locale, labels.group(action.group));
  const cellWords = { wave: agreed.label, dimension, group };
  const agreedText = shown.agreedHidden
    ? t('followUp.agreedHidden', cellWords)
    : agreed.mean === null
      ? t('followUp.agreedNoResult', cellWords)
      : t('followUp.agreed', { ...cellWords, mean: formatFixed(locale, agreed.mean, 2) });

  let since: string;
  if (!followedUp) since = t('followUp.notYet');
  else if (shown.followedUpHidden) since = t('followUp.levelHidden', { wave: followedUp.label });
  else if (followedUp.mean === null) since = t('followUp.noResult', { wave: followedUp.label });
  else {
    const level = { wave: followedUp.label, mean: formatFixed(locale, followedUp.mean, 2) };
    if (shown.changeHidden) since = t('followUp.pairsHidden', level);
    else if (!change) since = t('followUp.noPairs', level);
    else {
      const size = formatFixed(locale, Math.abs(change.change), 2);
      const words = {
        ...level,
        size,
        interval: interval(t, locale, change.ciLow, change.ciHigh),
        count: String(change.pairs),
      };
      since = /[1-9]/.test(size)
        ? t(change.change > 0 ? 'followUp.up' : 'followUp.down', words)
        : t('followUp.same', words);
    }
  }

  return {
    id: action.id,
    anchor: `action-${action.id}`,
    cell: t('cell.name', {
      wave: agreed.label,
      group: labels.group(action.group),
      dimension: labels.dimension(action.dimension),
    }),
    what: action.what,
    owner: action.owner,
    due: formatCalendarDate(locale, action.dueOn),
    status: t(`status.${action.status}`),
    statusId: action.status,
    statusNote: action.statusNote,
    agreedOn: formatCalendarDate(locale, action.meetingOn),
    meeting: action.meeting,
    agreed: agreedText,
    since,
    overdue: followUp.overdue,
  };
}

const QUESTIONED = new Set(['trust', 'engagement', 'cohesion', 'reciprocity', 'strain']);

/** One area needing attention, as the meeting pack prints it. */
interface PackArea {
  cell: string;
  finding: string;
  questions: string[];
  /** Where the lead records an action for this cell, with it chosen. */
  record: string;
}

/**
 * The meeting pack's areas: each co-destruction and watch of the covered wave, a finding in
 * plain words from its own cell's numbers, and three questions for its dimension (our own
 * wording; a dimension of another questionnaire gets general ones). Hidden cells have no status,
 * and a cell under 5 people is left out all the same.
 */
export function meetingPack(
  t: ActionsTranslate,
  locale: Locale,
  labels: ActionLabels,
  analysis: ProjectAnalysis,
  waveIndex: number,
  slug: string,
): PackArea[] {
  const severity = { 'co-destruction': 0, watch: 1 } as Record<string, number>;
  return analysis.cells
    .filter(
      (c) =>
        c.waveIndex === waveIndex &&
        (c.status === 'co-destruction' || c.status === 'watch') &&
        !isSuppressed(c.n) &&
        c.mean !== null &&
        c.change !== null,
    )
    .sort((a, b) => severity[a.status!]! - severity[b.status!]!)
    .map((c) => {
      const change = c.change!;
      const topic = QUESTIONED.has(c.dimension) ? c.dimension : 'other';
      const questions = ([1, 2, 3] as const).map((n) => t(`question.${topic}.${n}` as Parameters<ActionsTranslate>[0]));
      return {
        cell: t('cell.name', { wave: c.wave, group: labels.group(c.group), dimension: labels.dimension(c.dimension) }),
        finding: t(c.status === 'co-destruction' ? 'pack.fall' : 'pack.watch', {
          group: labels.group(c.group),
          dimension: lower(locale, labels.dimension(c.dimension)),
          mean: formatFixed(locale, c.mean!, 2),
          size: formatFixed(locale, Math.abs(change.meanChange), 2),
          interval: interval(t, locale, change.ciLow, change.ciHigh),
          count: String(change.linked),
        }),
        questions,
        record: recordHref(slug, c.waveIndex, c.group, c.dimension),
      };
    });
}

/** The actions page with this cell chosen in its form. */
export function recordHref(slug: string, waveIndex: number, group: string, dimension: string): string {
  const query = new URLSearchParams({ wave: String(waveIndex), group, dimension });
  return `/projects/${encodeURIComponent(slug)}/actions?${query.toString()}#record`;
}
