import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { neutraliseFormula } from './csv-cell.js';
import type { CsvChunk, CsvRow } from './csv-stream.js';

/** Columns whose ISO text becomes a spreadsheet date: a calendar day, or an instant in UTC. */
export type DateColumns = Readonly<Record<string, 'date' | 'date-time'>>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const FORMATS = { date: 'yyyy-mm-dd', 'date-time': 'yyyy-mm-dd hh:mm:ss' } as const;

type Cell = string | number | Date | null;

/**
 * The cell for one value: numbers as numbers (NaN and Infinity empty, as in the CSV), ISO dates
 * of a date column as dates, and everything else as text with formulas neutralised exactly as
 * in the CSV, so the two files hold the same text and a sheet saved back to CSV stays harmless.
 */
function cellOf(value: CsvRow[string], kind: 'date' | 'date-time' | undefined): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (kind === 'date' && DAY.test(value)) return new Date(`${value}T00:00:00Z`);
  if (kind === 'date-time') {
    const instant = new Date(value);
    if (!Number.isNaN(instant.getTime())) return instant;
  }
  return neutraliseFormula(value);
}

/**
 * Streams rows to `out` as a one-sheet .xlsx with the header row frozen, through exceljs's
 * streaming writer: rows go to the zip as they come, and the loop waits while `out` is full,
 * so memory stays flat like the CSV's.
 */
export async function writeXlsx(
  rows: AsyncIterable<CsvChunk> | Iterable<CsvChunk>,
  fields: readonly string[],
  out: Writable,
  options: { sheet: string; dates?: DateColumns },
): Promise<void> {
  // Loaded at the first .xlsx, so a start of the server or the CLI does not pay for exceljs.
  const { default: ExcelJS } = await import('exceljs');
  const dates = options.dates ?? {};
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(options.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = fields.map((key) => {
    const kind = dates[key];
    return {
      key,
      width: Math.max(10, Math.min(key.length + 2, 40)),
      ...(kind ? { style: { numFmt: FORMATS[kind] } } : {}),
    };
  });
  sheet.addRow([...fields]).commit();
  const kinds = fields.map((field) => dates[field]);
  for await (const chunk of rows) {
    for (const row of Array.isArray(chunk) ? (chunk as readonly CsvRow[]) : [chunk as CsvRow]) {
      sheet.addRow(fields.map((field, i) => cellOf(row[field], kinds[i]))).commit();
    }
    if (out.destroyed) throw new Error('the download was closed before the end');
    if (out.writableNeedDrain) await Promise.race([once(out, 'drain'), once(out, 'close')]);
    // exceljs hands rows to its zip without waiting: giving the event loop a turn lets the
    // compression keep up, so rows do not pile up in memory in front of it.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  sheet.commit();
  // A download closed at the end never finishes; 'close' comes after 'finish' otherwise.
  await Promise.race([workbook.commit(), once(out, 'close')]);
}
