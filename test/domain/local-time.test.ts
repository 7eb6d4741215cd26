import { expect } from 'chai';
import fc from 'fast-check';
import { addDays } from '../../server/domain/calendar-date.js';
import { isDomainError } from '../../server/domain/errors.js';
import {
  checkTimeZone,
  endOfLocalDay,
  instantOf,
  instantOfWallTime,
  isTimeZone,
  localDateOf,
  startOfLocalDay,
  todayIn,
} from '../../server/domain/local-time.js';
import { waveState } from '../../server/domain/wave-schedule.js';

const ROME = 'Europe/Rome';
const NEW_YORK = 'America/New_York';
const at = (iso: string) => new Date(iso);
const SECOND = 1000;

describe('local time', function () {
  describe('checkTimeZone', function () {
    it('gives the canonical IANA name', function () {
      expect(checkTimeZone('Europe/Rome')).to.equal('Europe/Rome');
      expect(checkTimeZone(' europe/rome ')).to.equal('Europe/Rome');
      expect(checkTimeZone('UTC')).to.equal('UTC');
      expect(checkTimeZone('America/New_York')).to.equal('America/New_York');
    });
    it('refuses unknown names and bare offsets with UNKNOWN_TIME_ZONE', function () {
      for (const name of ['Europe/Roma', 'Mars/Olympus', '+01:00', 'GMT+1 ', '', 'Europe/Rome; DROP', '../etc'])
        try {
          checkTimeZone(name);
          expect.fail(`accepted ${JSON.stringify(name)}`);
        } catch (error) {
          expect(isDomainError(error) && error.code, name).to.equal('UNKNOWN_TIME_ZONE');
          expect(isDomainError(error) && error.problems[0]?.where).to.equal('timeZone');
        }
    });
    it('quotes the name it refused, trimmed, in its message', function () {
      expect(() => checkTimeZone('  Europe/Roma ')).to.throw('"Europe/Roma" is not a time zone name');
    });
  });

  describe('isTimeZone', function () {
    it('says whether a project may be set to a zone, in any letter case', function () {
      expect(isTimeZone('Europe/London')).to.equal(true);
      expect(isTimeZone('europe/london')).to.equal(true);
      expect(isTimeZone('Europe/Londra')).to.equal(false);
      expect(isTimeZone('+00:00')).to.equal(false);
    });
  });

  describe('startOfLocalDay and endOfLocalDay', function () {
    const cases: [string, string, string, string][] = [
      // zone, date, first instant, first instant of the next day
      [ROME, '2026-01-15', '2026-01-14T23:00:00.000Z', '2026-01-15T23:00:00.000Z'],
      [ROME, '2026-03-29', '2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z'], // 23 hours
      [ROME, '2026-10-25', '2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z'], // 25 hours
      [NEW_YORK, '2026-03-08', '2026-03-08T05:00:00.000Z', '2026-03-09T04:00:00.000Z'],
      [NEW_YORK, '2026-11-01', '2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z'],
      ['UTC', '2026-06-01', '2026-06-01T00:00:00.000Z', '2026-06-02T00:00:00.000Z'],
      // Clocks jump from 23:59:59 to 01:00: the day starts at the jump.
      ['Asia/Beirut', '2026-03-29', '2026-03-28T22:00:00.000Z', '2026-03-29T21:00:00.000Z'],
      ['America/Santiago', '2026-09-06', '2026-09-06T04:00:00.000Z', '2026-09-07T03:00:00.000Z'],
      // Clocks go back from 24:00 to 23:00: the 24th has 25 hours, the 25th starts once.
      ['Asia/Beirut', '2026-10-24', '2026-10-23T21:00:00.000Z', '2026-10-24T22:00:00.000Z'],
    ];
    for (const [zone, date, start, end] of cases)
      it(`${date} in ${zone} runs from ${start} to ${end}`, function () {
        expect(startOfLocalDay(date, zone).toISOString()).to.equal(start);
        expect(endOfLocalDay(date, zone).toISOString()).to.equal(end);
        expect(localDateOf(at(start), zone)).to.equal(date);
        expect(localDateOf(new Date(Date.parse(start) - SECOND), zone)).to.equal(addDays(date, -1));
        expect(localDateOf(new Date(Date.parse(end) - SECOND), zone)).to.equal(date);
        expect(localDateOf(at(end), zone)).to.equal(addDays(date, 1));
      });
  });

  describe('localDateOf, asked many times a minute', function () {
    it('answers the new day from its first millisecond, asked just before and after in turn', function () {
      for (let i = 0; i < 3; i += 1) {
        expect(localDateOf(at('2026-01-14T22:59:59.999Z'), ROME)).to.equal('2026-01-14');
        expect(localDateOf(at('2026-01-14T23:00:00.000Z'), ROME)).to.equal('2026-01-15');
        expect(localDateOf(at('2026-01-14T23:00:00.000Z'), NEW_YORK)).to.equal('2026-01-14');
      }
    });

    it('answers both days of a minute in which a zone whose offset had seconds passed midnight', function () {
      // Monrovia was 44 min 30 s behind UTC until 1972: its midnight fell at 00:44:30 UTC.
      for (let i = 0; i < 2; i += 1) {
        expect(localDateOf(at('1970-01-02T00:44:10Z'), 'Africa/Monrovia')).to.equal('1970-01-01');
        expect(localDateOf(at('1970-01-02T00:44:50Z'), 'Africa/Monrovia')).to.equal('1970-01-02');
      }
    });
  });

  describe('a wave opens at local 00:00:00 and closes after 23:59:59 local', function () {
    const boundaries: [string, string, string][] = [
      // zone, opening day = closing day, name
      [ROME, '2026-03-29', 'Rome, clocks forward'],
      [ROME, '2026-10-25', 'Rome, clocks back'],
      [ROME, '2026-05-12', 'Rome, an ordinary day'],
      [NEW_YORK, '2026-05-12', 'New York, an ordinary day'],
      [NEW_YORK, '2026-03-08', 'New York, clocks forward'],
      [NEW_YORK, '2026-11-01', 'New York, clocks back'],
    ];
    for (const [zone, day, name] of boundaries)
      it(name, function () {
        const wave = { label: 'W', opensOn: day, closesOn: day };
        const opens = startOfLocalDay(day, zone).getTime();
        const closes = endOfLocalDay(day, zone).getTime();
        const stateAt = (ms: number) => waveState(wave, todayIn(zone, new Date(ms)));
        expect(stateAt(opens - SECOND)).to.equal('scheduled');
        expect(stateAt(opens)).to.equal('open');
        expect(stateAt(closes - SECOND)).to.equal('open');
        expect(stateAt(closes)).to.equal('closed');
      });
    it('in Rome, two hours before UTC midnight in summer and one in winter', function () {
      const summer = { label: 'S', opensOn: '2026-07-01', closesOn: '2026-07-21' };
      expect(waveState(summer, todayIn(ROME, at('2026-06-30T21:59:59Z')))).to.equal('scheduled');
      expect(waveState(summer, todayIn(ROME, at('2026-06-30T22:00:00Z')))).to.equal('open');
      expect(waveState(summer, todayIn(ROME, at('2026-07-21T21:59:59Z')))).to.equal('open');
      expect(waveState(summer, todayIn(ROME, at('2026-07-21T22:00:00Z')))).to.equal('closed');
      const winter = { label: 'W', opensOn: '2026-12-01', closesOn: '2026-12-21' };
      expect(waveState(winter, todayIn(ROME, at('2026-11-30T22:59:59Z')))).to.equal('scheduled');
      expect(waveState(winter, todayIn(ROME, at('2026-11-30T23:00:00Z')))).to.equal('open');
      expect(waveState(winter, todayIn(ROME, at('2026-12-21T22:59:59Z')))).to.equal('open');
      expect(waveState(winter, todayIn(ROME, at('2026-12-21T23:00:00Z')))).to.equal('closed');
    });
  });

  describe('instantOfWallTime', function () {
    it('reads a local time in the zone', function () {
      expect(instantOfWallTime('2026-07-01T09:30:00', ROME).toISOString()).to.equal('2026-07-01T07:30:00.000Z');
      expect(instantOfWallTime('2026-01-10T09:30:00', NEW_YORK).toISOString()).to.equal('2026-01-10T14:30:00.000Z');
    });
    it('takes the first of a time that comes twice, and reads a skipped time with the offset before the jump', function () {
      expect(instantOfWallTime('2026-10-25T02:30:00', ROME).toISOString()).to.equal('2026-10-25T00:30:00.000Z');
      expect(instantOfWallTime('2026-03-29T02:30:00', ROME).toISOString()).to.equal('2026-03-29T01:30:00.000Z');
    });
    it('reads a time later on the day clocks change with the offset that day ends with', function () {
      expect(instantOfWallTime('2026-03-29T12:00:00', ROME).toISOString()).to.equal('2026-03-29T10:00:00.000Z');
      expect(instantOfWallTime('2026-10-25T12:00:00', ROME).toISOString()).to.equal('2026-10-25T11:00:00.000Z');
      expect(instantOfWallTime('2026-03-29T18:45:00', 'Europe/London').toISOString()).to.equal(
        '2026-03-29T17:45:00.000Z',
      );
    });
    it('refuses anything but a bare local date-time, naming what it was given', function () {
      for (const text of ['2026-07-01 09:30', 'alle 2026-07-01T09:30:00', '2026-07-01T09:30:00Z', 'domani'])
        expect(() => instantOfWallTime(text, ROME), text).to.throw(`not a local date-time: ${text}`);
    });
  });

  describe('instantOf', function () {
    it('reads a date as its local midnight, and a date-time without zone as local time', function () {
      expect(instantOf('2026-03-04', 'UTC')).to.equal('2026-03-04T00:00:00.000Z');
      expect(instantOf('2026-03-04', ROME)).to.equal('2026-03-03T23:00:00.000Z');
      expect(instantOf('2026-07-04', ROME)).to.equal('2026-07-03T22:00:00.000Z');
      expect(instantOf('2026-03-04 14:30', 'UTC')).to.equal('2026-03-04T14:30:00.000Z');
      expect(instantOf('2026-03-04 14:30', ROME)).to.equal('2026-03-04T13:30:00.000Z');
      expect(instantOf('2026-03-04T14:30:05', NEW_YORK)).to.equal('2026-03-04T19:30:05.000Z');
      expect(instantOf('2026-03-04T14:30:05.123', ROME)).to.equal('2026-03-04T13:30:05.123Z');
    });

    it('applies a Z or an offset whatever the zone', function () {
      expect(instantOf('2026-03-04T14:30:05.123Z', ROME)).to.equal('2026-03-04T14:30:05.123Z');
      expect(instantOf('2026-03-04T00:30+01:00', NEW_YORK)).to.equal('2026-03-03T23:30:00.000Z');
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
        expect(instantOf(text, ROME), text).to.equal(null);
      expect(instantOf('2028-02-29', 'UTC')).to.equal('2028-02-29T00:00:00.000Z');
    });

    it('accepts the last hour, minute and second of a day and refuses one past each', function () {
      expect(instantOf('2026-03-04 23:59:59', 'Europe/London')).to.equal('2026-03-04T23:59:59.000Z');
      expect(instantOf('2026-03-04 23:15', ROME)).to.equal('2026-03-04T22:15:00.000Z');
      expect(instantOf('2026-03-04 12:59', ROME)).to.equal('2026-03-04T11:59:00.000Z');
      expect(instantOf('2026-03-04 12:30:59', ROME)).to.equal('2026-03-04T11:30:59.000Z');
      expect(instantOf('2026-03-04 24:15', ROME)).to.equal(null);
      expect(instantOf('2026-03-04 12:60', ROME)).to.equal(null);
      expect(instantOf('2026-03-04 12:30:60', ROME)).to.equal(null);
      expect(instantOf('2026-03-04 12:30:60', 'Europe/London')).to.equal(null);
    });

    it('refuses a date-time with words before or after it', function () {
      for (const text of [
        'ore 2026-03-04 14:30',
        '2026-03-04 14:30 circa',
        'x2026-03-04T14:30:00Z',
        '2026-03-04T14:30Zulu',
      ])
        expect(instantOf(text, ROME), text).to.equal(null);
    });
  });

  it('gives a day that never happened no length (Samoa skipped 30 December 2011)', function () {
    const start = startOfLocalDay('2011-12-30', 'Pacific/Apia');
    expect(start.toISOString()).to.equal('2011-12-30T10:00:00.000Z');
    expect(endOfLocalDay('2011-12-30', 'Pacific/Apia').getTime()).to.equal(start.getTime());
    expect(localDateOf(new Date(start.getTime() - SECOND), 'Pacific/Apia')).to.equal('2011-12-29');
    expect(localDateOf(start, 'Pacific/Apia')).to.equal('2011-12-31');
  });

  describe('property: local midnight round-trips', function () {
    const zones = [
      'Europe/Rome',
      'America/New_York',
      'Asia/Beirut',
      'America/Santiago',
      'Australia/Lord_Howe',
      'Asia/Kolkata',
      'Pacific/Apia',
      'UTC',
    ];
    it('the first instant of a day is on that day, and the second before it on the day before', function () {
      fc.assert(
        fc.property(
          fc.constantFrom(...zones),
          fc.date({
            min: new Date('1990-01-01T00:00:00Z'),
            max: new Date('2060-12-31T00:00:00Z'),
            noInvalidDate: true,
          }),
          (zone, instant) => {
            const date = instant.toISOString().slice(0, 10);
            const start = startOfLocalDay(date, zone);
            expect(localDateOf(start, zone)).to.equal(date);
            expect(localDateOf(new Date(start.getTime() - SECOND), zone)).to.not.equal(date);
            expect(startOfLocalDay(localDateOf(start, zone), zone).getTime()).to.equal(start.getTime());
            expect(endOfLocalDay(date, zone).getTime() - start.getTime()).to.be.within(22 * 3600e3, 26 * 3600e3);
          },
        ),
        { numRuns: 500 },
      );
    });

    it('holds in every zone Intl knows, not only the ones projects use today', function () {
      fc.assert(
        fc.property(
          fc.constantFrom(...Intl.supportedValuesOf('timeZone')),
          fc.date({
            // From 2012: Samoa and Tokelau skipped 30 December 2011 altogether.
            min: new Date('2012-01-01T00:00:00Z'),
            max: new Date('2040-12-31T00:00:00Z'),
            noInvalidDate: true,
          }),
          (zone, instant) => {
            const date = instant.toISOString().slice(0, 10);
            const start = startOfLocalDay(date, zone);
            expect(localDateOf(start, zone)).to.equal(date);
            expect(localDateOf(new Date(start.getTime() - SECOND), zone)).to.equal(addDays(date, -1));
          },
        ),
        { numRuns: 200 },
      );
    });
  });
});
