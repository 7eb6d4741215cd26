import { expect } from 'chai';
import {
  CONTROL_CHARACTER_MESSAGE,
  hasControlCharacter,
  stripControlCharacters,
} from '../../server/domain/control-characters.js';

describe('control characters', function () {
  it('finds a tab, a line break, an escape, DEL, a C1 control or a bidi override in a name', function () {
    for (const name of [
      'Anna\tRossi',
      'Anna\nRossi',
      'Anna\u001bRossi',
      'Anna\u007f',
      'x\u0085y',
      'a\u202eb',
      'a\u2066b',
    ])
      expect(hasControlCharacter(name), JSON.stringify(name)).to.equal(true);
  });

  it('lets ordinary names through, accented, right-to-left marks included', function () {
    for (const name of ['Niccolò Dell’Acqua', 'Zoë O’Brien', 'مريم\u200f', 'Famiglie e caregiver'])
      expect(hasControlCharacter(name), name).to.equal(false);
  });

  it('tells a refused name what is wrong in words', function () {
    expect(CONTROL_CHARACTER_MESSAGE).to.equal(
      'must not contain control characters (such as tab, line break or escape) or bidirectional overrides',
    );
  });

  it('keeps a written answer as lines: CRLF and a lone CR become line breaks, tabs stay', function () {
    expect(stripControlCharacters('Prima riga\r\nSeconda riga\rTerza\triga')).to.equal(
      'Prima riga\nSeconda riga\nTerza\triga',
    );
  });

  it('drops escapes, bells and bidi overrides from a written answer', function () {
    expect(stripControlCharacters('\u001b[2JCiao\u0007 \u202emondo\u2069')).to.equal('[2JCiao mondo');
  });
});
