import { expect } from 'chai';
import { refusal } from '../helpers/domain-refusal.js';
import {
  BUILT_IN_CONSENT_VERSION,
  checkConsentTexts,
  CONSENT_FIELD_MAX,
  CONSENT_FIELDS,
  consentFieldName,
  consentTextFor,
} from '../../server/domain/consent-texts.js';

const EMPTY = { controller: '', privacyNotice: '', contact: '', consentText: '' };

const BUILT_IN = {
  controller: 'The project team',
  privacyNotice: 'Your answers are kept for the evaluation only.',
  contact: 'Write to the project lead.',
  consentText: 'I agree to take part.',
};

describe('consent texts', function () {
  it('lists the four texts a project may set, with their length limits', function () {
    expect(CONSENT_FIELDS).to.deep.equal(['controller', 'privacyNotice', 'contact', 'consentText']);
    expect(CONSENT_FIELD_MAX).to.deep.equal({ controller: 300, privacyNotice: 4000, contact: 500, consentText: 1500 });
    expect(BUILT_IN_CONSENT_VERSION).to.equal(0);
  });

  it('names a text\'s form field by language and field, such as "it_contact"', function () {
    expect(consentFieldName('it', 'contact')).to.equal('it_contact');
    expect(consentFieldName('en', 'privacyNotice')).to.equal('en_privacyNotice');
  });

  describe('checkConsentTexts', function () {
    it("keeps each language's texts trimmed, and leaves a text nobody typed empty", function () {
      const texts = checkConsentTexts(['it', 'en'], {
        it_controller: '  Cooperativa Sociale Il Girasole, Via Roma 12, Bologna  ',
        it_consentText: 'Acconsento a partecipare alla valutazione.\n',
        en_contact: 'evaluation@example.org',
        en_privacyNotice: 42,
      });
      expect(texts).to.deep.equal({
        it: {
          ...EMPTY,
          controller: 'Cooperativa Sociale Il Girasole, Via Roma 12, Bologna',
          consentText: 'Acconsento a partecipare alla valutazione.',
        },
        en: { ...EMPTY, contact: 'evaluation@example.org' },
      });
    });

    it('reads only the languages the project offers', function () {
      expect(checkConsentTexts(['en'], { en_contact: 'Call Ann', fr_contact: 'Appelez Anne' })).to.deep.equal({
        en: { ...EMPTY, contact: 'Call Ann' },
      });
    });

    it('makes the line ends a browser or an old editor sends into plain line breaks, keeping paragraphs and tabs', function () {
      const texts = checkConsentTexts(['it'], {
        it_privacyNotice: 'Titolare: ASL Bologna\r\n\r\nDati trattati:\trisposte',
        it_contact: 'Via Roma 12\rBologna',
      });
      expect(texts.it!.privacyNotice).to.equal('Titolare: ASL Bologna\n\nDati trattati:\trisposte');
      expect(texts.it!.contact).to.equal('Via Roma 12\nBologna');
    });

    it('accepts each text at its limit and refuses it one character over, naming the field and the limit', function () {
      for (const [field, max] of [
        ['controller', 300],
        ['privacyNotice', 4000],
        ['contact', 500],
        ['consentText', 1500],
      ] as const) {
        const atLimit = checkConsentTexts(['en'], { [`en_${field}`]: `  ${'a'.repeat(max)}  ` });
        expect(atLimit.en![field], field).to.have.length(max);

        const error = refusal(() => checkConsentTexts(['en'], { [`en_${field}`]: 'a'.repeat(max + 1) }));
        expect(error.code).to.equal('VALIDATION');
        expect(error.message).to.equal('some consent texts cannot be saved');
        expect(error.problems, field).to.deep.equal([
          {
            where: `en_${field}`,
            message: `must be at most ${max} characters`,
            text: { key: 'rule.atMost', params: { max: String(max) } },
          },
        ]);
      }
    });

    it('refuses a control character other than a line break or tab, such as an escape or a bidi override', function () {
      const error = refusal(() =>
        checkConsentTexts(['it', 'en'], {
          it_contact: 'Chiamare \u001b[31mMaria',
          en_controller: 'Council \u202eevil',
          en_contact: 'fine\ttext',
        }),
      );
      expect(error.problems).to.deep.equal([
        {
          where: 'it_contact',
          message:
            'must not contain control characters (line breaks apart, such as tab or escape) or bidirectional overrides',
          text: { key: 'rule.controlCharactersButLines' },
        },
        {
          where: 'en_controller',
          message:
            'must not contain control characters (line breaks apart, such as tab or escape) or bidirectional overrides',
          text: { key: 'rule.controlCharactersButLines' },
        },
      ]);
    });

    it('reports a text that is both too long and holds a control character once, as too long', function () {
      const error = refusal(() => checkConsentTexts(['en'], { en_contact: `\u0007${'a'.repeat(500)}` }));
      expect(error.problems.map((p) => [p.where, p.text?.key])).to.deep.equal([['en_contact', 'rule.atMost']]);
    });
  });

  describe('consentTextFor', function () {
    it('shows the built-in texts to a project that saved none', function () {
      expect(consentTextFor(undefined, BUILT_IN)).to.deep.equal(BUILT_IN);
    });

    it("shows the project's texts, and the built-in one for each text it left empty", function () {
      const saved = {
        controller: 'Comune di Bologna',
        privacyNotice: '',
        contact: 'servizi.sociali@comune.bologna.it',
        consentText: '',
      };
      expect(consentTextFor(saved, BUILT_IN)).to.deep.equal({
        controller: 'Comune di Bologna',
        privacyNotice: 'Your answers are kept for the evaluation only.',
        contact: 'servizi.sociali@comune.bologna.it',
        consentText: 'I agree to take part.',
      });
    });
  });
});
