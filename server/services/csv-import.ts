import { parse } from 'csv-parse/sync';
import { DomainError, type FieldProblem } from '../domain/errors.js';

interface CsvLine {
  /** Line number in the file where this record starts; the header is line 1. */
  line: number;
  cells: Record<string, string>;
}

interface ParsedCsv {
  header: string[];
  /** Rows with as many cells as the header; the others are reported in `problems`. */
  rows: CsvLine[];
  problems: FieldProblem[];
}

/** Upper bound on an import, so a mistaken upload cannot exhaust memory. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export function lineProblem(line: number, message: string): FieldProblem {
  return { where: `line ${line}`, message };
}

const lineNumber = (p: FieldProblem) => Number(/^line (\d+)$/.exec(p.where)?.[1] ?? 0);

/** Rejects the whole file with every problem found, in line order. */
export function rejectImport(problems: FieldProblem[]): never {
  const sorted = [...problems].sort((a, b) => lineNumber(a) - lineNumber(b));
  throw new DomainError(
    'IMPORT_REJECTED',
    `The file was not imported: ${problems.length} problem(s). Nothing was written.`,
    sorted,
  );
}

/**
 * Reads a CSV file (UTF-8, optional BOM, any line ending) into header and rows with line numbers.
 * A file that is not CSV at all is rejected with the line where reading failed.
 */
export function parseCsv(text: string): ParsedCsv {
  if (Buffer.byteLength(text) > MAX_IMPORT_BYTES)
    rejectImport([lineProblem(1, `the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`)]);
  let records: { record: string[]; raw: string; info: { lines: number } }[];
  try {
    records = parse(text.replace(/\r\n?/g, '\n'), {
      info: true,
      raw: true,
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      relax_quotes: true,
    }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return rejectImport([lineProblem(line, `the file cannot be read as CSV (${(error as Error).message})`)]);
  }
  const [first, ...rest] = records;
  if (!first) return rejectImport([lineProblem(1, 'the file is empty: it needs a header row')]);
  const header = first.record.map((h) => h.trim());
  const problems: FieldProblem[] = [];
  const rows: CsvLine[] = [];
  for (const { record, raw, info } of rest) {
    const inner = (raw.replace(/^\n+/, '').match(/\n/g)?.length ?? 1) - 1;
    const line = info.lines - inner;
    if (record.length !== header.length) {
      problems.push(lineProblem(line, `has ${record.length} columns but the header has ${header.length}`));
      continue;
    }
    rows.push({ line, cells: Object.fromEntries(header.map((h, i) => [h, record[i] ?? ''])) });
  }
  return { header, rows, problems };
}

/**
 * Checks the header: required columns present, only known ones, none twice. Rows can still be
 * checked after an unknown column (it is ignored), but not without a required column or with
 * one given twice: then `usable` is false.
 */
export function checkHeader(
  header: string[],
  required: readonly string[],
  optional: readonly string[] | ((column: string) => boolean),
): { problems: FieldProblem[]; usable: boolean } {
  const problems: FieldProblem[] = [];
  let usable = true;
  const allowed = (c: string) =>
    required.includes(c) || (typeof optional === 'function' ? optional(c) : optional.includes(c));
  for (const column of required) {
    if (!header.includes(column)) {
      problems.push(lineProblem(1, `the header has no "${column}" column`));
      usable = false;
    }
  }
  for (const column of header)
    if (!allowed(column)) problems.push(lineProblem(1, `the header has an unknown column "${column}"`));
  const seen = new Set<string>();
  for (const column of header) {
    if (seen.has(column)) {
      problems.push(lineProblem(1, `the header has the column "${column}" twice`));
      usable = false;
    }
    seen.add(column);
  }
  return { problems, usable };
}
