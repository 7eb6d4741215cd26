import { expect } from 'chai';
import fc from 'fast-check';
import { stripControlCharacters } from '../../server/domain/control-characters.js';
import type { SummaryTexts, Wave } from '../../server/domain/records.js';
import type { Services } from '../../server/services/services.js';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { textareaOf } from '../helpers/forms.js';
import { csrfFor, signIn, staffUser, type Agent } from '../helpers/staff-agent.js';
import { testApp } from '../helpers/test-app.js';
import { seededProject, testServices } from '../helpers/test-services.js';
import { expectPageOrRedirect, formBody, hostileString, NASTY_KEYS, RUNS } from './hostile.js';

const FIELDS = ['heard_en', 'doing_en', 'heard_it', 'doing_it'] as const;

/** A summary text: hostile strings, markup, numbers, several paragraphs, or about as long as allowed. */
const summaryText = fc.oneof(
  { arbitrary: hostileString, weight: 4 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 200 }), weight: 2 },
  {
    arbitrary: fc.constantFrom(
      '<b>bold</b>\n\n<script>alert(1)</script>',
      '</textarea><script>alert(1)</script>',
      'Tre familiari su 4',
      'a & b "c" \'d\' &amp; &lt;',
      'Prima riga\r\nseconda\u0000riga\n\n\n  terzo paragrafo  ',
    ),
    weight: 2,
  },
  { arbitrary: fc.integer({ min: 1495, max: 1505 }).map((n) => 'é'.repeat(n)), weight: 1 },
);

/** What the server receives of a string sent as UTF-8 (a lone surrogate arrives as U+FFFD). */
const received = (text: string) => Buffer.from(text, 'utf8').toString('utf8');
/** A field as the form shows it again when refused: as typed, less control characters. */
const typed = (text: string) => stripControlCharacters(received(text));

function expectedTexts(values: Record<string, string>): SummaryTexts {
  const texts: SummaryTexts = {};
  for (const language of ['en', 'it']) {
    const heard = typed(values[`heard_${language}`]!).trim();
    const doing = typed(values[`doing_${language}`]!).trim();
    if (heard || doing) texts[language] = { heard, doing };
  }
  return texts;
}

describe('hostile input on the "You said, we did" form', function () {
  this.timeout(300_000);
  let services: Services;
  let store: SqliteStore;
  let app: ReturnType<typeof testApp>['app'];
  let wave: Wave;
  let lead: Agent;
  let csrf: string;

  before(async function () {
    ({ services, store } = testServices());
    ({ app } = testApp(services));
    const seeded = await seededProject(services);
    wave = seeded.wave1;
    // One caregiver has answered wave 1: a group too small, so numbers are refused on publishing.
    await services.paper.enter(seeded.project, wave.id, 'CG-001', { trust_1: '4' }, 'test');
    lead = await signIn(app, await staffUser(services, 'lead', 'p4c'));
    csrf = await csrfFor(lead);
  });
  after(() => store.close());

  it('never breaks the page, always escapes the text, and never loses what was typed', async function () {
    const url = () => `/projects/p4c/waves/${wave.id}/summary`;
    const outcomes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          Object.fromEntries(FIELDS.map((f) => [f, summaryText])) as Record<
            (typeof FIELDS)[number],
            fc.Arbitrary<string>
          >,
        ),
        fc.oneof(fc.constantFrom('save', 'preview', 'publish'), hostileString),
        fc.array(fc.tuple(fc.constantFrom(...NASTY_KEYS), hostileString), { maxLength: 2 }),
        async (values, action, extra) => {
          const before = await store.waveSummaries.get(wave.id);
          const res = await lead
            .post(url())
            .type('form')
            .send(formBody(csrf, [...Object.entries(values), ['action', action], ...extra]));
          expectPageOrRedirect(res);
          expect(res.status).to.be.oneOf([200, 303, 400]);
          const after = await store.waveSummaries.get(wave.id);
          const expected = expectedTexts(values);
          const tooLong = Object.values(expected).some((t) => t.heard.length > 1500 || t.doing.length > 1500);
          outcomes.add(`${res.status} ${String(res.headers['x-error-code'] ?? '')}`.trim());

          if (tooLong) {
            // Not kept, and so not written at all: the form comes back as typed instead.
            expect(res.status).to.equal(400);
            expect(after).to.deep.equal(before);
          } else {
            expect(after?.draft).to.deep.equal(expected);
          }
          const html = res.status === 303 ? (await lead.get(res.headers.location!).expect(200)).text : res.text;
          for (const field of FIELDS)
            expect(textareaOf(html, field)).to.equal(
              res.status === 400 ? typed(values[field]) : typed(values[field]).trim(),
            );
          // Escaped everywhere: no line of what was typed that holds markup appears as it is.
          for (const value of Object.values(values))
            for (const line of typed(value).split('\n'))
              if (/[<>]/.test(line)) expect(html).to.not.include(line.trim());
          expect(html).to.not.match(/<script|<img|<b>/i);
        },
      ),
      { ...RUNS, numRuns: 80 },
    );
    // The runs went down every path: saved, previewed, refused as too long, and refused for its numbers.
    expect([...outcomes]).to.include.members(['303', '200', '400 VALIDATION', '400 SUMMARY_HAS_NUMBERS']);
  });
});
