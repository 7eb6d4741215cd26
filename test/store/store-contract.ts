import { expect } from 'chai';
import type { Store } from '../../server/store/store.js';
import type { NewParticipant, Project, Wave } from '../../server/domain/records.js';
import { DEFAULT_GROUPS } from '../../server/domain/records.js';
import { readAfterWriteContract } from './read-after-write-contract.js';
import { transactionContract } from './transaction-contract.js';

/**
 * The one behaviour every store adapter must have. Each adapter's test file calls this with a
 * factory for a fresh, empty store.
 */
export function storeContract(name: string, open: () => Promise<Store>): void {
  transactionContract(name, open);
  readAfterWriteContract(name, open);
  describe(`store contract: ${name}`, function () {
    let store: Store;
    let project: Project;
    let seq = 0;

    async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
      try {
        await promise;
      } catch (error) {
        expect((error as { code?: string }).code).to.equal(code);
        return;
      }
      expect.fail(`expected a ${code} error`);
    }

    function participant(code: string, extra: Partial<NewParticipant> = {}): NewParticipant {
      seq += 1;
      return {
        projectId: project.id,
        code,
        group: 'caregiver',
        language: 'en',
        mode: 'web',
        enrolledOn: '2026-02-01',
        token: `token-${code}-${seq}-abcdefghijklmnopqrstuvwxyz`,
        accessCode: `AC${String(seq).padStart(6, '0')}`,
        ...extra,
      };
    }

    async function wave(label: string, opensOn: string, closesOn: string): Promise<Wave> {
      return store.waves.create({ projectId: project.id, label, opensOn, closesOn, instrumentVersion: '1' });
    }

    beforeEach(async function () {
      store = await open();
      project = await store.projects.create({
        slug: 'p4c',
        name: 'Place4Carers',
        instrumentId: 'coassess-core',
        instrumentVersion: '1',
        groups: DEFAULT_GROUPS,
      });
    });
    afterEach(async function () {
      await store.close();
    });

    it('reports health', async function () {
      const health = await store.health();
      expect(health.ok).to.equal(true);
      expect(health.writable).to.equal(true);
      expect(health.kind).to.equal(store.kind);
    });

    describe('store.projects', function () {
      it('round-trips a project with its groups and settings', async function () {
        const found = await store.projects.getBySlug('p4c');
        expect(found).to.deep.equal(project);
        expect(found?.groups.map((g) => g.id)).to.deep.equal(['caregiver', 'provider']);
        await store.projects.update(project.id, {
          settings: { reminderDays: 3 },
          archivedAt: '2026-01-01T00:00:00.000Z',
        });
        const updated = await store.projects.get(project.id);
        expect(updated?.settings).to.deep.equal({ reminderDays: 3 });
        expect(updated?.archivedAt).to.equal('2026-01-01T00:00:00.000Z');
        expect(await store.projects.list()).to.have.length(1);
      });
      it("keeps a project's time zone, none when it was given none, and changes it", async function () {
        expect(project.timeZone).to.equal(null);
        expect((await store.projects.get(project.id))?.timeZone).to.equal(null);
        const rome = await store.projects.create({
          slug: 'rome',
          name: 'Roma',
          instrumentId: 'coassess-core',
          instrumentVersion: '1',
          groups: DEFAULT_GROUPS,
          timeZone: 'Europe/Rome',
        });
        expect(rome.timeZone).to.equal('Europe/Rome');
        expect(await store.projects.getBySlug('rome')).to.deep.equal(rome);
        await store.projects.update(rome.id, { timeZone: 'America/New_York' });
        expect((await store.projects.get(rome.id))?.timeZone).to.equal('America/New_York');
        await store.projects.update(rome.id, { name: 'Roma 2' });
        expect((await store.projects.list()).map((p) => p.timeZone)).to.deep.equal([null, 'America/New_York']);
      });
      it("gives a participant's scope the project with its time zone", async function () {
        await store.projects.update(project.id, { timeZone: 'Europe/Rome' });
        await store.participants.createMany([participant('CG-001')]);
        const [p] = await store.participants.list(project.id);
        expect((await store.participants.getScope(p!.token))?.project.timeZone).to.equal('Europe/Rome');
      });
      it('refuses a second project with the same slug', async function () {
        await expectCode(
          store.projects.create({
            slug: 'p4c',
            name: 'Other',
            instrumentId: 'x',
            instrumentVersion: '1',
            groups: DEFAULT_GROUPS,
          }),
          'DUPLICATE',
        );
      });
      it('answers null for an unknown project', async function () {
        expect(await store.projects.getBySlug('nope')).to.equal(null);
        expect(await store.projects.get('nope')).to.equal(null);
      });
    });

    describe('store.participants', function () {
      it('creates participants, keeps contact details apart, finds them by token, access code and code', async function () {
        const [a] = await store.participants.createMany([
          participant('CG-001', { contact: { email: 'anna@example.org' } }),
          participant('CG-002'),
        ]);
        expect(a?.status).to.equal('active');
        expect(a).to.not.have.property('contact');
        expect(await store.participants.getContact(a!.id)).to.deep.equal({
          email: 'anna@example.org',
          name: null,
          address: null,
        });
        expect((await store.participants.getByToken(a!.token))?.code).to.equal('CG-001');
        expect((await store.participants.getByAccessCode(a!.accessCode))?.code).to.equal('CG-001');
        expect((await store.participants.getByCode(project.id, 'CG-002'))?.code).to.equal('CG-002');
        expect((await store.participants.list(project.id)).map((p) => p.code)).to.deep.equal(['CG-001', 'CG-002']);
      });
      it('reads where a link leads in one call: the participant, their project and its waves in schedule order', async function () {
        const [a] = await store.participants.createMany([participant('CG-001')]);
        expect(await store.participants.getScope(a!.token)).to.deep.equal({ participant: a, project, waves: [] });
        const later = await wave('Wave 2', '2026-06-01', '2026-06-20');
        const earlier = await wave('Wave 1', '2026-03-01', '2026-03-20');
        const other = await store.projects.create({
          slug: 'other',
          name: 'Other',
          instrumentId: 'x',
          instrumentVersion: '1',
          groups: DEFAULT_GROUPS,
        });
        await store.waves.create({
          projectId: other.id,
          label: 'Elsewhere',
          opensOn: '2026-01-01',
          closesOn: '2026-01-20',
          instrumentVersion: '1',
        });
        expect(await store.participants.getScope(a!.token)).to.deep.equal({
          participant: a,
          project,
          waves: [earlier, later],
        });
        expect(await store.participants.getScope('no-such-token-at-all')).to.equal(null);
      });
      it('shows every change to a participant, their project or its waves at the next read of the scope', async function () {
        const [a] = await store.participants.createMany([participant('CG-001')]);
        await store.participants.getScope(a!.token);
        const w = await wave('Wave 1', '2026-03-01', '2026-03-20');
        expect((await store.participants.getScope(a!.token))?.waves.map((x) => x.id)).to.deep.equal([w.id]);
        await store.waves.update(w.id, { closesOn: '2026-03-05' });
        expect((await store.participants.getScope(a!.token))?.waves[0]?.closesOn).to.equal('2026-03-05');
        await store.projects.update(project.id, { name: 'Renamed' });
        expect((await store.participants.getScope(a!.token))?.project.name).to.equal('Renamed');
        await store.participants.update(a!.id, { status: 'withdrawn' });
        expect((await store.participants.getScope(a!.token))?.participant.status).to.equal('withdrawn');
        await store.participants.erase(a!.id);
        expect(await store.participants.getScope(a!.token)).to.equal(null);
      });
      it('writes none of a batch when one code is taken', async function () {
        await store.participants.createMany([participant('CG-001')]);
        await expectCode(store.participants.createMany([participant('CG-002'), participant('CG-001')]), 'DUPLICATE');
        expect((await store.participants.list(project.id)).map((p) => p.code)).to.deep.equal(['CG-001']);
      });
      it('keeps codes unique per project only', async function () {
        const other = await store.projects.create({
          slug: 'other',
          name: 'Other',
          instrumentId: 'x',
          instrumentVersion: '1',
          groups: DEFAULT_GROUPS,
        });
        await store.participants.createMany([participant('CG-001')]);
        await store.participants.createMany([{ ...participant('CG-001'), projectId: other.id }]);
        expect(await store.participants.list(other.id)).to.have.length(1);
      });
      it('keeps the joining date it is given, and dates the others itself', async function () {
        const [given, dated] = await store.participants.createMany([
          { ...participant('CG-001'), createdAt: '2026-01-15T08:00:00.000Z' },
          participant('CG-002'),
        ]);
        expect(given?.createdAt).to.equal('2026-01-15T08:00:00.000Z');
        expect((await store.participants.get(given!.id))?.createdAt).to.equal('2026-01-15T08:00:00.000Z');
        expect(Date.parse(dated!.createdAt)).to.be.closeTo(Date.now(), 60_000);
      });
      it('keeps the enrolment date it is given, and the withdrawal date once set, in every read', async function () {
        const [late, gone] = await store.participants.createMany([
          participant('CG-001', { enrolledOn: '2026-04-15' }),
          participant('CG-002', { status: 'withdrawn', withdrawnOn: '2026-03-02' }),
        ]);
        expect([late?.enrolledOn, late?.withdrawnOn]).to.deep.equal(['2026-04-15', null]);
        expect([gone?.enrolledOn, gone?.withdrawnOn]).to.deep.equal(['2026-02-01', '2026-03-02']);
        const reads = async (p: { id: string; token: string; accessCode: string; code: string }) => [
          await store.participants.get(p.id),
          await store.participants.getByToken(p.token),
          await store.participants.getByAccessCode(p.accessCode),
          await store.participants.getByCode(project.id, p.code),
          (await store.participants.getScope(p.token))?.participant,
          (await store.participants.list(project.id)).find((q) => q.id === p.id),
        ];
        for (const read of await reads(late!)) expect(read).to.deep.equal(late);
        for (const read of await reads(gone!)) expect(read).to.deep.equal(gone);

        await store.participants.update(late!.id, { status: 'withdrawn', withdrawnOn: '2026-06-10' });
        await store.participants.update(late!.id, { group: 'provider' });
        const withdrawn = { ...late!, group: 'provider', status: 'withdrawn', withdrawnOn: '2026-06-10' };
        for (const read of await reads(late!)) expect(read).to.deep.equal(withdrawn);
      });
      it('refuses a duplicate token', async function () {
        const p = participant('CG-001');
        await store.participants.createMany([p]);
        await expectCode(store.participants.createMany([{ ...participant('CG-009'), token: p.token }]), 'DUPLICATE');
      });
      it('updates group, language, mode and status', async function () {
        const [p] = await store.participants.createMany([participant('CG-001')]);
        await store.participants.update(p!.id, {
          group: 'provider',
          language: 'it',
          mode: 'paper',
          status: 'withdrawn',
        });
        const q = await store.participants.get(p!.id);
        expect([q?.group, q?.language, q?.mode, q?.status]).to.deep.equal(['provider', 'it', 'paper', 'withdrawn']);
        await store.participants.setContact(p!.id, { email: null });
        expect(await store.participants.getContact(p!.id)).to.deep.equal({ email: null, name: null, address: null });
      });
      it('keeps a name and a postal address of several lines with the contact details, apart from the participant', async function () {
        const address = 'Località Pian di Borno 3\n25040 Esine BS';
        const [maria, luca] = await store.participants.createMany([
          participant('CG-001', { contact: { name: "Maria D'Angelo", address } }),
          participant('CG-002', { contact: { email: 'luca@example.org', name: 'Luca Àlberti' } }),
        ]);
        expect(maria).to.not.have.any.keys('name', 'address', 'contact');
        expect(await store.participants.get(maria!.id)).to.not.have.any.keys('name', 'address', 'contact');
        expect(await store.participants.getContact(maria!.id)).to.deep.equal({
          email: null,
          name: "Maria D'Angelo",
          address,
        });
        expect(await store.participants.getContact(luca!.id)).to.deep.equal({
          email: 'luca@example.org',
          name: 'Luca Àlberti',
          address: null,
        });
      });
      it('updates a name and an address, keeping the details not given, and clears them', async function () {
        const [p, q] = await store.participants.createMany([
          participant('CG-001', { contact: { email: 'maria@example.org', name: 'Maria Dangelo' } }),
          participant('CG-002'),
        ]);
        const address = 'Via dell’Olmo 12, int. 4\n20121 Milano MI';
        await store.participants.setContact(p!.id, { name: "Maria D'Angelo", address });
        expect(await store.participants.getContact(p!.id)).to.deep.equal({
          email: 'maria@example.org',
          name: "Maria D'Angelo",
          address,
        });
        await store.participants.setContact(p!.id, { name: null, address: null });
        expect(await store.participants.getContact(p!.id)).to.deep.equal({
          email: 'maria@example.org',
          name: null,
          address: null,
        });
        // Someone without contact details gets them: the ones not given are null.
        await store.participants.setContact(q!.id, { address: 'Frazione Cà Nova 1\n23030 Sondalo SO' });
        expect(await store.participants.getContact(q!.id)).to.deep.equal({
          email: null,
          name: null,
          address: 'Frazione Cà Nova 1\n23030 Sondalo SO',
        });
      });
      it('finds the participants with the codes given, whatever their case, in code order, and no others', async function () {
        const other = await store.projects.create({
          slug: 'other',
          name: 'Other',
          instrumentId: 'x',
          instrumentVersion: '1',
          groups: DEFAULT_GROUPS,
        });
        const [b, a] = await store.participants.createMany([participant('cg-b.2'), participant('CG-A_1')]);
        await store.participants.createMany([participant('CG-C'), { ...participant('CG-D'), projectId: other.id }]);
        const found = await store.participants.findByCodes(project.id, ['cg-a_1', 'CG-B.2', 'CG-D', 'CG-A', 'CG-Z']);
        expect(found).to.deep.equal([a, b]);
        expect(await store.participants.findByCodes(project.id, [])).to.deep.equal([]);
        // "_" and "." are characters of a code, not patterns.
        expect(await store.participants.findByCodes(project.id, ['CG-AX1', 'cg-bx2'])).to.deep.equal([]);
      });
      it('reads a page of participants by group, status and part of a code, in code order, with how many match', async function () {
        const made = await store.participants.createMany([
          participant('CG-010'),
          participant('CG-011', { status: 'withdrawn', withdrawnOn: '2026-03-01' }),
          participant('PR-010', { group: 'provider' }),
          participant('CG-100'),
          participant('X_1%', { group: 'provider' }),
          participant('XA1B', { group: 'provider' }),
        ]);
        const byCode = (...codes: string[]) => codes.map((c) => made.find((p) => p.code === c));
        const search = (query: Partial<Parameters<typeof store.participants.search>[1]>) =>
          store.participants.search(project.id, { offset: 0, limit: 10, ...query });
        expect(await search({})).to.deep.equal({
          participants: byCode('CG-010', 'CG-011', 'CG-100', 'PR-010', 'XA1B', 'X_1%'),
          total: 6,
        });
        expect(await search({ limit: 2, offset: 2 })).to.deep.equal({
          participants: byCode('CG-100', 'PR-010'),
          total: 6,
        });
        expect(await search({ offset: 6 })).to.deep.equal({ participants: [], total: 6 });
        expect(await search({ group: 'caregiver', status: 'active' })).to.deep.equal({
          participants: byCode('CG-010', 'CG-100'),
          total: 2,
        });
        expect(await search({ status: 'withdrawn' })).to.deep.equal({ participants: byCode('CG-011'), total: 1 });
        expect(await search({ code: '01', limit: 1 })).to.deep.equal({ participants: byCode('CG-010'), total: 3 });
        expect(await search({ code: 'cg-01' })).to.deep.equal({ participants: byCode('CG-010', 'CG-011'), total: 2 });
        expect(await search({ code: '_1%' })).to.deep.equal({ participants: byCode('X_1%'), total: 1 });
        expect(await search({ code: 'CG', group: 'provider' })).to.deep.equal({ participants: [], total: 0 });
      });
    });

    describe('store.waves', function () {
      it('lists waves in schedule order whatever the order of creation', async function () {
        await wave('Wave 2', '2026-06-01', '2026-06-21');
        await wave('Wave 1', '2026-03-01', '2026-03-21');
        expect((await store.waves.list(project.id)).map((w) => w.label)).to.deep.equal(['Wave 1', 'Wave 2']);
      });
      it('refuses a duplicate label in one project', async function () {
        await wave('Wave 1', '2026-03-01', '2026-03-21');
        await expectCode(wave('Wave 1', '2026-06-01', '2026-06-21'), 'DUPLICATE');
      });
      it('moves the closing date', async function () {
        const w = await wave('Wave 1', '2026-03-01', '2026-03-21');
        await store.waves.update(w.id, { closesOn: '2026-03-28' });
        expect((await store.waves.get(w.id))?.closesOn).to.equal('2026-03-28');
      });
    });

    describe('store.responses', function () {
      let waveId: string;
      let participantId: string;
      const write = (answers: Record<string, number | string>) => ({
        projectId: project.id,
        participantId,
        waveId,
        group: 'caregiver',
        answers,
        source: 'web' as const,
        enteredBy: null,
        at: new Date().toISOString(),
      });

      beforeEach(async function () {
        waveId = (await wave('Wave 1', '2026-03-01', '2026-03-21')).id;
        participantId = (await store.participants.createMany([participant('CG-001')]))[0]!.id;
      });

      const draft = (changes: Record<string, number | string | null>) => {
        const { answers: _answers, ...rest } = write({});
        return { ...rest, changes };
      };

      it('saves a draft, merges changes into it, then submits exactly once', async function () {
        const first = await store.responses.saveDraft(draft({ trust_1: 4, trust_2: 2 }));
        expect(first.status).to.equal('draft');
        expect(first.submittedAt).to.equal(null);
        await store.responses.saveDraft(draft({ trust_1: 5, trust_2: null, open_1: 'Good' }));
        expect((await store.responses.get(participantId, waveId))?.answers).to.deep.equal({
          trust_1: 5,
          open_1: 'Good',
        });
        const submitted = await store.responses.submit(write({ trust_1: 5, open_1: 'Good', trust_2: 'NA' }));
        expect(submitted.status).to.equal('submitted');
        expect(submitted.submittedAt).to.be.a('string');
        expect(submitted.startedAt).to.equal(first.startedAt);
        await expectCode(store.responses.submit(write({ trust_1: 1 })), 'ALREADY_SUBMITTED');
        await expectCode(store.responses.saveDraft(draft({ trust_1: 1 })), 'ALREADY_SUBMITTED');
        expect((await store.responses.get(participantId, waveId))?.answers).to.deep.equal({
          trust_1: 5,
          open_1: 'Good',
          trust_2: 'NA',
        });
      });

      it('answers every read with the latest write, read between writes too, and nothing once the participant is erased', async function () {
        expect(await store.responses.get(participantId, waveId)).to.equal(null);
        await store.responses.saveDraft(draft({ trust_1: 4 }));
        expect((await store.responses.get(participantId, waveId))?.answers).to.deep.equal({ trust_1: 4 });
        expect((await store.responses.get(participantId, waveId))?.answers).to.deep.equal({ trust_1: 4 });
        await store.responses.saveDraft(draft({ trust_2: 3 }));
        expect((await store.responses.get(participantId, waveId))?.answers).to.deep.equal({ trust_1: 4, trust_2: 3 });
        await store.responses.submit(write({ trust_1: 5 }));
        expect(await store.responses.get(participantId, waveId)).to.deep.include({
          status: 'submitted',
          answers: { trust_1: 5 },
        });
        await store.participants.erase(participantId);
        expect(await store.responses.get(participantId, waveId)).to.equal(null);
      });

      it('keeps both of two drafts saved at once, and submits the draft as saved when given no answers', async function () {
        await store.responses.saveDraft(draft({}));
        await Promise.all([
          store.responses.saveDraft(draft({ trust_1: 4 })),
          store.responses.saveDraft(draft({ engagement_1: 2 })),
          store.responses.saveDraft(draft({ open_1: 'Tab three' })),
        ]);
        expect((await store.responses.get(participantId, waveId))?.answers).to.deep.equal({
          trust_1: 4,
          engagement_1: 2,
          open_1: 'Tab three',
        });
        const { answers: _answers, ...withoutAnswers } = write({});
        const submitted = await store.responses.submit(withoutAnswers);
        expect(submitted.answers).to.deep.equal({ trust_1: 4, engagement_1: 2, open_1: 'Tab three' });
      });

      it('lets only one of many concurrent submissions through', async function () {
        const results = await Promise.allSettled(
          Array.from({ length: 8 }, (_, i) => store.responses.submit(write({ trust_1: (i % 5) + 1 }))),
        );
        expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
        for (const r of results) if (r.status === 'rejected') expect(r.reason.code).to.equal('ALREADY_SUBMITTED');
      });

      it('imports a batch all or nothing', async function () {
        const [other] = await store.participants.createMany([participant('CG-002')]);
        await store.responses.submit(write({ trust_1: 3 }));
        const row = (pid: string) => ({
          projectId: project.id,
          participantId: pid,
          waveId,
          group: 'caregiver',
          answers: { trust_1: 2 },
          status: 'submitted' as const,
          source: 'import' as const,
          startedAt: '2026-03-02T10:00:00.000Z',
          submittedAt: '2026-03-02T10:00:00.000Z',
          enteredBy: null,
        });
        await expectCode(store.responses.insertMany([row(other!.id), row(participantId)]), 'DUPLICATE');
        expect(await store.responses.get(other!.id, waveId)).to.equal(null);
        await store.responses.insertMany([row(other!.id)]);
        expect((await store.responses.get(other!.id, waveId))?.source).to.equal('import');
      });

      it('keeps the sections saved, blank ones too, once each, through submission', async function () {
        const opened = await store.responses.saveDraft({ ...draft({}), consentVersion: 3 });
        expect(opened).to.deep.include({ savedSections: [], consentVersion: 3 });
        await store.responses.saveDraft({ ...draft({ trust_1: null }), section: 'about_trust' });
        await store.responses.saveDraft({ ...draft({ cohesion_1: 4 }), section: 'about_cohesion' });
        const again = await store.responses.saveDraft({ ...draft({ trust_1: 2 }), section: 'about_trust' });
        expect(again.savedSections).to.deep.equal(['about_trust', 'about_cohesion']);
        // The version is the one agreed to when the draft opened: later writes do not change it.
        await store.responses.saveDraft({ ...draft({}), consentVersion: 4 });
        const submitted = await store.responses.submit(write({}));
        expect(submitted).to.deep.include({ savedSections: ['about_trust', 'about_cohesion'], consentVersion: 3 });
        expect(await store.responses.get(participantId, waveId)).to.deep.include({
          savedSections: ['about_trust', 'about_cohesion'],
          consentVersion: 3,
        });
      });

      it('reads responses that were not answered on the web with no sections and no consent version', async function () {
        await store.responses.submit(write({ trust_1: 3 }));
        expect(await store.responses.get(participantId, waveId)).to.deep.include({
          savedSections: [],
          consentVersion: null,
        });
      });

      describe('corrections', function () {
        const revise = (changes: Record<string, number | string | null>, at: string, reason = 'Misread the sheet') =>
          store.responses.revise({ participantId, waveId, changes, by: 'staff-1', reason, at });

        it('applies a correction to a submitted response and keeps every earlier value, oldest first', async function () {
          await store.responses.submit(write({ trust_1: 5, trust_2: 'NA', open_1: 'Good' }));
          expect((await store.responses.get(participantId, waveId))?.revisedAt).to.equal(null);
          expect(await store.responses.history(participantId, waveId)).to.deep.equal([]);
          const first = await revise({ trust_1: 2, engagement_1: 3 }, '2026-03-05T09:00:00.000Z');
          expect(first).to.deep.include({
            status: 'submitted',
            answers: { trust_1: 2, trust_2: 'NA', open_1: 'Good', engagement_1: 3 },
            revisedAt: '2026-03-05T09:00:00.000Z',
          });
          await revise({ trust_1: 4, open_1: null }, '2026-03-06T09:00:00.000Z', 'Participant asked');
          const current = await store.responses.get(participantId, waveId);
          expect(current).to.deep.include({
            answers: { trust_1: 4, trust_2: 'NA', engagement_1: 3 },
            revisedAt: '2026-03-06T09:00:00.000Z',
            source: 'web',
            enteredBy: null,
          });
          const history = await store.responses.history(participantId, waveId);
          const common = { participantId, waveId, by: 'staff-1' };
          expect(history).to.deep.equal([
            {
              ...common,
              itemId: 'trust_1',
              from: 5,
              to: 2,
              reason: 'Misread the sheet',
              at: '2026-03-05T09:00:00.000Z',
            },
            {
              ...common,
              itemId: 'engagement_1',
              from: null,
              to: 3,
              reason: 'Misread the sheet',
              at: '2026-03-05T09:00:00.000Z',
            },
            {
              ...common,
              itemId: 'trust_1',
              from: 2,
              to: 4,
              reason: 'Participant asked',
              at: '2026-03-06T09:00:00.000Z',
            },
            {
              ...common,
              itemId: 'open_1',
              from: 'Good',
              to: null,
              reason: 'Participant asked',
              at: '2026-03-06T09:00:00.000Z',
            },
          ]);
          const streamed: unknown[] = [];
          for await (const r of store.responses.iterate(project.id)) streamed.push(r);
          expect(streamed).to.deep.equal([current]);
        });

        it('records only the answers that change, and nothing when none does', async function () {
          await store.responses.submit(write({ trust_1: 5, trust_2: 3 }));
          await revise({ trust_1: 5, trust_2: 1, open_1: null }, '2026-03-05T09:00:00.000Z');
          expect((await store.responses.history(participantId, waveId)).map((r) => r.itemId)).to.deep.equal([
            'trust_2',
          ]);
          const unchanged = await revise({ trust_1: 5, trust_2: 1 }, '2026-03-07T09:00:00.000Z');
          expect(unchanged.revisedAt).to.equal('2026-03-05T09:00:00.000Z');
          expect(await store.responses.history(participantId, waveId)).to.have.length(1);
        });

        it('refuses to correct a draft or a response that does not exist', async function () {
          await expectCode(revise({ trust_1: 2 }, '2026-03-05T09:00:00.000Z'), 'NOT_FOUND');
          await store.responses.saveDraft(draft({ trust_1: 4 }));
          await expectCode(revise({ trust_1: 2 }, '2026-03-05T09:00:00.000Z'), 'RESPONSE_NOT_SUBMITTED');
          expect((await store.responses.get(participantId, waveId))?.answers).to.deep.equal({ trust_1: 4 });
          expect(await store.responses.history(participantId, waveId)).to.deep.equal([]);
        });

        it('keeps neither the correction nor its audit entry when the transaction fails', async function () {
          await store.responses.submit(write({ trust_1: 5 }));
          const health = await store.health();
          try {
            await store.transaction(async (tx) => {
              await tx.responses.revise({
                participantId,
                waveId,
                changes: { trust_1: 1 },
                by: 'staff-1',
                reason: 'Wrong',
                at: '2026-03-05T09:00:00.000Z',
              });
              await tx.audit.append({
                actor: 'staff-1',
                projectId: project.id,
                action: 'response.revise',
                target: participantId,
                details: {},
              });
              throw new Error('fails after both writes');
            });
            expect.fail('the transaction should have failed');
          } catch (error) {
            expect((error as Error).message).to.equal('fails after both writes');
          }
          if (!health.atomicTransactions) return;
          expect(await store.responses.get(participantId, waveId)).to.deep.include({
            answers: { trust_1: 5 },
            revisedAt: null,
          });
          expect(await store.responses.history(participantId, waveId)).to.deep.equal([]);
          expect(await store.audit.list({ projectId: project.id })).to.deep.equal([]);
        });

        it('erases the history with the participant', async function () {
          await store.responses.submit(write({ trust_1: 5 }));
          await revise({ trust_1: 2 }, '2026-03-05T09:00:00.000Z');
          await store.participants.erase(participantId);
          expect(await store.responses.history(participantId, waveId)).to.deep.equal([]);
        });
      });

      it('streams responses wave by wave, filtered by status, across page boundaries', async function () {
        const wave2 = await wave('Wave 2', '2026-06-01', '2026-06-21');
        const many = await store.participants.createMany(Array.from({ length: 1203 }, (_, i) => participant(`X-${i}`)));
        await store.responses.insertMany(
          many.map((p, i) => ({
            projectId: project.id,
            participantId: p.id,
            waveId: i % 2 ? wave2.id : waveId,
            group: 'caregiver',
            answers: { trust_1: 3 },
            status: i % 3 === 0 ? ('draft' as const) : ('submitted' as const),
            source: 'import' as const,
            startedAt: '2026-03-02T10:00:00.000Z',
            submittedAt: i % 3 === 0 ? null : '2026-03-02T10:00:00.000Z',
            enteredBy: null,
          })),
        );
        const seen: string[] = [];
        for await (const r of store.responses.iterate(project.id)) seen.push(r.waveId);
        expect(seen).to.have.length(1203);
        expect(seen.indexOf(wave2.id)).to.equal(602);
        let submitted = 0;
        for await (const r of store.responses.iterate(project.id, { status: 'submitted' })) {
          expect(r.status).to.equal('submitted');
          submitted += 1;
        }
        expect(submitted).to.equal(802);
        let inWave2 = 0;
        for await (const _ of store.responses.iterate(project.id, { waveId: wave2.id })) inWave2 += 1;
        expect(inWave2).to.equal(601);
      });
    });

    describe('store.users and store.roles', function () {
      it('creates users with case-insensitively unique emails and project roles', async function () {
        const u = await store.users.create({
          email: 'Lead@Example.org',
          name: 'Lea',
          passwordHash: 'x',
          isAdmin: false,
        });
        await expectCode(
          store.users.create({ email: 'lead@example.org', name: 'Dup', passwordHash: 'x', isAdmin: false }),
          'DUPLICATE',
        );
        expect((await store.users.findByEmail('lead@example.org'))?.id).to.equal(u.id);
        expect(await store.users.count()).to.equal(1);
        await store.roles.set(u.id, project.id, 'lead');
        await store.roles.set(u.id, project.id, 'evaluator');
        expect(await store.roles.list({ userId: u.id })).to.deep.equal([
          { userId: u.id, projectId: project.id, role: 'evaluator' },
        ]);
        await store.users.update(u.id, { isAdmin: true, name: 'Lea B' });
        expect((await store.users.get(u.id))?.isAdmin).to.equal(true);
        await store.roles.remove(u.id, project.id);
        expect(await store.roles.list({ projectId: project.id })).to.deep.equal([]);
      });
      it('refuses a role on a project that does not exist', async function () {
        const u = await store.users.create({ email: 'e@example.org', name: 'E', passwordHash: 'x', isAdmin: false });
        await expectCode(store.roles.set(u.id, 'missing', 'lead'), 'NOT_FOUND');
      });
      it('creates a user with a role in one write, or neither', async function () {
        const u = await store.users.create(
          { email: 'ev@example.org', name: 'Ev', passwordHash: 'x', isAdmin: false },
          { projectId: project.id, role: 'evaluator' },
        );
        expect(await store.roles.list({ userId: u.id })).to.deep.equal([
          { userId: u.id, projectId: project.id, role: 'evaluator' },
        ]);
        await expectCode(
          store.users.create(
            { email: 'no@example.org', name: 'No', passwordHash: 'x', isAdmin: false },
            { projectId: 'missing', role: 'lead' },
          ),
          'NOT_FOUND',
        );
        expect(await store.users.findByEmail('no@example.org')).to.equal(null);
        expect(await store.users.count()).to.equal(1);
      });
    });

    describe('store.participants.erase', function () {
      it('deletes the participant with answers, contact details and send records, and nothing else', async function () {
        const w = await wave('Wave 1', '2026-03-01', '2026-03-21');
        const [gone, kept] = await store.participants.createMany([
          participant('CG-001', {
            contact: { email: 'anna@example.org', name: "Anna D'Amico", address: 'Via Roma 1\n23100 Sondrio SO' },
          }),
          participant('CG-002', { contact: { email: 'bo@example.org' } }),
        ]);
        const write = (pid: string) => ({
          projectId: project.id,
          participantId: pid,
          waveId: w.id,
          group: 'caregiver',
          answers: { trust_1: 4 },
          source: 'web' as const,
          enteredBy: null,
          at: new Date().toISOString(),
        });
        await store.responses.submit(write(gone!.id));
        await store.responses.submit(write(kept!.id));
        await store.sends.claim({
          participantId: gone!.id,
          waveId: w.id,
          kind: 'invitation',
          at: new Date().toISOString(),
          leaseUntil: new Date(Date.now() + 60_000).toISOString(),
        });
        await store.audit.append({
          actor: 'cli',
          projectId: project.id,
          action: 'participant.add',
          target: gone!.id,
          details: {},
        });
        expect(await store.participants.erase(gone!.id)).to.deep.equal({ responses: 1 });
        expect(await store.participants.get(gone!.id)).to.equal(null);
        expect(await store.responses.get(gone!.id, w.id)).to.equal(null);
        expect(await store.participants.getContact(gone!.id)).to.equal(null);
        expect(await store.sends.list(w.id)).to.deep.equal([]);
        expect(await store.participants.getContact(kept!.id)).to.deep.equal({
          email: 'bo@example.org',
          name: null,
          address: null,
        });
        expect((await store.responses.get(kept!.id, w.id))?.status).to.equal('submitted');
        expect(await store.audit.list({ projectId: project.id })).to.have.length(1);
        await expectCode(store.participants.erase(gone!.id), 'PARTICIPANT_NOT_FOUND');
      });
    });

    describe('store.paperKeyings', function () {
      let w1: Wave;
      let w2: Wave;
      const first = (participantId: string, waveId: string, by = 'clerk-a') => ({
        projectId: project.id,
        participantId,
        waveId,
        group: 'caregiver',
        first: { answers: { trust_1: 4, trust_2: 'NA', comment: 'Più tempo' }, by, at: '2026-03-22T09:00:00.000Z' },
      });
      const second = (participantId: string, waveId: string, agreed = 2) => ({
        participantId,
        waveId,
        second: {
          answers: { trust_1: 4, trust_2: 3, comment: 'Più tempo' },
          by: 'clerk-b',
          at: '2026-03-23T09:00:00.000Z',
        },
        compared: 3,
        agreed,
        status: agreed === 3 ? ('done' as const) : ('awaiting-reconciliation' as const),
      });

      beforeEach(async function () {
        // Created out of schedule order, so list() must sort by the schedule, not by insertion.
        w2 = await wave('Wave 2', '2026-06-01', '2026-06-21');
        w1 = await wave('Wave 1', '2026-03-01', '2026-03-21');
      });

      it('keeps the first keying, then the second with its comparison, then how the differences were settled', async function () {
        const [anna] = await store.participants.createMany([participant('CG-001')]);
        expect(await store.paperKeyings.get(anna!.id, w1.id)).to.equal(null);
        const once = await store.paperKeyings.keyFirst(first(anna!.id, w1.id));
        expect(once).to.deep.equal({
          ...first(anna!.id, w1.id),
          second: null,
          compared: 0,
          agreed: 0,
          status: 'keyed-once',
          reconciledBy: null,
          reconciledAt: null,
          decisions: [],
        });
        expect(await store.paperKeyings.get(anna!.id, w1.id)).to.deep.equal(once);
        const twice = await store.paperKeyings.keySecond(second(anna!.id, w1.id));
        expect(twice).to.deep.include({ status: 'awaiting-reconciliation', compared: 3, agreed: 2 });
        expect(twice.second).to.deep.equal(second(anna!.id, w1.id).second);
        expect(twice.first).to.deep.equal(once.first);
        const decisions = [{ itemId: 'trust_2', first: 'NA', second: 3, chosen: null, source: 'paper' as const }];
        const done = await store.paperKeyings.reconcile({
          participantId: anna!.id,
          waveId: w1.id,
          by: 'lead-1',
          at: '2026-03-24T10:00:00.000Z',
          decisions,
        });
        expect(done).to.deep.include({
          status: 'done',
          reconciledBy: 'lead-1',
          reconciledAt: '2026-03-24T10:00:00.000Z',
        });
        expect(done.decisions).to.deep.equal(decisions);
        expect(await store.paperKeyings.get(anna!.id, w1.id)).to.deep.equal(done);
      });

      it('refuses a second first keying, a third keying, and reconciling what is not waiting', async function () {
        const [anna, bo] = await store.participants.createMany([participant('CG-001'), participant('CG-002')]);
        await store.paperKeyings.keyFirst(first(anna!.id, w1.id));
        await expectCode(store.paperKeyings.keyFirst(first(anna!.id, w1.id, 'clerk-b')), 'DUPLICATE');
        await expectCode(store.paperKeyings.keySecond(second(bo!.id, w1.id)), 'NOT_FOUND');
        const reconcile = (pid: string) =>
          store.paperKeyings.reconcile({
            participantId: pid,
            waveId: w1.id,
            by: 'lead-1',
            at: '2026-03-24T10:00:00.000Z',
            decisions: [],
          });
        await expectCode(reconcile(anna!.id), 'NOT_AWAITING_RECONCILIATION');
        await store.paperKeyings.keySecond(second(anna!.id, w1.id, 3));
        await expectCode(store.paperKeyings.keySecond(second(anna!.id, w1.id)), 'ALREADY_KEYED_TWICE');
        // Agreed keyings are done at once: nothing to reconcile.
        await expectCode(reconcile(anna!.id), 'NOT_AWAITING_RECONCILIATION');
        expect((await store.paperKeyings.get(anna!.id, w1.id))?.agreed).to.equal(3);
      });

      it('lets exactly one of two concurrent second keyings through', async function () {
        const [anna] = await store.participants.createMany([participant('CG-001')]);
        await store.paperKeyings.keyFirst(first(anna!.id, w1.id));
        const results = await Promise.allSettled([
          store.paperKeyings.keySecond(second(anna!.id, w1.id)),
          store.paperKeyings.keySecond(second(anna!.id, w1.id, 3)),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
        const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
        expect((refused.reason as { code?: string }).code).to.equal('ALREADY_KEYED_TWICE');
      });

      it("lists a project's forms by wave schedule, then participant, and erases them with the participant", async function () {
        const [anna, bo] = await store.participants.createMany([participant('CG-001'), participant('CG-002')]);
        await store.paperKeyings.keyFirst(first(bo!.id, w2.id));
        await store.paperKeyings.keyFirst(first(anna!.id, w2.id));
        await store.paperKeyings.keyFirst(first(bo!.id, w1.id));
        const other = await store.projects.create({
          slug: 'other',
          name: 'Other',
          instrumentId: 'coassess-core',
          instrumentVersion: '1',
          groups: DEFAULT_GROUPS,
        });
        expect(await store.paperKeyings.list(other.id)).to.deep.equal([]);
        const listed = await store.paperKeyings.list(project.id);
        const byId = new Map([
          [anna!.id, 'anna'],
          [bo!.id, 'bo'],
        ]);
        const expected = [
          ['bo', 'Wave 1'],
          ...[
            ['anna', 'Wave 2'],
            ['bo', 'Wave 2'],
          ].sort((a, b) => (idOf(a[0]!) < idOf(b[0]!) ? -1 : 1)),
        ];
        function idOf(name: string): string {
          return name === 'anna' ? anna!.id : bo!.id;
        }
        expect(listed.map((k) => [byId.get(k.participantId), k.waveId === w1.id ? 'Wave 1' : 'Wave 2'])).to.deep.equal(
          expected,
        );
        await store.participants.erase(bo!.id);
        expect((await store.paperKeyings.list(project.id)).map((k) => byId.get(k.participantId))).to.deep.equal([
          'anna',
        ]);
        expect(await store.paperKeyings.get(bo!.id, w1.id)).to.equal(null);
      });
    });

    describe('store.sends', function () {
      const at = '2026-03-01T08:00:00.000Z';
      const leaseUntil = '2026-03-01T08:30:00.000Z';
      const later = (iso: string, ms: number) => new Date(new Date(iso).getTime() + ms).toISOString();

      it('lets exactly one claim of a (participant, wave, kind) through, even concurrently, and can give it back', async function () {
        const w = await wave('Wave 1', '2026-03-01', '2026-03-21');
        const [p] = await store.participants.createMany([participant('CG-001')]);
        const send = { participantId: p!.id, waveId: w.id, kind: 'invitation' as const, at, leaseUntil };
        const claims = await Promise.all(Array.from({ length: 6 }, () => store.sends.claim(send)));
        expect(claims.filter(Boolean)).to.have.length(1);
        expect(await store.sends.claim({ ...send, kind: 'reminder' })).to.equal(true);
        expect((await store.sends.list(w.id)).map((s) => [s.kind, s.state, s.leaseUntil, s.sentAt])).to.deep.equal([
          ['invitation', 'claimed', leaseUntil, null],
          ['reminder', 'claimed', leaseUntil, null],
        ]);
        await store.sends.release(p!.id, w.id, 'invitation');
        expect(await store.sends.claim(send)).to.equal(true);
      });

      it('holds a claim until its lease runs out, then lets exactly one caller take it over', async function () {
        const w = await wave('Wave 1', '2026-03-01', '2026-03-21');
        const [p] = await store.participants.createMany([participant('CG-001')]);
        const send = { participantId: p!.id, waveId: w.id, kind: 'invitation' as const, at, leaseUntil };
        expect(await store.sends.claim(send)).to.equal(true);
        // One millisecond before the lease runs out, it still holds.
        const early = { ...send, at: later(leaseUntil, -1), leaseUntil: later(leaseUntil, 30 * 60_000) };
        expect(await store.sends.claim(early)).to.equal(false);
        const retry = { ...send, at: leaseUntil, leaseUntil: later(leaseUntil, 30 * 60_000) };
        const takeovers = await Promise.all(Array.from({ length: 6 }, () => store.sends.claim(retry)));
        expect(takeovers.filter(Boolean)).to.have.length(1);
        expect((await store.sends.list(w.id)).map((s) => [s.at, s.state, s.leaseUntil])).to.deep.equal([
          [retry.at, 'claimed', retry.leaseUntil],
        ]);
      });

      it('never claims a sent message again, nor gives it back', async function () {
        const w = await wave('Wave 1', '2026-03-01', '2026-03-21');
        const [p] = await store.participants.createMany([participant('CG-001')]);
        const send = { participantId: p!.id, waveId: w.id, kind: 'invitation' as const, at, leaseUntil };
        expect(await store.sends.claim(send)).to.equal(true);
        await store.sends.markSent(p!.id, w.id, 'invitation', '2026-03-01T08:00:02.000Z');
        await store.sends.release(p!.id, w.id, 'invitation');
        const muchLater = { ...send, at: '2026-03-09T08:00:00.000Z', leaseUntil: '2026-03-09T08:30:00.000Z' };
        expect(await store.sends.claim(muchLater)).to.equal(false);
        expect(await store.sends.list(w.id)).to.deep.equal([
          { ...send, state: 'sent', sentAt: '2026-03-01T08:00:02.000Z' },
        ]);
      });
    });

    describe('store.rateLimits', function () {
      const t0 = Date.parse('2026-03-01T08:00:00.000Z');
      const window = 15 * 60_000;

      it('counts every concurrent hit in one window, and starts a new window exactly when it ends', async function () {
        const hits = await Promise.all(Array.from({ length: 8 }, () => store.rateLimits.hit('code:a', window, t0)));
        expect(hits.map((h) => h.hits).sort((a, b) => a - b)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8]);
        expect(new Set(hits.map((h) => h.resetAt))).to.deep.equal(new Set([t0 + window]));
        expect(await store.rateLimits.hit('code:a', window, t0 + window - 1)).to.deep.equal({
          hits: 9,
          resetAt: t0 + window,
        });
        expect(await store.rateLimits.get('code:a', t0 + window - 1)).to.deep.equal({ hits: 9, resetAt: t0 + window });
        expect(await store.rateLimits.get('code:a', t0 + window)).to.equal(null);
        expect(await store.rateLimits.hit('code:a', window, t0 + window)).to.deep.equal({
          hits: 1,
          resetAt: t0 + 2 * window,
        });
        expect(await store.rateLimits.get('code:b', t0)).to.equal(null);
      });

      it('takes hits back only within the window and never below zero, and forgets a key on reset', async function () {
        await store.rateLimits.hit('login:x', window, t0);
        await store.rateLimits.hit('login:y', window, t0);
        await store.rateLimits.unhit('login:x', t0 + 1);
        await store.rateLimits.unhit('login:x', t0 + 2);
        expect(await store.rateLimits.get('login:x', t0 + 3)).to.deep.equal({ hits: 0, resetAt: t0 + window });
        await store.rateLimits.unhit('login:y', t0 + window);
        expect(await store.rateLimits.hit('login:y', window, t0 + window)).to.deep.equal({
          hits: 1,
          resetAt: t0 + 2 * window,
        });
        await store.rateLimits.reset('login:y');
        expect(await store.rateLimits.get('login:y', t0 + window)).to.equal(null);
        await store.rateLimits.unhit('login:never', t0);
        expect(await store.rateLimits.get('login:never', t0)).to.equal(null);
      });
    });

    describe('store.apiTokens', function () {
      it("stores tokens by hash, lists them per user, and deletes only the owner's", async function () {
        const u = await store.users.create({ email: 'ev@example.org', name: 'Eva', passwordHash: 'x', isAdmin: false });
        const other = await store.users.create({
          email: 'ot@example.org',
          name: 'Ot',
          passwordHash: 'x',
          isAdmin: false,
        });
        const t = await store.apiTokens.create({ userId: u.id, label: 'R script', tokenHash: 'h1' });
        await expectCode(store.apiTokens.create({ userId: other.id, label: 'x', tokenHash: 'h1' }), 'DUPLICATE');
        expect((await store.apiTokens.findByHash('h1'))?.userId).to.equal(u.id);
        expect(await store.apiTokens.findByHash('nope')).to.equal(null);
        await store.apiTokens.delete(t.id, other.id);
        expect(await store.apiTokens.list(u.id)).to.have.length(1);
        await store.apiTokens.delete(t.id, u.id);
        expect(await store.apiTokens.list(u.id)).to.deep.equal([]);
      });
      it("deletes every token of one user and no one else's", async function () {
        const u = await store.users.create({ email: 'ev@example.org', name: 'Eva', passwordHash: 'x', isAdmin: false });
        const other = await store.users.create({
          email: 'ot@example.org',
          name: 'Ot',
          passwordHash: 'x',
          isAdmin: false,
        });
        await store.apiTokens.create({ userId: u.id, label: 'R', tokenHash: 'h1' });
        await store.apiTokens.create({ userId: u.id, label: 'Python', tokenHash: 'h2' });
        await store.apiTokens.create({ userId: other.id, label: 'R', tokenHash: 'h3' });
        expect(await store.apiTokens.deleteAll(u.id)).to.equal(2);
        expect(await store.apiTokens.list(u.id)).to.deep.equal([]);
        expect(await store.apiTokens.findByHash('h3')).to.include({ userId: other.id });
        expect(await store.apiTokens.deleteAll(u.id)).to.equal(0);
      });
    });

    describe('store.users: disabled accounts', function () {
      it('creates accounts enabled, and keeps when one was disabled until it is enabled again', async function () {
        const u = await store.users.create({ email: 'ev@example.org', name: 'Eva', passwordHash: 'x', isAdmin: false });
        expect(u.disabledAt).to.equal(null);
        await store.users.update(u.id, { disabledAt: '2026-03-01T10:00:00.000Z' });
        expect(await store.users.get(u.id)).to.include({ disabledAt: '2026-03-01T10:00:00.000Z', name: 'Eva' });
        expect((await store.users.list())[0]?.disabledAt).to.equal('2026-03-01T10:00:00.000Z');
        await store.users.update(u.id, { name: 'Eva B' });
        expect((await store.users.findByEmail('ev@example.org'))?.disabledAt).to.equal('2026-03-01T10:00:00.000Z');
        await store.users.update(u.id, { disabledAt: null });
        expect((await store.users.get(u.id))?.disabledAt).to.equal(null);
      });
    });

    describe('store.users: language', function () {
      it('creates accounts with no language, keeps the one chosen through other changes, and forgets it on null', async function () {
        const u = await store.users.create({
          email: 'lea@example.org',
          name: 'Lea',
          passwordHash: 'x',
          isAdmin: false,
        });
        expect(u.language).to.equal(null);
        expect((await store.users.get(u.id))?.language).to.equal(null);
        await store.users.update(u.id, { language: 'it' });
        expect(await store.users.get(u.id)).to.include({ language: 'it', name: 'Lea' });
        await store.users.update(u.id, { name: 'Lea B', disabledAt: '2026-03-01T10:00:00.000Z' });
        expect((await store.users.findByEmail('lea@example.org'))?.language).to.equal('it');
        expect((await store.users.list())[0]?.language).to.equal('it');
        await store.users.update(u.id, { language: 'en' });
        expect((await store.users.get(u.id))?.language).to.equal('en');
        await store.users.update(u.id, { language: null });
        expect((await store.users.get(u.id))?.language).to.equal(null);
      });
    });

    describe('store.sessions', function () {
      const call = (fn: (cb: (error?: unknown) => void) => void) =>
        new Promise<void>((resolve, reject) => fn((error) => (error ? reject(error as Error) : resolve())));
      const session = (userId: string, lifetimeMs: number, extra: Record<string, unknown> = {}) =>
        ({
          cookie: { originalMaxAge: lifetimeMs, expires: new Date(Date.now() + lifetimeMs) },
          userId,
          ...extra,
        }) as never;

      it("lists a user's unexpired sessions with when and where they began and were last used", async function () {
        const sessions = store.createSessionStore();
        const hour = 60 * 60 * 1000;
        await call((cb) =>
          sessions.set(
            's-old',
            session('u1', hour, { signedInAt: '2026-03-01T08:00:00.000Z', address: '192.0.2.7' }),
            cb,
          ),
        );
        await call((cb) => sessions.set('s-other', session('u2', hour), cb));
        await call((cb) =>
          sessions.set(
            's-anon',
            { cookie: { originalMaxAge: hour, expires: new Date(Date.now() + hour) } } as never,
            cb,
          ),
        );
        const expired = { cookie: { originalMaxAge: 1, expires: new Date(Date.now() - 1000) }, userId: 'u1' } as never;
        await call((cb) => sessions.set('s-gone', expired, cb));
        const before = Date.now();
        const listed = await store.sessions.list('u1');
        expect(listed.map((s) => s.sid)).to.deep.equal(['s-old']);
        expect(listed[0]).to.include({ userId: 'u1', signedInAt: '2026-03-01T08:00:00.000Z', address: '192.0.2.7' });
        // Last used: the rolling expiry less the lifetime, that is, about now.
        expect(Math.abs(Date.parse(listed[0]!.lastUsedAt) - before)).to.be.below(60_000);
        expect(Date.parse(listed[0]!.expiresAt)).to.be.above(before);
        expect(await store.sessions.list('nobody')).to.deep.equal([]);
      });

      it('lists a session begun before sign-in times were kept, with them unknown', async function () {
        await call((cb) => store.createSessionStore().set('s-legacy', session('u1', 60_000), cb));
        expect((await store.sessions.list('u1'))[0]).to.include({ sid: 's-legacy', signedInAt: null, address: null });
      });

      it("ends one session of its user, never another user's, and every session of one user", async function () {
        const sessions = store.createSessionStore();
        for (const [sid, user] of [
          ['a1', 'u1'],
          ['a2', 'u1'],
          ['b1', 'u2'],
        ] as const)
          await call((cb) => sessions.set(sid, session(user, 60_000), cb));
        expect(await store.sessions.end('u2', 'a1')).to.equal(false);
        expect(await store.sessions.end('u1', 'a1')).to.equal(true);
        expect(await store.sessions.end('u1', 'a1')).to.equal(false);
        const gone = await new Promise((resolve, reject) =>
          sessions.get('a1', (error, value) => (error ? reject(error as Error) : resolve(value ?? null))),
        );
        expect(gone).to.equal(null);
        expect(await store.sessions.endAll('u1')).to.equal(1);
        expect(await store.sessions.list('u1')).to.deep.equal([]);
        expect((await store.sessions.list('u2')).map((s) => s.sid)).to.deep.equal(['b1']);
      });
    });

    describe('store.createSessionStore', function () {
      it('keeps, reads and destroys express sessions', async function () {
        const sessions = store.createSessionStore();
        const call = <T>(fn: (cb: (error?: unknown, value?: T) => void) => void) =>
          new Promise<T | undefined>((resolve, reject) =>
            fn((error, value) => (error ? reject(error) : resolve(value))),
          );
        const data = {
          cookie: { originalMaxAge: 60_000, expires: new Date(Date.now() + 60_000) },
          userId: 'u1',
        } as never;
        await call((cb) => sessions.set('sid-1', data, cb));
        expect(await call<{ userId?: string }>((cb) => sessions.get('sid-1', cb as never))).to.include({
          userId: 'u1',
        });
        await call((cb) => sessions.destroy('sid-1', cb));
        expect((await call((cb) => sessions.get('sid-1', cb as never))) ?? null).to.equal(null);
        const expired = { cookie: { originalMaxAge: 1, expires: new Date(Date.now() - 1000) }, userId: 'u2' } as never;
        await call((cb) => sessions.set('sid-2', expired, cb));
        expect((await call((cb) => sessions.get('sid-2', cb as never))) ?? null).to.equal(null);
      });
    });

    describe('store.instruments', function () {
      it('keeps the first snapshot of a version', async function () {
        const s = {
          instrumentId: 'coassess-core',
          version: '1',
          fingerprint: 'a',
          json: '{}',
          savedAt: new Date().toISOString(),
        };
        await store.instruments.save(s);
        await store.instruments.save({ ...s, fingerprint: 'b' });
        expect((await store.instruments.get('coassess-core', '1'))?.fingerprint).to.equal('a');
        expect(await store.instruments.get('coassess-core', '2')).to.equal(null);
      });
    });

    describe('store.actions', function () {
      const agreed = (waveId: string, what: string, at: string) => ({
        projectId: project.id,
        waveId,
        group: 'caregiver',
        dimension: 'trust',
        what,
        owner: 'Coordinator, social services',
        dueOn: '2026-06-30',
        meetingOn: '2026-04-10',
        meeting: '',
        status: 'open' as const,
        statusNote: '',
        createdBy: 'lead-1',
        at,
      });

      it('records actions with every field as given, empty texts kept, and lists a project’s oldest first', async function () {
        const w3 = await wave('Wave 3', '2026-03-01', '2026-03-21');
        const later = await store.actions.create(
          agreed(w3.id, 'Share minutes «within a week»', '2026-04-12T09:00:00.000Z'),
        );
        const first = await store.actions.create(agreed(w3.id, 'Meet monthly', '2026-04-11T09:00:00.000Z'));
        expect(first).to.deep.include({
          projectId: project.id,
          waveId: w3.id,
          group: 'caregiver',
          dimension: 'trust',
          what: 'Meet monthly',
          owner: 'Coordinator, social services',
          dueOn: '2026-06-30',
          meetingOn: '2026-04-10',
          meeting: '',
          status: 'open',
          statusNote: '',
          createdBy: 'lead-1',
          createdAt: '2026-04-11T09:00:00.000Z',
          updatedAt: '2026-04-11T09:00:00.000Z',
        });
        expect(first).to.not.have.property('at');
        expect(await store.actions.get(first.id)).to.deep.equal(first);
        expect(await store.actions.list(project.id)).to.deep.equal([first, later]);
        const other = await store.projects.create({
          slug: 'other',
          name: 'Other',
          instrumentId: 'coassess-core',
          instrumentVersion: '1',
          groups: DEFAULT_GROUPS,
        });
        expect(await store.actions.list(other.id)).to.deep.equal([]);
        expect(await store.actions.get('nope')).to.equal(null);
      });

      it('updates what a lead may change, keeps the cell and the author, and moves updatedAt only', async function () {
        const w3 = await wave('Wave 3', '2026-03-01', '2026-03-21');
        const action = await store.actions.create(agreed(w3.id, 'Meet monthly', '2026-04-11T09:00:00.000Z'));
        const patch = {
          what: 'Meet every two weeks',
          owner: 'Family association',
          dueOn: '2026-07-15',
          meetingOn: '2026-04-10',
          meeting: 'Partnership meeting, Sondrio',
          status: 'dropped' as const,
          statusNote: 'Replaced by a shared diary',
        };
        const updated = await store.actions.update(action.id, patch, '2026-05-01T08:00:00.000Z');
        expect(updated).to.deep.equal({ ...action, ...patch, updatedAt: '2026-05-01T08:00:00.000Z' });
        expect(await store.actions.get(action.id)).to.deep.equal(updated);
      });

      it('refuses an action of an unknown project or wave, an update of an unknown action, and an unknown status', async function () {
        const w3 = await wave('Wave 3', '2026-03-01', '2026-03-21');
        await expectCode(store.actions.create({ ...agreed('no-wave', 'x', '2026-04-11T09:00:00.000Z') }), 'NOT_FOUND');
        await expectCode(
          store.actions.create({ ...agreed(w3.id, 'x', '2026-04-11T09:00:00.000Z'), projectId: 'no-project' }),
          'NOT_FOUND',
        );
        const patch = {
          what: 'x',
          owner: 'y',
          dueOn: '2026-07-15',
          meetingOn: '2026-04-10',
          meeting: '',
          statusNote: '',
        };
        await expectCode(
          store.actions.update('no-action', { ...patch, status: 'done' }, '2026-05-01T08:00:00.000Z'),
          'NOT_FOUND',
        );
        const action = await store.actions.create(agreed(w3.id, 'Meet monthly', '2026-04-11T09:00:00.000Z'));
        await expectCode(
          store.actions.update(action.id, { ...patch, status: 'paused' as never }, '2026-05-01T08:00:00.000Z'),
          'VALIDATION',
        );
        expect((await store.actions.get(action.id))?.status).to.equal('open');
        expect(await store.actions.list(project.id)).to.have.length(1);
      });

      it('keeps an action and its audit entry together or not at all', async function () {
        const w3 = await wave('Wave 3', '2026-03-01', '2026-03-21');
        try {
          await store.transaction(async (tx) => {
            await tx.actions.create(agreed(w3.id, 'Meet monthly', '2026-04-11T09:00:00.000Z'));
            await tx.audit.append({
              actor: 'lead-1',
              projectId: project.id,
              action: 'action.create',
              target: null,
              details: {},
            });
            throw new Error('fault after both writes');
          });
        } catch {
          // expected: the transaction is rolled back
        }
        expect(await store.actions.list(project.id)).to.deep.equal([]);
        expect(await store.audit.list({ projectId: project.id })).to.deep.equal([]);
      });
    });

    describe('store.waveSummaries', function () {
      const texts = (heard: string) => ({
        it: { heard, doing: 'Stiamo cambiando gli orari.' },
        en: { heard: `${heard} (en)`, doing: 'We are changing the times.' },
      });
      const write = (w: Wave, heard: string, at: string, by = 'lead-1') => ({
        projectId: project.id,
        waveId: w.id,
        texts: texts(heard),
        by,
        at,
      });

      it('keeps a draft apart from what is published, and replaces only the draft', async function () {
        const w1 = await wave('Wave 1', '2026-03-01', '2026-03-21');
        expect(await store.waveSummaries.get(w1.id)).to.equal(null);
        const draft = await store.waveSummaries.saveDraft(write(w1, 'Bozza', '2026-04-01T10:00:00.000Z'));
        expect(draft).to.deep.equal({
          projectId: project.id,
          waveId: w1.id,
          draft: texts('Bozza'),
          draftAt: '2026-04-01T10:00:00.000Z',
          draftBy: 'lead-1',
          published: null,
          publications: 0,
        });
        await store.waveSummaries.publish(write(w1, 'Pubblicato', '2026-04-02T10:00:00.000Z'));
        const edited = await store.waveSummaries.saveDraft(
          write(w1, 'Nuova bozza', '2026-04-03T10:00:00.000Z', 'lead-2'),
        );
        expect(edited.draft).to.deep.equal(texts('Nuova bozza'));
        expect(edited).to.include({ draftBy: 'lead-2', draftAt: '2026-04-03T10:00:00.000Z' });
        expect(edited.published).to.deep.equal({
          texts: texts('Pubblicato'),
          version: 1,
          at: '2026-04-02T10:00:00.000Z',
          by: 'lead-1',
        });
        expect(await store.waveSummaries.get(w1.id)).to.deep.equal(edited);
      });

      it('publishes without a draft first, numbers every publication, and never reuses a version after unpublishing', async function () {
        const w1 = await wave('Wave 1', '2026-03-01', '2026-03-21');
        const first = await store.waveSummaries.publish(write(w1, 'Uno', '2026-04-01T10:00:00.000Z'));
        expect(first.draft).to.deep.equal(texts('Uno'));
        expect(first.published).to.include({ version: 1 });
        expect((await store.waveSummaries.publish(write(w1, 'Due', '2026-04-02T10:00:00.000Z'))).published).to.include({
          version: 2,
        });
        const withdrawn = await store.waveSummaries.unpublish(w1.id);
        expect(withdrawn).to.deep.include({ published: null, publications: 2, draft: texts('Due') });
        const again = await store.waveSummaries.publish(write(w1, 'Tre', '2026-04-03T10:00:00.000Z', 'lead-2'));
        expect(again.published).to.deep.equal({
          texts: texts('Tre'),
          version: 3,
          at: '2026-04-03T10:00:00.000Z',
          by: 'lead-2',
        });
        expect(again.publications).to.equal(3);
      });

      it('gives each of two publications at once a version of its own', async function () {
        const w1 = await wave('Wave 1', '2026-03-01', '2026-03-21');
        await store.waveSummaries.saveDraft(write(w1, 'Bozza', '2026-04-01T10:00:00.000Z'));
        const both = await Promise.all([
          store.waveSummaries.publish(write(w1, 'A', '2026-04-02T10:00:00.000Z')),
          store.waveSummaries.publish(write(w1, 'B', '2026-04-02T10:00:00.000Z')),
        ]);
        expect(both.map((s) => s.published?.version).sort()).to.deep.equal([1, 2]);
        expect((await store.waveSummaries.get(w1.id))?.publications).to.equal(2);
      });

      it('refuses to unpublish what is not published, and a summary of an unknown wave', async function () {
        const w1 = await wave('Wave 1', '2026-03-01', '2026-03-21');
        await expectCode(store.waveSummaries.unpublish(w1.id), 'NOT_PUBLISHED');
        await store.waveSummaries.saveDraft(write(w1, 'Bozza', '2026-04-01T10:00:00.000Z'));
        await expectCode(store.waveSummaries.unpublish(w1.id), 'NOT_PUBLISHED');
        await store.waveSummaries.publish(write(w1, 'Pubblicato', '2026-04-02T10:00:00.000Z'));
        await store.waveSummaries.unpublish(w1.id);
        await expectCode(store.waveSummaries.unpublish(w1.id), 'NOT_PUBLISHED');
        const ghost = { ...write(w1, 'x', '2026-04-01T10:00:00.000Z'), waveId: 'no-such-wave' };
        await expectCode(store.waveSummaries.saveDraft(ghost), 'NOT_FOUND');
        await expectCode(store.waveSummaries.publish(ghost), 'NOT_FOUND');
      });

      it("lists a project's summaries in the waves' schedule order, and no other project's", async function () {
        const later = await wave('Wave 2', '2026-06-01', '2026-06-21');
        const earlier = await wave('Wave 1', '2026-03-01', '2026-03-21');
        await store.waveSummaries.saveDraft(write(later, 'Dopo', '2026-07-01T10:00:00.000Z'));
        await store.waveSummaries.publish(write(earlier, 'Prima', '2026-04-01T10:00:00.000Z'));
        const other = await store.projects.create({
          slug: 'other',
          name: 'Other',
          instrumentId: 'coassess-core',
          instrumentVersion: '1',
          groups: DEFAULT_GROUPS,
        });
        const otherWave = await store.waves.create({
          projectId: other.id,
          label: 'Wave 1',
          opensOn: '2026-03-01',
          closesOn: '2026-03-21',
          instrumentVersion: '1',
        });
        await store.waveSummaries.saveDraft({
          ...write(otherWave, 'Altro', '2026-04-01T10:00:00.000Z'),
          projectId: other.id,
        });
        const listed = await store.waveSummaries.list(project.id);
        expect(listed.map((s) => s.waveId)).to.deep.equal([earlier.id, later.id]);
        expect(listed.map((s) => s.published?.version ?? null)).to.deep.equal([1, null]);
      });

      it('keeps text exactly as given: markup, quotes, accents, line breaks', async function () {
        const w1 = await wave('Wave 1', '2026-03-01', '2026-03-21');
        const hostile = {
          it: { heard: '<script>alert("x")</script> & $where {"$gt": 1}', doing: 'Città\n\nperché ✓' },
        };
        await store.waveSummaries.publish({ ...write(w1, '', '2026-04-01T10:00:00.000Z'), texts: hostile });
        const back = await store.waveSummaries.get(w1.id);
        expect(back?.draft).to.deep.equal(hostile);
        expect(back?.published?.texts).to.deep.equal(hostile);
      });
    });

    describe('store.consentTexts', function () {
      const texts = (contact: string) => ({
        en: { controller: 'Valley Carers', privacyNotice: 'We keep answers under a code.', contact, consentText: '' },
        it: {
          controller: 'Valle Carers',
          privacyNotice: 'Conserviamo le risposte con un codice.',
          contact,
          consentText: '',
        },
      });
      const save = (contact: string, projectId = project.id) =>
        store.consentTexts.save({
          projectId,
          texts: texts(contact),
          savedBy: 'lead',
          savedAt: '2026-03-01T09:00:00.000Z',
        });

      it('numbers every save as the next version from 1, and keeps every version as saved', async function () {
        expect(await store.consentTexts.latest(project.id)).to.equal(null);
        expect((await save('anna@example.org')).version).to.equal(1);
        const second = await save('0123 456789');
        expect(second).to.deep.equal({
          projectId: project.id,
          version: 2,
          texts: texts('0123 456789'),
          savedBy: 'lead',
          savedAt: '2026-03-01T09:00:00.000Z',
        });
        expect(await store.consentTexts.latest(project.id)).to.deep.equal(second);
        expect((await store.consentTexts.get(project.id, 1))?.texts).to.deep.equal(texts('anna@example.org'));
        expect(await store.consentTexts.get(project.id, 3)).to.equal(null);
      });

      it('numbers each project on its own, and gives concurrent saves different versions', async function () {
        const other = await store.projects.create({
          slug: 'other',
          name: 'Other',
          instrumentId: 'coassess-core',
          instrumentVersion: '1',
          groups: DEFAULT_GROUPS,
        });
        await save('a');
        const versions = await Promise.all([save('b'), save('c'), save('d')]);
        expect(versions.map((v) => v.version).sort()).to.deep.equal([2, 3, 4]);
        expect((await save('e', other.id)).version).to.equal(1);
        expect((await store.consentTexts.latest(project.id))?.version).to.equal(4);
      });

      it('refuses texts for a project that does not exist', async function () {
        await expectCode(save('a', 'no-such-project'), 'PROJECT_NOT_FOUND');
      });
    });

    describe('store.audit', function () {
      it('appends audit events and lists them newest first, per project', async function () {
        await store.audit.append({
          actor: 'cli',
          projectId: project.id,
          action: 'project.create',
          target: 'p4c',
          details: { a: 1 },
        });
        await store.audit.append({ actor: 'cli', projectId: null, action: 'user.add', target: null, details: {} });
        const all = await store.audit.list({});
        expect(all.map((e) => e.action)).to.deep.equal(['user.add', 'project.create']);
        expect((await store.audit.list({ projectId: project.id })).map((e) => e.details)).to.deep.equal([{ a: 1 }]);
      });
    });
  });
}
