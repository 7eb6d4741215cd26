import { expect } from 'chai';
import type { Project, Wave } from '../../server/domain/records.js';
import type { Services } from '../../server/services/services.js';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { expectDomainError, seededProject, testServices } from '../helpers/test-services.js';

describe('WaveSummaryService', function () {
  let services: Services;
  let store: SqliteStore;
  let project: Project;
  let wave1: Wave;
  let wave2: Wave;

  beforeEach(async () => {
    // Wave 1 is open on this day.
    ({ services, store } = testServices(() => new Date('2026-03-10T09:00:00Z')));
    ({ project, wave1, wave2 } = await seededProject(services));
    const carers = Array.from({ length: 5 }, (_, i) => `PC-00${i + 1},caregiver,it,paper`);
    await services.participants.importCsv(project, `code,group,language,mode\n${carers.join('\n')}\n`, 'test');
  });
  afterEach(() => store.close());

  /** Submitted caregiver responses to wave 1, keyed in from paper. */
  const respond = async (n: number, from = 1) => {
    for (let i = from; i <= n; i += 1)
      await services.paper.enter(project, wave1.id, `PC-00${i}`, { trust_1: '4' }, 'test');
  };
  const form = (heard: string, doing = 'Stiamo spostando gli incontri in paese.') => ({
    heard_it: heard,
    doing_it: doing,
    heard_en: '',
    doing_en: '',
  });
  const summaryActions = async () =>
    (await store.audit.list({ projectId: project.id }))
      .map((e) => e.action)
      .filter((a) => a.startsWith('summary.'))
      .reverse();

  it('refuses a number while a group has 4 respondents, keeps it as the draft, and publishes it once the group has 5', async function () {
    await respond(4);
    const refused = await services.summaries.publish(
      project,
      wave1.id,
      form('Quattro familiari su 4 ci hanno scritto'),
      'lead-1',
    );
    expect(refused.ok).to.equal(false);
    expect(refused.ok ? null : refused.code).to.equal('SUMMARY_HAS_NUMBERS');
    const kept = await store.waveSummaries.get(wave1.id);
    expect(kept?.draft.it?.heard).to.equal('Quattro familiari su 4 ci hanno scritto');
    expect(kept?.published).to.equal(null);

    await respond(5, 5);
    const published = await services.summaries.publish(
      project,
      wave1.id,
      form('Quattro familiari su 4 ci hanno scritto'),
      'lead-1',
    );
    expect(published.ok).to.equal(true);
    expect((await store.waveSummaries.get(wave1.id))?.published?.version).to.equal(1);
    expect(await summaryActions()).to.deep.equal(['summary.draft', 'summary.publish']);
  });

  it('publishes words without numbers even while a group is too small, and records the published texts in the audit log', async function () {
    await respond(2);
    const page = await services.summaries.page(project, wave1.id);
    expect(page.smallGroups).to.deep.equal(['caregiver']);
    expect(page.languages).to.deep.equal(['en', 'it']);
    const result = await services.summaries.publish(project, wave1.id, form('La maggior parte di voi'), 'lead-1');
    expect(result.ok).to.equal(true);
    const [entry] = await store.audit.list({ projectId: project.id, limit: 1 });
    expect(entry).to.deep.include({ action: 'summary.publish', target: 'Wave 1', actor: 'lead-1' });
    expect(entry?.details).to.deep.include({
      version: 1,
      texts: { it: { heard: 'La maggior parte di voi', doing: 'Stiamo spostando gli incontri in paese.' } },
    });
  });

  it('keeps a draft that cannot be published yet, refuses a text over the limit without writing, and unpublishes once', async function () {
    const half = await services.summaries.publish(project, wave1.id, { heard_it: 'Solo metà' }, 'lead-1');
    expect(half.ok ? null : half.code).to.equal('VALIDATION');
    expect((await store.waveSummaries.get(wave1.id))?.draft).to.deep.equal({ it: { heard: 'Solo metà', doing: '' } });

    const long = await services.summaries.saveDraft(project, wave1.id, form('x'.repeat(1501)), 'lead-1');
    expect(long.ok ? null : long.code).to.equal('VALIDATION');
    expect((await store.waveSummaries.get(wave1.id))?.draft.it?.heard).to.equal('Solo metà');

    await expectDomainError(services.summaries.unpublish(project, wave1.id, 'lead-1'), 'NOT_PUBLISHED');
    await services.summaries.publish(project, wave1.id, form('Abbiamo sentito'), 'lead-1');
    await services.summaries.unpublish(project, wave1.id, 'lead-1');
    await expectDomainError(services.summaries.unpublish(project, wave1.id, 'lead-1'), 'NOT_PUBLISHED');
    expect(await summaryActions()).to.deep.equal(['summary.draft', 'summary.publish', 'summary.unpublish']);
  });

  it("does not find another project's wave", async function () {
    const other = await seededProject(services, 'other');
    await expectDomainError(services.summaries.page(project, other.wave1.id), 'WAVE_NOT_FOUND');
    await expectDomainError(
      services.summaries.saveDraft(project, other.wave1.id, form('x'), 'lead-1'),
      'WAVE_NOT_FOUND',
    );
    await expectDomainError(services.summaries.unpublish(project, other.wave1.id, 'lead-1'), 'WAVE_NOT_FOUND');
  });

  it('shows beside a wave the latest published summary of an earlier wave, in the reader’s language or the fallback', async function () {
    expect(await services.summaries.shownWith(project, wave2, 'it')).to.equal(null);
    await services.summaries.saveDraft(project, wave1.id, form('Solo una bozza'), 'lead-1');
    expect(await services.summaries.shownWith(project, wave2, 'it')).to.equal(null);
    await services.summaries.publish(project, wave1.id, form('Abbiamo sentito'), 'lead-1');
    expect(await services.summaries.shownWith(project, wave2, 'it')).to.deep.include({
      language: 'it',
      heard: 'Abbiamo sentito',
      version: 1,
    });
    // No English text: an English reader gets the Italian one, saying so.
    expect(await services.summaries.shownWith(project, wave2, 'en')).to.deep.include({ language: 'it' });
    // Not beside its own wave, nor beside an earlier one.
    expect(await services.summaries.shownWith(project, wave1, 'it')).to.equal(null);
    const wave3 = await services.waves.add(
      { project, label: 'Wave 3', opensOn: '2026-09-01', closesOn: '2026-09-21' },
      'test',
    );
    await services.summaries.publish(
      project,
      wave2.id,
      { heard_en: 'We heard', doing_en: 'We do', heard_it: 'Sentito dopo', doing_it: 'Fatto dopo' },
      'lead-1',
    );
    expect((await services.summaries.shownWith(project, wave3, 'en'))?.wave.id).to.equal(wave2.id);
    expect((await services.summaries.shownWith(project, wave2, 'en'))?.wave.id).to.equal(wave1.id);
    await services.summaries.unpublish(project, wave2.id, 'lead-1');
    expect((await services.summaries.shownWith(project, wave3, 'en'))?.wave.id).to.equal(wave1.id);
    expect((await services.summaries.packOptions(project)).map((o) => [o.wave.label, o.from.label])).to.deep.equal([
      ['Wave 2', 'Wave 1'],
      ['Wave 3', 'Wave 1'],
    ]);
  });
});
