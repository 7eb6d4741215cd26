import { expect } from 'chai';
import {
  ACCESS_CODE_ALPHABET,
  ACCESS_CODE_LENGTH,
  formatAccessCode,
  isWellFormedAccessCode,
  normaliseAccessCode,
} from '../../server/domain/access-code.js';

describe('access codes', function () {
  it('are eight characters from an alphabet without look-alikes (0/O, 1/I/L, 5/S)', function () {
    expect(ACCESS_CODE_LENGTH).to.equal(8);
    expect(ACCESS_CODE_ALPHABET).to.equal('2346789ABCDEFGHJKMNPQRTUVWXYZ');
    for (const lookAlike of ['0', 'O', '1', 'I', 'L', '5', 'S']) expect(ACCESS_CODE_ALPHABET).not.to.include(lookAlike);
  });

  it('are shown in two groups of four', function () {
    expect(formatAccessCode('K7M29QXP')).to.equal('K7M2-9QXP');
  });

  it('read what people type: lower case, spaces and dashes anywhere', function () {
    expect(normaliseAccessCode('k7m2-9qxp')).to.equal('K7M29QXP');
    expect(normaliseAccessCode(' K7M2 9QXP ')).to.equal('K7M29QXP');
    expect(normaliseAccessCode('k7 m2 - 9q\txp')).to.equal('K7M29QXP');
  });

  it('accept exactly eight characters of the alphabet', function () {
    expect(isWellFormedAccessCode('K7M29QXP')).to.equal(true);
    expect(isWellFormedAccessCode('22222222')).to.equal(true);
    expect(isWellFormedAccessCode('K7M29QX')).to.equal(false);
    expect(isWellFormedAccessCode('K7M29QXPA')).to.equal(false);
    expect(isWellFormedAccessCode('')).to.equal(false);
  });

  it('refuse a code with a look-alike, a lower-case letter or a dash left in', function () {
    expect(isWellFormedAccessCode('K7M20QXP')).to.equal(false);
    expect(isWellFormedAccessCode('K7M2OQXP')).to.equal(false);
    expect(isWellFormedAccessCode('K7M2SQXP')).to.equal(false);
    expect(isWellFormedAccessCode('k7m29qxp')).to.equal(false);
    expect(isWellFormedAccessCode('K7M-9QXP')).to.equal(false);
  });
});
