import { expect } from 'chai';
import {
  agreementRates,
  compareKeyings,
  keyingCounts,
  settleKeyings,
  type ReconcileChoice,
} from '../../server/domain/double-entry.js';
import type { PaperKeying } from '../../server/domain/records.js';

const ITEMS = ['trust_1', 'trust_2', 'trust_3', 'engagement_1', 'open_1'];

function keying(over: Partial<PaperKeying> & Pick<PaperKeying, 'participantId' | 'waveId'>): PaperKeying {
  return {
    projectId: 'p',
    group: 'caregiver',
    first: { answers: {}, by: 'ada', at: '2026-03-22T09:00:00.000Z' },
    second: null,
    compared: 0,
    agreed: 0,
    status: 'keyed-once',
    reconciledBy: null,
    reconciledAt: null,
    decisions: [],
    ...over,
  };
}

describe('double data entry rules', function () {
  describe('compareKeyings', function () {
    it('compares every item asked, counting blank on both as agreement and NA against blank as a difference', function () {
      const result = compareKeyings(
        ITEMS,
        { trust_1: 4, trust_2: 'NA', open_1: 'Più tempo' },
        { trust_1: 4, engagement_1: 2, open_1: 'Più tempo' },
      );
      expect(result).to.deep.equal({ compared: 5, agreed: 3, differing: ['trust_2', 'engagement_1'] });
    });

    it('tells a number from the same digit written as text, and ignores items not asked', function () {
      const result = compareKeyings(
        ['trust_1', 'open_1'],
        { trust_1: 3, open_1: '3', extra: 1 },
        { trust_1: 3, open_1: '3 ' },
      );
      expect(result).to.deep.equal({ compared: 2, agreed: 1, differing: ['open_1'] });
    });
  });

  describe('settleKeyings', function () {
    const twice = keying({
      participantId: 'a',
      waveId: 'w1',
      first: { answers: { trust_1: 4, trust_2: 2, trust_3: 5, open_1: 'Bene' }, by: 'ada', at: 't1' },
      second: { answers: { trust_1: 4, trust_2: 3, engagement_1: 1, open_1: 'Bene' }, by: 'bea', at: 't2' },
    });

    it('stores what both agreed on and each decision, and records every decision with both values', function () {
      const choices = new Map<string, ReconcileChoice>([
        ['trust_2', { source: 'second' }],
        ['trust_3', { source: 'first' }],
        ['engagement_1', { source: 'paper', value: null }],
      ]);
      const { answers, decisions } = settleKeyings(twice, ITEMS, choices);
      expect(answers).to.deep.equal({ trust_1: 4, trust_2: 3, trust_3: 5, open_1: 'Bene' });
      expect(decisions).to.deep.equal([
        { itemId: 'trust_2', first: 2, second: 3, chosen: 3, source: 'second' },
        { itemId: 'trust_3', first: 5, second: null, chosen: 5, source: 'first' },
        { itemId: 'engagement_1', first: null, second: 1, chosen: null, source: 'paper' },
      ]);
    });

    it('refuses, naming each item, until every difference has a decision', function () {
      try {
        settleKeyings(twice, ITEMS, new Map([['trust_2', { source: 'first' }]]));
        expect.fail('expected VALIDATION');
      } catch (error) {
        expect((error as { code?: string }).code).to.equal('VALIDATION');
        expect((error as { problems: { where: string }[] }).problems.map((p) => p.where)).to.deep.equal([
          'trust_3',
          'engagement_1',
        ]);
      }
    });

    it('tells the reconciler which items still need a value and how to give one', function () {
      expect(() => settleKeyings(twice, ITEMS, new Map([['trust_2', { source: 'first' }]])))
        .to.throw('choose a value for trust_3, engagement_1')
        .with.property('problems')
        .that.deep.equals([
          { where: 'trust_3', message: 'Choose one of the two values, or type what the paper says.' },
          { where: 'engagement_1', message: 'Choose one of the two values, or type what the paper says.' },
        ]);
    });

    it('stores nothing for an item blank on both keyings, or settled as blank', function () {
      const blankFirst = keying({
        participantId: 'e',
        waveId: 'w1',
        first: { answers: { trust_1: 3 }, by: 'ada', at: 't1' },
        second: { answers: { trust_1: 3, trust_2: 4 }, by: 'bea', at: 't2' },
      });
      const { answers, decisions } = settleKeyings(blankFirst, ITEMS, new Map([['trust_2', { source: 'first' }]]));
      expect(answers).to.deep.equal({ trust_1: 3 });
      expect(Object.keys(answers)).to.deep.equal(['trust_1']);
      expect(decisions).to.deep.equal([{ itemId: 'trust_2', first: null, second: 4, chosen: null, source: 'first' }]);
    });

    it('refuses a form keyed once', function () {
      expect(() => settleKeyings(keying({ participantId: 'a', waveId: 'w1' }), ITEMS, new Map()))
        .to.throw('this form has been keyed once only')
        .with.property('code', 'NOT_AWAITING_RECONCILIATION');
    });
  });

  describe('agreementRates and keyingCounts', function () {
    // In no particular order; one form keyed once (nothing to compare), pairs in both orders.
    const keyings = [
      keying({
        participantId: 'c',
        waveId: 'w2',
        first: { answers: {}, by: 'bea', at: 't' },
        second: { answers: {}, by: 'ada', at: 't' },
        compared: 30,
        agreed: 30,
        status: 'done',
      }),
      keying({
        participantId: 'a',
        waveId: 'w1',
        second: { answers: {}, by: 'bea', at: 't' },
        compared: 30,
        agreed: 27,
        status: 'awaiting-reconciliation',
      }),
      keying({ participantId: 'd', waveId: 'w1' }),
      keying({
        participantId: 'b',
        waveId: 'w1',
        first: { answers: {}, by: 'cy', at: 't' },
        second: { answers: {}, by: 'ada', at: 't' },
        compared: 20,
        agreed: 19,
        status: 'done',
      }),
    ];

    it('gives items agreed ÷ items compared per pair, whoever keyed first, and per wave', function () {
      const { byPair, byWave } = agreementRates(keyings);
      expect(byPair).to.deep.equal([
        { clerks: ['ada', 'bea'], forms: 2, compared: 60, agreed: 57, rate: 57 / 60 },
        { clerks: ['ada', 'cy'], forms: 1, compared: 20, agreed: 19, rate: 19 / 20 },
      ]);
      expect(byWave).to.deep.equal([
        { waveId: 'w2', forms: 1, compared: 30, agreed: 30, rate: 1 },
        { waveId: 'w1', forms: 2, compared: 50, agreed: 46, rate: 46 / 50 },
      ]);
    });

    it('has no rate where nothing was compared', function () {
      expect(agreementRates([keyings[2]!])).to.deep.equal({ byPair: [], byWave: [] });
      const emptyForm = keying({
        participantId: 'f',
        waveId: 'w3',
        second: { answers: {}, by: 'bea', at: 't' },
        status: 'done',
      });
      expect(agreementRates([emptyForm])).to.deep.equal({
        byPair: [{ clerks: ['ada', 'bea'], forms: 1, compared: 0, agreed: 0, rate: null }],
        byWave: [{ waveId: 'w3', forms: 1, compared: 0, agreed: 0, rate: null }],
      });
    });

    it('counts forms keyed once, keyed twice and waiting, per wave', function () {
      expect(keyingCounts(keyings, 'w1')).to.deep.equal({ keyedOnce: 1, keyedTwice: 2, awaitingReconciliation: 1 });
      expect(keyingCounts(keyings, 'w2')).to.deep.equal({ keyedOnce: 0, keyedTwice: 1, awaitingReconciliation: 0 });
      expect(keyingCounts(keyings, 'w3')).to.deep.equal({ keyedOnce: 0, keyedTwice: 0, awaitingReconciliation: 0 });
    });
  });
});
