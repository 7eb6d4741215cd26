import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'chai';
import { LOCALES, type Message } from '../../server/i18n/catalogue.js';
import { PACKAGE_ROOT } from '../../server/package-root.js';

/** Every audience's catalogue module; the evaluators' joins once it is written. */
const AUDIENCES = ['staff', 'participant', 'evaluator'] as const;

interface FoundCatalogue {
  keys: readonly string[];
  messages: Record<string, Record<string, Message>>;
}

/** The catalogue a module exports, made with defineCatalogue (it has keys and messages per language). */
function catalogueIn(module: Record<string, unknown>): FoundCatalogue | null {
  for (const value of Object.values(module)) {
    const candidate = value as Partial<FoundCatalogue> | null;
    if (candidate && Array.isArray(candidate.keys) && typeof candidate.messages === 'object')
      return candidate as FoundCatalogue;
  }
  return null;
}

const forms = (message: Message): string[] => (typeof message === 'string' ? [message] : Object.values(message));
const placeholders = (message: Message) =>
  [...new Set(forms(message).flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!)))].sort();

/** Problems with a catalogue: keys missing or extra in a language, empty messages, placeholders that differ. */
export function catalogueProblems(catalogue: FoundCatalogue): string[] {
  const problems: string[] = [];
  for (const locale of LOCALES) {
    const messages = catalogue.messages[locale];
    if (!messages) {
      problems.push(`${locale}: no messages`);
      continue;
    }
    for (const key of Object.keys(messages))
      if (!catalogue.keys.includes(key)) problems.push(`${locale}: "${key}" is not an English key`);
    for (const key of catalogue.keys) {
      const message = messages[key];
      if (message === undefined) {
        problems.push(`${locale}: "${key}" is missing`);
        continue;
      }
      if (typeof message !== 'string' && message.other === undefined)
        problems.push(`${locale}: "${key}" has no "other" plural form`);
      if (forms(message).some((text) => text.trim() === '')) problems.push(`${locale}: "${key}" is empty`);
      const english = catalogue.messages.en![key]!;
      if (placeholders(message).join() !== placeholders(english).join())
        problems.push(
          `${locale}: "${key}" has {${placeholders(message).join('} {')}}, English has {${placeholders(english).join('} {')}}`,
        );
    }
  }
  return problems;
}

describe('message catalogues', function () {
  it('finds a missing key, an extra key, an empty message and a placeholder that differs', function () {
    expect(
      catalogueProblems({
        keys: ['a', 'b', 'c', 'd'],
        messages: {
          en: { a: 'Hello {name}', b: 'B', c: { one: '{count} day', other: '{count} days' }, d: 'D' },
          it: { a: 'Ciao {nome}', b: ' ', c: { one: '{count} giorno', other: '{count} giorni' }, e: 'E' },
        },
      }),
    ).to.deep.equal([
      'it: "e" is not an English key',
      'it: "a" has {nome}, English has {name}',
      'it: "b" is empty',
      'it: "d" is missing',
    ]);
  });

  for (const audience of AUDIENCES) {
    it(`${audience}: every key in every language, none empty, the same placeholders in each`, async function () {
      const file = join(PACKAGE_ROOT, 'server', 'i18n', `${audience}-messages.ts`);
      if (!existsSync(file)) {
        expect(audience, 'the staff and participant catalogues exist').to.equal('evaluator');
        return this.skip();
      }
      const catalogue = catalogueIn((await import(pathToFileURL(file).href)) as Record<string, unknown>);
      // The participants' catalogue predates defineCatalogue; its languages are typed Records, and
      // it is checked here from the day it is made with defineCatalogue.
      if (!catalogue && audience === 'participant') return this.skip();
      expect(catalogue, `${audience}-messages.ts exports a catalogue made with defineCatalogue`).to.not.equal(null);
      expect(catalogue!.keys.length).to.be.greaterThan(0);
      expect(catalogueProblems(catalogue!)).to.deep.equal([]);
    });
  }
});
