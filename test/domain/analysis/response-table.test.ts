import { expect } from 'chai';
import type { Answers } from '../../../server/domain/answers.js';
import { buildResponseTable } from '../../../server/domain/analysis/response-table.js';
import { scoreDimensions } from '../../../server/domain/scoring.js';
import { design, miniInstrument } from '../../helpers/analysis-fixtures.js';

describe('ResponseTable', function () {
  const answers: Answers[] = [
    { trust_1: 5, trust_2: 4, trust_3: 2, voice_1: 3 },
    { trust_1: 2, trust_3: 'NA', voice_1: 'NA' },
    { trust_1: 4, trust_2: 'NA', trust_3: 1, open_1: 'fine' },
    {},
  ];
  const responses = answers.map((a, i) => ({ participantId: `p${i}`, waveId: 'w1', group: 'caregiver', answers: a }));

  it('scores each response exactly as scoreDimensions does', function () {
    const table = buildResponseTable(design(1), responses);
    const wave = table.waves[0]!;
    responses.forEach((response, row) => {
      const expected = scoreDimensions(miniInstrument(), response.answers, 'caregiver').map(
        (s) => s.score ?? Number.NaN,
      );
      expect([wave.score(row, 0, 2), wave.score(row, 1, 2)]).to.deep.equal(expected);
    });
  });

  it('leaves out responses to unknown waves or groups and links rows by participant', function () {
    const table = buildResponseTable(design(2), [
      ...responses,
      { participantId: 'p1', waveId: 'w2', group: 'caregiver', answers: {} },
      { participantId: 'x', waveId: 'w9', group: 'caregiver', answers: {} },
      { participantId: 'y', waveId: 'w1', group: 'alien', answers: {} },
    ]);
    expect(table.waves.map((w) => w.rows)).to.deep.equal([4, 1]);
    expect(table.waves[1]!.rowOf(1)).to.equal(0);
    expect(table.waves[1]!.rowOf(0)).to.equal(-1);
    expect([...table.respondents('w2')]).to.deep.equal([['p1', 'caregiver']]);
  });
});
