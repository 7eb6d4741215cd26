import { Writable } from 'node:stream';
import { expect } from 'chai';
import { writeCsv, type CsvChunk } from '../../server/export/csv-stream.js';

async function csv(rows: CsvChunk[], fields: string[], bom = false): Promise<string> {
  let text = '';
  const out = new Writable({
    write(chunk, _e, cb) {
      text += chunk.toString();
      cb();
    },
  });
  await writeCsv(rows, fields, out, { bom });
  return text;
}

describe('CSV writing', function () {
  it('starts with a UTF-8 byte-order mark only when asked', async function () {
    expect(await csv([{ a: 'Reciprocità' }], ['a'], true)).to.equal('\uFEFFa\r\nReciprocità\r\n');
    expect(await csv([{ a: 'Reciprocità' }], ['a'])).to.equal('a\r\nReciprocità\r\n');
  });

  it('writes RFC 4180: header row, CRLF, quotes doubled only where needed', async function () {
    const text = await csv(
      [
        { a: 'plain', b: 'with "quote", comma' },
        { a: 'two\nlines', b: 'x' },
      ],
      ['a', 'b'],
    );
    expect(text).to.equal('a,b\r\nplain,"with ""quote"", comma"\r\n"two\nlines",x\r\n');
  });
  it('neutralises formulas in text but not in numbers', async function () {
    const text = await csv(
      [
        { a: '=cmd|calc', b: -1.5 },
        { a: '@SUM(1)', b: '-2' },
      ],
      ['a', 'b'],
    );
    expect(text.split('\r\n').slice(1)).to.deep.equal(["'=cmd|calc,-1.5", "'@SUM(1),'-2", '']);
  });
  it('keeps numbers unrounded and leaves undefined statistics empty', async function () {
    const text = await csv([{ a: 1 / 3, b: NaN, c: Infinity, d: null, e: undefined }], ['a', 'b', 'c', 'd', 'e']);
    expect(text.split('\r\n')[1]).to.equal('0.3333333333333333,,,,');
  });
  it('takes rows in batches as well as one by one', async function () {
    expect(
      await csv(
        [
          [
            { a: 1, b: 'x' },
            { a: 2, b: 'y' },
          ],
          { a: 3, b: 'z' },
          [],
        ],
        ['a', 'b'],
      ),
    ).to.equal('a,b\r\n1,x\r\n2,y\r\n3,z\r\n');
  });

  it('writes a header even with no rows, every record ending in CRLF', async function () {
    expect(await csv([], ['a', 'b'])).to.equal('a,b\r\n');
  });
});
