import { Parser } from 'csv-parse';
import { DomainError, type FieldProblem } from '../domain/errors.js';
import * as imports from '../i18n/staff/imports.js';
import { giveWay } from './time-slice.js';

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

/** Upper bound on an import's size, so a mistaken upload cannot exhaust memory. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/**
 * The most rows one import takes (the header not counted). A file with more is refused as soon
 * as the parser reaches the row after the limit, with nothing written (ADR 0072).
 */
export const MAX_IMPORT_ROWS = 50_000;

/**
 * Rows an import looks up or writes in one store call: a millisecond or two of work, so the
 * import can give way to other requests whenever its slice of time (SLICE_MS) is spent. A new
 * participant goes into five indexes with random keys; measured on the loaded 2-core VM while
 * writing 50,000 of them, 100 rows a call took 11 ms at the median and up to 113 ms, 25 rows
 * 1.6 ms and up to 49 ms.
 */
export const IMPORT_SLICE_ROWS = 25;

/** Text handed to the CSV parser at a time: about 400 rows, a few milliseconds of parsing. */
const PIECE_CHARS = 16 * 1024;

interface ParseLimits {
  /** The most rows taken: MAX_IMPORT_ROWS. */
  maxRows?: number;
  /** Characters parsed between two turns of the event loop: PIECE_CHARS (smaller in tests, to cut often). */
  pieceChars?: number;
}

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

const rows = (n: number) => n.toLocaleString('en-GB');

/** The refusal of a file longer than the limit, on the line of the first row over it. */
function rejectTooManyRows(line: number, maxRows: number): never {
  throw new DomainError(
    'IMPORT_REJECTED',
    `The file was not imported: it has more than ${rows(maxRows)} rows, the most one import takes. Split it into files of at most ${rows(maxRows)} rows. Nothing was written.`,
    [importProblem(line, 'imports.tooManyRows', { max: rows(maxRows) })],
  );
}

/**
 * The file's text in pieces of about `pieceChars` with every line ending made "\n", giving way
 * to other requests before each piece after the first. A piece never ends between the two
 * halves of a surrogate pair or of a "\r\n".
 */
async function* pieces(text: string, pieceChars: number): AsyncGenerator<string> {
  let carry = '';
  for (let at = 0; at < text.length;) {
    if (at > 0) await giveWay();
    let end = Math.min(at + pieceChars, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end += 1;
    let piece = carry + text.slice(at, end);
    at = end;
    carry = '';
    if (at < text.length && piece.endsWith('\r')) {
      carry = '\r';
      piece = piece.slice(0, -1);
    }
    yield piece.replace(/\r\n?/g, '\n');
  }
}

type ParsedRecord = { record: string[]; raw: string; info: { lines: number } };

/**
 * The column separators an import reads (ADR 0098): the comma of RFC 4180, the semicolon that
 * Excel writes where the decimal mark is a comma (Italian among them), and the tab of a
 * spreadsheet saved as tab-separated text.
 */
export const SEPARATORS = [',', ';', '\t'] as const;
type Separator = (typeof SEPARATORS)[number];

/** A refused line, in English for the command line and the log, with its key in server/i18n/staff/imports.ts for the web page. */
export function importProblem(
  line: number,
  key: keyof typeof imports.en,
  params?: Record<string, string>,
): FieldProblem {
  const english = imports.en[key].replace(/\{(\w+)\}/g, (whole, name: string) => params?.[name] ?? whole);
  return { ...lineProblem(line, english), text: { key, ...(params ? { params } : {}) } };
}

/**
 * The separator of a file, read from its header line alone (after a byte-order mark and blank
 * lines, up to the first line break outside quotes): the one accepted separator found there
 * outside quotes. Column names never hold one, whereas a row's cells may ("3,5" in a text
 * column of a semicolon file), so the header is the one line that says it without guessing.
 * A header with none, or with two kinds, is a problem on its line naming what is accepted. An
 * empty file reads as comma-separated, so it is refused for being empty.
 */
export function detectSeparator(text: string): { separator: Separator } | { problem: FieldProblem } {
  let at = text.startsWith('\ufeff') ? 1 : 0;
  while (text[at] === '\n' || text[at] === '\r') at += 1;
  const line =
    1 +
    (text
      .slice(0, at)
      .replace(/\r\n/g, '\n')
      .match(/[\r\n]/g)?.length ?? 0);
  const found = new Set<Separator>();
  let quoted = false;
  let empty = true;
  for (; at < text.length; at += 1) {
    const c = text[at]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && (SEPARATORS as readonly string[]).includes(c)) found.add(c as Separator);
    empty = false;
  }
  if (empty) return { separator: ',' };
  const [only, ...others] = [...found];
  if (only && others.length === 0) return { separator: only };
  if (!only) return { problem: importProblem(line, 'imports.noSeparator') };
  // The characters themselves, tab by its name: the same in every language.
  const shown = [only, ...others].map((s) => (s === '\t' ? 'TAB' : s)).join(' ');
  return { problem: importProblem(line, 'imports.mixedSeparators', { found: shown }) };
}

/**
 * Reads a CSV file (UTF-8, optional BOM, any line ending, separated as its header line is, see
 * detectSeparator) into header and rows with line numbers.
 * A file that is not CSV at all is rejected with the line where reading failed; one with more
 * than `maxRows` rows is refused on the first row over it. The file is parsed a piece at a time
 * and gives way to other requests between pieces, so a large one never holds the event loop
 * for long (ADR 0070).
 */
export async function parseCsv(
  text: string,
  { maxRows = MAX_IMPORT_ROWS, pieceChars = PIECE_CHARS }: ParseLimits = {},
): Promise<ParsedCsv> {
  if (Buffer.byteLength(text) > MAX_IMPORT_BYTES)
    rejectImport([importProblem(1, 'imports.tooLarge', { mb: String(MAX_IMPORT_BYTES / 1024 / 1024) })]);
  const detected = detectSeparator(text);
  if ('problem' in detected) return rejectImport([detected.problem]);
  const parser = new Parser({
    delimiter: detected.separator,
    info: true,
    raw: true,
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    relax_quotes: true,
  });
  const records: ParsedRecord[] = [];
  let failure: Error | null = null;
  parser.on('data', (record: ParsedRecord) => records.push(record));
  parser.on('error', (error: Error) => (failure ??= error));

  let header: string[] | null = null;
  const problems: FieldProblem[] = [];
  const rows: CsvLine[] = [];
  let count = 0;
  /** Turns the records parsed so far into rows; refuses the file on the first row over the limit. */
  const take = () => {
    for (const { record, raw, info } of records) {
      if (!header) {
        header = record.map((h) => h.trim());
        continue;
      }
      count += 1;
      const inner = (raw.replace(/^\n+/, '').match(/\n/g)?.length ?? 1) - 1;
      const line = info.lines - inner;
      if (count > maxRows) rejectTooManyRows(line, maxRows);
      if (record.length !== header.length) {
        problems.push(
          importProblem(line, 'imports.columnCount', { count: String(record.length), header: String(header.length) }),
        );
        continue;
      }
      const columns = header;
      rows.push({ line, cells: Object.fromEntries(columns.map((h, i) => [h, record[i] ?? ''])) });
    }
    // Each record is looked at once; dropping them keeps one copy of the rows in memory.
    records.length = 0;
  };
  /** Resolves once the parser has taken the piece (null: the end of the file), or failed. */
  const written = (piece: string | null) =>
    new Promise<void>((resolve) => {
      const done = () => {
        parser.off('error', done);
        resolve();
      };
      parser.on('error', done);
      if (piece === null) parser.end(done);
      else parser.write(piece, done);
    });
  try {
    for await (const piece of pieces(text, pieceChars)) {
      await written(piece);
      if (failure) break;
      take();
    }
    if (!failure) {
      await written(null);
      take();
    }
  } finally {
    parser.removeAllListeners('data');
    if (!parser.destroyed) parser.destroy();
  }
  if (failure) {
    const line = (failure as { lines?: number }).lines ?? 1;
    return rejectImport([importProblem(line, 'imports.unreadable', { detail: (failure as Error).message })]);
  }
  if (!header) return rejectImport([importProblem(1, 'imports.empty')]);
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
      problems.push(importProblem(1, 'imports.missingColumn', { column }));
      usable = false;
    }
  }
  for (const column of header)
    if (!allowed(column)) problems.push(importProblem(1, 'imports.unknownColumn', { column }));
  const seen = new Set<string>();
  for (const column of header) {
    if (seen.has(column)) {
      problems.push(importProblem(1, 'imports.columnTwice', { column }));
      usable = false;
    }
    seen.add(column);
  }
  return { problems, usable };
}
