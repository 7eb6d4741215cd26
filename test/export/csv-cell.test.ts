import { expect } from 'chai';
import { neutraliseFormula } from '../../server/export/csv-cell.js';

describe('formula neutralising', function () {
  for (const start of ['=', '+', '-', '@', '\t', '\r']) {
    it(`prefixes a cell starting with ${JSON.stringify(start)}`, function () {
      expect(neutraliseFormula(`${start}SUM(A1)`)).to.equal(`'${start}SUM(A1)`);
    });
  }
  it('leaves ordinary text alone, including formula characters later in the cell', function () {
    expect(neutraliseFormula('Trust fell = bad')).to.equal('Trust fell = bad');
    expect(neutraliseFormula('')).to.equal('');
  });
});
