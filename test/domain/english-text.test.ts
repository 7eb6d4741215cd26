import { expect } from 'chai';
import { englishText } from '../../server/domain/english-text.js';

describe('English text of an instrument', function () {
  it('is the English wording, wherever English comes among the languages', function () {
    expect(englishText({ it: 'Mi sento ascoltato', en: 'I feel listened to' })).to.equal('I feel listened to');
    expect(englishText({ en: 'I feel listened to', it: 'Mi sento ascoltato' })).to.equal('I feel listened to');
  });

  it('falls back to the first language of an instrument without English', function () {
    expect(englishText({ it: 'Mi sento ascoltato', de: 'Ich fühle mich gehört' })).to.equal('Mi sento ascoltato');
  });

  it('is empty for a text with no wording at all', function () {
    expect(englishText({})).to.equal('');
  });
});
