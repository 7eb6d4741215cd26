import { expect } from 'chai';
import type { Item, Section } from '../../server/domain/instrument.js';
import { unansweredBySection } from '../../server/domain/unanswered-questions.js';

const both = (en: string, it: string) => ({ en, it });
const scaleItem = (id: string): Item => ({
  id,
  type: 'scale',
  scale: 'agree5',
  dimension: id.replace(/_\d+$/, ''),
  reverse: false,
  text: both(`Statement ${id}`, `Affermazione ${id}`),
});
const openItem = (id: string): Item => ({ id, type: 'text', text: both(`Question ${id}`, `Domanda ${id}`) });

const sections: Section[] = [
  { id: 'fiducia', title: both('Trust', 'Fiducia'), items: [scaleItem('trust_1'), scaleItem('trust_2')] },
  { id: 'voce', title: both('Having a say', 'Avere voce'), items: [scaleItem('voice_1'), scaleItem('voice_2')] },
  {
    id: 'parole',
    title: both('In your own words', 'Con parole tue'),
    items: [scaleItem('strain_1'), openItem('open_1')],
  },
];

/** Each section with a gap, as [its place, its id, [item id, optional]…]. */
function gaps(answers: Record<string, number | string>): [number, string, [string, boolean][]][] {
  return unansweredBySection(sections, answers).map((s) => [
    s.index,
    s.section.id,
    s.items.map(({ item, optional }): [string, boolean] => [item.id, optional]),
  ]);
}

describe('unanswered questions', function () {
  it('lists nothing when every question has an answer, "does not apply" and zero included', function () {
    expect(
      gaps({ trust_1: 4, trust_2: 'NA', voice_1: 0, voice_2: 2, strain_1: 5, open_1: 'Tutto bene' }),
    ).to.deep.equal([]);
  });

  it('lists a whole section skipped, keeping its place among the sections asked', function () {
    expect(gaps({ trust_1: 4, trust_2: 3, strain_1: 1, open_1: 'Più tempo' })).to.deep.equal([
      [
        1,
        'voce',
        [
          ['voice_1', false],
          ['voice_2', false],
        ],
      ],
    ]);
  });

  it('lists the gaps of each section in the order asked, marking an open question as optional', function () {
    expect(gaps({ trust_2: 2, voice_1: 1, voice_2: 4 })).to.deep.equal([
      [0, 'fiducia', [['trust_1', false]]],
      [
        2,
        'parole',
        [
          ['strain_1', false],
          ['open_1', true],
        ],
      ],
    ]);
  });

  it('gives back the section itself, to show its title', function () {
    const [first] = unansweredBySection(sections, {});
    expect(first!.section).to.equal(sections[0]);
    expect(first!.items[1]!.item).to.equal(sections[0]!.items[1]);
  });
});
