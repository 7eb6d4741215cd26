import { expect } from 'chai';
import { addDays, isCalendarDate } from '../../server/domain/calendar-date.js';

describe('calendar dates', function () {
  describe('isCalendarDate', function () {
    it('accepts a real day written YYYY-MM-DD, 29 February of a leap year included', function () {
      for (const text of ['2026-03-04', '2026-12-31', '2028-02-29', '2000-02-29'])
        expect(isCalendarDate(text), text).to.equal(true);
    });

    it('refuses a day that does not exist', function () {
      for (const text of ['2026-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '1900-02-29'])
        expect(isCalendarDate(text), text).to.equal(false);
    });

    it('refuses a year or a month alone, which would otherwise be read as its first day', function () {
      expect(isCalendarDate('2026')).to.equal(false);
      expect(isCalendarDate('2026-03')).to.equal(false);
    });

    it('refuses other ways of writing a date', function () {
      for (const text of ['04/03/2026', '2026-3-4', '2026-03-04T10:00', ' 2026-03-04', '4 marzo 2026', ''])
        expect(isCalendarDate(text), text).to.equal(false);
    });
  });

  describe('addDays', function () {
    it('counts across month and year ends and leap days', function () {
      expect(addDays('2026-01-31', 1)).to.equal('2026-02-01');
      expect(addDays('2026-12-31', 1)).to.equal('2027-01-01');
      expect(addDays('2028-02-28', 1)).to.equal('2028-02-29');
      expect(addDays('2026-02-28', 1)).to.equal('2026-03-01');
      expect(addDays('2026-03-01', -1)).to.equal('2026-02-28');
      expect(addDays('2026-03-01', 20)).to.equal('2026-03-21');
      expect(addDays('2026-03-29', 0)).to.equal('2026-03-29');
    });
  });
});
