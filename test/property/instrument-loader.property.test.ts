import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import fc from 'fast-check';
import { allItems, validateInstrument, type Instrument } from '../../server/domain/instrument.js';
import { InstrumentRegistry } from '../../server/services/instrument-registry.js';
import { SURVEYS_DIR } from '../helpers/test-services.js';
import { hostileString, NASTY_KEYS, RUNS } from './hostile.js';

const CORE = readFileSync(join(SURVEYS_DIR, 'coassess-core.json'), 'utf8');

/** Values that look like the right kind to a careless check: inherited names, near-numbers. */
const trickyValue = fc.oneof(
  fc.constantFrom(
    'toString',
    'constructor',
    '__proto__',
    'hasOwnProperty',
    'valueOf',
    'scale',
    'agreement',
    'trust',
    '',
    0,
    -1,
    1.5,
    1e308,
    null,
    true,
    [],
    {},
    ['en'],
    { en: '' },
  ),
  hostileString,
  fc.jsonValue({ maxDepth: 2 }),
);

type Path = (string | number)[];

/** Every path to a value in a JSON tree, root first. */
function paths(value: unknown, at: Path = []): Path[] {
  if (Array.isArray(value)) return [at, ...value.flatMap((v, i) => paths(v, [...at, i]))];
  if (value && typeof value === 'object')
    return [at, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...at, k]))];
  return [at];
}

type Mutation = { kind: 'set' | 'delete' | 'add'; pick: number; value: unknown; key: string };

/** Replaces, deletes or adds one value somewhere in the shipped questionnaire. */
function mutate(json: unknown, mutations: Mutation[]): unknown {
  let root = json;
  for (const { kind, pick, value, key } of mutations) {
    const all = paths(root);
    const path = all[pick % all.length]!;
    if (path.length === 0) {
      if (kind === 'set') root = value;
      continue;
    }
    const parent = path
      .slice(0, -1)
      .reduce<unknown>((node, k) => (node as Record<string | number, unknown>)[k], root) as Record<
      string | number,
      unknown
    >;
    const last = path.at(-1)!;
    if (kind === 'set') parent[last] = value;
    else if (kind === 'delete' && Array.isArray(parent)) parent.splice(Number(last), 1);
    else if (kind === 'delete') delete parent[last];
    else if (parent[last] && typeof parent[last] === 'object' && !Array.isArray(parent[last]))
      Object.defineProperty(parent[last], key, { value, enumerable: true, configurable: true, writable: true });
  }
  return root;
}

const mutation = fc.record({
  kind: fc.constantFrom('set', 'delete', 'add'),
  pick: fc.nat(),
  value: trickyValue,
  key: fc.oneof(fc.constantFrom(...NASTY_KEYS, 'en', 'it', 'scale', 'min'), fc.string({ maxLength: 8 })),
}) as fc.Arbitrary<Mutation>;
const mutatedCore = fc.array(mutation, { minLength: 1, maxLength: 4 }).map((ms) => mutate(JSON.parse(CORE), ms));

/** What the rest of the code relies on once an instrument has been accepted. */
function expectUsable(instrument: Instrument): void {
  for (const item of allItems(instrument)) {
    if (item.type !== 'scale') continue;
    expect(Object.hasOwn(instrument.scales, item.scale), `scale "${item.scale}" of ${item.id}`).to.equal(true);
    const scale = instrument.scales[item.scale]!;
    expect(Number.isInteger(scale.min) && Number.isInteger(scale.max) && scale.max > scale.min).to.equal(true);
    for (const lang of instrument.languages) expect(scale.labels[lang]).to.have.length(scale.max - scale.min + 1);
    expect(instrument.dimensions.some((d) => d.id === item.dimension)).to.equal(true);
  }
}

function expectResult(input: unknown): void {
  const result = validateInstrument(input);
  if (result.ok) return expectUsable(result.instrument);
  expect(result.problems).to.have.length.greaterThan(0);
  for (const problem of result.problems) {
    expect(problem.where).to.match(/^\$/);
    expect(problem.message).to.be.a('string').and.not.equal('');
  }
}

describe('hostile questionnaire files', function () {
  this.timeout(60_000);

  it('validateInstrument: any JSON value is accepted as usable or refused with $-paths, never thrown on', function () {
    fc.assert(fc.property(fc.oneof(fc.jsonValue({ maxDepth: 4 }), trickyValue), expectResult), {
      ...RUNS,
      numRuns: 200,
    });
  });

  it('validateInstrument: one to four mutations of the shipped questionnaire', function () {
    fc.assert(fc.property(mutatedCore, expectResult), { ...RUNS, numRuns: 200 });
  });

  it('refuses a scale item whose scale is an inherited property name', function () {
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      const json = JSON.parse(CORE);
      json.sections[0].items[0].scale = name;
      const result = validateInstrument(json);
      expect(result.ok, name).to.equal(false);
      if (!result.ok) expect(result.problems.map((p) => p.where)).to.include('$.sections[0].items[0].scale');
    }
  });

  it('InstrumentRegistry: a folder of broken files offers only good ones and never throws', async function () {
    const file = fc.oneof(
      { arbitrary: mutatedCore.map((json) => JSON.stringify(json) ?? 'undefined'), weight: 4 },
      { arbitrary: fc.string({ unit: 'binary', maxLength: 100 }), weight: 1 },
      {
        arbitrary: fc.constantFrom(CORE, CORE.slice(0, CORE.length / 2), `\ufeff${CORE}`, '', 'null', '[]'),
        weight: 1,
      },
    );
    fc.assert(
      fc.property(fc.array(file, { minLength: 1, maxLength: 4 }), (files) => {
        const dir = mkdtempSync(join(tmpdir(), 'coassess-surveys-property-'));
        try {
          files.forEach((text, i) => writeFileSync(join(dir, `f${i}.json`), text));
          const registry = InstrumentRegistry.fromDirectory(dir);
          for (const problem of registry.problems) {
            expect(problem.file).to.match(/^surveys\/f\d\.json$/);
            expect(problem.where).to.match(/^\$/);
          }
          for (const instrument of registry.list()) expectUsable(instrument);
          expect(registry.list().length + new Set(registry.problems.map((p) => p.file)).size).to.equal(files.length);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { ...RUNS, numRuns: 80 },
    );
  });
});
