import { expect } from 'chai';
import type { Instrument } from '../../../server/domain/instrument.js';
import { Collector } from '../../../server/domain/instrument-checks.js';
import { scaleType, type ScaleItem } from '../../../server/domain/item-types/scale.js';

const t = (s: string) => ({ en: s, it: `${s} (it)` });
const instrument: Instrument = {
  id: 'x',
  version: '1',
  languages: ['en', 'it'],
  title: t('X'),
  scales: {
    agree: {
      min: 1,
      max: 3,
      labels: { en: ['No', 'Maybe', 'Yes'], it: ['No', 'Forse', 'Sì'] },
      notApplicable: { en: 'Does not apply', it: 'Non pertinente' },
    },
    zero: { min: 0, max: 1, labels: { it: ['zero', 'uno'] } },
  },
  dimensions: [{ id: 'd', label: t('D') }],
  sections: [],
};
const item: ScaleItem = { id: 'q1', type: 'scale', scale: 'agree', dimension: 'd', reverse: true, text: t('Q') };
const plain: ScaleItem = { ...item, id: 'q2', scale: 'zero', reverse: false };

describe('scale items', function () {
  it('need a scale and a dimension of the file, and a reverse flag; they count toward the dimension they name', function () {
    const c = new Collector();
    const context = { languages: ['en'], scales: instrument.scales, dimensions: new Set(['d']) };
    expect(scaleType.check({ scale: 'agree', dimension: 'd', reverse: false }, '$.q', context, c)).to.equal('d');
    expect(c.problems).to.deep.equal([]);
    expect(scaleType.check({ scale: 'toString', dimension: 'e', reverse: 'no' }, '$.q', context, c)).to.equal('e');
    expect(c.problems).to.deep.equal([
      { where: '$.q.scale', message: 'must name one of the scales (agree, zero)' },
      { where: '$.q.dimension', message: 'must name one of the dimensions (d)' },
      { where: '$.q.reverse', message: 'must be true or false' },
    ]);
    expect(scaleType.check({}, '$.q', context, new Collector())).to.equal(undefined);
  });

  it('fingerprint what scoring depends on', function () {
    expect(scaleType.fingerprint(item)).to.deep.equal(['agree', 'd', true]);
  });

  it('read an answer back as its label, in the language asked for', function () {
    expect(scaleType.answerText(instrument, item, 3, 'it')).to.equal('Sì');
    expect(scaleType.answerText(instrument, item, 'NA', 'en')).to.equal('Does not apply');
    expect(scaleType.answerText(instrument, plain, 0, 'it')).to.equal('zero');
  });

  it("lead an error to the first point's radio button", function () {
    expect(scaleType.fieldId(instrument, item)).to.equal('q1-1');
    expect(scaleType.fieldId(instrument, plain)).to.equal('q2-0');
  });

  it('are keyed in from paper by the value beside the ticked box', function () {
    expect(scaleType.paperEntry.control).to.equal('box-value');
    expect(scaleType.paperEntry.key!(instrument, item, 'it')).to.deep.equal({
      values: '1 = No, 2 = Forse, 3 = Sì',
      notApplicable: 'Non pertinente',
    });
    expect(scaleType.paperEntry.key!(instrument, plain, 'en')).to.deep.equal({
      values: '',
      notApplicable: 'does not apply',
    });
  });

  it('give the codebook their dimension, scale, range, reverse flag and points, in English where there is English', function () {
    expect(scaleType.codebook(instrument, item)).to.deep.equal({
      dimension: 'd',
      scale: 'agree',
      scale_min: 1,
      scale_max: 3,
      reverse: 'true',
      meaning: '1 = No; 2 = Maybe; 3 = Yes; NA = Does not apply',
    });
    expect(scaleType.codebook(instrument, plain)).to.include({ reverse: 'false', meaning: '0 = zero; 1 = uno' });
  });

  it('accept the ends of their scale and refuse one point beyond either end', function () {
    const parse = (scaleItem: ScaleItem, text: string) => scaleType.parse(instrument, scaleItem, text, text);
    expect(['0', '1', '2', '3', '4'].map((text) => parse(item, text).ok)).to.deep.equal([
      false,
      true,
      true,
      true,
      false,
    ]);
    expect(parse(item, '4')).to.deep.include({ ok: false, reason: 'out_of_scale' });
    expect(['-1', '0', '1', '2'].map((text) => parse(plain, text).ok)).to.deep.equal([false, true, true, false]);
  });
});

describe('scale items, further', function () {
  const eleven: Instrument = {
    ...instrument,
    scales: {
      ...instrument.scales,
      score10: { min: 0, max: 10, labels: { en: Array.from({ length: 11 }, (_, i) => String(i)) } },
    },
  };
  const rating: ScaleItem = { ...item, id: 'q3', scale: 'score10', reverse: false };

  it('read two-digit points on a 0 to 10 scale, and refuse 11', function () {
    const parse = (text: string) => scaleType.parse(eleven, rating, text, text);
    expect(parse('10')).to.deep.equal({ ok: true, value: 10 });
    expect(parse('0')).to.deep.equal({ ok: true, value: 0 });
    expect(parse('11')).to.deep.include({ ok: false, reason: 'out_of_scale' });
  });

  it('explain a refused "does not apply" with what was typed and the numbers allowed', function () {
    expect(scaleType.parse(instrument, plain, 'na', 'na')).to.deep.equal({
      ok: false,
      reason: 'not_applicable_not_offered',
      message:
        '"na" is not allowed: this question has no "does not apply" option (use a number from 0 to 1, or leave it empty)',
      params: { value: 'na', min: '0', max: '1' },
    });
  });

  it('list every dimension of the file when an item names another', function () {
    const c = new Collector();
    const context = { languages: ['en'], scales: instrument.scales, dimensions: new Set(['trust', 'voice']) };
    scaleType.check({ scale: 'agree', dimension: 'fiducia', reverse: true }, '$.q', context, c);
    expect(c.problems).to.deep.equal([
      { where: '$.q.dimension', message: 'must name one of the dimensions (trust, voice)' },
    ]);
  });

  it('count toward no dimension when the dimension given is not text', function () {
    const context = { languages: ['en'], scales: instrument.scales, dimensions: new Set(['d']) };
    expect(scaleType.check({ scale: 'agree', dimension: 5, reverse: true }, '$.q', context, new Collector())).to.equal(
      undefined,
    );
  });

  it('refuse a scale given as a number, even where a scale is keyed by those digits', function () {
    const c = new Collector();
    const context = { languages: ['en'], scales: { '5': instrument.scales.agree }, dimensions: new Set(['d']) };
    scaleType.check({ scale: 5, dimension: 'd', reverse: false }, '$.q', context, c);
    expect(c.problems.map((p) => p.where)).to.deep.equal(['$.q.scale']);
  });

  it('read back as nothing in a language the scale has no labels for, and NA as nothing where not offered', function () {
    expect(scaleType.answerText(instrument, item, 2, 'fr')).to.equal('');
    expect(scaleType.answerText(instrument, plain, 'NA', 'it')).to.equal('');
    expect(scaleType.answerText(instrument, item, 'NA', 'fr')).to.equal('');
  });

  it('label their coded values for the syntax files in the language asked, in English where it has none', function () {
    expect(scaleType.valueLabels!(instrument, item, 'it')).to.deep.equal({
      set: 'agree',
      values: [
        { value: 1, label: 'No' },
        { value: 2, label: 'Forse' },
        { value: 3, label: 'Sì' },
      ],
      notApplicable: 'Non pertinente',
    });
    const noItalianNa: Instrument = {
      ...instrument,
      scales: { agree: { ...instrument.scales.agree!, notApplicable: { en: 'Does not apply' } } },
    };
    expect(scaleType.valueLabels!(noItalianNa, item, 'fr')).to.deep.equal({
      set: 'agree',
      values: [
        { value: 1, label: 'No' },
        { value: 2, label: 'Maybe' },
        { value: 3, label: 'Yes' },
      ],
      notApplicable: 'Does not apply',
    });
  });

  it('label the values of a scale without English in its first language, with no NA where none is offered', function () {
    expect(scaleType.valueLabels!(instrument, plain, 'en')).to.deep.equal({
      set: 'zero',
      values: [
        { value: 0, label: 'zero' },
        { value: 1, label: 'uno' },
      ],
    });
  });

  it('tell data-entry staff which box values a scale takes, and whether NA is one', function () {
    expect(scaleType.paperEntry.values!(instrument, item)).to.deep.equal({ min: 1, max: 3, notApplicable: true });
    expect(scaleType.paperEntry.values!(instrument, plain)).to.deep.equal({ min: 0, max: 1, notApplicable: false });
  });
});
