import { Writable } from 'node:stream';
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { writeXlsx } from '../../server/export/xlsx-stream.js';
import type { CsvChunk } from '../../server/export/csv-stream.js';

async function sheetOf(rows: CsvChunk[], fields: string[]): Promise<ExcelJS.Worksheet> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk, _e, cb) {
      chunks.push(Buffer.from(chunk));
      cb();
    },
  });
  await writeXlsx(rows, fields, out, { sheet: 'scores', dates: { opens: 'date', at: 'date-time' } });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
}

describe('xlsx writing', function () {
  it('freezes the header row and names the sheet', async function () {
    const sheet = await sheetOf([{ name: 'x' }], ['name']);
    expect(sheet.name).to.equal('scores');
    expect(sheet.views[0]).to.include({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).getCell(1).value).to.equal('name');
  });

  it('writes numbers as numbers, dates of date columns as dates, and empties NaN, Infinity and null', async function () {
    const sheet = await sheetOf(
      [
        [
          { n: 2.925, opens: '2026-03-01', at: '2026-03-10T09:15:30.250Z', t: '2.925' },
          { n: Number.NaN, opens: null, at: 'not a time', t: undefined },
        ],
        { n: Number.POSITIVE_INFINITY, opens: '2026-13-01x', at: '', t: 'Reciprocità' },
      ],
      ['n', 'opens', 'at', 't'],
    );
    const row = (r: number) => (sheet.getRow(r).values as unknown[]).slice(1);
    expect(row(2)).to.deep.equal([
      2.925,
      new Date('2026-03-01T00:00:00Z'),
      new Date('2026-03-10T09:15:30.250Z'),
      '2.925',
    ]);
    expect(sheet.getRow(2).getCell(2).numFmt).to.equal('yyyy-mm-dd');
    expect(sheet.getRow(3).getCell(1).value).to.equal(null);
    expect(sheet.getRow(3).getCell(2).value).to.equal(null);
    // A value in a date column that is not a date stays the text it was.
    expect(sheet.getRow(3).getCell(3).value).to.equal('not a time');
    expect(sheet.getRow(4).getCell(1).value).to.equal(null);
    expect(sheet.getRow(4).getCell(2).value).to.equal('2026-13-01x');
    expect(sheet.getRow(4).getCell(4).value).to.equal('Reciprocità');
  });

  it('neutralises formulas in text exactly as the CSV does, and never writes a formula', async function () {
    const sheet = await sheetOf([{ t: '=HYPERLINK("http://x")' }, { t: '-2+3' }, { t: '@SUM(A1)' }], ['t']);
    for (const [r, text] of [
      [2, '\'=HYPERLINK("http://x")'],
      [3, "'-2+3"],
      [4, "'@SUM(A1)"],
    ] as const) {
      const cell = sheet.getRow(r).getCell(1);
      expect(cell.type).to.equal(ExcelJS.ValueType.String);
      expect(cell.value).to.equal(text);
    }
  });
});
