import { expect } from 'chai';
import { DEFAULT_GROUPS, type Participant, type Project, type Wave } from '../../server/domain/records.js';
import type { Repositories, Store } from '../../server/store/store.js';

interface World {
  store: Store;
  project: Project;
  anna: Participant;
  wave: Wave;
}

/** A write method's case: read (so any cache holds it), write, then read again and see the write. */
interface WriteCase {
  /** Whatever the case needs beyond the world, done before the first read. */
  before?: (w: World) => Promise<void>;
  read: (w: World) => Promise<unknown>;
  write: (w: World) => Promise<unknown>;
  /** Checks the read after the write; given the read before it too. */
  expect: (after: unknown, before: unknown) => void;
}

/**
 * Every method of every repository is named here, as a read or as a write with its case; the
 * type makes a new method fail to compile until it is. The reads that an adapter may cache (a
 * participant's scope, a response) are read before each write that could change them.
 */
type EveryMethod = { [R in keyof Repositories]: { [M in keyof Repositories[R]]: 'read' | WriteCase } };

const write = (w: World, answers: Record<string, number>) => ({
  projectId: w.project.id,
  participantId: w.anna.id,
  waveId: w.wave.id,
  group: 'caregiver',
  source: 'web' as const,
  enteredBy: null,
  at: '2026-03-02T10:00:00.000Z',
  answers,
});
const firstKeying = (w: World) => ({
  projectId: w.project.id,
  participantId: w.anna.id,
  waveId: w.wave.id,
  group: 'caregiver',
  first: { answers: { trust_1: 3, trust_2: 4 }, by: 'clerk-1', at: '2026-03-04T09:00:00.000Z' },
});
const secondKeying = (w: World) => ({
  participantId: w.anna.id,
  waveId: w.wave.id,
  second: { answers: { trust_1: 3, trust_2: 5 }, by: 'clerk-2', at: '2026-03-05T09:00:00.000Z' },
  compared: 30,
  agreed: 29,
  status: 'awaiting-reconciliation' as const,
});
const newAction = (w: World) => ({
  projectId: w.project.id,
  waveId: w.wave.id,
  group: 'caregiver',
  dimension: 'trust',
  what: 'Meet monthly',
  owner: 'Project coordinator',
  dueOn: '2026-05-01',
  meetingOn: '2026-04-02',
  meeting: 'Partnership meeting',
  status: 'open' as const,
  statusNote: '',
  createdBy: 'lead-1',
  at: '2026-04-03T10:00:00.000Z',
});
const summaryWrite = (w: World, heard: string) => ({
  projectId: w.project.id,
  waveId: w.wave.id,
  texts: { it: { heard, doing: 'Stiamo' } },
  by: 'lead-1',
  at: '2026-04-01T10:00:00.000Z',
});
const T0 = Date.parse('2026-03-01T08:00:00.000Z');
const user = { email: 'lea@example.org', name: 'Lea', passwordHash: 'x', isAdmin: false };
/** A signed-in session of the user `user`, as express-session keeps it through the store's session store. */
async function signIn(w: World, sid: string): Promise<string> {
  const u = (await w.store.users.findByEmail(user.email)) ?? (await w.store.users.create(user));
  const data = {
    cookie: { originalMaxAge: 60_000, expires: new Date(Date.now() + 60_000) },
    userId: u.id,
    signedInAt: new Date().toISOString(),
    address: '192.0.2.1',
  };
  const sessions = w.store.createSessionStore();
  await new Promise<void>((resolve, reject) =>
    sessions.set(sid, data as never, (error?: unknown) => (error ? reject(error as Error) : resolve())),
  );
  return u.id;
}
const sessionsOf = async (w: World) => w.store.sessions.list((await w.store.users.findByEmail(user.email))!.id);
const scope = (w: World) => w.store.participants.getScope(w.anna.token);
type Scope = Awaited<ReturnType<typeof scope>>;

const METHODS: EveryMethod = {
  users: {
    create: {
      read: (w) => w.store.users.findByEmail(user.email),
      write: (w) => w.store.users.create(user),
      expect: (after) => expect(after).to.include({ name: 'Lea' }),
    },
    get: 'read',
    findByEmail: 'read',
    count: 'read',
    list: 'read',
    update: {
      before: async (w) => void (await w.store.users.create(user)),
      read: (w) => w.store.users.findByEmail(user.email),
      write: async (w) =>
        w.store.users.update((await w.store.users.findByEmail(user.email))!.id, { name: 'Lea B', language: 'it' }),
      expect: (after) => expect(after).to.include({ name: 'Lea B', language: 'it' }),
    },
  },
  roles: {
    set: {
      before: async (w) => void (await w.store.users.create(user)),
      read: (w) => w.store.roles.list({ projectId: w.project.id }),
      write: async (w) => w.store.roles.set((await w.store.users.findByEmail(user.email))!.id, w.project.id, 'lead'),
      expect: (after) => expect((after as { role: string }[]).map((r) => r.role)).to.deep.equal(['lead']),
    },
    remove: {
      before: async (w) => void (await w.store.users.create(user, { projectId: w.project.id, role: 'evaluator' })),
      read: (w) => w.store.roles.list({ projectId: w.project.id }),
      write: async (w) => w.store.roles.remove((await w.store.users.findByEmail(user.email))!.id, w.project.id),
      expect: (after) => expect(after).to.deep.equal([]),
    },
    list: 'read',
  },
  instruments: {
    save: {
      read: (w) => w.store.instruments.get('coassess-core', '2'),
      write: (w) =>
        w.store.instruments.save({
          instrumentId: 'coassess-core',
          version: '2',
          fingerprint: 'f',
          json: '{}',
          savedAt: '2026-03-01T00:00:00.000Z',
        }),
      expect: (after) => expect(after).to.include({ fingerprint: 'f' }),
    },
    get: 'read',
  },
  projects: {
    create: {
      read: (w) => w.store.projects.getBySlug('other'),
      write: (w) =>
        w.store.projects.create({
          slug: 'other',
          name: 'Other',
          instrumentId: 'coassess-core',
          instrumentVersion: '1',
          groups: DEFAULT_GROUPS,
        }),
      expect: (after) => expect(after).to.include({ name: 'Other' }),
    },
    get: 'read',
    getBySlug: 'read',
    list: 'read',
    update: {
      read: scope,
      write: (w) => w.store.projects.update(w.project.id, { name: 'Renamed', archivedAt: '2026-04-01T00:00:00.000Z' }),
      expect: (after) =>
        expect((after as Scope)?.project).to.include({ name: 'Renamed', archivedAt: '2026-04-01T00:00:00.000Z' }),
    },
  },
  participants: {
    createMany: {
      read: (w) => w.store.participants.getScope('n'.repeat(32)),
      write: (w) =>
        w.store.participants.createMany([
          {
            projectId: w.project.id,
            code: 'CG-002',
            group: 'provider',
            language: 'it',
            mode: 'web',
            enrolledOn: '2026-02-01',
            token: 'n'.repeat(32),
            accessCode: 'N7M29QXP',
          },
        ]),
      expect: (after) => expect((after as Scope)?.participant).to.include({ code: 'CG-002', language: 'it' }),
    },
    get: 'read',
    getByToken: 'read',
    getScope: 'read',
    getByAccessCode: 'read',
    getByCode: 'read',
    list: 'read',
    findByCodes: 'read',
    search: 'read',
    update: {
      read: scope,
      write: (w) =>
        w.store.participants.update(w.anna.id, { status: 'withdrawn', withdrawnOn: '2026-04-01', group: 'provider' }),
      expect: (after) =>
        expect((after as Scope)?.participant).to.include({
          status: 'withdrawn',
          withdrawnOn: '2026-04-01',
          group: 'provider',
        }),
    },
    getContact: 'read',
    setContact: {
      read: (w) => w.store.participants.getContact(w.anna.id),
      write: (w) => w.store.participants.setContact(w.anna.id, { email: 'anna@example.org' }),
      expect: (after) => expect(after).to.deep.equal({ email: 'anna@example.org', name: null, address: null }),
    },
    erase: {
      before: async (w) => void (await w.store.responses.saveDraft({ ...write(w, {}), changes: { trust_1: 3 } })),
      read: async (w) => [await scope(w), await w.store.responses.get(w.anna.id, w.wave.id)],
      write: (w) => w.store.participants.erase(w.anna.id),
      expect: (after) => expect(after).to.deep.equal([null, null]),
    },
  },
  waves: {
    create: {
      read: scope,
      write: (w) =>
        w.store.waves.create({
          projectId: w.project.id,
          label: 'Wave 2',
          opensOn: '2026-06-01',
          closesOn: '2026-06-21',
          instrumentVersion: '1',
        }),
      expect: (after) => expect((after as Scope)?.waves.map((x) => x.label)).to.deep.equal(['Wave 1', 'Wave 2']),
    },
    get: 'read',
    list: 'read',
    update: {
      read: scope,
      write: (w) => w.store.waves.update(w.wave.id, { closesOn: '2026-03-31' }),
      expect: (after) => expect((after as Scope)?.waves[0]).to.include({ closesOn: '2026-03-31' }),
    },
  },
  responses: {
    get: 'read',
    saveDraft: {
      before: async (w) => void (await w.store.responses.saveDraft({ ...write(w, {}), changes: { trust_1: 3 } })),
      read: (w) => w.store.responses.get(w.anna.id, w.wave.id),
      write: (w) => w.store.responses.saveDraft({ ...write(w, {}), changes: { trust_1: null, trust_2: 5 } }),
      expect: (after) => expect(after).to.deep.include({ status: 'draft', answers: { trust_2: 5 } }),
    },
    submit: {
      before: async (w) => void (await w.store.responses.saveDraft({ ...write(w, {}), changes: { trust_1: 3 } })),
      read: (w) => w.store.responses.get(w.anna.id, w.wave.id),
      write: (w) => w.store.responses.submit({ ...write(w, {}), answers: undefined }),
      expect: (after) => expect(after).to.deep.include({ status: 'submitted', answers: { trust_1: 3 } }),
    },
    insertMany: {
      read: (w) => w.store.responses.get(w.anna.id, w.wave.id),
      write: (w) =>
        w.store.responses.insertMany([
          {
            ...write(w, { trust_1: 1 }),
            source: 'import',
            status: 'submitted',
            startedAt: '2026-03-02T10:00:00.000Z',
            submittedAt: '2026-03-02T10:00:00.000Z',
          },
        ]),
      expect: (after) =>
        expect(after).to.deep.include({ status: 'submitted', source: 'import', answers: { trust_1: 1 } }),
    },
    revise: {
      before: async (w) => void (await w.store.responses.submit(write(w, { trust_1: 3, trust_2: 4 }))),
      read: (w) => w.store.responses.get(w.anna.id, w.wave.id),
      write: (w) =>
        w.store.responses.revise({
          participantId: w.anna.id,
          waveId: w.wave.id,
          changes: { trust_1: 2, trust_2: null },
          by: 'lead-1',
          reason: 'Typed from the wrong sheet',
          at: '2026-03-05T09:00:00.000Z',
        }),
      expect: (after) =>
        expect(after).to.deep.include({
          status: 'submitted',
          answers: { trust_1: 2 },
          revisedAt: '2026-03-05T09:00:00.000Z',
        }),
    },
    history: 'read',
    iterate: 'read',
  },
  paperKeyings: {
    get: 'read',
    list: 'read',
    keyFirst: {
      read: (w) => w.store.paperKeyings.get(w.anna.id, w.wave.id),
      write: (w) => w.store.paperKeyings.keyFirst(firstKeying(w)),
      expect: (after) => expect(after).to.deep.include({ status: 'keyed-once', second: null }),
    },
    keySecond: {
      before: async (w) => void (await w.store.paperKeyings.keyFirst(firstKeying(w))),
      read: (w) => w.store.paperKeyings.get(w.anna.id, w.wave.id),
      write: (w) => w.store.paperKeyings.keySecond(secondKeying(w)),
      expect: (after) => expect(after).to.deep.include({ status: 'awaiting-reconciliation', compared: 30, agreed: 29 }),
    },
    reconcile: {
      before: async (w) => {
        await w.store.paperKeyings.keyFirst(firstKeying(w));
        await w.store.paperKeyings.keySecond(secondKeying(w));
      },
      read: (w) => w.store.paperKeyings.list(w.project.id),
      write: (w) =>
        w.store.paperKeyings.reconcile({
          participantId: w.anna.id,
          waveId: w.wave.id,
          by: 'lead-1',
          at: '2026-03-06T09:00:00.000Z',
          decisions: [{ itemId: 'trust_2', first: 4, second: 5, chosen: 4, source: 'first' }],
        }),
      expect: (after) => expect((after as { status: string }[]).map((k) => k.status)).to.deep.equal(['done']),
    },
  },
  sends: {
    claim: {
      read: (w) => w.store.sends.list(w.wave.id),
      write: (w) =>
        w.store.sends.claim({
          participantId: w.anna.id,
          waveId: w.wave.id,
          kind: 'invitation',
          at: '2026-03-01T08:00:00.000Z',
          leaseUntil: '2026-03-01T08:30:00.000Z',
        }),
      expect: (after) => expect(after).to.have.length(1),
    },
    markSent: {
      before: async (w) =>
        void (await w.store.sends.claim({
          participantId: w.anna.id,
          waveId: w.wave.id,
          kind: 'invitation',
          at: '2026-03-01T08:00:00.000Z',
          leaseUntil: '2026-03-01T08:30:00.000Z',
        })),
      read: (w) => w.store.sends.list(w.wave.id),
      write: (w) => w.store.sends.markSent(w.anna.id, w.wave.id, 'invitation', '2026-03-01T08:00:01.000Z'),
      expect: (after) => expect((after as { state: string }[]).map((s) => s.state)).to.deep.equal(['sent']),
    },
    release: {
      before: async (w) =>
        void (await w.store.sends.claim({
          participantId: w.anna.id,
          waveId: w.wave.id,
          kind: 'invitation',
          at: '2026-03-01T08:00:00.000Z',
          leaseUntil: '2026-03-01T08:30:00.000Z',
        })),
      read: (w) => w.store.sends.list(w.wave.id),
      write: (w) => w.store.sends.release(w.anna.id, w.wave.id, 'invitation'),
      expect: (after) => expect(after).to.deep.equal([]),
    },
    list: 'read',
  },
  apiTokens: {
    create: {
      before: async (w) => void (await w.store.users.create(user)),
      read: (w) => w.store.apiTokens.findByHash('h1'),
      write: async (w) =>
        w.store.apiTokens.create({
          userId: (await w.store.users.findByEmail(user.email))!.id,
          label: 'R',
          tokenHash: 'h1',
        }),
      expect: (after) => expect(after).to.include({ label: 'R' }),
    },
    findByHash: 'read',
    list: 'read',
    delete: {
      before: async (w) => {
        const u = await w.store.users.create(user);
        await w.store.apiTokens.create({ userId: u.id, label: 'R', tokenHash: 'h1' });
      },
      read: (w) => w.store.apiTokens.findByHash('h1'),
      write: async (w) => {
        const token = (await w.store.apiTokens.findByHash('h1'))!;
        await w.store.apiTokens.delete(token.id, token.userId);
      },
      expect: (after) => expect(after).to.equal(null),
    },
    deleteAll: {
      before: async (w) => {
        const u = await w.store.users.create(user);
        await w.store.apiTokens.create({ userId: u.id, label: 'R', tokenHash: 'h1' });
      },
      read: (w) => w.store.apiTokens.findByHash('h1'),
      write: async (w) => w.store.apiTokens.deleteAll((await w.store.users.findByEmail(user.email))!.id),
      expect: (after) => expect(after).to.equal(null),
    },
  },
  sessions: {
    list: 'read',
    end: {
      before: async (w) => void (await signIn(w, 'sid-1')),
      read: sessionsOf,
      write: async (w) => w.store.sessions.end((await w.store.users.findByEmail(user.email))!.id, 'sid-1'),
      expect: (after) => expect(after).to.deep.equal([]),
    },
    endAll: {
      before: async (w) => {
        await signIn(w, 'sid-1');
        await signIn(w, 'sid-2');
      },
      read: sessionsOf,
      write: async (w) => w.store.sessions.endAll((await w.store.users.findByEmail(user.email))!.id),
      expect: (after, before) => {
        expect(before).to.have.length(2);
        expect(after).to.deep.equal([]);
      },
    },
  },
  rateLimits: {
    hit: {
      read: (w) => w.store.rateLimits.get('login:1.2.3.4', T0),
      write: (w) => w.store.rateLimits.hit('login:1.2.3.4', 60_000, T0),
      expect: (after) => expect(after).to.deep.equal({ hits: 1, resetAt: T0 + 60_000 }),
    },
    get: 'read',
    unhit: {
      before: async (w) => void (await w.store.rateLimits.hit('login:1.2.3.4', 60_000, T0)),
      read: (w) => w.store.rateLimits.get('login:1.2.3.4', T0),
      write: (w) => w.store.rateLimits.unhit('login:1.2.3.4', T0),
      expect: (after) => expect(after).to.deep.equal({ hits: 0, resetAt: T0 + 60_000 }),
    },
    reset: {
      before: async (w) => void (await w.store.rateLimits.hit('login:1.2.3.4', 60_000, T0)),
      read: (w) => w.store.rateLimits.get('login:1.2.3.4', T0),
      write: (w) => w.store.rateLimits.reset('login:1.2.3.4'),
      expect: (after) => expect(after).to.equal(null),
    },
  },
  actions: {
    create: {
      read: (w) => w.store.actions.list(w.project.id),
      write: (w) => w.store.actions.create(newAction(w)),
      expect: (after) => expect((after as { what: string }[]).map((a) => a.what)).to.deep.equal(['Meet monthly']),
    },
    get: 'read',
    list: 'read',
    update: {
      before: async (w) => void (await w.store.actions.create(newAction(w))),
      read: async (w) => w.store.actions.get((await w.store.actions.list(w.project.id))[0]!.id),
      write: async (w) =>
        w.store.actions.update(
          (await w.store.actions.list(w.project.id))[0]!.id,
          { ...newAction(w), status: 'done', statusNote: 'Held in May' },
          '2026-05-02T10:00:00.000Z',
        ),
      expect: (after) => expect(after).to.include({ status: 'done', statusNote: 'Held in May' }),
    },
  },
  waveSummaries: {
    get: 'read',
    list: 'read',
    saveDraft: {
      read: (w) => w.store.waveSummaries.get(w.wave.id),
      write: (w) => w.store.waveSummaries.saveDraft(summaryWrite(w, 'Ci avete detto')),
      expect: (after) => expect(after).to.deep.include({ draft: { it: { heard: 'Ci avete detto', doing: 'Stiamo' } } }),
    },
    publish: {
      read: (w) => w.store.waveSummaries.list(w.project.id),
      write: (w) => w.store.waveSummaries.publish(summaryWrite(w, 'Pubblicato')),
      expect: (after) =>
        expect((after as { published: { version: number; texts: unknown } }[]).map((s) => s.published)).to.deep.equal([
          {
            texts: { it: { heard: 'Pubblicato', doing: 'Stiamo' } },
            version: 1,
            at: '2026-04-01T10:00:00.000Z',
            by: 'lead-1',
          },
        ]),
    },
    unpublish: {
      before: async (w) => void (await w.store.waveSummaries.publish(summaryWrite(w, 'Pubblicato'))),
      read: (w) => w.store.waveSummaries.get(w.wave.id),
      write: (w) => w.store.waveSummaries.unpublish(w.wave.id),
      expect: (after) => expect(after).to.deep.include({ published: null, publications: 1 }),
    },
  },
  consentTexts: {
    save: {
      read: (w) => w.store.consentTexts.latest(w.project.id),
      write: (w) =>
        w.store.consentTexts.save({
          projectId: w.project.id,
          texts: { en: { controller: 'Valley Carers', privacyNotice: '', contact: '', consentText: '' } },
          savedBy: 'lead',
          savedAt: '2026-03-01T09:00:00.000Z',
        }),
      expect: (after) => expect(after).to.deep.include({ version: 1, savedBy: 'lead' }),
    },
    latest: 'read',
    get: 'read',
  },
  audit: {
    append: {
      read: (w) => w.store.audit.list({ projectId: w.project.id }),
      write: (w) =>
        w.store.audit.append({
          actor: 'cli',
          projectId: w.project.id,
          action: 'project.settings',
          target: null,
          details: {},
        }),
      expect: (after) => expect(after).to.have.length(1),
    },
    list: 'read',
  },
};

/** A stale read after any write method fails here: each write is read back right after it. */
export function readAfterWriteContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract: ${name}: every write method shows at the next read`, function () {
    let world: World;

    beforeEach(async function () {
      const store = await open();
      const project = await store.projects.create({
        slug: 'p4c',
        name: 'Place4Carers',
        instrumentId: 'coassess-core',
        instrumentVersion: '1',
        groups: DEFAULT_GROUPS,
      });
      const wave = await store.waves.create({
        projectId: project.id,
        label: 'Wave 1',
        opensOn: '2026-03-01',
        closesOn: '2026-03-21',
        instrumentVersion: '1',
      });
      const [anna] = await store.participants.createMany([
        {
          projectId: project.id,
          code: 'CG-001',
          group: 'caregiver',
          language: 'en',
          mode: 'web',
          enrolledOn: '2026-02-01',
          token: 'a'.repeat(32),
          accessCode: 'K7M29QXP',
        },
      ]);
      world = { store, project, wave, anna: anna! };
    });
    afterEach(async function () {
      await world.store.close();
    });

    for (const [repository, methods] of Object.entries(METHODS)) {
      for (const [method, kind] of Object.entries(methods as Record<string, 'read' | WriteCase>)) {
        if (kind === 'read') continue;
        it(`${repository}.${method}`, async function () {
          await kind.before?.(world);
          const before = await kind.read(world);
          // Read twice, so a cache that keeps reads has surely kept this one.
          await kind.read(world);
          await kind.write(world);
          kind.expect(await kind.read(world), before);
        });
      }
    }

    it('names every method the repositories have', function () {
      for (const [repository, methods] of Object.entries(METHODS)) {
        const own = world.store[repository as keyof Repositories];
        for (const method of Object.keys(methods))
          expect(typeof (own as unknown as Record<string, unknown>)[method], `${repository}.${method}`).to.equal(
            'function',
          );
      }
    });
  });
}
