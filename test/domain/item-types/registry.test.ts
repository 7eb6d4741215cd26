import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { NOT_APPLICABLE } from '../../../server/domain/answers.js';
import type { Instrument, Item } from '../../../server/domain/instrument.js';
import {
  dimensionOf,
  isFreeText,
  isScored,
  ITEM_TYPE_NAMES,
  itemTypeNamed,
  itemTypeOf,
  paperEntryKey,
  parseAnswer,
  scoredValue,
  valueLabels,
} from '../../../server/domain/item-types/registry.js';
import { scaleType } from '../../../server/domain/item-types/scale.js';
import { textType } from '../../../server/domain/item-types/text.js';

const root = join(fileURLToPath(import.meta.url), '..', '..', '..', '..');
const t = (s: string) => ({ en: s });
const instrument: Instrument = {
  id: 'x',
  version: '1',
  languages: ['en'],
  title: t('X'),
  scales: {
    five: { min: 1, max: 5, labels: { en: ['a', 'b', 'c', 'd', 'e'] }, notApplicable: t('n/a') },
    seven: { min: 0, max: 6, labels: { en: ['0', '1', '2', '3', '4', '5', '6'] } },
  },
  dimensions: [{ id: 'd', label: t('D') }],
  sections: [],
};
const five: Item = { id: 'a', type: 'scale', scale: 'five', dimension: 'd', reverse: true, text: t('A') };
const seven: Item = { id: 'b', type: 'scale', scale: 'seven', dimension: 'd', reverse: false, text: t('B') };
const open: Item = { id: 'c', type: 'text', text: t('C') };

/** Files under dir ending in ext, relative to the repository root. */
function sources(dir: string, ext: string): string[] {
  return (readdirSync(join(root, dir), { recursive: true }) as string[])
    .filter((f) => f.endsWith(ext))
    .map((f) => join(dir, f));
}

/**
 * Lines that compare something with a registered type name, or branch on one: `=== 'scale'`,
 * `case 'text':`. A `typeof x === '…'` is JavaScript's type, not an item's, whatever the name.
 */
function typeComparisons(text: string): string[] {
  const names = ITEM_TYPE_NAMES.join('|');
  const quoted = ["'", '"', '`'].map((q) => `${q}(?:${names})${q}`).join('|');
  const comparison = new RegExp(`[=!]==?\\s*(?:${quoted})|(?:${quoted})\\s*[=!]==?|case\\s+(?:${quoted})`);
  const typeofTest = /typeof\s+[\w$.?[\]]+\s*[=!]==?\s*(['"`])\w+\1/g;
  return text.split('\n').filter((line) => comparison.test(line.replace(typeofTest, '')));
}

describe('item type registry', function () {
  it('reads scale answers inside the scale and refuses those outside', function () {
    expect(parseAnswer(instrument, five, ' 3 ')).to.deep.equal({ ok: true, value: 3 });
    expect(parseAnswer(instrument, seven, '0')).to.deep.equal({ ok: true, value: 0 });
    for (const bad of ['6', '0', '2.5', 'three', '1e0', '-1'])
      expect(parseAnswer(instrument, five, bad), bad).to.include({ ok: false, reason: 'out_of_scale' });
    expect(parseAnswer(instrument, five, ' 9 ')).to.deep.include({
      message: '" 9 " is outside the scale 1 to 5',
      params: { value: ' 9 ', min: '1', max: '5' },
    });
  });

  it('accepts "does not apply" only where the scale offers it', function () {
    expect(parseAnswer(instrument, five, 'na')).to.deep.equal({ ok: true, value: NOT_APPLICABLE });
    expect(parseAnswer(instrument, seven, 'NA')).to.include({ ok: false, reason: 'not_applicable_not_offered' });
    expect(parseAnswer(instrument, seven, ' na ')).to.deep.include({ params: { value: 'na', min: '0', max: '6' } });
  });

  it('treats an empty cell as no answer, whatever the type, and keeps text as written', function () {
    expect(parseAnswer(instrument, five, '  ')).to.deep.equal({ ok: true, value: undefined });
    expect(parseAnswer(instrument, open, '')).to.deep.equal({ ok: true, value: undefined });
    expect(parseAnswer(instrument, open, '=1+1')).to.deep.equal({ ok: true, value: '=1+1' });
    expect(parseAnswer(instrument, open, 'x'.repeat(5001))).to.include({ ok: false, reason: 'too_long' });
  });

  it('reverse-codes on the item scale, and scores nothing else', function () {
    expect(scoredValue(instrument, five, 2)).to.equal(4);
    expect(scoredValue(instrument, seven, 2)).to.equal(2);
    expect(scoredValue(instrument, five, NOT_APPLICABLE)).to.equal(null);
    expect(scoredValue(instrument, open, 'hello')).to.equal(null);
  });

  it('knows each type by the name an instrument file gives it, and nothing else', function () {
    expect(ITEM_TYPE_NAMES).to.deep.equal(['scale', 'text']);
    expect(itemTypeNamed('scale')).to.equal(scaleType);
    expect(itemTypeNamed('text')).to.equal(textType);
    for (const name of ['slider', 'Scale', 'toString', '__proto__', 3, undefined])
      expect(itemTypeNamed(name), String(name)).to.equal(undefined);
    expect(itemTypeOf(open)).to.equal(textType);
    expect(() => itemTypeOf({ ...open, type: 'slider' } as unknown as Item)).to.throw(/no registered type "slider"/);
  });

  it('counts scored items toward their dimension, and open questions toward none', function () {
    expect([five, seven, open].map(isScored)).to.deep.equal([true, true, false]);
    expect([five, open].map(dimensionOf)).to.deep.equal(['d', undefined]);
  });

  it('keys paper entry by the first item keyed in by box values, if any is', function () {
    expect(paperEntryKey(instrument, [open, seven, five], 'en')).to.deep.equal({
      values: '0 = 0, 1 = 1, 2 = 2, 3 = 3, 4 = 4, 5 = 5, 6 = 6',
      notApplicable: 'does not apply',
    });
    expect(paperEntryKey(instrument, [open], 'en')).to.equal(undefined);
  });

  it('labels coded answers for the syntax files, and sends open answers to qualitative coding instead', function () {
    expect(valueLabels(instrument, seven, 'en')).to.deep.equal({
      set: 'seven',
      values: ['0', '1', '2', '3', '4', '5', '6'].map((label, value) => ({ value, label })),
    });
    expect(valueLabels(instrument, five, 'en')).to.include({ set: 'five', notApplicable: 'n/a' });
    expect(valueLabels(instrument, open, 'en')).to.equal(undefined);
    expect([five, seven, open].map(isFreeText)).to.deep.equal([false, false, true]);
  });

  describe('one place per type', function () {
    it('has a web question and a printed question for every registered type, and no view for a type it does not know', function () {
      for (const dir of ['views/participant/items', 'views/staff/paper/items']) {
        for (const name of ITEM_TYPE_NAMES)
          expect(existsSync(join(root, dir, `${name}.ejs`)), `${dir}/${name}.ejs`).to.equal(true);
        expect(
          readdirSync(join(root, dir))
            .map((f) => f.replace(/\.ejs$/, ''))
            .sort(),
          dir,
        ).to.deep.equal([...ITEM_TYPE_NAMES].sort());
      }
    });

    it('leaves every decision by type to item-types/ and the items/ views: nothing else compares a type name', function () {
      const files = [...sources('server', '.ts'), ...sources('views', '.ejs')].filter(
        (f) => !/(^|\/)(item-types|items)\//.test(f),
      );
      expect(files.length).to.be.above(50);
      const found = files.flatMap((file) =>
        typeComparisons(readFileSync(join(root, file), 'utf8')).map((line) => `${file}: ${line.trim()}`),
      );
      expect(found, 'ask the item type (item-types/registry.ts) instead').to.deep.equal([]);
    });

    it('the comparison finder can fail: it sees a comparison or a case on a type name, and not an HTML input type', function () {
      expect(
        typeComparisons(
          "if (item.type === 'scale') {\n<% } else if ('text' !== kind) { %>\n  case \"scale\":\n<input type=\"text\">\nres.type('text/css')",
        ),
      ).to.have.length(3);
      expect(typeComparisons("typeof item.scale === 'string' && kind === `text`")).to.have.length(1);
    });
  });
});
