import { expect } from 'chai';
import type { Instrument } from '../../../server/domain/instrument.js';
import { Collector } from '../../../server/domain/instrument-checks.js';
import { textType, type TextItem } from '../../../server/domain/item-types/text.js';

const instrument: Instrument = {
  id: 'x',
  version: '1',
  languages: ['en'],
  title: { en: 'X' },
  scales: {},
  dimensions: [],
  sections: [],
};
const item: TextItem = { id: 'open_1', type: 'text', text: { en: 'What worked?' } };

describe('text items', function () {
  it('add nothing to check, count toward no dimension, and add nothing to the fingerprint', function () {
    const c = new Collector();
    expect(
      textType.check({ dimension: 'd' }, '$.q', { languages: ['en'], scales: {}, dimensions: new Set(['d']) }, c),
    ).to.equal(undefined);
    expect(c.problems).to.deep.equal([]);
    expect(textType.fingerprint(item)).to.deep.equal([]);
    expect(textType.scored).to.equal(false);
  });

  it('keep an answer as written, up to 5,000 characters', function () {
    expect(textType.parse(instrument, item, 'x'.repeat(5000), 'x'.repeat(5000))).to.deep.equal({
      ok: true,
      value: 'x'.repeat(5000),
    });
    expect(textType.parse(instrument, item, 'x'.repeat(5001), 'x'.repeat(5001))).to.deep.equal({
      ok: false,
      reason: 'too_long',
      message: 'is longer than 5000 characters',
      params: { max: '5000' },
    });
  });

  it('read back, lead errors to, and are keyed in as the text itself', function () {
    expect(textType.answerText(instrument, item, '<b>ok</b>', 'en')).to.equal('<b>ok</b>');
    expect(textType.fieldId(instrument, item)).to.equal('open_1');
    expect(textType.paperEntry).to.deep.equal({ control: 'written' });
    expect(textType.codebook(instrument, item)).to.deep.equal({ meaning: 'Open answer, free text.' });
  });
});

describe('text items, pasted text', function () {
  it('drop control characters from an answer and trim what they leave', function () {
    expect(textType.parse(instrument, item, '\u0000 Più incontri\u001b la sera \u0007', 'x')).to.deep.equal({
      ok: true,
      value: 'Più incontri la sera',
    });
  });

  it('keep line breaks and tabs inside an answer, a browser CRLF written as a newline', function () {
    expect(textType.parse(instrument, item, 'Prima riga\r\nSeconda\triga', 'x')).to.deep.equal({
      ok: true,
      value: 'Prima riga\nSeconda\triga',
    });
  });

  it('take an answer of nothing but control characters as no answer', function () {
    expect(textType.parse(instrument, item, '\u0000\u0007\u202e', 'x')).to.deep.equal({ ok: true, value: undefined });
  });
});
