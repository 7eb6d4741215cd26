import { ALL_GROUPS } from '../../domain/analysis/analysis-design.js';
import type { AnalysisCell, ProjectAnalysis } from '../../domain/analysis/project-analysis.js';
import { isSuppressed } from '../../domain/analysis/small-groups.js';
import type { ParticipationStatus } from '../../domain/statistics/status-rules.js';

interface SeriesPoint {
  mean: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  n: number;
  suppressed: boolean;
}

interface DimensionChart {
  id: string;
  label: string;
  scale: { min: number; max: number };
  series: { group: string; label: string; points: SeriesPoint[] }[];
}

interface StatusRow {
  wave: string;
  dimension: string;
  group: string;
  status: string | null;
  flags: string;
  reason: string;
  suppressed: boolean;
}

interface DashboardModel {
  waves: string[];
  groups: { id: string; label: string }[];
  dimensions: DimensionChart[];
  /** Per group (and Everyone) and wave; participation is judged for stakeholder groups only. */
  responseRates: {
    group: string;
    label: string;
    rates: (number | null)[];
    participation: (ParticipationStatus | null)[];
  }[];
  /** Hedges' g of the first stakeholder group against the second, per dimension and wave. */
  gap: { between: [string, string]; dimensions: { id: string; label: string; g: (number | null)[] }[] } | null;
  statuses: StatusRow[];
  /** Counts of statuses in the latest wave, for the summary. */
  latest: { wave: string; counts: Record<string, number>; concerns: StatusRow[] } | null;
}

const groupOrder = (analysis: ProjectAnalysis) => [
  { id: ALL_GROUPS, label: 'Everyone' },
  ...analysis.groups.map((g) => ({ id: g.id, label: g.label })),
];

/**
 * What the dashboard and the report show, with small groups suppressed: a cell with fewer than
 * 5 respondents keeps its place but carries no numbers, status or reason.
 */
export function dashboardModel(
  analysis: ProjectAnalysis,
  scales: ReadonlyMap<string, { min: number; max: number }>,
): DashboardModel {
  const cell = new Map<string, AnalysisCell>();
  for (const c of analysis.cells) cell.set(`${c.waveId}|${c.group}|${c.dimension}`, c);
  const groups = groupOrder(analysis);
  const at = (waveId: string, group: string, dimension: string) => cell.get(`${waveId}|${group}|${dimension}`);

  const dimensions: DimensionChart[] = analysis.dimensions.map((d) => {
    return {
      id: d.id,
      label: d.label,
      scale: scales.get(d.id) ?? { min: 1, max: 5 },
      series: groups.map((g) => ({
        group: g.id,
        label: g.label,
        points: analysis.waves.map((w) => {
          const c = at(w.id, g.id, d.id);
          const n = c?.n ?? 0;
          const hidden = isSuppressed(n);
          return {
            mean: hidden ? null : (c?.mean ?? null),
            ciLow: hidden ? null : (c?.ciLow ?? null),
            ciHigh: hidden ? null : (c?.ciHigh ?? null),
            n,
            suppressed: hidden,
          };
        }),
      })),
    };
  });

  const firstDimension = analysis.dimensions[0]?.id ?? '';
  const responseRates = groups.map((g) => ({
    group: g.id,
    label: g.label,
    rates: analysis.waves.map((w) => at(w.id, g.id, firstDimension)?.responseRate ?? null),
    participation: analysis.waves.map(
      (w) => analysis.participation.find((p) => p.waveId === w.id && p.group === g.id)?.status ?? null,
    ),
  }));

  const [first, second] = analysis.groups;
  const gap =
    first && second
      ? {
          between: [first.label, second.label] as [string, string],
          dimensions: analysis.dimensions.map((d) => ({
            id: d.id,
            label: d.label,
            g: analysis.waves.map((w) => {
              const a = at(w.id, first.id, d.id);
              const b = at(w.id, second.id, d.id);
              if (!a || !b || isSuppressed(a.n) || isSuppressed(b.n)) return null;
              return a.gaps.find((x) => x.otherGroup === second.id)?.g ?? null;
            }),
          })),
        }
      : null;

  const statuses: StatusRow[] = analysis.cells.map((c) => {
    const hidden = isSuppressed(c.n);
    return {
      wave: c.wave,
      dimension: analysis.dimensions.find((d) => d.id === c.dimension)?.label ?? c.dimension,
      group: groups.find((g) => g.id === c.group)?.label ?? c.group,
      status: hidden ? null : c.status,
      flags: hidden ? '' : c.signals.join(' '),
      reason: hidden ? '' : c.reason,
      suppressed: hidden,
    };
  });

  const lastWave = analysis.waves.at(-1);
  const latestRows = lastWave ? statuses.filter((s) => s.wave === lastWave.label) : [];
  const counts: Record<string, number> = {};
  for (const s of latestRows) if (s.status) counts[s.status] = (counts[s.status] ?? 0) + 1;
  const latest = lastWave
    ? {
        wave: lastWave.label,
        counts,
        concerns: latestRows.filter((s) => s.status === 'co-destruction' || s.status === 'watch'),
      }
    : null;

  return { waves: analysis.waves.map((w) => w.label), groups, dimensions, responseRates, gap, statuses, latest };
}
