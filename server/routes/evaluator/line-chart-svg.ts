import { escapeHtml } from '../../http/view-engine.js';

/** One line of a chart: a value per category (null where there is none), with an optional interval around it. */
export interface LineSeries {
  label: string;
  values: readonly (number | null)[];
  low?: readonly (number | null)[];
  high?: readonly (number | null)[];
}

export interface LineChartSpec {
  /** The chart's accessible name: what it shows, and where the same numbers are. */
  name: string;
  /** The categories along the bottom, in order (the waves). */
  categories: readonly string[];
  axis: { min: number; max: number; title: string };
  /** A tick's number as the page's language writes it ("2,5"); one decimal where not whole. */
  formatTick?: (value: number) => string;
  series: readonly LineSeries[];
  /** Values marked across the chart by a dashed line. */
  references?: readonly number[];
}

/**
 * The chart's own units. Its width is the A4 text width at 15 mm margins (180 mm) in CSS pixels,
 * so printed full width the chart is drawn at its own size and a font size of 12 is 9 pt.
 */
export const CHART_WIDTH = 680;
const FONT = 12;
const TICK_FONT = 11;
/** An upper bound of the width of a character of the page's sans-serif font, in ems, so estimated labels never run into each other. */
const CHAR_WIDTH = 0.62;
const MAX_CATEGORY_CHARS = 18;
const PLOT_HEIGHT = 170;
const LEFT = 58;
const RIGHT = 14;
const TOP = 10;
const INK = '#0b0c0c';
const GRID = '#b1b4b6';
const REFERENCE = '#505a5f';

/**
 * Distinct in colour, each with a contrast of at least 4.5:1 on white, and also in dash and marker,
 * so the lines can be told apart in black-and-white print and without colour vision.
 * The dashboard's colours, dashes and (but for a cross for its star) markers: public/js/dashboard.js.
 */
const STYLES = [
  { color: '#0b0c0c', dash: '', marker: 'circle' },
  { color: '#1d70b8', dash: '8 4', marker: 'square' },
  { color: '#d4351c', dash: '2 3', marker: 'triangle' },
  { color: '#00703c', dash: '12 3 2 3', marker: 'diamond' },
  { color: '#6f72af', dash: '4 4', marker: 'cross' },
] as const;
type Style = (typeof STYLES)[number];

const r1 = (v: number) => Math.round(v * 10) / 10;
const textWidth = (text: string, size: number) => text.length * size * CHAR_WIDTH;

function shortened(text: string): string {
  return text.length > MAX_CATEGORY_CHARS ? `${text.slice(0, MAX_CATEGORY_CHARS - 1)}…` : text;
}

/** Round steps for the value axis, at most 6 intervals from min to max. */
export function axisTicks(min: number, max: number): number[] {
  const range = max - min;
  if (!(range > 0)) return [min];
  const magnitude = 10 ** Math.floor(Math.log10(range / 6));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => range / s <= 6) ?? range;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

function marker(style: Style, x: number, y: number): string {
  const at = (dx: number, dy: number) => `${r1(x + dx)},${r1(y + dy)}`;
  const paint = `fill="${style.color}" stroke="${style.color}"`;
  switch (style.marker) {
    case 'circle':
      return `<circle cx="${r1(x)}" cy="${r1(y)}" r="4.5" ${paint}/>`;
    case 'square':
      return `<rect x="${r1(x - 4)}" y="${r1(y - 4)}" width="8" height="8" ${paint}/>`;
    case 'triangle':
      return `<polygon points="${at(0, -5.5)} ${at(5, 4)} ${at(-5, 4)}" ${paint}/>`;
    case 'diamond':
      return `<polygon points="${at(0, -5.5)} ${at(5.5, 0)} ${at(0, 5.5)} ${at(-5.5, 0)}" ${paint}/>`;
    case 'cross':
      return `<path d="M${at(-4.5, -4.5)}L${at(4.5, 4.5)}M${at(-4.5, 4.5)}L${at(4.5, -4.5)}" fill="none" stroke="${style.color}" stroke-width="2.5"/>`;
  }
}

/** The runs of consecutive indices where `present` holds. */
function runs(count: number, present: (i: number) => boolean): number[][] {
  const out: number[][] = [];
  let run: number[] = [];
  for (let i = 0; i < count; i += 1) {
    if (present(i)) run.push(i);
    else if (run.length > 0) {
      out.push(run);
      run = [];
    }
  }
  if (run.length > 0) out.push(run);
  return out;
}

/**
 * A line chart as inline SVG, drawn on the server: it needs no script, prints at the size it is
 * printed at, and cannot spill out of its box (an inline SVG clips to its viewport). Its text is
 * escaped; it is an image with an accessible name, whose numbers are in a table beside it. Every
 * line has its own colour, dash and marker; gaps (no value, or a value hidden) break the line.
 */
export function lineChartSvg(spec: LineChartSpec): string {
  const { min, max } = spec.axis;
  const n = spec.categories.length;
  const labels = spec.categories.map(shortened);
  const widest = Math.max(0, ...labels.map((l) => textWidth(l, TICK_FONT)));
  const slot = (left: number) => (CHART_WIDTH - left - RIGHT) / Math.max(n, 1);
  // Level if every category fits its slot, else turned; then the first one, turned, reaches left
  // of its point by its width times cos 45°, and the plot moves right as far as that needs.
  const level = widest <= slot(LEFT) - 6;
  let left = LEFT;
  if (!level) while (widest * Math.SQRT1_2 > left + slot(left) / 2 - 4) left += 4;
  const step = slot(left);
  const xAt = (i: number) => left + (i + 0.5) * step;
  const clamp = (v: number) => Math.min(max, Math.max(min, v));
  const yAt = (v: number) => TOP + PLOT_HEIGHT - ((clamp(v) - min) / (max - min || 1)) * PLOT_HEIGHT;
  const plotBottom = TOP + PLOT_HEIGHT;
  const parts: string[] = [];

  // The value axis: ticks with grid lines, and its title turned along it.
  for (const tick of axisTicks(min, max)) {
    const y = r1(yAt(tick));
    parts.push(
      `<line x1="${left}" y1="${y}" x2="${CHART_WIDTH - RIGHT}" y2="${y}" stroke="${GRID}" stroke-width="1"/>`,
      `<text x="${left - 7}" y="${r1(y + TICK_FONT * 0.35)}" text-anchor="end" font-size="${TICK_FONT}">${escapeHtml(Number.isInteger(tick) ? tick : (spec.formatTick ?? ((v: number) => v.toFixed(1)))(tick))}</text>`,
    );
  }
  parts.push(
    `<text transform="translate(${FONT + 2} ${r1(TOP + PLOT_HEIGHT / 2)}) rotate(-90)" text-anchor="middle">${escapeHtml(spec.axis.title)}</text>`,
  );

  for (const [i, label] of labels.entries()) {
    const x = r1(xAt(i));
    const y = plotBottom + TICK_FONT + 6;
    parts.push(
      level
        ? `<text x="${x}" y="${y}" text-anchor="middle" font-size="${TICK_FONT}">${escapeHtml(label)}</text>`
        : `<text transform="translate(${x} ${y - 4}) rotate(-45)" text-anchor="end" font-size="${TICK_FONT}">${escapeHtml(label)}</text>`,
    );
  }
  const categoriesHeight = level ? TICK_FONT + 12 : widest * Math.SQRT1_2 + TICK_FONT + 8;

  const styles = spec.series.map((_, i) => STYLES[i % STYLES.length]!);
  // Intervals first, so that no line or marker is hidden under one.
  spec.series.forEach((series, s) => {
    const { low, high } = series;
    if (!low || !high) return;
    for (const run of runs(n, (i) => low[i] != null && high[i] != null)) {
      const color = styles[s]!.color;
      if (run.length === 1) {
        const x = r1(xAt(run[0]!));
        parts.push(
          `<line x1="${x}" y1="${r1(yAt(low[run[0]!]!))}" x2="${x}" y2="${r1(yAt(high[run[0]!]!))}" stroke="${color}" stroke-width="6" stroke-opacity="0.2"/>`,
        );
        continue;
      }
      const upper = run.map((i) => `${r1(xAt(i))},${r1(yAt(high[i]!))}`);
      const lower = [...run].reverse().map((i) => `${r1(xAt(i))},${r1(yAt(low[i]!))}`);
      parts.push(`<polygon points="${[...upper, ...lower].join(' ')}" fill="${color}" fill-opacity="0.13"/>`);
    }
  });
  for (const value of spec.references ?? []) {
    const y = r1(yAt(value));
    parts.push(
      `<line x1="${left}" y1="${y}" x2="${CHART_WIDTH - RIGHT}" y2="${y}" stroke="${REFERENCE}" stroke-width="1.2" stroke-dasharray="3 3"/>`,
    );
  }
  parts.push(
    `<line x1="${left}" y1="${TOP}" x2="${left}" y2="${plotBottom}" stroke="${INK}" stroke-width="1"/>`,
    `<line x1="${left}" y1="${plotBottom}" x2="${CHART_WIDTH - RIGHT}" y2="${plotBottom}" stroke="${INK}" stroke-width="1"/>`,
  );
  spec.series.forEach((series, s) => {
    const style = styles[s]!;
    const dash = style.dash ? ` stroke-dasharray="${style.dash}"` : '';
    for (const run of runs(n, (i) => series.values[i] != null)) {
      if (run.length > 1)
        parts.push(
          `<polyline points="${run.map((i) => `${r1(xAt(i))},${r1(yAt(series.values[i]!))}`).join(' ')}" fill="none" stroke="${style.color}" stroke-width="2"${dash}/>`,
        );
      for (const i of run) parts.push(marker(style, xAt(i), yAt(series.values[i]!)));
    }
  });

  // The legend under the chart, each line's dash and marker beside its name, wrapped to the width.
  const legendTop = plotBottom + categoriesHeight;
  const rowHeight = FONT + 10;
  let x = left;
  let row = 0;
  spec.series.forEach((series, s) => {
    const style = styles[s]!;
    const width = 34 + textWidth(series.label, FONT);
    if (x > left && x + width > CHART_WIDTH - RIGHT) {
      x = left;
      row += 1;
    }
    const y = legendTop + row * rowHeight + rowHeight / 2;
    const dash = style.dash ? ` stroke-dasharray="${style.dash}"` : '';
    parts.push(
      `<line x1="${r1(x)}" y1="${r1(y)}" x2="${r1(x + 26)}" y2="${r1(y)}" stroke="${style.color}" stroke-width="2"${dash}/>`,
      marker(style, x + 13, y),
      `<text x="${r1(x + 32)}" y="${r1(y + FONT * 0.35)}">${escapeHtml(series.label)}</text>`,
    );
    x += width + 18;
  });
  const height = Math.ceil(legendTop + (spec.series.length > 0 ? (row + 1) * rowHeight : 0) + 4);

  return (
    `<svg class="line-chart" viewBox="0 0 ${CHART_WIDTH} ${height}" role="img" aria-label="${escapeHtml(spec.name)}" ` +
    `font-size="${FONT}" fill="${INK}">${parts.join('')}</svg>`
  );
}
