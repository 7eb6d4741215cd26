import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** A rectangle on a PDF page, in points, y upwards as PDF has it. */
export interface Box {
  left: number;
  bottom: number;
  right: number;
  top: number;
}

/** One chart (an element the PDF tags as a figure with alternative text) as printed on one page. */
export interface PrintedChart {
  alt: string;
  /** Everything it drew: its paths, images and text. */
  box: Box;
}

/** One table's rows on one page; rows are numbered in the whole table, so a split table can be followed. */
export interface PrintedTable {
  /** The table's number among those printed on this page, in order. */
  table: number;
  /** The body rows (those with a cell that is not a header) printed on this page. */
  bodyRows: number[];
  /** The table's body rows in all. */
  bodyRowsInAll: number[];
}

export interface PrintedText {
  text: string;
  box: Box;
  /** The chart it belongs to (its index in the page's charts), if any. */
  chart: number | null;
}

export interface PrintedPage {
  size: { width: number; height: number };
  charts: PrintedChart[];
  tables: PrintedTable[];
  texts: PrintedText[];
}

interface StructNode {
  role?: string;
  alt?: string;
  type?: string;
  id?: string;
  children?: StructNode[];
}

type Matrix = [number, number, number, number, number, number];

const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];

function boxUnder(m: Matrix, x0: number, y0: number, x1: number, y1: number): Box {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const [x, y] of [
    [x0, y0],
    [x0, y1],
    [x1, y0],
    [x1, y1],
  ] as const) {
    xs.push(m[0] * x + m[2] * y + m[4]);
    ys.push(m[1] * x + m[3] * y + m[5]);
  }
  return { left: Math.min(...xs), bottom: Math.min(...ys), right: Math.max(...xs), top: Math.max(...ys) };
}

const union = (a: Box | undefined, b: Box): Box =>
  a
    ? {
        left: Math.min(a.left, b.left),
        bottom: Math.min(a.bottom, b.bottom),
        right: Math.max(a.right, b.right),
        top: Math.max(a.top, b.top),
      }
    : b;

/** Whether two boxes share any area (touching edges do not count). */
export const overlaps = (a: Box, b: Box): boolean =>
  a.left < b.right && b.left < a.right && a.bottom < b.top && b.bottom < a.top;

const mcidOf = (id: string) => Number(/_mc(\d+)$/.exec(id)?.[1] ?? NaN);

/** The marked-content ids under a node, those on this page only (others are listed with no content). */
function contentIds(node: StructNode): number[] {
  if (node.type === 'content' && node.id) return [mcidOf(node.id)];
  return (node.children ?? []).flatMap(contentIds);
}

const PAINTING = new Set<number>([
  OPS.stroke,
  OPS.closeStroke,
  OPS.fill,
  OPS.eoFill,
  OPS.fillStroke,
  OPS.eoFillStroke,
  OPS.closeFillStroke,
  OPS.closeEOFillStroke,
]);
const IMAGES = new Set<number>([
  OPS.paintImageXObject,
  OPS.paintInlineImageXObject,
  OPS.paintImageMaskXObject,
  OPS.paintSolidColorImageMask,
  OPS.paintImageXObjectRepeat,
]);

/**
 * Where the charts, tables and text of a tagged PDF (Chromium's `page.pdf({ tagged: true })`) lie
 * on each page, read back with pdfjs: the structure tree says which marked content is a chart
 * (a Figure with alternative text: an element with role="img" and a name), which is a table row
 * and which row is a header; the page's drawing operators and text say where each was drawn.
 */
export async function printedLayout(pdf: Buffer): Promise<PrintedPage[]> {
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false })
    .promise;
  try {
    const pages: PrintedPage[] = [];
    for (let n = 1; n <= document.numPages; n += 1) {
      const page = await document.getPage(n);
      const [, , width, height] = page.view as [number, number, number, number];
      const tree = (await page.getStructTree()) as StructNode | null;

      const chartOf = new Map<number, number>();
      const alts: string[] = [];
      const tables: PrintedTable[] = [];
      let tableNumber = 0;
      const walk = (node: StructNode) => {
        if (node.role === 'Figure' && node.alt) {
          const ids = contentIds(node);
          if (ids.length > 0) {
            for (const id of ids) chartOf.set(id, alts.length);
            alts.push(node.alt);
          }
          return;
        }
        if (node.role === 'Table') {
          // The whole table is listed on every page it is printed on; its rows hold content only where printed.
          const rows = (node.children ?? []).filter((c) => c.role === 'TR');
          const body = rows.flatMap((row, i) => ((row.children ?? []).some((cell) => cell.role === 'TD') ? [i] : []));
          tables.push({
            table: tableNumber,
            bodyRowsInAll: body,
            bodyRows: body.filter((i) => contentIds(rows[i]!).length > 0),
          });
          tableNumber += 1;
        }
        for (const child of node.children ?? []) walk(child);
      };
      if (tree) walk(tree);

      const boxes: (Box | undefined)[] = alts.map(() => undefined);
      const texts: PrintedText[] = [];
      const content = await page.getTextContent({ includeMarkedContent: true });
      const open: number[] = [];
      for (const item of content.items) {
        if ('type' in item) {
          if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent')
            open.push(item.id ? mcidOf(item.id) : NaN);
          else if (item.type === 'endMarkedContent') open.pop();
          continue;
        }
        if (item.str.trim() === '') continue;
        const [, , , , x, y] = item.transform as Matrix;
        // The glyphs' box: from the baseline down by their descent, up by the rest of the font size.
        const box = { left: x, right: x + item.width, bottom: y - 0.2 * item.height, top: y + 0.8 * item.height };
        const chart = open.map((id) => chartOf.get(id)).find((c) => c !== undefined) ?? null;
        if (chart !== null) boxes[chart] = union(boxes[chart], box);
        texts.push({ text: item.str, box, chart });
      }

      const operators = await page.getOperatorList();
      let matrix: Matrix = [1, 0, 0, 1, 0, 0];
      const saved: Matrix[] = [];
      const marked: number[] = [];
      const drawn = (box: Box) => {
        const chart = marked.map((id) => chartOf.get(id)).find((c) => c !== undefined);
        if (chart !== undefined) boxes[chart] = union(boxes[chart], box);
      };
      operators.fnArray.forEach((fn, i) => {
        const args = operators.argsArray[i] as unknown[];
        if (fn === OPS.save) saved.push(matrix);
        else if (fn === OPS.restore) matrix = saved.pop() ?? matrix;
        else if (fn === OPS.transform) matrix = multiply(matrix, Array.from(args as ArrayLike<number>) as Matrix);
        else if (fn === OPS.paintFormXObjectBegin) {
          saved.push(matrix);
          matrix = multiply(matrix, Array.from(args[0] as ArrayLike<number>) as Matrix);
        } else if (fn === OPS.paintFormXObjectEnd) matrix = saved.pop() ?? matrix;
        else if (fn === OPS.beginMarkedContentProps) marked.push(typeof args[1] === 'number' ? args[1] : NaN);
        else if (fn === OPS.beginMarkedContent) marked.push(NaN);
        else if (fn === OPS.endMarkedContent) marked.pop();
        else if (fn === OPS.constructPath && PAINTING.has(args[0] as number)) {
          const [x0, y0, x1, y1] = args[2] as ArrayLike<number> as [number, number, number, number];
          drawn(boxUnder(matrix, x0, y0, x1, y1));
        } else if (IMAGES.has(fn)) drawn(boxUnder(matrix, 0, 0, 1, 1));
      });

      pages.push({
        size: { width, height },
        charts: alts.map((alt, i) => {
          const box = boxes[i];
          if (!box) throw new Error(`page ${n}: the chart "${alt}" is tagged but nothing of it was found drawn`);
          return { alt, box };
        }),
        tables,
        texts,
      });
    }
    return pages;
  } finally {
    await document.destroy();
  }
}

/**
 * What is wrong with a printed layout, one sentence per problem: a chart drawn over text that is
 * not its own or over another chart, or past the page's edge; a table split so that a page holds
 * a single body row of it (an orphaned first row or a lone tail), or its header with no row.
 */
export function layoutProblems(pages: readonly PrintedPage[]): string[] {
  const problems: string[] = [];
  pages.forEach((page, p) => {
    const at = `page ${p + 1}`;
    page.charts.forEach((chart, c) => {
      const { box } = chart;
      if (box.left < 0 || box.bottom < 0 || box.right > page.size.width || box.top > page.size.height)
        problems.push(`${at}: "${chart.alt}" runs off the page`);
      for (const text of page.texts)
        if (text.chart !== c && overlaps(box, text.box))
          problems.push(`${at}: "${chart.alt}" is drawn over the text "${text.text}"`);
      page.charts.forEach((other, o) => {
        if (o > c && overlaps(box, other.box)) problems.push(`${at}: "${chart.alt}" overlaps "${other.alt}"`);
      });
    });
    for (const table of page.tables) {
      const printed = table.bodyRows.length;
      const all = table.bodyRowsInAll;
      if (printed === all.length || all.length < 2) continue;
      const name = `table ${table.table + 1} (${all.length} body rows)`;
      if (printed === 0) problems.push(`${at}: ${name} has its header here and no row`);
      else if (printed === 1)
        problems.push(
          table.bodyRows[0] === all.at(-1)
            ? `${at}: ${name} has only its last row here`
            : `${at}: ${name} has a single row here, split from the rest`,
        );
    }
  });
  return problems;
}

/**
 * Every shape a PDF's pages paint (stroked or filled paths and images), as the box it covers, in
 * the order drawn: enough to find a form's tick boxes by their size and see where each lies.
 */
export async function paintedShapes(pdf: Buffer): Promise<Box[][]> {
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false })
    .promise;
  try {
    const pages: Box[][] = [];
    for (let n = 1; n <= document.numPages; n += 1) {
      const operators = await (await document.getPage(n)).getOperatorList();
      let matrix: Matrix = [1, 0, 0, 1, 0, 0];
      const saved: Matrix[] = [];
      const shapes: Box[] = [];
      operators.fnArray.forEach((fn, i) => {
        const args = operators.argsArray[i] as unknown[];
        if (fn === OPS.save) saved.push(matrix);
        else if (fn === OPS.restore) matrix = saved.pop() ?? matrix;
        else if (fn === OPS.transform) matrix = multiply(matrix, Array.from(args as ArrayLike<number>) as Matrix);
        else if (fn === OPS.paintFormXObjectBegin) {
          saved.push(matrix);
          matrix = multiply(matrix, Array.from(args[0] as ArrayLike<number>) as Matrix);
        } else if (fn === OPS.paintFormXObjectEnd) matrix = saved.pop() ?? matrix;
        else if (fn === OPS.constructPath && PAINTING.has(args[0] as number)) {
          const [x0, y0, x1, y1] = args[2] as ArrayLike<number> as [number, number, number, number];
          shapes.push(boxUnder(matrix, x0, y0, x1, y1));
        }
      });
      pages.push(shapes);
    }
    return pages;
  } finally {
    await document.destroy();
  }
}
