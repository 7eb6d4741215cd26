import { expect } from 'chai';
import type { AnalysisDesign } from '../../../server/domain/analysis/analysis-design.js';
import { buildResponseTable } from '../../../server/domain/analysis/response-table.js';
import { commonColumns, sharedItems } from '../../../server/domain/analysis/shared-items.js';
import type { Instrument } from '../../../server/domain/instrument.js';

interface ItemSpec {
  id: string;
  reverse?: boolean;
  scale?: 'agree5' | 'agree4' | 'zero5';
  groups?: string[];
}

/** A trust questionnaire of the given items, plus one voice item that never changes. */
function instrument(version: string, trust: ItemSpec[]): Instrument {
  const labels = (n: number) => ({ en: Array.from({ length: n }, (_, i) => String(i + 1)) });
  return {
    id: 'partnership',
    version,
    languages: ['en'],
    title: { en: 'Partnership' },
    scales: {
      agree5: { min: 1, max: 5, labels: labels(5) },
      agree4: { min: 1, max: 4, labels: labels(4) },
      zero5: { min: 0, max: 5, labels: labels(6) },
    },
    dimensions: [
      { id: 'voice', label: { en: 'Voice' } },
      { id: 'trust', label: { en: 'Trust' } },
    ],
    sections: [
      {
        id: 's',
        title: { en: 'About the partnership' },
        items: [
          {
            id: 'voice_1',
            type: 'scale',
            scale: 'agree5',
            dimension: 'voice',
            reverse: false,
            text: { en: 'I speak' },
          },
          ...trust.map((item) => ({
            id: item.id,
            type: 'scale',
            scale: item.scale ?? 'agree5',
            dimension: 'trust',
            reverse: item.reverse ?? false,
            ...(item.groups ? { groups: item.groups } : {}),
            text: { en: `Statement ${item.id}` },
          })),
        ],
      },
    ],
  } as Instrument;
}

function waves(before: ItemSpec[], after: ItemSpec[]) {
  const design: AnalysisDesign = {
    waves: [
      { id: 'w1', label: 'Wave 1', instrument: instrument('1', before) },
      { id: 'w2', label: 'Wave 2', instrument: instrument('2', after) },
    ],
    groups: [
      { id: 'caregiver', label: 'Family caregivers' },
      { id: 'provider', label: 'Service providers' },
    ],
  };
  const table = buildResponseTable(design, []);
  // Voice is the project's first dimension, trust its second.
  return sharedItems(table.waves[0]!, table.waves[1]!, 1);
}

describe('analysis/shared-items', function () {
  it('pairs every item when both waves ask the same ones, even in another order, and restricts nothing', function () {
    const shared = waves([{ id: 't1' }, { id: 't2', reverse: true }], [{ id: 't2', reverse: true }, { id: 't1' }]);
    // Columns count voice_1 as 0.
    expect(shared.previous).to.deep.equal([
      [2, 1],
      [2, 1],
    ]);
    expect(shared.current).to.deep.equal([
      [1, 2],
      [1, 2],
    ]);
    expect(shared.ids).to.deep.equal([
      ['t2', 't1'],
      ['t2', 't1'],
    ]);
    expect(shared.restricted).to.deep.equal([false, false]);
    expect(shared.anyRestricted).to.equal(false);
  });

  it('restricts the comparison to the shared items when a new version drops one and adds another', function () {
    const shared = waves([{ id: 't1' }, { id: 't2' }, { id: 't3' }], [{ id: 't1' }, { id: 't3' }, { id: 't4' }]);
    expect(shared.ids).to.deep.equal([
      ['t1', 't3'],
      ['t1', 't3'],
    ]);
    expect(shared.previous[0]).to.deep.equal([1, 3]);
    expect(shared.current[0]).to.deep.equal([1, 2]);
    expect(shared.restricted).to.deep.equal([true, true]);
    expect(shared.anyRestricted).to.equal(true);
  });

  it('restricts when a wave only adds an item, and when it only drops one', function () {
    expect(waves([{ id: 't1' }], [{ id: 't1' }, { id: 't2' }]).restricted).to.deep.equal([true, true]);
    expect(waves([{ id: 't1' }, { id: 't2' }], [{ id: 't1' }]).restricted).to.deep.equal([true, true]);
  });

  it('does not share an item whose reverse coding or scale range changed, since it would score differently', function () {
    const before = [{ id: 't1' }, { id: 't2' }, { id: 't3' }, { id: 't4', scale: 'agree5' as const }];
    const after = [
      { id: 't1' },
      { id: 't2', reverse: true },
      { id: 't3', scale: 'zero5' as const },
      { id: 't4', scale: 'agree4' as const },
    ];
    expect(waves(before, after).ids).to.deep.equal([['t1'], ['t1']]);
  });

  it('judges each group on the items it is asked, so one group can be restricted and another not', function () {
    const shared = waves(
      [{ id: 't1' }, { id: 't2' }, { id: 'home', groups: ['caregiver'] }],
      [{ id: 't1' }, { id: 't2' }],
    );
    expect(shared.ids).to.deep.equal([
      ['t1', 't2'],
      ['t1', 't2'],
    ]);
    expect(shared.restricted).to.deep.equal([true, false]);
    expect(shared.anyRestricted).to.equal(true);
    const later = waves(
      [{ id: 't1' }, { id: 't2' }],
      [{ id: 't1' }, { id: 't2' }, { id: 'staff', groups: ['provider'] }],
    );
    expect(later.restricted).to.deep.equal([false, true]);
    expect(later.anyRestricted).to.equal(true);
  });

  describe('commonColumns', function () {
    it("keeps the columns every group's list holds, in the first group's order", function () {
      expect(
        commonColumns([
          [4, 1, 2, 7],
          [1, 2, 4],
          [2, 4, 9, 1],
        ]),
      ).to.deep.equal([4, 1, 2]);
      expect(commonColumns([[3, 1]])).to.deep.equal([3, 1]);
      expect(commonColumns([[3, 1], []])).to.deep.equal([]);
    });

    it('gives no columns when there are no groups', function () {
      expect(commonColumns([])).to.deep.equal([]);
    });
  });
});
