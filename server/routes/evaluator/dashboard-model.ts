import { ALL_GROUPS } from '../../domain/analysis/analysis-design.js';
import { nameIn } from '../../domain/analysis/name-in.js';
import type { AnalysisCell, ProjectAnalysis } from '../../domain/analysis/project-analysis.js';
import { hideSmallGroups, isSuppressed, type SmallGroupHiding } from '../../domain/analysis/small-groups.js';
import type { CellStatus, ParticipationStatus } from '../../domain/statistics/status-rules.js';
import { waveState } from '../../domain/wave-schedule.js';
import type { Locale } from '../../i18n/catalogue.js';
import { evaluatorMessages } from '../../i18n/evaluator-messages.js';
import { formatCalendarDate } from '../../i18n/format.js';

/** Why a number is not shown: a small group, or a wave still being answered. */
type Hiding = SmallGroupHiding | 'in-progress';

/** A hidden point carries no number at all, not even its n: the page's JSON is readable too. */
interface SeriesPoint {
  mean: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  n: number | null;
  hidden: Hiding | null;
}

interface DimensionChart {
  id: string;
  label: string;
  scale: { min: number; max: number };
  series: { group: string; label: string; points: SeriesPoint[] }[];
}

interface StatusRow {
  /** The anchor of its table row, which the attention list links to. */
  anchor: string;
  wave: string;
  dimension: string;
  group: string;
  status: CellStatus | null;
  flags: string;
  reason: string;
  hidden: SmallGroupHiding | null;
}

/** A co-destruction or watch, named in words, with where to see it. */
interface Concern {
  wave: string;
  group: string;
  dimension: string;
  status: 'co-destruction' | 'watch';
  reason: string;
  /** Fragment of the dimension's chart and of the status table row. */
  chart: string;
  row: string;
}

/** What has come in so far while a wave is open; submitted is null under 5. */
interface Progress {
  wave: string;
  until: string;
  submitted: number | null;
  invited: number;
}

interface DashboardModel {
  /** Labels of the waves shown, closed and open, in order: the charts' axis. */
  waves: string[];
  /** Per wave shown: null once closed, its progress while open. */
  progress: (Progress | null)[];
  /** Closed waves with at least one result shown, latest last: what a report can cover. */
  wavesWithResults: { index: number; label: string }[];
  groups: { id: string; label: string }[];
  dimensions: DimensionChart[];
  /** Per group (and Everyone) and wave; participation is judged for stakeholder groups only. */
  responseRates: {
    group: string;
    label: string;
    rates: (number | null)[];
    hidden: (Hiding | null)[];
    participation: (ParticipationStatus | null)[];
  }[];
  /** Hedges' g of the first stakeholder group against the second, per dimension and wave. */
  gap: { between: [string, string]; dimensions: { id: string; label: string; g: (number | null)[] }[] } | null;
  /** Closed waves only: an open wave has no statuses yet. */
  statuses: StatusRow[];
  /** Every co-destruction and watch shown, latest wave first, then co-destruction before watch. */
  attention: Concern[];
  /** The wave the summary covers: the one asked for, else the latest with results. */
  latest: { index: number; wave: string; counts: Record<string, number>; concerns: Concern[] } | null;
  /** The wave being answered now, if it is among those shown. */
  open: Progress | null;
}

/** The dates of the waves and today, which tell closed waves from open and scheduled ones. */
interface Schedule {
  waves: readonly { id: string; label: string; opensOn: string; closesOn: string }[];
  today: string;
}

const SEVERITY: Record<Concern['status'], number> = { 'co-destruction': 0, watch: 1 };

const groupOrder = (analysis: ProjectAnalysis, locale: Locale) => [
  { id: ALL_GROUPS, label: evaluatorMessages.translator(locale)('everyone') },
  ...analysis.groups.map((g) => ({ id: g.id, label: nameIn(g, locale) })),
];

/** Unique per wave, group and dimension; ids are lower-case words, so this is a usable fragment. */
const rowAnchor = (waveIndex: number, group: string, dimension: string) => `status-${waveIndex}-${group}-${dimension}`;

/**
 * What the dashboard and the report show. Small groups are hidden with their complement
 * (small-groups.ts): a hidden cell keeps its place but carries no numbers, status or reason, in
 * the tables and in the charts' JSON alike. Waves not yet open are left out; an open wave
 * shows its progress and no results, so a half-answered wave never reads as a fall. With
 * `wave` (its 1-based index) the summary covers that wave and the waves after it are left out.
 * Names, dates and reasons are in `locale`; the numbers stay numbers, for the page to format.
 */
export function dashboardModel(
  analysis: ProjectAnalysis,
  scales: ReadonlyMap<string, { min: number; max: number }>,
  schedule: Schedule,
  wave?: number,
  locale: Locale = 'en',
): DashboardModel {
  const cell = new Map<string, AnalysisCell>();
  for (const c of analysis.cells) cell.set(`${c.waveId}|${c.group}|${c.dimension}`, c);
  const groups = groupOrder(analysis, locale);
  const at = (waveId: string, group: string, dimension: string) => cell.get(`${waveId}|${group}|${dimension}`);
  const datesOf = new Map(schedule.waves.map((w) => [w.id, w]));
  const stateOf = (waveId: string) => {
    const dates = datesOf.get(waveId);
    return dates ? waveState(dates, schedule.today) : 'closed';
  };

  /** Per wave, dimension and group (Everyone first): why the cell is hidden, if it is. */
  const hiding = new Map<string, Hiding | null>();
  for (const w of analysis.waves) {
    const open = stateOf(w.id) === 'open';
    for (const d of analysis.dimensions) {
      const table = hideSmallGroups(analysis.groups.map((g) => at(w.id, g.id, d.id)?.n ?? 0));
      [table.everyone, ...table.groups].forEach((why, i) => {
        hiding.set(`${w.id}|${groups[i]!.id}|${d.id}`, open ? 'in-progress' : why);
      });
    }
  }
  // A cell the analysis does not have counts as no one's: hidden.
  const hiddenAt = (waveId: string, group: string, dimension: string): Hiding | null => {
    const why = hiding.get(`${waveId}|${group}|${dimension}`);
    return why === undefined ? 'fewer-than-5' : why;
  };

  const hasResults = (waveId: string) =>
    stateOf(waveId) === 'closed' &&
    analysis.dimensions.some((d) =>
      groups.some((g) => hiddenAt(waveId, g.id, d.id) === null && (at(waveId, g.id, d.id)?.mean ?? null) !== null),
    );
  const wavesWithResults = analysis.waves
    .filter((w) => hasResults(w.id))
    .map((w) => ({ index: w.index, label: w.label }));
  const covered = wave ?? wavesWithResults.at(-1)?.index;
  const shown = analysis.waves.filter((w) => stateOf(w.id) !== 'scheduled' && (wave === undefined || w.index <= wave));

  const participationOf = (waveId: string) => analysis.participation.filter((p) => p.waveId === waveId);
  const progress: (Progress | null)[] = shown.map((w) => {
    if (stateOf(w.id) !== 'open') return null;
    const rows = participationOf(w.id);
    const submitted = rows.reduce((sum, p) => sum + p.submitted, 0);
    return {
      wave: w.label,
      until: formatCalendarDate(locale, datesOf.get(w.id)!.closesOn),
      submitted: isSuppressed(submitted) ? null : submitted,
      invited: rows.reduce((sum, p) => sum + p.invited, 0),
    };
  });

  const dimensions: DimensionChart[] = analysis.dimensions.map((d) => ({
    id: d.id,
    label: nameIn(d, locale),
    scale: scales.get(d.id) ?? { min: 1, max: 5 },
    series: groups.map((g) => ({
      group: g.id,
      label: g.label,
      points: shown.map((w) => {
        const c = at(w.id, g.id, d.id);
        const hidden = hiddenAt(w.id, g.id, d.id);
        if (hidden !== null || !c) return { mean: null, ciLow: null, ciHigh: null, n: null, hidden };
        return { mean: c.mean, ciLow: c.ciLow, ciHigh: c.ciHigh, n: c.n, hidden: null };
      }),
    })),
  }));

  // Response rates are hidden like the means, on the submitted counts that make them.
  const rateHiding = new Map<string, (SmallGroupHiding | null)[]>();
  for (const w of shown) {
    const rows = analysis.groups.map((g) => participationOf(w.id).find((p) => p.group === g.id));
    const table = hideSmallGroups(rows.map((p) => p?.submitted ?? 0));
    rateHiding.set(w.id, [table.everyone, ...table.groups]);
  }
  const firstDimension = analysis.dimensions[0]?.id ?? '';
  const responseRates = groups.map((g, i) => {
    const hidden = shown.map((w) =>
      stateOf(w.id) === 'open' ? ('in-progress' as const) : (rateHiding.get(w.id)![i] ?? null),
    );
    return {
      group: g.id,
      label: g.label,
      rates: shown.map((w, j) => (hidden[j] === null ? (at(w.id, g.id, firstDimension)?.responseRate ?? null) : null)),
      hidden,
      participation: shown.map((w, j) =>
        hidden[j] === null
          ? (analysis.participation.find((p) => p.waveId === w.id && p.group === g.id)?.status ?? null)
          : null,
      ),
    };
  });

  const [first, second] = analysis.groups;
  const gap =
    first && second
      ? {
          between: [nameIn(first, locale), nameIn(second, locale)] as [string, string],
          dimensions: analysis.dimensions.map((d) => ({
            id: d.id,
            label: nameIn(d, locale),
            g: shown.map((w) => {
              if (hiddenAt(w.id, first.id, d.id) !== null || hiddenAt(w.id, second.id, d.id) !== null) return null;
              return at(w.id, first.id, d.id)?.gaps.find((x) => x.otherGroup === second.id)?.g ?? null;
            }),
          })),
        }
      : null;

  const closed = new Set(shown.filter((w) => stateOf(w.id) === 'closed').map((w) => w.id));
  const dimensionLabel = (id: string) => dimensions.find((d) => d.id === id)?.label ?? id;
  const groupLabel = (id: string) => groups.find((g) => g.id === id)?.label ?? id;
  const statuses: StatusRow[] = [];
  const counts = new Map<number, Record<string, number>>();
  // In cell order (group, then dimension, within a wave), which the sort below keeps for ties.
  const concerns: { waveIndex: number; concern: Concern }[] = [];
  for (const c of analysis.cells) {
    if (!closed.has(c.waveId)) continue;
    const hidden = hiddenAt(c.waveId, c.group, c.dimension) as SmallGroupHiding | null;
    const row: StatusRow = {
      anchor: rowAnchor(c.waveIndex, c.group, c.dimension),
      wave: c.wave,
      dimension: dimensionLabel(c.dimension),
      group: groupLabel(c.group),
      status: hidden ? null : c.status,
      flags: hidden ? '' : c.signals.join(' '),
      reason: hidden ? '' : c.reasons[locale],
      hidden,
    };
    statuses.push(row);
    if (row.status) {
      const perWave = counts.get(c.waveIndex) ?? {};
      perWave[row.status] = (perWave[row.status] ?? 0) + 1;
      counts.set(c.waveIndex, perWave);
    }
    if (row.status === 'co-destruction' || row.status === 'watch') {
      const { wave, group, dimension, status, reason, anchor } = row;
      concerns.push({
        waveIndex: c.waveIndex,
        concern: { wave, group, dimension, status, reason, chart: `chart-${c.dimension}`, row: anchor },
      });
    }
  }
  concerns.sort((a, b) => b.waveIndex - a.waveIndex || SEVERITY[a.concern.status] - SEVERITY[b.concern.status]);

  const coveredWave = shown.find((w) => w.index === covered);
  const latest = coveredWave
    ? {
        index: coveredWave.index,
        wave: coveredWave.label,
        counts: counts.get(coveredWave.index) ?? {},
        concerns: concerns.filter((c) => c.waveIndex === coveredWave.index).map((c) => c.concern),
      }
    : null;

  return {
    waves: shown.map((w) => w.label),
    progress,
    wavesWithResults,
    groups,
    dimensions,
    responseRates,
    gap,
    statuses,
    attention: concerns.map((c) => c.concern),
    latest,
    open: progress.find((p) => p !== null) ?? null,
  };
}
