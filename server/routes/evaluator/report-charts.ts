import type { Locale, Translate } from '../../i18n/catalogue.js';
import { formatFixed } from '../../i18n/format.js';
import type { EvaluatorKey } from '../../i18n/evaluator-messages.js';
import type { dashboardModel } from './dashboard-model.js';
import { lineChartSvg } from './line-chart-svg.js';

type DimensionChart = ReturnType<typeof dashboardModel>['dimensions'][number];

/**
 * One dimension's chart for the report, as inline SVG: a line per group (and everyone) with its
 * 95% interval, hidden cells left as gaps, and dashed lines where the dashboard draws them.
 */
export function trendChartSvg(
  dimension: DimensionChart,
  waves: readonly string[],
  t: Translate<EvaluatorKey>,
  locale: Locale,
): string {
  const { min, max } = dimension.scale;
  // 3.0 (below: concern) and 4.0 (strength) on a 1–5 scale, placed alike on any other, as the dashboard does.
  const rescale = (v: number) => min + ((v - 1) * (max - min)) / 4;
  return lineChartSvg({
    name: t('chartName', { dimension: dimension.label }),
    categories: waves,
    axis: { min, max, title: t('axisMean') },
    formatTick: (value) => formatFixed(locale, value, 1),
    series: dimension.series.map((s) => ({
      label: s.label,
      values: s.points.map((p) => p.mean),
      low: s.points.map((p) => p.ciLow),
      high: s.points.map((p) => p.ciHigh),
    })),
    references: [rescale(3), rescale(4)],
  });
}
