import { Readable, Transform as NodeTransform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Transform } from '@json2csv/node';
import { stripControlCharacters } from '../domain/control-characters.js';
import { neutraliseFormula } from './csv-cell.js';

type CsvValue = string | number | null | undefined;
export type CsvRow = Record<string, CsvValue>;
/** A source may hand over rows one by one or a batch at a time (fewer trips through the stream). */
export type CsvChunk = CsvRow | readonly CsvRow[];

const EOL = '\r\n';
const BOM = '\uFEFF';

/**
 * RFC 4180 CSV (CRLF, quotes only where needed) with formula cells neutralised and numbers
 * unrounded. NaN and Infinity become empty cells: an undefined statistic is not a number.
 */
async function csvTransform(fields: readonly string[]): Promise<Transform<CsvChunk, CsvRow>> {
  // Loaded at the first export, so a start of the server or the CLI does not pay for json2csv.
  const [json2csv, formatters] = await Promise.all([import('@json2csv/node'), import('@json2csv/formatters')]);
  const quote = formatters.string();
  // json2csv's own "only if necessary" test looks for the configured EOL only; a bare LF or CR
  // inside an open-text answer must be quoted too.
  const quoteIfNeeded = (value: string): string => (/[",\r\n]/.test(value) ? quote(value) : value);
  const plainNumber = formatters.number();
  return new json2csv.Transform<CsvChunk, CsvRow>(
    {
      fields: [...fields],
      // json2csv flattens what a transform returns, so a batch becomes its rows.
      transforms: [(chunk: CsvChunk) => chunk as CsvRow],
      eol: EOL,
      defaultValue: '',
      formatters: {
        string: (value: string) => quoteIfNeeded(neutraliseFormula(value)),
        header: (value: string) => quoteIfNeeded(stripControlCharacters(value)),
        number: (value: number) => (Number.isFinite(value) ? plainNumber(value) : ''),
      },
    },
    {},
    { objectMode: true },
  );
}

/**
 * json2csv separates records with the EOL but does not end the last one; RFC 4180 readers
 * (R's read.csv among them) expect every record, the header included, to end with CRLF.
 */
function endLastRecord(): NodeTransform {
  return new NodeTransform({
    transform(chunk, _encoding, callback) {
      callback(null, chunk);
    },
    flush(callback) {
      callback(null, EOL);
    },
  });
}

/**
 * Streams rows to `out` as CSV without holding them all in memory. With `bom`, the file starts
 * with a UTF-8 byte-order mark, which spreadsheets need to read it as UTF-8 ("Reciprocità", not
 * "ReciprocitÃ "); R, Python and SPSS skip it.
 */
export async function writeCsv(
  rows: AsyncIterable<CsvChunk> | Iterable<CsvChunk>,
  fields: readonly string[],
  out: Writable,
  options: { bom?: boolean } = {},
): Promise<void> {
  const transform = await csvTransform(fields);
  if (options.bom) out.write(BOM);
  await pipeline(Readable.from(rows), transform, endLastRecord(), out);
}
