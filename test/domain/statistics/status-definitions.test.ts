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
});
