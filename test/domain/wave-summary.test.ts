import { expect } from 'chai';
import {
  draftProblems,
  MAX_SUMMARY_TEXT_LENGTH,
  paragraphsOf,
  publishProblems,
  smallGroups,
  summaryIn,
  summaryTextsOf,
} from '../../server/domain/wave-summary.js';

const both = { heard: 'Abbiamo sentito', doing: 'Stiamo facendo' };

describe('wave summary rules', function () {
  describe('summaryTextsOf', function () {
    it('cleans each text, drops control characters, keeps line breaks, and leaves out a language with nothing written', function () {
      const texts = summaryTextsOf(
        {
          heard_it: '  Prima riga\r\nseconda\u0000 riga\u001b[31m  ',
          doing_it: '\tFacciamo\u202e',
          heard_en: '   ',
          doing_en: '',
          heard_fr: 'ignored: not a project language',
        },
        ['en', 'it'],
      );
      expect(texts).to.deep.equal({ it: { heard: 'Prima riga\nseconda riga[31m', doing: 'Facciamo' } });
    });

    it('keeps a language with only one of its two texts written, for publishing to point out', function () {
      expect(
        summaryTextsOf({ heard_en: 'More evening meetings', doing_it: 'Incontri serali' }, ['en', 'it']),
      ).to.deep.equal({
        en: { heard: 'More evening meetings', doing: '' },
        it: { heard: '', doing: 'Incontri serali' },
      });
    });

    it('treats a field sent twice or not at all as empty', function () {
      expect(summaryTextsOf({ heard_it: ['a', 'b'], doing_it: 'x' }, ['it'])).to.deep.equal({
        it: { heard: '', doing: 'x' },
      });
    });
  });

  describe('draftProblems', function () {
    it(`keeps a text of ${MAX_SUMMARY_TEXT_LENGTH} characters and refuses one of ${MAX_SUMMARY_TEXT_LENGTH + 1}`, function () {
      expect(draftProblems({ it: { heard: 'x'.repeat(1500), doing: '' } })).to.deep.equal([]);
      expect(draftProblems({ it: { heard: 'x'.repeat(1501), doing: '' } })).to.deep.equal([
        { kind: 'too-long', where: 'heard_it', max: 1500 },
      ]);
    });
  });

  describe('smallGroups', function () {
    it('names a group of 1 to 4 respondents, not one of 5 or of nobody', function () {
      expect(smallGroups({ caregiver: 4, provider: 5 })).to.deep.equal(['caregiver']);
      expect(smallGroups({ caregiver: 5, provider: 5 })).to.deep.equal([]);
      expect(smallGroups({ caregiver: 1, provider: 0 })).to.deep.equal(['caregiver']);
      expect(smallGroups({ provider: 3, caregiver: 2 })).to.deep.equal(['caregiver', 'provider']);
    });
  });

  describe('publishProblems', function () {
    it('refuses a number in any text while a group is too small, naming the field, the numbers and the groups', function () {
      const texts = { it: { heard: 'Tre familiari su 4', doing: 'Ne parliamo' }, en: both };
      expect(publishProblems(texts, ['en', 'it'], ['caregiver'])).to.deep.equal([
        { kind: 'numbers', where: 'heard_it', language: 'it', found: ['Tre', '4'], groups: ['caregiver'] },
      ]);
    });

    it('lets the same numbers through when no group is too small: the boundary is the group of 4 against the group of 5', function () {
      const texts = { en: { heard: 'Three of you said 4 things', doing: 'We act' } };
      expect(publishProblems(texts, ['en'], smallGroups({ caregiver: 4 }))).to.have.length(1);
      expect(publishProblems(texts, ['en'], smallGroups({ caregiver: 5 }))).to.deep.equal([]);
    });

    it('refuses a language with one text of two, and a summary with nothing written', function () {
      expect(publishProblems({ it: { heard: 'Sentito', doing: '' }, en: both }, ['en', 'it'], [])).to.deep.equal([
        { kind: 'half-written', where: 'doing_it', language: 'it' },
      ]);
      expect(publishProblems({}, ['en', 'it'], [])).to.deep.equal([{ kind: 'nothing-written', where: 'heard_en' }]);
    });

    it("points an empty summary at the project's first language, or at English for a project with none", function () {
      expect(publishProblems({}, ['it', 'en'], [])).to.deep.equal([{ kind: 'nothing-written', where: 'heard_it' }]);
      expect(publishProblems({}, [], [])).to.deep.equal([{ kind: 'nothing-written', where: 'heard_en' }]);
    });

    it('publishes one complete language alone: the others fall back to it', function () {
      expect(publishProblems({ it: both }, ['en', 'it'], ['caregiver'])).to.deep.equal([]);
    });
  });

  describe('summaryIn', function () {
    const texts = { it: both, fr: { heard: 'Entendu', doing: 'Fait' } };
    it("gives the reader's language when written", function () {
      expect(summaryIn(texts, 'it', ['en', 'it'])).to.deep.equal({ language: 'it', ...both });
    });
    it('falls back to the first project language written, then to any language written, else nothing', function () {
      expect(summaryIn(texts, 'en', ['en', 'it'])).to.deep.equal({ language: 'it', ...both });
      expect(summaryIn({ fr: texts.fr }, 'en', ['en', 'it'])).to.deep.equal({ language: 'fr', ...texts.fr });
      expect(summaryIn({}, 'en', ['en', 'it'])).to.equal(null);
    });
    it('falls back to other written languages in alphabetical order, whatever order they were saved in', function () {
      const saved = { fr: texts.fr, de: { heard: 'Gehört', doing: 'Getan' } };
      expect(summaryIn(saved, 'en', ['en', 'it'])).to.deep.equal({ language: 'de', heard: 'Gehört', doing: 'Getan' });
    });
    it('skips a language saved with both texts empty, and takes one with either text written', function () {
      const blank = { heard: '', doing: '' };
      expect(summaryIn({ en: blank, it: both }, 'en', ['en', 'it'])).to.deep.equal({ language: 'it', ...both });
      expect(summaryIn({ en: blank }, 'en', ['en'])).to.equal(null);
      expect(summaryIn({ en: { heard: '', doing: 'We moved the meetings' }, it: both }, 'en', ['it'])).to.deep.equal({
        language: 'en',
        heard: '',
        doing: 'We moved the meetings',
      });
      expect(summaryIn({ en: { heard: 'You asked for evenings', doing: '' }, it: both }, 'en', ['it'])).to.deep.equal({
        language: 'en',
        heard: 'You asked for evenings',
        doing: '',
      });
    });
  });

  describe('paragraphsOf', function () {
    it('splits at blank lines into paragraphs of lines, dropping empty ones', function () {
      expect(paragraphsOf('Uno\ndue\n\n  \n\nTre  \n')).to.deep.equal([['Uno', 'due'], ['Tre']]);
      expect(paragraphsOf('')).to.deep.equal([]);
    });
  });
});
