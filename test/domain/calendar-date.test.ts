import { expect } from 'chai';
import { instantOf } from '../../server/domain/calendar-date.js';

describe('instantOf', function () {
  it('reads a date as its midnight in UTC, and a date-time without zone as UTC', function () {
    expect(instantOf('2026-03-04')).to.equal('2026-03-04T00:00:00.000Z');
    expect(instantOf('2026-03-04 14:30')).to.equal('2026-03-04T14:30:00.000Z');
    expect(instantOf('2026-03-04T14:30:05')).to.equal('2026-03-04T14:30:05.000Z');
    expect(instantOf('2026-03-04T14:30:05.123Z')).to.equal('2026-03-04T14:30:05.123Z');
  });

  it('applies an offset', function () {
    expect(instantOf('2026-03-04T00:30+01:00')).to.equal('2026-03-03T23:30:00.000Z');
  });

  it('refuses what is not a real date or time', function () {
    for (const text of [
      '2026-02-29',
      '04/03/2026',
      '2026-03-04 24:00',
      '2026-03-04 12:60',
      '2026-3-4',
      'yesterday',
      '',
    ])
      expect(instantOf(text), text).to.equal(null);
    expect(instantOf('2028-02-29')).to.equal('2028-02-29T00:00:00.000Z');
  });
});
