import { expect } from 'chai';
import { en, it as italian } from '../../../server/i18n/staff/summaries.js';

const placeholders = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('staff text of "You said, we did"', function () {
  it('gives every message in Italian with the same placeholders as in English', function () {
    expect(Object.keys(italian).sort()).to.deep.equal(Object.keys(en).sort());
    for (const [key, message] of Object.entries(en))
      expect(placeholders(italian[key as keyof typeof en]), key).to.deep.equal(placeholders(message));
  });
});
