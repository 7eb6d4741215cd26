import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { allItems, instrumentFingerprint, validateInstrument } from '../../server/domain/instrument.js';
import type { ScaleItem } from '../../server/domain/item-types/scale.js';
import { SURVEYS_DIR } from '../helpers/test-services.js';

const shipped = () => JSON.parse(readFileSync(join(SURVEYS_DIR, 'coassess-core.json'), 'utf8'));

function problemsOf(mutate: (json: any) => void): { where: string; message: string }[] {
  const json = shipped();
  mutate(json);
  const result = validateInstrument(json);
  if (result.ok) throw new Error('expected the instrument to be rejected');
  return result.problems;
}

describe('instrument validation', function () {
  it('accepts the shipped coassess-core questionnaire', function () {
    const result = validateInstrument(shipped());
    expect(result.ok).to.equal(true);
  });

  it('ships the five dimensions, 4-6 scale items each with a reverse-coded one, open text, in English and Italian', function () {
    const result = validateInstrument(shipped());
    if (!result.ok) throw new Error('invalid');
    const instrument = result.instrument;
    expect(instrument.languages).to.include.members(['en', 'it']);
    expect(instrument.dimensions.map((d) => d.id)).to.deep.equal([
      'trust',
      'engagement',
      'cohesion',
      'reciprocity',
      'strain',
    ]);
    for (const { id } of instrument.dimensions) {
      const items = allItems(instrument).filter((i): i is ScaleItem => i.type === 'scale' && i.dimension === id);
      expect(items.length, id).to.be.within(4, 6);
      expect(
        items.some((i) => i.reverse),
        `${id} has a reverse-coded item`,
      ).to.equal(true);
    }
    expect(allItems(instrument).filter((i) => i.type === 'text').length).to.be.at.least(1);
  });

  const cases: [string, (json: any) => void, string][] = [
    ['a missing language text', (j) => delete j.sections[1].items[0].text.it, '$.sections[1].items[0].text.it'],
    ['a scale item without a scale', (j) => delete j.sections[0].items[0].scale, '$.sections[0].items[0].scale'],
    [
      'an unknown dimension',
      (j) => (j.sections[0].items[1].dimension = 'happiness'),
      '$.sections[0].items[1].dimension',
    ],
    [
      'a reverse flag that is not boolean',
      (j) => (j.sections[0].items[0].reverse = 'yes'),
      '$.sections[0].items[0].reverse',
    ],
    [
      'a duplicate item id',
      (j) => (j.sections[1].items[0].id = j.sections[0].items[0].id),
      '$.sections[1].items[0].id',
    ],
    ['the wrong number of scale labels', (j) => j.scales.agree5.labels.en.pop(), '$.scales.agree5.labels.en'],
    ['an unknown item type', (j) => (j.sections[0].items[0].type = 'slider'), '$.sections[0].items[0].type'],
    ['a missing version', (j) => delete j.version, '$.version'],
    ['no languages', (j) => (j.languages = []), '$.languages'],
    ['an id unfit for a CSV column', (j) => (j.sections[0].items[0].id = 'Trust 1!'), '$.sections[0].items[0].id'],
    [
      'a dimension without items',
      (j) => j.dimensions.push({ id: 'extra', label: { en: 'E', it: 'E' } }),
      '$.dimensions',
    ],
    ['a scale whose max is not above min', (j) => (j.scales.agree5.max = 1), '$.scales.agree5.max'],
    ['a section without items', (j) => (j.sections[0].items = []), '$.sections[0].items'],
  ];
  for (const [what, mutate, path] of cases) {
    it(`rejects ${what}, naming the JSON path`, function () {
      expect(problemsOf(mutate).map((p) => p.where)).to.include(path);
    });
  }

  it('rejects input that is not an object', function () {
    const result = validateInstrument([1, 2]);
    expect(result.ok).to.equal(false);
  });

  it('normalises a numeric version to a string', function () {
    const result = validateInstrument({ ...shipped(), version: 3 });
    expect(result.ok && result.instrument.version).to.equal('3');
  });

  it('fingerprints structure, not wording', function () {
    const a = validateInstrument(shipped());
    const reworded = shipped();
    reworded.sections[0].items[0].text.en = 'Reworded';
    const b = validateInstrument(reworded);
    const reversed = shipped();
    reversed.sections[0].items[0].reverse = !reversed.sections[0].items[0].reverse;
    const c = validateInstrument(reversed);
    if (!a.ok || !b.ok || !c.ok) throw new Error('invalid');
    expect(instrumentFingerprint(a.instrument)).to.equal(instrumentFingerprint(b.instrument));
    expect(instrumentFingerprint(a.instrument)).to.not.equal(instrumentFingerprint(c.instrument));
  });

  it('keeps the fingerprint stores hold for the shipped questionnaire: another would withdraw it at start', function () {
    const result = validateInstrument(shipped());
    if (!result.ok) throw new Error('invalid');
    const fingerprint = instrumentFingerprint(result.instrument);
    expect(fingerprint).to.match(
      /^\{"scales":\[\["agree5",1,5,true\]\],"dimensions":\["trust",.*\["trust_1","scale","agree5","trust",false,null\],.*\["open_1","text",null\]/,
    );
    expect(createHash('sha256').update(fingerprint).digest('hex')).to.equal(
      '20d1f8002965a8e7a294a811f8ae16a481736709442ca180dc2f60ed8cd8e39d',
    );
  });

  it('names the registered item types when a file gives another', function () {
    expect(problemsOf((j) => (j.sections[0].items[0].type = 'slider'))).to.deep.include({
      where: '$.sections[0].items[0].type',
      message: 'must be "scale" or "text"',
    });
  });
});
