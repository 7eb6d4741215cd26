import { expect } from 'chai';
import { addMonths, nextSeriesNumbering, planSeries } from '../../server/domain/wave-series.js';
import { messageDue } from '../../server/domain/invitation-schedule.js';

describe('wave series', function () {
  it('plans "every 3 months from 1 March, 4 waves, each open 21 days"', function () {
    expect(
      planSeries({
        firstOpensOn: '2026-03-01',
        everyMonths: 3,
        count: 4,
        openDays: 21,
        labelPrefix: 'Wave',
        firstNumber: 1,
      }),
    ).to.deep.equal([
      { label: 'Wave 1', opensOn: '2026-03-01', closesOn: '2026-03-21' },
      { label: 'Wave 2', opensOn: '2026-06-01', closesOn: '2026-06-21' },
      { label: 'Wave 3', opensOn: '2026-09-01', closesOn: '2026-09-21' },
      { label: 'Wave 4', opensOn: '2026-12-01', closesOn: '2026-12-21' },
    ]);
  });
  it('keeps month ends without drifting, across years and leap days', function () {
    expect(addMonths('2026-01-31', 1)).to.equal('2026-02-28');
    expect(addMonths('2028-01-31', 1)).to.equal('2028-02-29');
    expect(addMonths('2026-11-15', 3)).to.equal('2027-02-15');
    expect(
      planSeries({
        firstOpensOn: '2026-01-31',
        everyMonths: 1,
        count: 3,
        openDays: 1,
        labelPrefix: 'W',
        firstNumber: 5,
      }).map((w) => [w.label, w.opensOn]),
    ).to.deep.equal([
      ['W 5', '2026-01-31'],
      ['W 6', '2026-02-28'],
      ['W 7', '2026-03-31'],
    ]);
  });
  it('writes a mistyped early year (0226 for 2026) with four digits, so the date still reads as YYYY-MM-DD', function () {
    expect(addMonths('0226-03-01', 3)).to.equal('0226-06-01');
  });
});

describe('message due', function () {
  const wave = { label: 'W1', opensOn: '2026-03-01', closesOn: '2026-03-21' };
  it('invites while open, reminds from N days before closing, never twice, never outside the wave', function () {
    expect(messageDue(wave, '2026-02-28', 3, { invited: false, reminded: false })).to.equal(null);
    expect(messageDue(wave, '2026-03-01', 3, { invited: false, reminded: false })).to.equal('invitation');
    expect(messageDue(wave, '2026-03-17', 3, { invited: true, reminded: false })).to.equal(null);
    expect(messageDue(wave, '2026-03-18', 3, { invited: true, reminded: false })).to.equal('reminder');
    expect(messageDue(wave, '2026-03-19', 3, { invited: true, reminded: true })).to.equal(null);
    expect(messageDue(wave, '2026-03-20', 0, { invited: true, reminded: false })).to.equal(null);
    expect(messageDue(wave, '2026-03-20', 3, { invited: false, reminded: false })).to.equal('invitation');
    expect(messageDue(wave, '2026-03-22', 3, { invited: true, reminded: false })).to.equal(null);
  });

  describe('the numbering a new series continues', function () {
    const next = (...labels: string[]) => nextSeriesNumbering(labels);

    it('starts at Wave 1 in a project with no waves', function () {
      expect(next()).to.deep.equal({ labelPrefix: 'Wave', firstNumber: 1 });
    });
    it('follows waves 1 to 4 with 5, and a lone wave 1 with 2', function () {
      expect(next('Wave 1', 'Wave 2', 'Wave 3', 'Wave 4')).to.deep.equal({ labelPrefix: 'Wave', firstNumber: 5 });
      expect(next('Wave 1')).to.deep.equal({ labelPrefix: 'Wave', firstNumber: 2 });
    });
    it('continues after the highest number, never in a gap a longer series would run out of', function () {
      expect(next('Wave 1', 'Wave 3')).to.deep.equal({ labelPrefix: 'Wave', firstNumber: 4 });
      expect(next('Wave 2')).to.deep.equal({ labelPrefix: 'Wave', firstNumber: 3 });
      expect(next('Wave 10', 'Wave 9')).to.deep.equal({ labelPrefix: 'Wave', firstNumber: 11 });
    });
    it("follows the last numbered wave's prefix, and ignores waves that are not numbered", function () {
      expect(next('Ondata 1', 'Ondata 2')).to.deep.equal({ labelPrefix: 'Ondata', firstNumber: 3 });
      expect(next('Baseline', 'Wave 1', 'Follow-up')).to.deep.equal({ labelPrefix: 'Wave', firstNumber: 2 });
      expect(next('Baseline')).to.deep.equal({ labelPrefix: 'Wave', firstNumber: 1 });
      expect(next('Pilot 7', 'Wave 1', 'Wave 2')).to.deep.equal({ labelPrefix: 'Wave', firstNumber: 3 });
    });
    it('follows the last numbered wave when a project changed how it names waves', function () {
      expect(next('Wave 1', 'Wave 2', 'Ondata 3')).to.deep.equal({ labelPrefix: 'Ondata', firstNumber: 4 });
    });
    it('reads a label typed with spaces around it', function () {
      expect(next(' Ondata 2 ')).to.deep.equal({ labelPrefix: 'Ondata', firstNumber: 3 });
    });
    it('does not count a label with words after its number, or a number of more than six digits', function () {
      expect(next('Wave 3 (pilot)')).to.deep.equal({ labelPrefix: 'Wave', firstNumber: 1 });
      expect(next('Wave 1234567')).to.deep.equal({ labelPrefix: 'Wave', firstNumber: 1 });
      expect(next('Wave 123456')).to.deep.equal({ labelPrefix: 'Wave', firstNumber: 123457 });
    });
    it('counts only labels the duplicate check would compare equal: same prefix, same case', function () {
      expect(next('Wave 1', 'wave 5')).to.deep.equal({ labelPrefix: 'wave', firstNumber: 6 });
      expect(next('wave 5', 'Wave 1')).to.deep.equal({ labelPrefix: 'Wave', firstNumber: 2 });
    });
  });
});
