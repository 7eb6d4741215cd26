import { expect } from 'chai';
import { neutraliseFormula } from '../../server/export/csv-cell.js';

describe('formula neutralising', function () {
  for (const start of ['=', '+', '-', '@', '\t', '\n']) {
    it(`prefixes a cell starting with ${JSON.stringify(start)}`, function () {
      expect(neutraliseFormula(`${start}SUM(A1)`)).to.equal(`'${start}SUM(A1)`);
    });
  }
  it('prefixes a cell starting with CR, which becomes a line break', function () {
    expect(neutraliseFormula('\r=SUM(A1)')).to.equal("'\n=SUM(A1)");
    expect(neutraliseFormula('\r\n=SUM(A1)')).to.equal("'\n=SUM(A1)");
  });
  it('drops control characters and bidi overrides, keeping tab and newline, before looking for a formula', function () {
    expect(neutraliseFormula('\u0000=SUM(A1)')).to.equal("'=SUM(A1)");
    expect(neutraliseFormula('a\u001b[2Jb\u0007\u202ec\td\ne\u0085')).to.equal('a[2Jbc\td\ne');
  });
  it('leaves ordinary text alone, including formula characters later in the cell', function () {
    expect(neutraliseFormula('Trust fell = bad')).to.equal('Trust fell = bad');
    expect(neutraliseFormula('')).to.equal('');
  });
});
