import { expect } from 'chai';
import type { AnalysisDesign, AnalysisResponse } from '../../../server/domain/analysis/analysis-design.js';
import type { Answers } from '../../../server/domain/answers.js';
import { buildResponseTable, ResponseTable } from '../../../server/domain/analysis/response-table.js';
import type { Instrument } from '../../../server/domain/instrument.js';
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

/**
 * A bilingual project whose questionnaire grew: version 1 asks trust only (trust_3 of caregivers
 * only, trust_2 reverse-coded); version 2 adds voice on a 1-7 scale, asked before trust.
 */
function growingDesign(): AnalysisDesign {
  const text = (en: string, it: string) => ({ en, it });
  const scales = {
    agree5: { min: 1, max: 5, labels: { en: ['1', '2', '3', '4', '5'], it: ['1', '2', '3', '4', '5'] } },
    seven: { min: 1, max: 7, labels: { en: ['1', '7'], it: ['1', '7'] } },
  };
  const trust = { id: 'trust', label: text('Trust', 'Fiducia') };
  const trustItems = [
    {
      id: 'trust_1',
      type: 'scale',
      scale: 'agree5',
      dimension: 'trust',
      reverse: false,
      text: text('I trust', 'Mi fido'),
    },
    {
      id: 'trust_2',
      type: 'scale',
      scale: 'agree5',
      dimension: 'trust',
      reverse: true,
      text: text('I doubt', 'Dubito'),
    },
  ];
  const first: Instrument = {
    id: 'coprod',
    version: '1',
    languages: ['en', 'it'],
    title: text('Co-production', 'Coproduzione'),
    scales,
    dimensions: [trust],
    sections: [
      {
        id: 's1',
        title: text('Trust', 'Fiducia'),
        items: [
          ...trustItems,
          {
            id: 'trust_3',
            type: 'scale',
            scale: 'agree5',
            dimension: 'trust',
            reverse: false,
            groups: ['caregiver'],
            text: text('I am heard at home', 'Sono ascoltato a casa'),
          },
          { id: 'note', type: 'text', text: text('Anything else?', 'Altro?') },
        ],
      },
    ],
  } as Instrument;
  const second: Instrument = {
    ...first,
    version: '2',
    // Only Italian: the exports fall back to it.
    dimensions: [{ id: 'voice', label: { it: 'Voce' } }, trust],
    sections: [
      {
        id: 's1',
        title: text('Voice and trust', 'Voce e fiducia'),
        items: [
          {
            id: 'voice_1',
            type: 'scale',
            scale: 'seven',
            dimension: 'voice',
            reverse: false,
            text: text('I speak', 'Parlo'),
          },
          ...trustItems,
        ],
      },
    ],
  } as Instrument;
  return {
    waves: [
      { id: 'w1', label: 'Spring', instrument: first },
      { id: 'w2', label: 'Autumn', instrument: second },
    ],
    groups: [
      { id: 'caregiver', label: 'Family caregivers' },
      { id: 'provider', label: 'Service providers' },
    ],
  };
}

const response = (participantId: string, waveId: string, group: string, answers: Answers): AnalysisResponse => ({
  participantId,
  waveId,
  group,
  answers,
});

describe('ResponseTable of a questionnaire that changed between waves', function () {
  it('lists every dimension in the order the waves introduce them, with its English label and its names', function () {
    const table = buildResponseTable(growingDesign(), []);
    expect(table.dimensions).to.deep.equal([
      { id: 'trust', label: 'Trust', names: { en: 'Trust', it: 'Fiducia' } },
      { id: 'voice', label: 'Voce', names: { it: 'Voce' } },
    ]);
  });

  it("knows which columns each group is asked per dimension, and each dimension's scale in each wave", function () {
    const [spring, autumn] = buildResponseTable(growingDesign(), []).waves;
    expect(spring!.items.map((i) => i.id)).to.deep.equal(['trust_1', 'trust_2', 'trust_3']);
    expect(spring!.asked).to.deep.equal([
      [[0, 1, 2], []],
      [[0, 1], []],
    ]);
    expect(spring!.scales).to.deep.equal([{ min: 1, max: 5 }, null]);
    expect(autumn!.items.map((i) => i.id)).to.deep.equal(['voice_1', 'trust_1', 'trust_2']);
    expect(autumn!.asked).to.deep.equal([
      [[1, 2], [0]],
      [[1, 2], [0]],
    ]);
    expect(autumn!.scales).to.deep.equal([
      { min: 1, max: 5 },
      { min: 1, max: 7 },
    ]);
    expect(autumn!.index).to.equal(1);
    expect(autumn!.instrument.version).to.equal('2');
  });

  it('stores answers reverse-coded, with not applicable and skipped items as missing', function () {
    const table = buildResponseTable(growingDesign(), [
      response('giulia', 'w1', 'caregiver', { trust_1: 4, trust_2: 2, trust_3: 'NA', note: 'Grazie' }),
    ]);
    const spring = table.waves[0]!;
    expect(spring.rows).to.equal(1);
    expect(spring.value(0, 0)).to.equal(4);
    expect(spring.value(0, 1)).to.equal(4);
    expect(spring.value(0, 2)).to.deep.equal(Number.NaN);
    expect(spring.score(0, 0, 2)).to.equal(4);
    expect(spring.score(0, 1, 2)).to.deep.equal(Number.NaN);
    table.add(response('marco', 'w1', 'caregiver', { trust_1: 1, trust_2: 5, trust_3: 2 }));
    table.add(response('sara', 'w1', 'caregiver', { trust_1: 3, trust_2: 'NA', trust_3: 5 }));
    expect([0, 1, 2].map((column) => spring.value(1, column))).to.deep.equal([1, 1, 2]);
    expect(spring.value(2, 0)).to.equal(3);
    expect(spring.value(2, 1)).to.deep.equal(Number.NaN);
    expect(spring.value(2, 2)).to.equal(5);
    expect(spring.score(2, 0, 2)).to.equal(4);
  });

  it("scores a dimension from half of the items the person's group is asked, not fewer", function () {
    const table = buildResponseTable(growingDesign(), [
      // Caregivers are asked three trust items: one answered is under half, two is enough.
      response('anna', 'w1', 'caregiver', { trust_1: 5 }),
      response('bruno', 'w1', 'caregiver', { trust_1: 5, trust_3: 2 }),
      // Providers are asked two: one is half.
      response('dario', 'w1', 'provider', { trust_2: 1 }),
      response('elena', 'w1', 'provider', {}),
    ]);
    const spring = table.waves[0]!;
    const scoreOf = (id: string) => spring.score(spring.rowOf(table.participantIds.indexOf(id)), 0, 2);
    expect(scoreOf('anna')).to.deep.equal(Number.NaN);
    expect(scoreOf('bruno')).to.equal(3.5);
    expect(scoreOf('dario')).to.equal(5);
    expect(scoreOf('elena')).to.deep.equal(Number.NaN);
  });

  it('rescores a row on chosen columns with the same half-answered rule', function () {
    const table = buildResponseTable(growingDesign(), [
      response('bruno', 'w1', 'caregiver', { trust_1: 5, trust_2: 4, trust_3: 3 }),
      response('carla', 'w1', 'caregiver', { trust_1: 4, trust_3: 1 }),
    ]);
    const spring = table.waves[0]!;
    const row = (id: string) => spring.rowOf(table.participantIds.indexOf(id));
    expect(spring.scoreOn(row('bruno'), [0, 1])).to.equal(3.5);
    expect(spring.scoreOn(row('bruno'), [2])).to.equal(3);
    expect(spring.scoreOn(row('carla'), [0, 1])).to.equal(4);
    expect(spring.scoreOn(row('carla'), [1])).to.deep.equal(Number.NaN);
    expect(spring.scoreOn(row('carla'), [])).to.deep.equal(Number.NaN);
  });

  it('numbers people by what they answered, whatever order their rows arrive in', function () {
    const rows = [
      response('anna', 'w1', 'caregiver', { trust_1: 4, trust_2: 2 }),
      response('bruno', 'w1', 'caregiver', { trust_1: 2, trust_2: 2 }),
      response('dario', 'w1', 'provider', { trust_1: 1, trust_2: 1 }),
      response('elena', 'w1', 'caregiver', { trust_2: 3, trust_3: 3 }),
      response('franco', 'w1', 'caregiver', { trust_1: 2, trust_2: 3 }),
      response('franco', 'w2', 'caregiver', { voice_1: 6, trust_1: 2, trust_2: 3 }),
      response('carla', 'w2', 'provider', { voice_1: 5, trust_1: 3, trust_2: 3 }),
      response('bruno', 'w2', 'caregiver', { voice_1: 7, trust_1: 2, trust_2: 2 }),
      response('anna', 'w2', 'caregiver', { voice_1: 2, trust_1: 4, trust_2: 2 }),
    ];
    // Carla skipped the first wave; then caregivers before providers; then by the values item by
    // item, unanswered first, on the reverse-coded values: Franco's trust_2 of 3 stays 3, Bruno's 2
    // becomes 4; Anna and Bruno differ only in trust_1.
    const expected = ['carla', 'elena', 'franco', 'bruno', 'anna', 'dario'];
    for (const order of [
      rows,
      [...rows].reverse(),
      [rows[4]!, rows[8]!, rows[0]!, rows[6]!, rows[2]!, rows[7]!, rows[3]!, rows[1]!, rows[5]!],
    ]) {
      const table = buildResponseTable(growingDesign(), order);
      expect(table.participantIds).to.deep.equal(expected);
      // Every row still belongs to its own person, and each person finds their row.
      table.waves.forEach((wave) => {
        for (let row = 0; row < wave.rows; row += 1) {
          const id = table.participantIds[wave.participants[row]!]!;
          expect(order.filter((r) => r.waveId === wave.wave.id).map((r) => r.participantId)[row]).to.equal(id);
          expect(wave.rowOf(wave.participants[row]!)).to.equal(row);
        }
      });
      expect(table.waves[0]!.rowOf(0)).to.equal(-1);
      expect(table.waves[1]!.rowOf(1)).to.equal(-1);
      expect(table.waves[1]!.rowOf(6)).to.equal(-1);
      expect([...table.respondents('w2')].sort()).to.deep.equal([
        ['anna', 'caregiver'],
        ['bruno', 'caregiver'],
        ['carla', 'provider'],
        ['franco', 'caregiver'],
      ]);
    }
  });

  it('orders people the same in later waves when earlier waves cannot tell them apart', function () {
    const rows = [
      response('anna', 'w1', 'caregiver', { trust_1: 3, trust_2: 3 }),
      response('bruno', 'w1', 'caregiver', { trust_1: 3, trust_2: 3 }),
      response('anna', 'w2', 'caregiver', { voice_1: 4, trust_1: 3 }),
      response('bruno', 'w2', 'caregiver', { voice_1: 2, trust_1: 3 }),
    ];
    expect(buildResponseTable(growingDesign(), rows).participantIds).to.deep.equal(['bruno', 'anna']);
    expect(buildResponseTable(growingDesign(), [...rows].reverse()).participantIds).to.deep.equal(['bruno', 'anna']);
  });

  it('keeps the label of the wave that introduced a dimension when a later version renames it', function () {
    const design = growingDesign();
    const renamed = {
      ...design.waves[1]!.instrument,
      dimensions: [
        design.waves[1]!.instrument.dimensions[0]!,
        { id: 'trust', label: { en: 'Trust in the service', it: 'Fiducia nel servizio' } },
      ],
    };
    const table = buildResponseTable(
      { ...design, waves: [design.waves[0]!, { ...design.waves[1]!, instrument: renamed }] },
      [],
    );
    expect(table.dimensions.map((d) => d.label)).to.deep.equal(['Trust', 'Voce']);
    expect(table.dimensions[0]!.names).to.deep.equal({ en: 'Trust', it: 'Fiducia' });
  });

  it('lets the earliest wave that tells two people apart decide their order', function () {
    const rows = [
      response('anna', 'w1', 'caregiver', { trust_1: 2, trust_2: 3 }),
      response('bruno', 'w1', 'caregiver', { trust_1: 4, trust_2: 3 }),
      response('anna', 'w2', 'caregiver', { voice_1: 7, trust_1: 2, trust_2: 3 }),
      response('bruno', 'w2', 'caregiver', { voice_1: 1, trust_1: 4, trust_2: 3 }),
      // Neither answered the first wave: the second decides.
      response('carla', 'w2', 'provider', { voice_1: 6, trust_1: 3, trust_2: 3 }),
      response('dario', 'w2', 'provider', { voice_1: 2, trust_1: 3, trust_2: 3 }),
    ];
    // In the third order Anna and Bruno arrive first through the second wave, then in the reverse order in the first.
    for (const order of [rows, [...rows].reverse(), [rows[2]!, rows[3]!, rows[1]!, rows[0]!, rows[5]!, rows[4]!]]) {
      expect(buildResponseTable(growingDesign(), order).participantIds).to.deep.equal([
        'dario',
        'carla',
        'anna',
        'bruno',
      ]);
    }
  });

  it('puts caregivers before providers when their answers are the same, in any arrival order', function () {
    const same = { trust_1: 3, trust_2: 3 };
    const rows = [
      response('p1', 'w1', 'provider', same),
      response('p2', 'w1', 'provider', same),
      response('c1', 'w1', 'caregiver', same),
      response('p3', 'w1', 'provider', same),
      response('c2', 'w1', 'caregiver', same),
    ];
    for (const order of [rows, [...rows].reverse(), [rows[2]!, rows[0]!, rows[4]!, rows[1]!, rows[3]!]]) {
      const ids = buildResponseTable(growingDesign(), order).participantIds;
      expect(ids.slice(0, 2).sort()).to.deep.equal(['c1', 'c2']);
      expect(ids.slice(2).sort()).to.deep.equal(['p1', 'p2', 'p3']);
    }
  });

  it("links a person's later rows to them after the people were renumbered", function () {
    const table = new ResponseTable(growingDesign());
    table.add(response('anna', 'w1', 'caregiver', { trust_1: 5, trust_2: 1 }));
    table.add(response('carla', 'w1', 'caregiver', { trust_1: 1, trust_2: 5 }));
    table.indexParticipants();
    expect(table.participantIds).to.deep.equal(['carla', 'anna']);
    table.add(response('anna', 'w2', 'caregiver', { voice_1: 4, trust_1: 5, trust_2: 1 }));
    table.indexParticipants();
    expect([...table.respondents('w2')]).to.deep.equal([['anna', 'caregiver']]);
    expect(table.waves[1]!.rowOf(table.participantIds.indexOf('anna'))).to.equal(0);
  });

  it('leaves out rows of unknown waves or groups, and re-links after rows added later', function () {
    const table = new ResponseTable(growingDesign());
    expect(table.add(response('anna', 'w1', 'caregiver', { trust_1: 4, trust_2: 2 }))).to.equal(true);
    expect(table.add(response('anna', 'w3', 'caregiver', { trust_1: 4 }))).to.equal(false);
    expect(table.add(response('bruno', 'w1', 'volunteers', { trust_1: 4 }))).to.equal(false);
    table.indexParticipants();
    expect(table.participantIds).to.deep.equal(['anna']);
    expect(table.add(response('bruno', 'w2', 'provider', { voice_1: 3, trust_1: 1, trust_2: 5 }))).to.equal(true);
    table.indexParticipants();
    expect(table.participantIds).to.deep.equal(['bruno', 'anna']);
    expect(table.waves[1]!.rowOf(0)).to.equal(0);
    expect(table.waves[0]!.rowOf(1)).to.equal(0);
    expect(table.respondents('w9').size).to.equal(0);
    expect([...table.respondents('w2')]).to.deep.equal([['bruno', 'provider']]);
  });
});
