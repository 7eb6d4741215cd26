import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { expect } from 'chai';
import fc from 'fast-check';
import { runCli } from '../../server/cli/run-cli.js';
import { hasControlCharacter } from '../../server/domain/control-characters.js';
import { parseAnswer } from '../../server/domain/item-types/registry.js';
import type { Instrument, Item } from '../../server/domain/instrument.js';
import type { Services } from '../../server/services/services.js';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { csrfFrom } from '../helpers/forms.js';
import { signIn, staffUser } from '../helpers/staff-agent.js';
import { testApp } from '../helpers/test-app.js';
import { expectDomainError, seededProject, SURVEYS_DIR, testServices } from '../helpers/test-services.js';

/** Every character names refuse: C0, DEL, C1, and the bidi embeddings, overrides and isolates. */
const REFUSED = [
  ...Array.from({ length: 0x20 }, (_, i) => i),
  ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i),
  0x202a,
  0x202b,
  0x202c,
  0x202d,
  0x202e,
  0x2066,
  0x2067,
  0x2068,
  0x2069,
].map((cp) => String.fromCodePoint(cp));
const refused = fc.constantFrom(...REFUSED);
/** Text with refused characters in it often: the cases that matter, among any others. */
const hostileText = fc
  .array(fc.oneof(refused, fc.string({ unit: 'binary', maxLength: 3 }), fc.constantFrom('\r\n', '\r', 'a', ' ')), {
    maxLength: 40,
  })
  .map((parts) => parts.join(''));
/** What may reach an export or a terminal: tab, newline, and a CR only as part of a CSV record's CRLF. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NOT_PRINTABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|\r(?!\n)/;

describe('control characters (property)', function () {
  this.timeout(120_000);
  let services: Services;
  let store: SqliteStore;
  beforeEach(() => ({ services, store } = testServices(() => new Date('2026-03-10T09:00:00Z'))));
  afterEach(() => store.close());

  it('finds exactly the refused characters among all code points', function () {
    const set = new Set(REFUSED);
    for (let cp = 0; cp <= 0x10ffff; cp += 1) {
      const char = String.fromCodePoint(cp);
      if (hasControlCharacter(`a${char}b`) !== set.has(char)) expect.fail(`U+${cp.toString(16)}`);
    }
  });

  it('refuses a name or label holding any of them, in every service that takes one, and keeps nothing', async function () {
    const { project } = await seededProject(services);
    const admin = await staffUser(services, 'admin');
    for (const c of REFUSED) {
      const name = `A${c}b`;
      await expectDomainError(
        services.projects.create({ slug: 'x1', name, instrument: 'coassess-core' }, 'test'),
        'VALIDATION',
      );
      await expectDomainError(
        services.projects.create(
          { slug: 'x2', name: 'X', instrument: 'coassess-core', groups: [{ id: 'g', label: { en: name, it: 'G' } }] },
          'test',
        ),
        'VALIDATION',
      );
      await expectDomainError(
        services.waves.add({ project, label: name, opensOn: '2026-09-01', closesOn: '2026-09-02' }, 'test'),
        'VALIDATION',
      );
      await expectDomainError(
        services.users.add({ email: `u${c}@example.org`, name: 'U', role: 'admin', password: 'p'.repeat(12) }, 'test'),
        'VALIDATION',
      );
      await expectDomainError(
        services.users.add({ email: 'u@example.org', name, role: 'admin', password: 'p'.repeat(12) }, 'test'),
        'VALIDATION',
      );
      await expectDomainError(services.apiTokens.create(admin, name), 'VALIDATION');
    }
    expect((await services.projects.list()).map((p) => p.slug)).to.deep.equal(['p4c']);
    expect(await services.waves.list(project)).to.have.length(2);
  });

  it('answers a wave form whose label holds one with a 400 that says why, the label kept in the form', async function () {
    const { project } = await seededProject(services);
    const { app } = testApp(services);
    const lead = await signIn(app, await staffUser(services, 'lead', 'p4c'));
    const csrf = csrfFrom((await lead.get('/projects/p4c/waves').expect(200)).text);
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 10 }),
        refused,
        fc.string({ maxLength: 10 }),
        async (before, c, after) => {
          const label = `W${before}${c}${after}1`;
          const res = await lead
            .post('/projects/p4c/waves')
            .type('form')
            .send({ _csrf: csrf, label, opens: '2026-09-01', closes: '2026-09-02' });
          expect(res.status).to.equal(400);
          expect(res.text).to.include('must not contain control characters');
        },
      ),
      { numRuns: 40 },
    );
    expect(await services.waves.list(project)).to.have.length(2);
  });

  it('keeps tab and newline in a written answer and drops every other control character', function () {
    const item = { id: 'open_1', type: 'text' } as unknown as Item;
    fc.assert(
      fc.property(hostileText, (raw) => {
        const parsed = parseAnswer({} as Instrument, item, raw);
        const kept = [...raw.replace(/\r\n?/g, '\n')]
          .filter((c) => !REFUSED.includes(c) || c === '\t' || c === '\n')
          .join('')
          .trim();
        expect(parsed).to.deep.equal({ ok: true, value: kept === '' ? undefined : kept });
      }),
      { numRuns: 500 },
    );
  });

  it('keeps every control character out of exports and the terminal, whatever the store holds', async function () {
    const { project, wave1, participants } = await seededProject(services);
    const out = (chunks: string[]) =>
      new Writable({
        write(chunk, _e, cb) {
          chunks.push(chunk.toString());
          cb();
        },
      });
    await fc.assert(
      fc.asyncProperty(hostileText, hostileText, async (label, answer) => {
        // Written past the services, as a database from before names were checked could hold them.
        await store.projects.update(project.id, { name: `P${label}` });
        const wave = await store.waves.create({
          projectId: project.id,
          label: `W${label}${Math.random()}`,
          opensOn: '2027-01-01',
          closesOn: '2027-01-02',
          instrumentVersion: wave1.instrumentVersion,
        });
        await store.responses.submit({
          projectId: project.id,
          participantId: participants[1]!.id,
          waveId: wave.id,
          group: 'caregiver',
          answers: { open_1: answer, trust_1: 4 },
          source: 'web',
          enteredBy: null,
          at: '2026-03-10T09:00:00.000Z',
        });
        for (const kind of ['responses', 'wide'] as const) {
          const chunks: string[] = [];
          await services.exports.write(kind, (await services.projects.bySlug('p4c'))!, out(chunks), 'test');
          expect(chunks.join('')).to.not.match(NOT_PRINTABLE);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('writes no control character to the operator’s terminal, even from what was typed on the command line', async function () {
    const dataDir = mkdtempSync(join(tmpdir(), 'coassess-cli-'));
    try {
      await fc.assert(
        fc.asyncProperty(hostileText, async (text) => {
          const chunks: string[] = [];
          const sink = new Writable({
            write(chunk, _e, cb) {
              chunks.push(chunk.toString());
              cb();
            },
          });
          const args = ['wave', 'add', '--project', `p\u001b[2J${text}`, '--label', 'W'];
          const code = await runCli([...args, '--opens', '2026-01-01', '--closes', '2026-01-02'], {
            stdin: Readable.from(['']),
            stdout: sink,
            stderr: sink,
            env: { DATA_DIR: dataDir, SURVEYS_DIR, BASE_URL: 'https://coassess.example.org' },
            cwd: process.cwd(),
          });
          expect(code).to.not.equal(0);
          // The slug is echoed in the refusal, without what a terminal would act on.
          expect(chunks.join('')).to.include('p[2J').and.not.match(NOT_PRINTABLE);
        }),
        { numRuns: 30 },
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
