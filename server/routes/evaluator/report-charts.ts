import type { dashboardModel } from './dashboard-model.js';
import { lineChartSvg } from './line-chart-svg.js';

type DimensionChart = ReturnType<typeof dashboardModel>['dimensions'][number];

/**
 * One dimension's chart for the report, as inline SVG: a line per group (and everyone) with its
 * 95% interval, hidden cells left as gaps, and dashed lines where the dashboard draws them.
 */
export function trendChartSvg(dimension: DimensionChart, waves: readonly string[]): string {
  const { min, max } = dimension.scale;
  // 3.0 (below: concern) and 4.0 (strength) on a 1–5 scale, placed alike on any other, as the dashboard does.
  const rescale = (v: number) => min + ((v - 1) * (max - min)) / 4;
  return lineChartSvg({
    name: `${dimension.label} by wave; the table below has the same numbers`,
    categories: waves,
    axis: { min, max, title: 'Mean score' },
    series: dimension.series.map((s) => ({
      label: s.label,
      values: s.points.map((p) => p.mean),
      low: s.points.map((p) => p.ciLow),
      high: s.points.map((p) => p.ciHigh),
    })),
    references: [rescale(3), rescale(4)],
  });
}
