import { expect } from 'chai';
import { refusal } from '../helpers/domain-refusal.js';
import {
  checkProjectSettings,
  projectSettingsOf,
  storedSettings,
  THRESHOLD_NAMES,
} from '../../server/domain/project-settings.js';

const DEFAULTS = {
  alpha: 0.04,
  followUpWaves: 3,
  watchAlpha: 0.21,
  minChange: 0.25,
  minLinked: 5,
  responseRateDrop: 0.15,
  responseRateFloor: 0.5,
  participationMinInvited: 5,
};

describe('project settings', function () {
  describe('checkProjectSettings', function () {
    it('gives the default thresholds, reminders 3 days before closing and no double entry for an empty form', function () {
      expect(checkProjectSettings({})).to.deep.equal({
        statusThresholds: DEFAULTS,
        reminderDays: 3,
        doubleEntry: false,
      });
    });

    it('keeps the thresholds a lead changed and the defaults for the rest', function () {
      const settings = checkProjectSettings({
        statusThresholds: { alpha: 0.02, minLinked: 8 },
        reminderDays: 7,
        doubleEntry: true,
      });
      expect(settings).to.deep.equal({
        statusThresholds: { ...DEFAULTS, alpha: 0.02, minLinked: 8 },
        reminderDays: 7,
        doubleEntry: true,
      });
    });

    it('accepts reminders from 0 days (no reminder) up to 60 days before closing', function () {
      expect(checkProjectSettings({ reminderDays: 0 }).reminderDays).to.equal(0);
      expect(checkProjectSettings({ reminderDays: 1 }).reminderDays).to.equal(1);
      expect(checkProjectSettings({ reminderDays: 59 }).reminderDays).to.equal(59);
      expect(checkProjectSettings({ reminderDays: 60 }).reminderDays).to.equal(60);
    });

    it('refuses reminder days below 0, above 60 or not whole, naming the field and the limit', function () {
      for (const reminderDays of [-1, 61, 2.5, Number.NaN]) {
        const error = refusal(() => checkProjectSettings({ reminderDays }));
        expect(error.code, `reminderDays ${reminderDays}`).to.equal('VALIDATION');
        expect(error.message).to.equal('reminderDays must be a whole number of days from 0 (no reminder) to 60');
        expect(error.problems).to.deep.equal([
          {
            where: 'reminderDays',
            message: 'must be a whole number of days from 0 (no reminder) to 60',
            text: { key: 'rule.reminderDays', params: { max: '60' } },
          },
        ]);
      }
    });

    it('reports an unusable threshold and unusable reminder days together, each by its field', function () {
      const error = refusal(() => checkProjectSettings({ statusThresholds: { alpha: 1.5 }, reminderDays: 90 }));
      expect(error.code).to.equal('VALIDATION');
      expect(error.problems.map((p) => p.where)).to.deep.equal(['alpha', 'reminderDays']);
      expect(error.message).to.equal(
        'alpha must lie between 0 and 1; reminderDays must be a whole number of days from 0 (no reminder) to 60',
      );
    });

    it('refuses a watch budget smaller than alpha while the reminder days are fine', function () {
      const error = refusal(() => checkProjectSettings({ statusThresholds: { alpha: 0.3, watchAlpha: 0.2 } }));
      expect(error.problems).to.deep.equal([
        { where: 'watchAlpha', message: 'must not be below alpha', text: { key: 'rule.watchAlpha' } },
      ]);
      expect(error.message).to.equal('watchAlpha must not be below alpha');
    });

    it('turns double entry on only when asked for with true', function () {
      expect(checkProjectSettings({ doubleEntry: true }).doubleEntry).to.equal(true);
      expect(checkProjectSettings({ doubleEntry: false }).doubleEntry).to.equal(false);
      expect(checkProjectSettings({ doubleEntry: 'on' as unknown as boolean }).doubleEntry).to.equal(false);
    });
  });

  describe('projectSettingsOf', function () {
    it('reads a project saved with nothing as the defaults', function () {
      expect(projectSettingsOf({})).to.deep.equal({ statusThresholds: DEFAULTS, reminderDays: 3, doubleEntry: false });
    });

    it('reads what a project stored over the defaults', function () {
      expect(
        projectSettingsOf({ statusThresholds: { responseRateFloor: 0.6 }, reminderDays: 10, doubleEntry: true }),
      ).to.deep.equal({
        statusThresholds: { ...DEFAULTS, responseRateFloor: 0.6 },
        reminderDays: 10,
        doubleEntry: true,
      });
    });

    it('reads a stored null for thresholds or reminder days as the defaults', function () {
      expect(projectSettingsOf({ statusThresholds: null, reminderDays: null })).to.deep.equal({
        statusThresholds: DEFAULTS,
        reminderDays: 3,
        doubleEntry: false,
      });
    });

    it('ignores thresholds saved under flagThresholds, whose alpha meant something else', function () {
      expect(projectSettingsOf({ flagThresholds: { alpha: 0.5 } }).statusThresholds).to.deep.equal(DEFAULTS);
    });

    it('falls back to every default when stored settings are unusable, but keeps double entry', function () {
      expect(
        projectSettingsOf({ statusThresholds: { alpha: 0.02 }, reminderDays: 'tre', doubleEntry: true }),
      ).to.deep.equal({ statusThresholds: DEFAULTS, reminderDays: 3, doubleEntry: true });
      expect(projectSettingsOf({ statusThresholds: { minLinked: 1 }, reminderDays: 5 })).to.deep.equal({
        statusThresholds: DEFAULTS,
        reminderDays: 3,
        doubleEntry: false,
      });
    });

    it('treats a stored doubleEntry other than true as off', function () {
      expect(projectSettingsOf({ doubleEntry: 'true' }).doubleEntry).to.equal(false);
      expect(projectSettingsOf({ doubleEntry: 1, reminderDays: -4 }).doubleEntry).to.equal(false);
    });

    it('does not let a caller change the defaults through the settings it was given', function () {
      const fallback = projectSettingsOf({ reminderDays: 100 });
      fallback.statusThresholds.alpha = 0.9;
      const fresh = checkProjectSettings({});
      fresh.statusThresholds.minLinked = 40;
      expect(projectSettingsOf({}).statusThresholds).to.deep.equal(DEFAULTS);
    });
  });

  describe('storedSettings', function () {
    it('stores only the thresholds that differ from the defaults', function () {
      const settings = checkProjectSettings({
        statusThresholds: { alpha: 0.02, participationMinInvited: 8 },
        reminderDays: 5,
        doubleEntry: true,
      });
      expect(storedSettings(settings)).to.deep.equal({
        reminderDays: 5,
        doubleEntry: true,
        statusThresholds: { alpha: 0.02, participationMinInvited: 8 },
      });
    });

    it('stores no threshold for a project on the defaults, even one typed equal to a default', function () {
      expect(storedSettings(checkProjectSettings({ statusThresholds: { watchAlpha: 0.21 } }))).to.deep.equal({
        reminderDays: 3,
        doubleEntry: false,
        statusThresholds: {},
      });
    });

    it('reads back what it stored as the same settings', function () {
      const settings = checkProjectSettings({
        statusThresholds: { minChange: 0.5, responseRateDrop: 0.2 },
        reminderDays: 0,
        doubleEntry: true,
      });
      expect(projectSettingsOf(storedSettings(settings))).to.deep.equal(settings);
    });
  });

  it('names every status threshold a project can set', function () {
    expect(THRESHOLD_NAMES).to.deep.equal([
      'alpha',
      'followUpWaves',
      'watchAlpha',
      'minChange',
      'minLinked',
      'responseRateDrop',
      'responseRateFloor',
      'participationMinInvited',
    ]);
  });
});
