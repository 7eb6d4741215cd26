import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { sectionsForGroup } from '../../server/domain/answer-form.js';
import type { Instrument } from '../../server/domain/instrument.js';
import type { Item } from '../../server/domain/item-types/registry.js';
import type { Project, Wave } from '../../server/domain/records.js';
import type { Services } from '../../server/services/services.js';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { csrfFrom, decodeEntities, hiddenFieldsOf } from '../helpers/forms.js';
import { signIn, staffUser, type Agent } from '../helpers/staff-agent.js';
import { testApp } from '../helpers/test-app.js';
import { seededProject, testServices } from '../helpers/test-services.js';
import { RUNS } from './hostile.js';

/** One answer as on the paper, and how a clerk may key it in. */
type Answer =
  { kind: 'blank'; keyed: '' | '-' } | { kind: 'na'; keyed: 'NA' | 'na' } | { kind: 'value'; value: string };

/** A short written answer: no lone digit (it needs its keep box), nothing a spreadsheet would run, no edge spaces. */
const writtenAnswer = fc
  .stringMatching(/^[A-Za-zàèéìòù][A-Za-zàèéìòù0-9 '"&<>.,?]{1,28}[A-Za-zàèéìòù.?]$/)
  .filter((s) => !/\s{2}/.test(s));

describe('paper keying: what is confirmed on the review page is exactly what is exported', function () {
  this.timeout(120_000);
  let services: Services;
  let store: SqliteStore;
  let app: ReturnType<typeof testApp>['app'];
  let project: Project;
  let wave: Wave;
  let instrument: Instrument;
  let clerk: Agent;
  let lead: Agent;

  before(async function () {
    ({ services, store } = testServices(() => new Date('2026-03-10T09:00:00Z')));
    ({ app } = testApp(services));
    const seeded = await seededProject(services);
    project = seeded.project;
    wave = seeded.wave1;
    ({ instrument } = await services.paper.wave(project, wave.id));
    clerk = await signIn(app, await staffUser(services, 'data-entry', 'p4c'));
    lead = await signIn(app, await staffUser(services, 'lead', 'p4c'));
  });
  after(() => store.close());

  const items = (): Item[] => sectionsForGroup(instrument, 'caregiver').flatMap((s) => s.items);
  const scaleOf = (item: Item) => instrument.scales[(item as { scale: string }).scale]!;

  const answerFor = (item: Item): fc.Arbitrary<Answer> => {
    const blank = fc.constantFrom<'' | '-'>('', '-').map((keyed): Answer => ({ kind: 'blank', keyed }));
    // "-" means nothing ticked in a box only: in a written answer it is what was written.
    if (item.type !== 'scale')
      return fc.oneof(
        fc.constant<Answer>({ kind: 'blank', keyed: '' }),
        writtenAnswer.map((value): Answer => ({ kind: 'value', value })),
      );
    const scale = scaleOf(item);
    const choices = [
      blank,
      fc.integer({ min: scale.min, max: scale.max }).map((n): Answer => ({ kind: 'value', value: String(n) })),
    ];
    if (scale.notApplicable)
      choices.push(fc.constantFrom<'NA' | 'na'>('NA', 'na').map((keyed): Answer => ({ kind: 'na', keyed })));
    return fc.oneof(...choices);
  };

  /** The words the review page shows for an answer, in the participant's language. */
  const shownFor = (item: Item, answer: Answer, lang: string) => {
    if (answer.kind === 'blank') return '(blank)';
    if (answer.kind === 'na') return 'NA – does not apply';
    if (item.type !== 'scale') return answer.value;
    const scale = scaleOf(item);
    return `${answer.value} = ${scale.labels[lang]![Number(answer.value) - scale.min]}`;
  };
  /** How responses.csv writes an answer; a blank has no row. */
  const exportedFor = (answer: Answer) =>
    answer.kind === 'blank' ? undefined : answer.kind === 'na' ? 'NA' : answer.value;

  /** Each question's row on the review page: its id and the words shown for its value. */
  const reviewRows = (html: string) =>
    Object.fromEntries(
      [...html.matchAll(/data-item="(\w+)">[\s\S]*?<td class="review-value">([\s\S]*?)<\/td>/g)].map((m) => [
        m[1]!,
        decodeEntities(m[2]!.replace(/<[^>]+>/g, '')),
      ]),
    );

  it('for random answer vectors over the caregiver questionnaire', async function () {
    const vector = fc.record(Object.fromEntries(items().map((item) => [item.id, answerFor(item)])));
    let next = 0;
    await fc.assert(
      fc.asyncProperty(vector, fc.constantFrom(...instrument.languages), async (answers, lang) => {
        const code = `RV-${String(next++).padStart(3, '0')}`;
        await services.participants.importCsv(
          project,
          `code,group,language,mode\n${code},caregiver,${lang},paper\n`,
          'test',
        );
        const participant = (await store.participants.getByCode(project.id, code))!;
        const url = `/projects/p4c/paper/entry?wave=${wave.id}&participant=${code}`;
        const form = await clerk.get(url).expect(200);
        const keyed = Object.fromEntries(
          Object.entries(answers).map(([id, a]) => [id, a.kind === 'value' ? a.value : a.keyed]),
        );
        const review = await clerk
          .post(url)
          .type('form')
          .send({ _csrf: csrfFrom(form.text), ...keyed })
          .expect(200);
        expect(await store.responses.get(participant.id, wave.id), 'stored before confirming').to.equal(null);

        // What the clerk confirms: every question in paper order, with the words for its value.
        const shown = reviewRows(review.text);
        expect(Object.keys(shown)).to.deep.equal(items().map((i) => i.id));
        for (const item of items()) expect(shown[item.id], item.id).to.equal(shownFor(item, answers[item.id]!, lang));

        await clerk
          .post(url)
          .type('form')
          .send({ ...hiddenFieldsOf(review.text, 'paper-review'), _step: 'confirm' })
          .expect(303);

        const csv = await lead.get('/projects/p4c/exports/responses.csv').expect(200);
        const rows = parse(csv.text, { columns: true, bom: true }) as Record<string, string>[];
        const exported = Object.fromEntries(rows.filter((r) => r.participant === code).map((r) => [r.item!, r.value!]));
        for (const item of items()) {
          const answer = answers[item.id]!;
          expect(exported[item.id], item.id).to.equal(exportedFor(answer));
          // The confirmed words start with exactly what is exported.
          if (answer.kind !== 'blank') expect(shown[item.id]!.startsWith(exported[item.id]!), item.id).to.equal(true);
        }
        expect(Object.keys(exported).sort()).to.deep.equal(
          items()
            .filter((i) => answers[i.id]!.kind !== 'blank')
            .map((i) => i.id)
            .sort(),
        );
      }),
      { ...RUNS, numRuns: 25 },
    );
  });
});
