import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from '@json2csv/node';
import { number as numberFormatter, stringQuoteOnlyIfNecessary } from '@json2csv/formatters';
import { neutraliseFormula } from './csv-cell.js';

export type CsvValue = string | number | null | undefined;
export type CsvRow = Record<string, CsvValue>;

const EOL = '\r\n';
const quoteIfNeeded = stringQuoteOnlyIfNecessary({ eol: EOL });
const plainNumber = numberFormatter();

/**
 * RFC 4180 CSV (CRLF, quotes only where needed) with formula cells neutralised and numbers
 * unrounded. NaN and Infinity become empty cells: an undefined statistic is not a number.
 */
export function csvTransform(fields: readonly string[]): Transform<CsvRow, CsvRow> {
  return new Transform<CsvRow, CsvRow>(
    {
      fields: [...fields],
      eol: EOL,
      defaultValue: '',
      formatters: {
        string: (value: string) => quoteIfNeeded(neutraliseFormula(value)),
        header: (value: string) => quoteIfNeeded(value),
        number: (value: number) => (Number.isFinite(value) ? plainNumber(value) : ''),
      },
    },
    {},
    { objectMode: true },
  );
}

/** Streams rows to `out` as CSV without holding them all in memory. */
export async function writeCsv(rows: AsyncIterable<CsvRow> | Iterable<CsvRow>, fields: readonly string[], out: Writable): Promise<void> {
  await pipeline(Readable.from(rows), csvTransform(fields), out);
}
