import { expect } from 'chai';
import type { AnalysisResponse } from '../../../server/domain/analysis/analysis-design.js';
import { pairedChange } from '../../../server/domain/analysis/paired-change.js';
import { buildResponseTable } from '../../../server/domain/analysis/response-table.js';
import { design, storageOrder } from '../../helpers/analysis-fixtures.js';

type Trust = [number, number, number] | [number];
/** Trust answers as given (trust_3 is reverse-coded): the score is mean(trust_1, trust_2, 6 − trust_3). */
const answer = (waveId: string, participantId: string, group: string, trust: Trust, extra = {}): AnalysisResponse => ({
  participantId,
  waveId,
  group,
  answers:
    trust.length === 3
      ? { trust_1: trust[0], trust_2: trust[1], trust_3: trust[2], voice_1: 3, ...extra }
      : { trust_2: trust[0], voice_1: 3 },
});

/**
 * Caregivers c1–c10 in waves 1 and 3: c1–c5 and c8 answered both; c6 only wave 1, c7 only wave
 * 3; c9 answered one trust item in wave 1 (trust_2, which version 2 drops), too few for a score; c10 answered wave 3 as a provider.
 */
function responses(thirdVersion: '1' | '2'): AnalysisResponse[] {
  const third = (id: string, group: string, [t1, t2, t3]: [number, number, number]) =>
    thirdVersion === '1'
      ? answer('w3', id, group, [t1, t2, t3])
      : { participantId: id, waveId: 'w3', group, answers: { trust_1: t1, trust_3: t3, trust_4: 5, voice_1: 3 } };
  return storageOrder(
    [
      answer('w1', 'c1', 'caregiver', [4, 3, 2]),
      answer('w1', 'c2', 'caregiver', [2, 3, 3]),
      answer('w1', 'c3', 'caregiver', [3, 3, 3]),
      answer('w1', 'c4', 'caregiver', [2, 2, 4]),
      answer('w1', 'c5', 'caregiver', [5, 4, 2]),
      answer('w1', 'c6', 'caregiver', [3, 2, 3]),
      answer('w1', 'c8', 'caregiver', [1, 2, 5]),
      answer('w1', 'c9', 'caregiver', [3]),
      answer('w1', 'c10', 'caregiver', [3, 3, 3]),
      answer('w2', 'c1', 'caregiver', [1, 1, 5]),
      answer('w2', 'c2', 'caregiver', [1, 1, 5]),
      third('c1', 'caregiver', [4, 4, 2]),
      third('c2', 'caregiver', [3, 3, 3]),
      third('c3', 'caregiver', [4, 3, 1]),
      third('c4', 'caregiver', [3, 2, 4]),
      third('c5', 'caregiver', [4, 4, 2]),
      third('c7', 'caregiver', [3, 3, 3]),
      third('c8', 'caregiver', [2, 3, 4]),
      third('c9', 'caregiver', [4, 4, 2]),
      third('c10', 'provider', [4, 4, 4]),
    ],
    `paired-${thirdVersion}`,
  );
}

describe('analysis/paired-change', function () {
  // R 4.2.2, the six pairs' scores: t.test(after, before, paired = TRUE) gives 0.444444444444445,
  // 95% CI -0.082213189216856 to 0.971102078105746, df 5; lm(score ~ person + wave) on the same
  // twelve scores gives the same estimate and interval (wave1: 0.444444444444444).
  it("is R's paired t-test among those with a score in both waves, in the same group", function () {
    const table = buildResponseTable(design(3), responses('1'));
    const change = pairedChange(table, 0, 2, 0, 0)!;
    expect(change.linked).to.equal(6);
    expect(change.df).to.equal(5);
    expect(change.meanChange).to.be.closeTo(0.444444444444445, 1e-12);
    expect(change.ciLow).to.be.closeTo(-0.082213189216856, 1e-12);
    expect(change.ciHigh).to.be.closeTo(0.971102078105746, 1e-12);
  });

  // R 4.2.2: the same pairs scored on trust_1 and trust_3, the items both versions ask:
  // t.test(after, before, paired = TRUE) gives 0.5, 95% CI -0.242063057389294 to 1.242063057389294.
  it('scores both waves on the items both ask when the questionnaire changed between them', function () {
    const table = buildResponseTable(design(3, ['1', '1', '2']), responses('2'));
    const change = pairedChange(table, 0, 2, 0, 0)!;
    expect(change.linked).to.equal(6);
    expect(change.meanChange).to.be.closeTo(0.5, 1e-12);
    expect(change.ciLow).to.be.closeTo(-0.242063057389294, 1e-12);
    expect(change.ciHigh).to.be.closeTo(1.242063057389294, 1e-12);
  });

  it('gives the same figures to the last bit whatever order the responses were stored in', function () {
    const reference = pairedChange(buildResponseTable(design(3), responses('1')), 0, 2, 0, 0);
    const reversed = pairedChange(buildResponseTable(design(3), [...responses('1')].reverse()), 0, 2, 0, 0);
    expect(reversed).to.deep.equal(reference);
  });

  it('has no interval with one pair, and is null with none or for a wave, group or dimension the table lacks', function () {
    const one = buildResponseTable(design(2), [
      answer('w1', 'c1', 'caregiver', [4, 3, 2]),
      answer('w2', 'c1', 'caregiver', [4, 4, 2]),
      answer('w2', 'c2', 'caregiver', [4, 4, 2]),
    ]);
    const single = pairedChange(one, 0, 1, 0, 0)!;
    expect(single).to.include({ linked: 1, df: 0, ciLow: null, ciHigh: null });
    expect(single.meanChange).to.be.closeTo(1 / 3, 1e-12);
    expect(pairedChange(one, 0, 1, 1, 0)).to.equal(null);
    expect(pairedChange(one, 1, 0, 0, 0)).to.equal(null);
    expect(pairedChange(one, 0, 2, 0, 0)).to.equal(null);
    expect(pairedChange(one, 0, 1, 2, 0)).to.equal(null);
    expect(pairedChange(one, 0, 1, 0, 5)).to.equal(null);
  });

  it('does not pair someone who moved group with their answers from the group they left', function () {
    // c10 answered wave 1 as a caregiver and wave 3 as a provider; no other provider answered.
    const table = buildResponseTable(design(3), responses('1'));
    expect(pairedChange(table, 0, 2, 1, 0)).to.equal(null);
    expect(pairedChange(table, 0, 2, 0, 0)!.linked).to.equal(6);
  });

  it('is null for a wave compared with itself and for the first dimension past the last', function () {
    const table = buildResponseTable(design(3), responses('1'));
    expect(pairedChange(table, 2, 2, 0, 0)).to.equal(null);
    expect(pairedChange(table, 0, 0, 0, 1)).to.equal(null);
    // The design has two dimensions, trust and voice: 1 is voice, where c9 counts too, 2 is none.
    expect(pairedChange(table, 0, 2, 0, 1)!.linked).to.equal(7);
    expect(pairedChange(table, 0, 2, 0, 2)).to.equal(null);
  });
});
