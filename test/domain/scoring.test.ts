import { expect } from 'chai';
import type { Instrument } from '../../server/domain/instrument.js';
import { dimensionItems, dimensionScales, hasEnoughAnswers, scoreDimensions } from '../../server/domain/scoring.js';

const text = (s: string) => ({ en: s });
const scale = (id: string, dimension: string, reverse = false, groups?: string[]) => ({
  id,
  type: 'scale' as const,
  scale: 'agree5',
  dimension,
  reverse,
  text: text(id),
  ...(groups ? { groups } : {}),
});

const instrument: Instrument = {
  id: 't',
  version: '1',
  languages: ['en'],
  title: text('T'),
  scales: { agree5: { min: 1, max: 5, labels: { en: ['1', '2', '3', '4', '5'] }, notApplicable: text('n/a') } },
  dimensions: [
    { id: 'trust', label: text('Trust') },
    { id: 'strain', label: text('Strain') },
  ],
  sections: [
    {
      id: 's',
      title: text('S'),
      items: [
        scale('t1', 'trust'),
        scale('t2', 'trust'),
        scale('t3', 'trust', true),
        scale('t4', 'trust', false, ['provider']),
        scale('s1', 'strain', true),
        scale('s2', 'strain', true),
        scale('s3', 'strain'),
        { id: 'o1', type: 'text' as const, text: text('Open') },
      ],
    },
  ],
};

const score = (answers: Record<string, number | string>, group = 'caregiver') =>
  Object.fromEntries(scoreDimensions(instrument, answers, group).map((s) => [s.dimension, s]));

describe('scoring', function () {
  it('reverse-codes items as min + max - x before taking the mean', function () {
    // t3 = 2 reversed is 4: (5 + 3 + 4) / 3
    expect(score({ t1: 5, t2: 3, t3: 2 }).trust).to.deep.include({ score: 4, itemsAnswered: 3, itemsAsked: 3 });
  });

  it('makes a higher strain score mean less strain', function () {
    // Agreeing strongly with burden statements (5) is scored 1: the worst.
    expect(score({ s1: 5, s2: 5, s3: 1 }).strain?.score).to.equal(1);
    expect(score({ s1: 1, s2: 1, s3: 5 }).strain?.score).to.equal(5);
  });

  it('needs at least half of the items the group is asked', function () {
    expect(score({ s1: 2 }).strain?.score).to.equal(null); // 1 of 3
    expect(score({ t1: 4 }).trust?.score).to.equal(null); // 1 of 3 for caregivers
    expect(score({ t1: 4, t2: 2 }).trust?.score).to.equal(3); // 2 of 3
    expect(score({ t1: 4, t2: 2 }, 'provider').trust).to.deep.include({ score: 3, itemsAsked: 4 }); // exactly half of 4
    expect(score({ t1: 4 }, 'provider').trust?.score).to.equal(null);
  });

  it('counts "not applicable" and text as not answered', function () {
    expect(score({ t1: 'NA', t2: 'NA', t3: 4 }).trust).to.deep.include({ score: null, itemsAnswered: 1 });
    expect(score({ o1: 'fine' }).trust?.itemsAnswered).to.equal(0);
  });

  it('gives every dimension a row, empty answers included', function () {
    expect(scoreDimensions(instrument, {}, 'caregiver').map((s) => [s.dimension, s.score])).to.deep.equal([
      ['trust', null],
      ['strain', null],
    ]);
  });

  it("lists a dimension's scored items for a group, never an open question", function () {
    expect(dimensionItems(instrument, 'trust', 'caregiver').map((i) => i.id)).to.deep.equal(['t1', 't2', 't3']);
    expect(dimensionItems(instrument, 'trust', 'provider').map((i) => i.id)).to.deep.equal(['t1', 't2', 't3', 't4']);
  });

  it("takes each dimension's scale range from its first scored item", function () {
    const wide: Instrument = {
      ...instrument,
      scales: { ...instrument.scales, seven: { min: 0, max: 6, labels: { en: ['0', '1', '2', '3', '4', '5', '6'] } } },
      sections: [
        {
          id: 's',
          title: text('S'),
          items: [
            { id: 'o1', type: 'text', text: text('Open') },
            { ...scale('s1', 'strain'), scale: 'seven' },
            scale('t1', 'trust'),
            scale('s2', 'strain'),
          ],
        },
      ],
    };
    expect([...dimensionScales(wide)]).to.deep.equal([
      ['strain', { min: 0, max: 6 }],
      ['trust', { min: 1, max: 5 }],
    ]);
  });

  it('scores a dimension from exactly half of the items asked, not one fewer', function () {
    expect([0, 1, 2].map((answered) => hasEnoughAnswers(answered, 4))).to.deep.equal([false, false, true]);
    expect([1, 2, 3].map((answered) => hasEnoughAnswers(answered, 5))).to.deep.equal([false, false, true]);
    expect([0, 1].map((answered) => hasEnoughAnswers(answered, 1))).to.deep.equal([false, true]);
    expect(hasEnoughAnswers(0, 0)).to.equal(false);
  });
});
