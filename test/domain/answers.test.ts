import { expect } from 'chai';
import { NOT_APPLICABLE, parseAnswer, scoredValue } from '../../server/domain/answers.js';
import type { Instrument, Item } from '../../server/domain/instrument.js';

const t = (s: string) => ({ en: s });
const instrument: Instrument = {
  id: 'x', version: '1', languages: ['en'], title: t('X'),
  scales: { five: { min: 1, max: 5, labels: { en: ['a', 'b', 'c', 'd', 'e'] }, notApplicable: t('n/a') }, seven: { min: 0, max: 6, labels: { en: ['0', '1', '2', '3', '4', '5', '6'] } } },
  dimensions: [{ id: 'd', label: t('D') }],
  sections: [],
};
const five: Item = { id: 'a', type: 'scale', scale: 'five', dimension: 'd', reverse: true, text: t('A') };
const seven: Item = { id: 'b', type: 'scale', scale: 'seven', dimension: 'd', reverse: false, text: t('B') };
const open: Item = { id: 'c', type: 'text', text: t('C') };

describe('answers', function () {
  it('reads scale answers inside the scale and refuses those outside', function () {
    expect(parseAnswer(instrument, five, ' 3 ')).to.deep.equal({ ok: true, value: 3 });
    expect(parseAnswer(instrument, seven, '0')).to.deep.equal({ ok: true, value: 0 });
    for (const bad of ['6', '0', '2.5', 'three', '1e0', '-1']) expect(parseAnswer(instrument, five, bad), bad).to.include({ ok: false, reason: 'out_of_scale' });
  });
  it('accepts "does not apply" only where the scale offers it', function () {
    expect(parseAnswer(instrument, five, 'na')).to.deep.equal({ ok: true, value: NOT_APPLICABLE });
    expect(parseAnswer(instrument, seven, 'NA')).to.include({ ok: false, reason: 'not_applicable_not_offered' });
  });
  it('treats an empty cell as no answer and keeps text as written', function () {
    expect(parseAnswer(instrument, five, '  ')).to.deep.equal({ ok: true, value: undefined });
    expect(parseAnswer(instrument, open, '=1+1')).to.deep.equal({ ok: true, value: '=1+1' });
    expect(parseAnswer(instrument, open, 'x'.repeat(5001))).to.include({ ok: false, reason: 'too_long' });
  });
  it('reverse-codes on the item scale', function () {
    expect(scoredValue(instrument, five, 2)).to.equal(4);
    expect(scoredValue(instrument, seven, 2)).to.equal(2);
    expect(scoredValue(instrument, five, NOT_APPLICABLE)).to.equal(null);
    expect(scoredValue(instrument, open, 'hello')).to.equal(null);
  });
});
