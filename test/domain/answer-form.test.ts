import { expect } from 'chai';
import { mergeAnswers, readAnswerForm, sectionsForGroup } from '../../server/domain/answer-form.js';
import type { Instrument, Item } from '../../server/domain/instrument.js';

const both = (en: string, it: string) => ({ en, it });

const trust1: Item = {
  id: 'trust_1',
  type: 'scale',
  scale: 'agree5',
  dimension: 'trust',
  reverse: false,
  text: both('I trust the people running the project.', 'Mi fido di chi gestisce il progetto.'),
};
const trust2: Item = {
  id: 'trust_2',
  type: 'scale',
  scale: 'agree5',
  dimension: 'trust',
  reverse: true,
  groups: ['staff'],
  text: both('Decisions are made behind closed doors.', 'Le decisioni si prendono a porte chiuse.'),
};
const carers1: Item = {
  id: 'carers_1',
  type: 'scale',
  scale: 'often4',
  dimension: 'trust',
  reverse: false,
  groups: ['carers'],
  text: both('I was asked for my view.', 'Mi è stato chiesto il mio parere.'),
};
const open1: Item = { id: 'open_1', type: 'text', text: both('What would you change?', 'Cosa cambieresti?') };

const instrument: Instrument = {
  id: 'salute-insieme',
  version: '1',
  languages: ['en', 'it'],
  title: both('Working together', 'Lavorare insieme'),
  scales: {
    agree5: {
      min: 1,
      max: 5,
      labels: {
        en: ['Strongly disagree', 'Disagree', 'Neither', 'Agree', 'Strongly agree'],
        it: ['Fortemente in disaccordo', 'In disaccordo', 'Né né', "D'accordo", "Fortemente d'accordo"],
      },
      notApplicable: both('Does not apply to me', 'Non mi riguarda'),
    },
    often4: {
      min: 0,
      max: 3,
      labels: { en: ['Never', 'Sometimes', 'Often', 'Always'], it: ['Mai', 'A volte', 'Spesso', 'Sempre'] },
    },
  },
  dimensions: [{ id: 'trust', label: both('Trust', 'Fiducia') }],
  sections: [
    { id: 'fiducia', title: both('Trust', 'Fiducia'), items: [trust1, trust2] },
    { id: 'familiari', title: both('Carers', 'Familiari'), items: [carers1] },
    { id: 'parole', title: both('In your own words', 'Con parole tue'), items: [open1] },
  ],
};

describe('answer forms', function () {
  describe('sectionsForGroup', function () {
    it('gives each group only the items it is asked, and drops a section left with none', function () {
      expect(sectionsForGroup(instrument, 'residents').map((s) => [s.id, s.items.map((i) => i.id)])).to.deep.equal([
        ['fiducia', ['trust_1']],
        ['parole', ['open_1']],
      ]);
      expect(sectionsForGroup(instrument, 'carers').map((s) => [s.id, s.items.map((i) => i.id)])).to.deep.equal([
        ['fiducia', ['trust_1']],
        ['familiari', ['carers_1']],
        ['parole', ['open_1']],
      ]);
      expect(sectionsForGroup(instrument, 'staff').map((s) => [s.id, s.items.map((i) => i.id)])).to.deep.equal([
        ['fiducia', ['trust_1', 'trust_2']],
        ['parole', ['open_1']],
      ]);
    });

    it('keeps each section title, and leaves the instrument as it was', function () {
      expect(sectionsForGroup(instrument, 'residents')[0]!.title).to.deep.equal(both('Trust', 'Fiducia'));
      expect(instrument.sections[0]!.items).to.have.length(2);
    });
  });

  describe('readAnswerForm', function () {
    it('reads the items asked, as numbers for scale points and as written for open answers', function () {
      const result = readAnswerForm(instrument, [trust1, trust2, open1], {
        trust_1: '4',
        trust_2: ' na ',
        open_1: '  Più incontri la sera, per chi lavora.  ',
      });
      expect(result).to.deep.equal({
        answers: { trust_1: 4, trust_2: 'NA', open_1: 'Più incontri la sera, per chi lavora.' },
        problems: [],
        values: { trust_1: '4', trust_2: ' na ', open_1: '  Più incontri la sera, per chi lavora.  ' },
      });
    });

    it('ignores fields of items it was not asked to read, as a tampered form might send', function () {
      const result = readAnswerForm(instrument, [trust1], { trust_1: '2', trust_2: '5', is_admin: 'yes' });
      expect(result.answers).to.deep.equal({ trust_1: 2 });
      expect(result.values).to.deep.equal({ trust_1: '2' });
    });

    it('clears an item left empty or missing from the form, rather than leaving it out', function () {
      const result = readAnswerForm(instrument, [trust1, carers1, open1], { trust_1: '   ', open_1: '' });
      expect(result.answers).to.deep.equal({ trust_1: undefined, carers_1: undefined, open_1: undefined });
      expect(result.values).to.deep.equal({ trust_1: '   ', carers_1: '', open_1: '' });
      expect(result.problems).to.deep.equal([]);
    });

    it('takes the last of a repeated field, and an empty repetition as no answer', function () {
      const result = readAnswerForm(instrument, [trust1, carers1, open1], {
        trust_1: ['2', '5', '3'],
        carers_1: [],
        open_1: ['prima', 'seconda'],
      });
      expect(result.answers).to.deep.equal({ trust_1: 3, carers_1: undefined, open_1: 'seconda' });
      expect(result.values).to.deep.equal({ trust_1: '3', carers_1: '', open_1: 'seconda' });
    });

    it('reads a field that is neither text nor a list (a forged body) as empty', function () {
      const result = readAnswerForm(instrument, [trust1, open1], { trust_1: 3, open_1: { text: 'ciao' } });
      expect(result).to.deep.equal({
        answers: { trust_1: undefined, open_1: undefined },
        problems: [],
        values: { trust_1: '', open_1: '' },
      });
    });

    it('names each refused item and why, keeps what was typed to show again, and saves none of them', function () {
      const result = readAnswerForm(instrument, [trust1, carers1, trust2, open1], {
        trust_1: '6',
        carers_1: 'NA',
        trust_2: '3',
        open_1: 'x'.repeat(5001),
      });
      expect(result.problems).to.deep.equal([
        { itemId: 'trust_1', reason: 'out_of_scale' },
        { itemId: 'carers_1', reason: 'not_applicable_not_offered' },
        { itemId: 'open_1', reason: 'too_long' },
      ]);
      expect(result.answers).to.deep.equal({ trust_2: 3 });
      expect(result.values).to.include({ trust_1: '6', carers_1: 'NA', trust_2: '3' });
    });

    it('reads the ends of each scale and refuses one point beyond them', function () {
      const read = (item: Item, value: string) => readAnswerForm(instrument, [item], { [item.id]: value });
      expect(['0', '1', '5', '6'].map((v) => read(trust1, v).problems.length)).to.deep.equal([1, 0, 0, 1]);
      expect(['-1', '0', '3', '4'].map((v) => read(carers1, v).problems.length)).to.deep.equal([1, 0, 0, 1]);
    });
  });

  describe('mergeAnswers', function () {
    it('sets changed answers, clears those changed to nothing, and keeps the rest as saved', function () {
      const saved = { trust_1: 4, trust_2: 'NA', carers_1: 0, open_1: 'Più tempo' };
      const merged = mergeAnswers(saved, { trust_1: 2, trust_2: null, open_1: undefined, carers_1: 3 });
      expect(merged).to.deep.equal({ trust_1: 2, carers_1: 3 });
      expect(saved).to.deep.equal({ trust_1: 4, trust_2: 'NA', carers_1: 0, open_1: 'Più tempo' });
    });

    it('adds an answer that was not saved before, and clearing an unsaved one changes nothing', function () {
      expect(mergeAnswers({ trust_1: 1 }, { open_1: 'Meno burocrazia', trust_2: null })).to.deep.equal({
        trust_1: 1,
        open_1: 'Meno burocrazia',
      });
    });

    it('keeps a zero and an empty text as answers: only null and undefined clear', function () {
      expect(mergeAnswers({}, { carers_1: 0, open_1: '' })).to.deep.equal({ carers_1: 0, open_1: '' });
    });
  });
});
