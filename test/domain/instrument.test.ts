import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import {
  allItems,
  instrumentFingerprint,
  itemAppliesToGroup,
  validateInstrument,
} from '../../server/domain/instrument.js';
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

const both = (en: string, it: string) => ({ en, it });

/** A small bilingual questionnaire, as a project might write one: two scales, two dimensions, one open question. */
function bilingual(): any {
  return {
    id: 'salute-insieme',
    version: '2.1',
    languages: ['en', 'it'],
    title: both('Working together on health', 'Lavorare insieme per la salute'),
    description: both('A few questions.', 'Qualche domanda.'),
    // Listed out of alphabetical order: the fingerprint must not depend on the order a file lists scales in.
    scales: {
      yesno: { min: 0, max: 1, labels: { en: ['No', 'Yes'], it: ['No', 'Sì'] } },
      agree4: {
        min: 1,
        max: 4,
        labels: {
          en: ['Disagree', 'Somewhat disagree', 'Somewhat agree', 'Agree'],
          it: ['In disaccordo', 'Abbastanza in disaccordo', "Abbastanza d'accordo", "D'accordo"],
        },
        notApplicable: both('Does not apply to me', 'Non mi riguarda'),
      },
    },
    dimensions: [
      { id: 'trust', label: both('Trust', 'Fiducia') },
      { id: 'voice', label: both('Having a say', 'Avere voce') },
    ],
    sections: [
      {
        id: 'fiducia',
        title: both('Trust', 'Fiducia'),
        items: [
          {
            id: 'trust_1',
            type: 'scale',
            scale: 'agree4',
            dimension: 'trust',
            reverse: false,
            text: both('I trust the people running the project.', 'Mi fido di chi gestisce il progetto.'),
          },
          {
            id: 'trust_2',
            type: 'scale',
            scale: 'agree4',
            dimension: 'trust',
            reverse: true,
            groups: ['staff'],
            text: both('Decisions are made behind closed doors.', 'Le decisioni si prendono a porte chiuse.'),
          },
        ],
      },
      {
        id: 'voce',
        title: both('Having a say', 'Avere voce'),
        items: [
          {
            id: 'voice_1',
            type: 'scale',
            scale: 'yesno',
            dimension: 'voice',
            reverse: false,
            groups: ['residents', 'carers'],
            text: both('Was your suggestion taken up?', 'Il tuo suggerimento è stato accolto?'),
          },
          { id: 'open_1', type: 'text', text: both('What would you change?', 'Cosa cambieresti?') },
        ],
      },
    ],
  };
}

/** The paths an edited copy of the bilingual questionnaire is refused for, in the order reported. */
function refusedAt(edit: (json: any) => void): string[] {
  const json = bilingual();
  edit(json);
  return problemsIn(json).map((p) => p.where);
}

function problemsIn(json: unknown): { where: string; message: string }[] {
  const result = validateInstrument(json);
  if (result.ok) throw new Error('expected the instrument to be rejected');
  // An author fixes the file from the messages: none may be blank.
  for (const p of result.problems) expect(p.message.trim(), p.where).to.not.equal('');
  return result.problems;
}

const accepted = (edit: (json: any) => void): boolean => {
  const json = bilingual();
  edit(json);
  return validateInstrument(json).ok;
};

describe('instrument validation, field by field', function () {
  it('accepts the bilingual questionnaire and keeps every field of it, version as a string', function () {
    const result = validateInstrument(bilingual());
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.instrument).to.deep.equal({ ...bilingual(), version: '2.1' });
    expect(allItems(result.instrument).map((i) => i.id)).to.deep.equal(['trust_1', 'trust_2', 'voice_1', 'open_1']);
  });

  it('refuses anything but a JSON object as a whole, with one problem at the root', function () {
    for (const input of [null, 'coassess-core', 3, [bilingual()]]) {
      const problems = problemsIn(input);
      expect(
        problems.map((p) => p.where),
        String(input),
      ).to.deep.equal(['$']);
    }
  });

  it('reports every problem of a file in one pass, in file order', function () {
    expect(
      refusedAt((j) => {
        j.id = 'Salute Insieme';
        j.version = 0;
        delete j.title;
        j.sections[1].items[1].text.it = ' ';
      }),
    ).to.deep.equal(['$.id', '$.version', '$.title', '$.sections[1].items[1].text.it']);
  });

  describe('ids', function () {
    for (const id of ['t', 'trust_1', 'voice-2', 'q10']) {
      it(`accepts the item id "${id}"`, function () {
        expect(accepted((j) => (j.sections[0].items[0].id = id))).to.equal(true);
      });
    }
    for (const id of ['Trust_1', 'trust 1', '1trust', 'trust.1', '_trust', '', 7, null]) {
      it(`refuses the item id ${JSON.stringify(id)}, unfit for a CSV column or a URL`, function () {
        expect(refusedAt((j) => (j.sections[0].items[0].id = id))).to.deep.equal(['$.sections[0].items[0].id']);
      });
    }
  });

  describe('version', function () {
    for (const version of [1, 12, '2', '2.1', 'v2.1-rc_1', '2024.10']) {
      it(`accepts the version ${JSON.stringify(version)} and keeps it as a string`, function () {
        const result = validateInstrument({ ...bilingual(), version });
        expect(result.ok && result.instrument.version).to.equal(String(version));
      });
    }
    for (const version of [0, -1, 1.5, '', '2 beta', 'beta 2', '2/1', true, null]) {
      it(`refuses the version ${JSON.stringify(version)}`, function () {
        expect(refusedAt((j) => (j.version = version))).to.deep.equal(['$.version']);
      });
    }
  });

  describe('languages', function () {
    it('refuses a file with no language list, or an empty one, without asking any text for a language', function () {
      expect(refusedAt((j) => (j.languages = []))).to.deep.equal(['$.languages']);
      expect(refusedAt((j) => delete j.languages)).to.deep.equal(['$.languages']);
      expect(refusedAt((j) => (j.languages = 'en,it'))).to.deep.equal(['$.languages']);
    });

    it('refuses a language listed twice', function () {
      expect(refusedAt((j) => j.languages.push('en'))).to.deep.equal(['$.languages']);
    });

    it('refuses a language that is not a string, and asks no text in it', function () {
      expect(refusedAt((j) => j.languages.push(39))).to.deep.equal(['$.languages[2]']);
      expect(refusedAt((j) => j.languages.push(null))).to.deep.equal(['$.languages[2]']);
      // A list holding one code reads as that code once turned into text: it is still not a code.
      expect(refusedAt((j) => j.languages.push(['fr']))).to.deep.equal(['$.languages[2]']);
    });

    for (const code of ['fr', 'fur', 'pt-BR', 'sr-Latn', 'es-419', 'en-abcdefgh']) {
      it(`takes "${code}" as a language code (then wants texts in it)`, function () {
        const where = refusedAt((j) => j.languages.push(code));
        expect(where).to.not.include('$.languages[2]');
        expect(where).to.include(`$.title.${code}`);
      });
    }
    for (const code of ['EN', 'e', 'engl', 'pt-B', 'en-abcdefghi', 'pt_BR', ' it', 'it ', 'it-']) {
      it(`refuses ${JSON.stringify(code)} as a language code`, function () {
        expect(refusedAt((j) => j.languages.push(code))).to.include('$.languages[2]');
      });
    }
  });

  describe('texts in every language', function () {
    it('refuses a title missing, blank in one language, or given as a list', function () {
      expect(refusedAt((j) => delete j.title)).to.deep.equal(['$.title']);
      expect(refusedAt((j) => (j.title = null))).to.deep.equal(['$.title']);
      expect(refusedAt((j) => (j.title = ['Working together', 'Lavorare insieme']))).to.deep.equal(['$.title']);
      expect(refusedAt((j) => (j.title.it = '  '))).to.deep.equal(['$.title.it']);
      expect(refusedAt((j) => (j.title.en = 42))).to.deep.equal(['$.title.en']);
    });

    it('names the languages a missing text needs', function () {
      const json = bilingual();
      delete json.title;
      expect(problemsIn(json)[0]!.message).to.include('en, it');
    });
  });

  describe('scales', function () {
    const scaleItems = ['$.sections[0].items[0].scale', '$.sections[0].items[1].scale', '$.sections[1].items[0].scale'];

    it('refuses a file without scales, and every scale item then names an unknown scale', function () {
      expect(refusedAt((j) => delete j.scales)).to.deep.equal(['$.scales', ...scaleItems]);
      expect(refusedAt((j) => (j.scales = {}))).to.deep.equal(['$.scales', ...scaleItems]);
      expect(refusedAt((j) => (j.scales = [j.scales.agree4]))).to.deep.equal(['$.scales', ...scaleItems]);
    });

    it('refuses a scale id unfit for a column name', function () {
      expect(
        refusedAt((j) => {
          j.scales['Agree 4'] = j.scales.agree4;
          delete j.scales.agree4;
          j.sections[0].items[0].scale = 'Agree 4';
          j.sections[0].items[1].scale = 'Agree 4';
        }),
      ).to.deep.equal(['$.scales.Agree 4']);
    });

    it('refuses a scale that is not an object, and checks nothing inside it', function () {
      expect(refusedAt((j) => (j.scales.yesno = 'yes/no'))).to.deep.equal(['$.scales.yesno']);
    });

    it('refuses ends that are not whole numbers, without counting labels against them', function () {
      expect(refusedAt((j) => (j.scales.agree4.min = 1.5))).to.deep.equal(['$.scales.agree4.min']);
      expect(refusedAt((j) => (j.scales.agree4.min = '1'))).to.deep.equal(['$.scales.agree4.min']);
      expect(refusedAt((j) => (j.scales.agree4.max = 4.5))).to.deep.equal(['$.scales.agree4.max']);
      expect(refusedAt((j) => delete j.scales.agree4.max)).to.deep.equal(['$.scales.agree4.max']);
    });

    it('needs at least two points: refuses max at or below min, accepts max one above it', function () {
      expect(
        refusedAt((j) => {
          j.scales.yesno.max = 0;
          j.scales.yesno.labels = { en: ['No'], it: ['No'] };
        }),
      ).to.deep.equal(['$.scales.yesno.max']);
      expect(refusedAt((j) => (j.scales.agree4.min = 5))).to.deep.equal(['$.scales.agree4.max']);
      expect(accepted((j) => (j.scales.yesno.max = 1))).to.equal(true);
    });

    it('wants one label per point in each language, saying how many it found and how many it wants', function () {
      const json = bilingual();
      json.scales.agree4.labels.it.pop();
      const problems = problemsIn(json);
      expect(problems.map((p) => p.where)).to.deep.equal(['$.scales.agree4.labels.it']);
      expect(problems[0]!.message).to.include('3').and.include('4');
      expect(refusedAt((j) => j.scales.yesno.labels.en.push('Maybe'))).to.deep.equal(['$.scales.yesno.labels.en']);
    });

    it('refuses a scale without labels, or without labels in one language', function () {
      expect(refusedAt((j) => delete j.scales.agree4.labels)).to.deep.equal(['$.scales.agree4.labels']);
      expect(refusedAt((j) => (j.scales.agree4.labels = 'Disagree to Agree'))).to.deep.equal([
        '$.scales.agree4.labels',
      ]);
      expect(refusedAt((j) => delete j.scales.agree4.labels.it)).to.deep.equal(['$.scales.agree4.labels.it']);
    });

    it('refuses a blank label, or one that is not text, naming its place', function () {
      expect(refusedAt((j) => (j.scales.agree4.labels.it[2] = '   '))).to.deep.equal(['$.scales.agree4.labels.it[2]']);
      expect(refusedAt((j) => (j.scales.agree4.labels.en[0] = 1))).to.deep.equal(['$.scales.agree4.labels.en[0]']);
    });

    it('wants the "does not apply" label, when a scale offers one, in every language', function () {
      expect(refusedAt((j) => delete j.scales.agree4.notApplicable.it)).to.deep.equal([
        '$.scales.agree4.notApplicable.it',
      ]);
      expect(refusedAt((j) => (j.scales.agree4.notApplicable = 'n/a'))).to.deep.equal([
        '$.scales.agree4.notApplicable',
      ]);
    });
  });

  describe('dimensions', function () {
    const dimensionOfItems = [
      '$.sections[0].items[0].dimension',
      '$.sections[0].items[1].dimension',
      '$.sections[1].items[0].dimension',
    ];

    it('refuses a file without a list of dimensions, and every scale item then names an unknown one', function () {
      expect(refusedAt((j) => delete j.dimensions)).to.deep.equal(['$.dimensions', ...dimensionOfItems]);
      expect(refusedAt((j) => (j.dimensions = { trust: 'Trust' }))).to.deep.equal([
        '$.dimensions',
        ...dimensionOfItems,
      ]);
    });

    it('refuses a dimension that is not an object', function () {
      expect(refusedAt((j) => j.dimensions.push('strain'))).to.deep.equal(['$.dimensions[2]']);
    });

    it('refuses a dimension id unfit for a column, and an item naming it then names no dimension', function () {
      expect(refusedAt((j) => (j.dimensions[1].id = 'Avere voce'))).to.deep.equal([
        '$.dimensions[1].id',
        '$.sections[1].items[0].dimension',
      ]);
    });

    it('refuses a dimension listed twice, naming it', function () {
      const json = bilingual();
      json.dimensions.push({ id: 'trust', label: both('Trust again', 'Ancora fiducia') });
      const problems = problemsIn(json);
      expect(problems.map((p) => p.where)).to.deep.equal(['$.dimensions[2].id']);
      expect(problems[0]!.message).to.include('"trust"');
    });

    it('refuses a dimension label missing a language', function () {
      expect(refusedAt((j) => delete j.dimensions[0].label.it)).to.deep.equal(['$.dimensions[0].label.it']);
    });

    it('refuses a dimension no scale item counts toward, naming it, even if an open question is filed under it', function () {
      const json = bilingual();
      json.dimensions.push({ id: 'strain', label: both('Strain', 'Fatica') });
      json.sections[1].items[1].dimension = 'strain';
      const problems = problemsIn(json);
      expect(problems.map((p) => p.where)).to.deep.equal(['$.dimensions']);
      expect(problems[0]!.message).to.include('"strain"');
      expect(
        refusedAt((j) => {
          j.sections[1].items[0] = { id: 'voice_1', type: 'text', text: both('Say more', 'Dicci di più') };
        }),
      ).to.deep.equal(['$.dimensions']);
    });
  });

  describe('sections', function () {
    it('refuses a file without sections, and then no dimension has items', function () {
      expect(refusedAt((j) => (j.sections = []))).to.deep.equal(['$.sections', '$.dimensions', '$.dimensions']);
      expect(refusedAt((j) => delete j.sections)).to.deep.equal(['$.sections', '$.dimensions', '$.dimensions']);
    });

    it('refuses a section that is not an object', function () {
      expect(refusedAt((j) => j.sections.push('altro'))).to.deep.equal(['$.sections[2]']);
    });

    it('refuses a section id unfit for a URL, or used by another section, naming it', function () {
      expect(refusedAt((j) => (j.sections[1].id = 'Voce!'))).to.deep.equal(['$.sections[1].id']);
      const json = bilingual();
      json.sections[1].id = 'fiducia';
      const problems = problemsIn(json);
      expect(problems.map((p) => p.where)).to.deep.equal(['$.sections[1].id']);
      expect(problems[0]!.message).to.include('"fiducia"');
    });

    it('refuses a section title missing a language', function () {
      expect(refusedAt((j) => delete j.sections[1].title.it)).to.deep.equal(['$.sections[1].title.it']);
    });

    it('refuses a section without items, and checks the rest of the file', function () {
      expect(refusedAt((j) => (j.sections[1].items = []))).to.deep.equal(['$.sections[1].items', '$.dimensions']);
      expect(refusedAt((j) => delete j.sections[1].items)).to.deep.equal(['$.sections[1].items', '$.dimensions']);
    });
  });

  describe('items', function () {
    it('refuses an item that is not an object', function () {
      expect(refusedAt((j) => j.sections[1].items.push('open_2'))).to.deep.equal(['$.sections[1].items[2]']);
    });

    it('refuses an item id used by another item, in another section too, naming it', function () {
      const json = bilingual();
      json.sections[1].items[1].id = 'trust_1';
      const problems = problemsIn(json);
      expect(problems.map((p) => p.where)).to.deep.equal(['$.sections[1].items[1].id']);
      expect(problems[0]!.message).to.include('"trust_1"');
    });

    it('refuses an item without an id', function () {
      expect(refusedAt((j) => delete j.sections[1].items[1].id)).to.deep.equal(['$.sections[1].items[1].id']);
    });

    it('refuses an item text missing a language', function () {
      expect(refusedAt((j) => delete j.sections[0].items[1].text)).to.deep.equal(['$.sections[0].items[1].text']);
    });

    it('refuses groups that are not a non-empty list of ids, naming the bad one', function () {
      expect(refusedAt((j) => (j.sections[0].items[1].groups = []))).to.deep.equal(['$.sections[0].items[1].groups']);
      expect(refusedAt((j) => (j.sections[0].items[1].groups = 'staff'))).to.deep.equal([
        '$.sections[0].items[1].groups',
      ]);
      expect(refusedAt((j) => (j.sections[1].items[0].groups = ['residents', 'Operatori sanitari']))).to.deep.equal([
        '$.sections[1].items[0].groups[1]',
      ]);
    });

    it('refuses an item of no known type, and checks no scale or dimension on it', function () {
      expect(
        refusedAt((j) => {
          delete j.sections[1].items[0].type;
          j.sections[1].items[0].scale = 'slider';
        }),
      ).to.deep.equal(['$.sections[1].items[0].type', '$.dimensions']);
    });
  });

  describe('groups', function () {
    it('asks an item without groups of everyone, and an item with groups only of those groups', function () {
      const result = validateInstrument(bilingual());
      if (!result.ok) throw new Error('invalid');
      const [trust1, trust2, voice1] = allItems(result.instrument);
      expect(['residents', 'staff'].map((g) => itemAppliesToGroup(trust1!, g))).to.deep.equal([true, true]);
      expect(['residents', 'staff'].map((g) => itemAppliesToGroup(trust2!, g))).to.deep.equal([false, true]);
      expect(['residents', 'carers', 'staff'].map((g) => itemAppliesToGroup(voice1!, g))).to.deep.equal([
        true,
        true,
        false,
      ]);
    });
  });

  describe('fingerprint', function () {
    it('lists scales by id, with their ends and whether they offer "does not apply", then dimensions and items', function () {
      const result = validateInstrument(bilingual());
      if (!result.ok) throw new Error('invalid');
      expect(JSON.parse(instrumentFingerprint(result.instrument))).to.deep.equal({
        scales: [
          ['agree4', 1, 4, true],
          ['yesno', 0, 1, false],
        ],
        dimensions: ['trust', 'voice'],
        items: [
          ['trust_1', 'scale', 'agree4', 'trust', false, null],
          ['trust_2', 'scale', 'agree4', 'trust', true, ['staff']],
          ['voice_1', 'scale', 'yesno', 'voice', false, ['residents', 'carers']],
          ['open_1', 'text', null],
        ],
      });
    });
  });
});
