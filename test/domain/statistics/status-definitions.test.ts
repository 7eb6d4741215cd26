import { expect } from 'chai';
import { ruleDefinitions } from '../../../server/domain/statistics/status-definitions.js';
import {
  CELL_STATUSES,
  DEFAULT_STATUS_THRESHOLDS,
  PARTICIPATION_STATUSES,
  SIGNALS,
} from '../../../server/domain/statistics/status-rules.js';

describe('statistics/status-definitions', () => {
  const thresholds = { ...DEFAULT_STATUS_THRESHOLDS, minChange: 0.3, minLinked: 7, watchAlpha: 0.25 };

  for (const language of ['en', 'it'] as const) {
    it(`defines every status, signal and participation value in ${language}, with the project's own cut-offs`, () => {
      const rules = ruleDefinitions(thresholds, language);
      expect(rules.statuses.map((d) => d.id)).to.have.members([...CELL_STATUSES]);
      expect(rules.signals.map((d) => d.id)).to.have.members([...SIGNALS]);
      expect(rules.participation.map((d) => d.id)).to.have.members([...PARTICIPATION_STATUSES]);
      const text = JSON.stringify(rules);
      const decimal = (value: string) => (language === 'it' ? value.replace('.', ',') : value);
      expect(text)
        .to.include(decimal('0.30'))
        .and.include(decimal('0.25'))
        .and.include('7')
        .and.include(decimal('0.04'));
      for (const d of [...rules.statuses, ...rules.signals, ...rules.participation])
        expect(d.rule.length, d.id).to.be.above(10);
    });
  }

  it('gives every definition a label of its own in each language, and words each threshold as set', () => {
    const en = ruleDefinitions(thresholds, 'en');
    const it = ruleDefinitions(thresholds, 'it');
    expect(ruleDefinitions(thresholds)).to.deep.equal(en);
    for (const rules of [en, it]) {
      const all = [...rules.statuses, ...rules.signals, ...rules.participation, rules.pooled];
      expect(
        all.every((d) => d.label.length > 1 && d.rule.length > 10),
        JSON.stringify(all),
      ).to.equal(true);
      expect(new Set(rules.statuses.map((d) => d.label)).size).to.equal(rules.statuses.length);
      expect(new Set(rules.signals.map((d) => d.label)).size).to.equal(rules.signals.length);
      expect(rules.pooled.id).to.equal('all');
      expect(rules.signalsNote).to.include('flags.csv');
      expect(rules.participationNote.length).to.be.above(40);
      // responseRateDrop 0.15 reads as 15 points, responseRateFloor 0.5 as 50%.
      expect(rules.participation.find((d) => d.id === 'falling')!.rule).to.match(/\b15 punti|\b15 points/);
      expect(rules.participation.find((d) => d.id === 'low')!.rule).to.include('50%');
    }
    const labels = (rules: typeof en) =>
      [...rules.statuses, ...rules.signals, ...rules.participation, rules.pooled].map((d) => d.label);
    const shared = labels(en).filter((label, i) => label === labels(it)[i]);
    expect(shared).to.deep.equal([]);
    expect(en.participation.map((d) => d.rule)).to.not.deep.equal(it.participation.map((d) => d.rule));
  });

  it("words the rules in the reader's language: English for English, Italian for Italian", function () {
    const en = ruleDefinitions(thresholds, 'en');
    const it = ruleDefinitions(thresholds, 'it');
    expect(en.statuses.map((d) => d.label)).to.deep.equal([
      'co-destruction',
      'watch',
      'stable',
      'co-creation',
      'too few',
    ]);
    expect(it.statuses.map((d) => d.label)).to.deep.equal([
      'co-distruzione',
      'da osservare',
      'stabile',
      'co-creazione',
      'troppo pochi',
    ]);
    expect(en.participation.find((d) => d.id === 'low')!.rule).to.equal('Fewer than 50% of those invited responded.');
    expect(it.participation.find((d) => d.id === 'low')!.rule).to.equal('Ha risposto meno del 50% degli invitati.');
  });
});
