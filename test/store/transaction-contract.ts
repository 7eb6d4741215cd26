import { expect } from 'chai';
import { DEFAULT_GROUPS, type Project } from '../../server/domain/records.js';
import type { Store } from '../../server/store/store.js';
import { rejection } from '../helpers/store-faults.js';

class Stop extends Error {}

/**
 * store.transaction: a change and everything written with it (its audit entry, the rest of a
 * series) commit together or not at all. On a store without atomic transactions (a standalone
 * MongoDB server, as health() reports) the rollback cases are skipped, and say so.
 */
export function transactionContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract: ${name}: store.transaction`, function () {
    let store: Store;
    let project: Project;

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

    async function atomicOrSkip(context: Mocha.Context): Promise<void> {
      if (!(await store.health()).atomicTransactions) {
        console.log(`      (skipped: ${store.kind} here has no atomic transactions)`);
        context.skip();
      }
    }

    const waveOf = (label: string, opensOn: string) => ({
      projectId: project.id,
      label,
      opensOn,
      closesOn: opensOn.replace(/-\d\d$/, '-28'),
      instrumentVersion: '1',
    });
    const audit = (action: string) => ({ actor: 'cli', projectId: project.id, action, target: null, details: {} });

    it('commits every write of the function and returns its value; the writes are readable inside it', async function () {
      const labels = await store.transaction(async (tx) => {
        await tx.waves.create(waveOf('Wave 1', '2026-03-01'));
        await tx.waves.create(waveOf('Wave 2', '2026-06-01'));
        await tx.audit.append(audit('wave.series'));
        return (await tx.waves.list(project.id)).map((w) => w.label);
      });
      expect(labels).to.deep.equal(['Wave 1', 'Wave 2']);
      expect((await store.waves.list(project.id)).map((w) => w.label)).to.deep.equal(['Wave 1', 'Wave 2']);
      expect((await store.audit.list({ projectId: project.id })).map((e) => e.action)).to.deep.equal(['wave.series']);
    });

    it('keeps nothing when the function fails after its change, before or during its audit entry', async function () {
      await atomicOrSkip(this);
      const [anna] = await store.participants.createMany([
        {
          projectId: project.id,
          code: 'CG-001',
          group: 'caregiver',
          language: 'en',
          mode: 'web',
          enrolledOn: '2026-02-01',
          token: 't'.repeat(32),
          accessCode: 'K7M29QXP',
        },
      ]);
      const failure = store.transaction(async (tx) => {
        await tx.participants.update(anna!.id, { status: 'withdrawn', withdrawnOn: '2026-04-01' });
        await tx.projects.update(project.id, { name: 'Renamed' });
        throw new Stop('the audit write failed');
      });
      expect(await rejection(failure)).to.be.instanceOf(Stop);
      expect((await store.participants.get(anna!.id))?.status).to.equal('active');
      expect((await store.participants.getScope(anna!.token))?.participant.status).to.equal('active');
      expect((await store.projects.get(project.id))?.name).to.equal('Place4Carers');
      expect(await store.audit.list({ projectId: project.id })).to.deep.equal([]);
    });

    it("keeps an account's sessions, tokens and password when a password change fails at its audit entry", async function () {
      await atomicOrSkip(this);
      const u = await store.users.create({ email: 'ev@example.org', name: 'Eva', passwordHash: 'old', isAdmin: false });
      await store.apiTokens.create({ userId: u.id, label: 'R', tokenHash: 'h1' });
      const data = {
        cookie: { originalMaxAge: 60_000, expires: new Date(Date.now() + 60_000) },
        userId: u.id,
      } as never;
      await new Promise<void>((resolve, reject) =>
        store.createSessionStore().set('sid-1', data, (error) => (error ? reject(error as Error) : resolve())),
      );
      const failure = store.transaction(async (tx) => {
        await tx.users.update(u.id, { passwordHash: 'new' });
        expect(await tx.sessions.endAll(u.id)).to.equal(1);
        expect(await tx.apiTokens.deleteAll(u.id)).to.equal(1);
        throw new Stop('the audit write failed');
      });
      expect(await rejection(failure)).to.be.instanceOf(Stop);
      expect((await store.users.get(u.id))?.passwordHash).to.equal('old');
      expect((await store.sessions.list(u.id)).map((s) => s.sid)).to.deep.equal(['sid-1']);
      expect(await store.apiTokens.list(u.id)).to.have.length(1);
    });

    it('keeps none of a series when a later wave is refused, and passes the refusal on by its code', async function () {
      await atomicOrSkip(this);
      await store.waves.create(waveOf('Wave 3', '2026-09-01'));
      const failure = store.transaction(async (tx) => {
        for (const [label, opensOn] of [
          ['Wave 1', '2026-03-01'],
          ['Wave 2', '2026-06-01'],
          ['Wave 3', '2026-12-01'],
        ] as const)
          await tx.waves.create(waveOf(label, opensOn));
        await tx.audit.append(audit('wave.series'));
      });
      expect(await rejection(failure)).to.have.property('code', 'DUPLICATE');
      expect((await store.waves.list(project.id)).map((w) => w.label)).to.deep.equal(['Wave 3']);
      expect(await store.audit.list({})).to.deep.equal([]);
    });

    it('forgets an answer saved inside a transaction that failed', async function () {
      await atomicOrSkip(this);
      const wave = await store.waves.create(waveOf('Wave 1', '2026-03-01'));
      const [anna] = await store.participants.createMany([
        {
          projectId: project.id,
          code: 'CG-001',
          group: 'caregiver',
          language: 'en',
          mode: 'paper',
          enrolledOn: '2026-02-01',
          token: 't'.repeat(32),
          accessCode: 'K7M29QXP',
        },
      ]);
      const write = {
        projectId: project.id,
        participantId: anna!.id,
        waveId: wave.id,
        group: 'caregiver',
        source: 'paper' as const,
        enteredBy: 'staff-1',
        at: '2026-03-02T10:00:00.000Z',
      };
      const failure = store.transaction(async (tx) => {
        await tx.responses.submit({ ...write, answers: { trust_1: 4 } });
        expect((await tx.responses.get(anna!.id, wave.id))?.status).to.equal('submitted');
        throw new Stop('the audit write failed');
      });
      expect(await rejection(failure)).to.be.instanceOf(Stop);
      expect(await store.responses.get(anna!.id, wave.id)).to.equal(null);
      await store.responses.submit({ ...write, answers: { trust_1: 2 } });
      expect((await store.responses.get(anna!.id, wave.id))?.answers).to.deep.equal({ trust_1: 2 });
    });

    it('joins an open transaction when called inside one: the outer failure undoes the inner writes', async function () {
      await atomicOrSkip(this);
      const failure = store.transaction(async (tx) => {
        await store.transaction(async (inner) => {
          await inner.waves.create(waveOf('Wave 1', '2026-03-01'));
        });
        await tx.audit.append(audit('wave.add'));
        throw new Stop('later step failed');
      });
      expect(await rejection(failure)).to.be.instanceOf(Stop);
      expect(await store.waves.list(project.id)).to.deep.equal([]);
      expect(await store.audit.list({})).to.deep.equal([]);
    });

    it('never takes in, nor undoes, work done outside it while it is open', async function () {
      await atomicOrSkip(this);
      let inside!: () => void;
      const entered = new Promise<void>((resolve) => (inside = resolve));
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const failure = store.transaction(async (tx) => {
        await tx.waves.create(waveOf('Wave 1', '2026-03-01'));
        inside();
        await held;
        throw new Stop('failed while another request wrote');
      });
      await entered;
      const outside = store.audit.append(audit('logout'));
      release();
      expect(await rejection(failure)).to.be.instanceOf(Stop);
      await outside;
      expect(await store.waves.list(project.id)).to.deep.equal([]);
      expect((await store.audit.list({})).map((e) => e.action)).to.deep.equal(['logout']);
    });

    it('runs one transaction at a time, and both of two concurrent ones commit', async function () {
      const [a, b] = await Promise.all([
        store.transaction(async (tx) => {
          const w = await tx.waves.create(waveOf('Wave 1', '2026-03-01'));
          await tx.audit.append(audit('wave.add'));
          return w.label;
        }),
        store.transaction(async (tx) => {
          const w = await tx.waves.create(waveOf('Wave 2', '2026-06-01'));
          await tx.audit.append(audit('wave.add'));
          return w.label;
        }),
      ]);
      expect([a, b]).to.deep.equal(['Wave 1', 'Wave 2']);
      expect(await store.waves.list(project.id)).to.have.length(2);
      expect(await store.audit.list({})).to.have.length(2);
    });
  });
}
