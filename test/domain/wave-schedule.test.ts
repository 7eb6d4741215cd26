import { expect } from 'chai';
import { nextWave, openWave, overlappingWave, waveState } from '../../server/domain/wave-schedule.js';

const spring = { label: 'Ondata 1', opensOn: '2026-03-01', closesOn: '2026-03-21' };
const summer = { label: 'Ondata 2', opensOn: '2026-06-01', closesOn: '2026-06-21' };
const autumn = { label: 'Ondata 3', opensOn: '2026-09-01', closesOn: '2026-09-30' };
// Stored in no particular order, as a project that added waves one by one might have them.
const waves = [summer, autumn, spring];

describe('wave schedule', function () {
  describe('waveState', function () {
    it('is scheduled until the opening day, open on both its first and last day, closed the day after', function () {
      expect(waveState(spring, '2026-02-28')).to.equal('scheduled');
      expect(waveState(spring, '2026-03-01')).to.equal('open');
      expect(waveState(spring, '2026-03-10')).to.equal('open');
      expect(waveState(spring, '2026-03-21')).to.equal('open');
      expect(waveState(spring, '2026-03-22')).to.equal('closed');
    });

    it('opens and closes a one-day wave on the same day', function () {
      const oneDay = { label: 'Focus group', opensOn: '2026-05-12', closesOn: '2026-05-12' };
      expect(waveState(oneDay, '2026-05-11')).to.equal('scheduled');
      expect(waveState(oneDay, '2026-05-12')).to.equal('open');
      expect(waveState(oneDay, '2026-05-13')).to.equal('closed');
    });
  });

  describe('openWave', function () {
    it('finds the wave open today', function () {
      expect(openWave(waves, '2026-06-21')).to.equal(summer);
      expect(openWave(waves, '2026-03-01')).to.equal(spring);
    });

    it('finds none between waves or in a project with no waves', function () {
      expect(openWave(waves, '2026-06-22')).to.equal(undefined);
      expect(openWave([], '2026-06-10')).to.equal(undefined);
    });
  });

  describe('nextWave', function () {
    it('is the earliest wave opening after today, whatever order the waves are stored in', function () {
      expect(nextWave(waves, '2026-01-15')).to.equal(spring);
      expect(nextWave(waves, '2026-03-10')).to.equal(summer);
      expect(nextWave([autumn, summer], '2026-03-10')).to.equal(summer);
    });

    it('does not count a wave opening today as the next one', function () {
      expect(nextWave(waves, '2026-06-01')).to.equal(autumn);
      expect(nextWave(waves, '2026-05-31')).to.equal(summer);
    });

    it('finds none once the last wave has opened', function () {
      expect(nextWave(waves, '2026-09-01')).to.equal(undefined);
      expect(nextWave([], '2026-09-01')).to.equal(undefined);
    });
  });

  describe('overlappingWave', function () {
    it('finds a wave that shares only its closing day with the new one', function () {
      const candidate = { label: 'Extra', opensOn: '2026-03-21', closesOn: '2026-04-10' };
      expect(overlappingWave(waves, candidate)).to.equal(spring);
    });

    it('finds a wave that shares only its opening day with the new one', function () {
      const candidate = { label: 'Extra', opensOn: '2026-05-20', closesOn: '2026-06-01' };
      expect(overlappingWave(waves, candidate)).to.equal(summer);
    });

    it('finds a wave inside the new one and a wave the new one is inside', function () {
      expect(overlappingWave(waves, { label: 'Long', opensOn: '2026-08-01', closesOn: '2026-12-31' })).to.equal(autumn);
      expect(overlappingWave(waves, { label: 'Short', opensOn: '2026-09-10', closesOn: '2026-09-11' })).to.equal(
        autumn,
      );
    });

    it('allows a wave that starts the day after another closes and ends the day before the next opens', function () {
      const candidate = { label: 'Extra', opensOn: '2026-03-22', closesOn: '2026-05-31' };
      expect(overlappingWave(waves, candidate)).to.equal(undefined);
    });
  });
});
