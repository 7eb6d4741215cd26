import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { isDomainError } from '../../server/domain/errors.js';
import { detectSeparator, MAX_IMPORT_ROWS, parseCsv, SEPARATORS } from '../../server/services/csv-import.js';
import { csvText, PARTICIPANT_COLUMNS } from '../property/csv-arbitraries.js';
import { RUNS } from '../property/hostile.js';
import { expectDomainError } from '../helpers/test-services.js';

/** A problem as the oracle below writes it: where and the English message (the page's key aside). */
const english = ({ where, message }: { where: string; message: string }) => ({ where, message });

/** What parseCsv gives, or the problems it rejects the file with. */
async function outcome(text: string, pieceChars?: number): Promise<unknown> {
  try {
    const parsed = await parseCsv(text, pieceChars ? { pieceChars } : {});
    return { ...parsed, problems: parsed.problems.map(english) };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return { code: error.code, problems: error.problems.map(english) };
  }
}

/** The file read in one go, as imports read it before they were cut into pieces. */
function readAtOnce(text: string): unknown {
  const detected = detectSeparator(text);
  if ('problem' in detected)
    return {
      code: 'IMPORT_REJECTED',
      problems: [english(detected.problem)],
    };
  let records: { record: string[]; raw: string; info: { lines: number } }[];
  try {
    records = parse(text.replace(/\r\n?/g, '\n'), {
      delimiter: detected.separator,
      info: true,
      raw: true,
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      relax_quotes: true,
    }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    const message = `the file cannot be read as CSV (${(error as Error).message})`;
    return { code: 'IMPORT_REJECTED', problems: [{ where: `line ${line}`, message }] };
  }
  const [first, ...rest] = records;
  if (!first)
    return {
      code: 'IMPORT_REJECTED',
      problems: [{ where: 'line 1', message: 'the file is empty: it needs a header row' }],
    };
  const header = first.record.map((h) => h.trim());
  const rows = [];
  const problems = [];
  for (const { record, raw, info } of rest) {
    const line = info.lines - ((raw.replace(/^\n+/, '').match(/\n/g)?.length ?? 1) - 1);
    if (record.length !== header.length)
      problems.push({
        where: `line ${line}`,
        message: `has ${record.length} columns but the header has ${header.length}`,
      });
    else rows.push({ line, cells: Object.fromEntries(header.map((h, i) => [h, record[i] ?? ''])) });
  }
  return { header, rows, problems };
}

const rowsOf = (n: number) => `code,group\n${Array.from({ length: n }, (_, i) => `C-${i},caregiver`).join('\n')}\n`;

describe('parseCsv', function () {
  this.timeout(60_000);

  it('reads a file cut into pieces of any size exactly as it reads it whole, whatever its separator: cells, line numbers, problems', async function () {
    const anySeparator = fc.constantFrom(...SEPARATORS).chain((separator) => csvText(PARTICIPANT_COLUMNS, separator));
    await fc.assert(
      fc.asyncProperty(anySeparator, fc.integer({ min: 2, max: 40 }), async (text, pieceChars) => {
        const whole = readAtOnce(text);
        expect(await outcome(text, pieceChars)).to.deep.equal(whole);
        expect(await outcome(text)).to.deep.equal(whole);
      }),
      { ...RUNS, numRuns: 150 },
    );
  });

  it('reads a file the same whether its separator is a comma, a semicolon or a tab', async function () {
    // Cells as a spreadsheet writes them: quoted when they hold a separator, a quote or a line break.
    const cell = fc.oneof(
      fc.constantFrom('CG-001', 'caregiver', 'it', '3,5', 'a;b', 'x\ty', 'say "yes"', 'two\nlines', ''),
      fc.string({ maxLength: 6 }),
    );
    const quoted = (text: string) => (/[,;\t"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
    const file = fc.tuple(
      fc.shuffledSubarray(PARTICIPANT_COLUMNS, { minLength: 2 }),
      fc.array(fc.array(cell, { minLength: 1, maxLength: 7 }), { maxLength: 6 }),
      fc.constantFrom('\n', '\r\n'),
      fc.boolean(),
    );
    await fc.assert(
      fc.asyncProperty(file, async ([header, rows, eol, bom]) => {
        const write = (separator: string) =>
          `${bom ? '\ufeff' : ''}${[header, ...rows].map((cells) => cells.map(quoted).join(separator)).join(eol)}${eol}`;
        const comma = await outcome(write(','));
        expect(await outcome(write(';'))).to.deep.equal(comma);
        expect(await outcome(write('\t'))).to.deep.equal(comma);
      }),
      { ...RUNS, numRuns: 100 },
    );
  });

  describe('the separator, from the header line alone', function () {
    it('is the one separator found outside quotes in the header, after a BOM and blank lines', function () {
      expect(detectSeparator('code,group\nA;1,caregiver\n')).to.deep.equal({ separator: ',' });
      expect(detectSeparator('\ufeffcode;group\r\nA,1;caregiver\r\n')).to.deep.equal({ separator: ';' });
      expect(detectSeparator('\n\r\ncode\tgroup\n')).to.deep.equal({ separator: '\t' });
      expect(detectSeparator('"co,de";group\n')).to.deep.equal({ separator: ';' });
      expect(detectSeparator('"co;de\nx",group\nA;B\n')).to.deep.equal({ separator: ',' });
      expect(detectSeparator('')).to.deep.equal({ separator: ',' });
      expect(detectSeparator('\ufeff\n\n')).to.deep.equal({ separator: ',' });
    });

    it('refuses a header with no accepted separator, or with two kinds, on its line, naming the accepted ones', async function () {
      for (const [text, line, words] of [
        ['code|group\nA|caregiver\n', 'line 1', 'has no column separator'],
        ['\n\ncode group\n', 'line 3', 'has no column separator'],
        ['code;group,language\n', 'line 1', 'more than one kind of separator (; ,)'],
        ['code,group\tmode\n', 'line 1', 'more than one kind of separator (, TAB)'],
      ] as const) {
        const error = await expectDomainError(parseCsv(text), 'IMPORT_REJECTED');
        expect(error.problems, text).to.have.length(1);
        expect(error.problems[0]!.where, text).to.equal(line);
        expect(error.problems[0]!.message, text).to.include(words).and.include('a comma (,), a semicolon (;) or a tab');
      }
    });
  });

  it('never cuts a "\\r\\n" or a character outside the Basic Multilingual Plane in two', async function () {
    const text = 'code,group\r\n"😀😀",caregiver\r\n"a\r\nb",provider\r\n';
    for (let pieceChars = 1; pieceChars <= text.length; pieceChars += 1)
      expect(await outcome(text, pieceChars), `pieces of ${pieceChars}`).to.deep.equal(readAtOnce(text));
  });

  it(`takes ${MAX_IMPORT_ROWS.toLocaleString('en-GB')} rows and refuses one more, on the line of the row over the limit`, async function () {
    expect((await parseCsv(rowsOf(MAX_IMPORT_ROWS))).rows).to.have.length(MAX_IMPORT_ROWS);
    const error = await expectDomainError(parseCsv(rowsOf(MAX_IMPORT_ROWS + 1)), 'IMPORT_REJECTED');
    expect(error.problems).to.have.length(1);
    expect(error.problems[0]!.where).to.equal(`line ${MAX_IMPORT_ROWS + 2}`);
    expect(error.problems[0]!.message).to.include('more than 50,000 rows');
    expect((error as unknown as Error).message)
      .to.include('at most 50,000 rows')
      .and.include('Nothing was written');
  });

  it('counts rows, not lines: blank lines and line breaks inside quotes do not count', async function () {
    const text = 'code,group\n\nA,"care\ngiver"\n\nB,provider\nC,caregiver\n';
    expect((await parseCsv(text, { maxRows: 3 })).rows.map((r) => r.line)).to.deep.equal([3, 6, 7]);
    const error = await expectDomainError(parseCsv(`${text}D,provider\n`, { maxRows: 3 }), 'IMPORT_REJECTED');
    expect(error.problems.map((p) => p.where)).to.deep.equal(['line 8']);
  });

  it('gives way to other work between pieces, so a large file never holds the event loop', async function () {
    let turns = 0;
    let ticking = true;
    const tick = () => {
      turns += 1;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    try {
      await parseCsv(rowsOf(2_000), { pieceChars: 1_000 });
    } finally {
      ticking = false;
    }
    // 32,901 characters in pieces of 1,000: the loop turns before each of the 33 pieces but the first.
    expect(turns).to.be.at.least(32);
  });
});
