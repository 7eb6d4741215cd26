import { expect } from 'chai';
import fc from 'fast-check';
import request from 'supertest';
import { createApp } from '../../server/app.js';
import { allItems } from '../../server/domain/instrument.js';
import { THRESHOLD_NAMES } from '../../server/domain/project-settings.js';
import { verifyPassword } from '../../server/services/password.js';
import type { InstrumentRegistry } from '../../server/services/instrument-registry.js';
import type { Services } from '../../server/services/services.js';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import type { ProjectRole, StaffUser, Wave } from '../../server/domain/records.js';
import { csrfFrom } from '../helpers/forms.js';
import { csrfFor, signIn, STAFF_PASSWORD, staffUser, type Agent } from '../helpers/staff-agent.js';
import { storeSnapshot } from '../helpers/store-snapshot.js';
import { testApp } from '../helpers/test-app.js';
import { seededProject, testServices } from '../helpers/test-services.js';
import { expectPageOrRedirect, formBody, hostileForm, hostileString, RUNS } from './hostile.js';

const isoDate = fc
  .date({ min: new Date('2025-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const smallWhole = fc.integer({ min: -2, max: 400 }).map(String);
const threshold = fc.oneof(
  fc.double({ min: -2, max: 2, noNaN: true }).map((n) => String(Math.round(n * 100) / 100)),
  fc.constantFrom('0.5', '3', '0.05'),
);
const thresholdFields = Object.fromEntries(THRESHOLD_NAMES.map((n) => [`t_${n}`, threshold]));

type Res = request.Response;

/** A path segment as a browser sends it: every UTF-8 byte outside the unreserved set percent-encoded. */
function pathSegment(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9_.~-]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

/** An id or token in the path that is not one: hostile text (kept short enough for a URL), or broken percent-encoding. */
const hostileSegment = fc.oneof(
  { arbitrary: hostileString.map((s) => pathSegment(s.slice(0, 300)) || 'x'), weight: 4 },
  { arbitrary: fc.constantFrom('%', '%E0%A4%A', '%ZZ', '%00', '%2F', '%2E%2E', 'undefined', 'null'), weight: 1 },
);

describe('hostile input on staff forms', function () {
  this.timeout(60_000);
  let services: Services;
  let store: SqliteStore;
  let instruments: InstrumentRegistry;
  let app: ReturnType<typeof testApp>['app'];
  let wave: Wave;
  let admin: Agent;
  let lead: Agent;
  let dataEntry: Agent;
  let adminUser: StaffUser;
  const tokens = new Map<Agent, string>();

  before(async function () {
    ({ services, store, instruments } = testServices());
    ({ app } = testApp(services));
    const seeded = await seededProject(services);
    wave = seeded.wave1;
    const paperPeople = Array.from({ length: 200 }, (_, i) => `PP-${String(i).padStart(3, '0')},caregiver,en,paper`);
    await services.participants.importCsv(
      seeded.project,
      `code,group,language,mode\n${paperPeople.join('\n')}\n`,
      'test',
    );
    adminUser = await staffUser(services, 'admin');
    admin = await signIn(app, adminUser);
    lead = await signIn(app, await staffUser(services, 'lead', 'p4c'));
    dataEntry = await signIn(app, await staffUser(services, 'data-entry', 'p4c'));
    for (const agent of [admin, lead, dataEntry]) tokens.set(agent, await csrfFor(agent));
  });
  after(() => store.close());

  /** Posts the form; a refused form (4xx) must leave the store exactly as it was. */
  async function hostilePost(
    agent: Agent,
    path: string,
    pairs: [string, string][],
  ): Promise<{ res: Res; before: string }> {
    const before = await storeSnapshot(store);
    const res = await agent
      .post(path)
      .type('form')
      .send(formBody(tokens.get(agent)!, pairs));
    expectPageOrRedirect(res);
    if (res.status >= 400)
      expect(await storeSnapshot(store), `${res.status} on ${path} wrote something`).to.equal(before);
    return { res, before };
  }

  const last = (pairs: [string, string][], key: string) => pairs.filter(([k]) => k === key).at(-1)?.[1];

  it('sign-in: never a 5xx, never a session for a wrong password', async function () {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        hostileForm({
          email: fc.constantFrom(adminUser.email, 'nobody@example.org'),
          password: fc.constantFrom('wrong password'),
          next: hostileString,
        }),
        async (pairs) => {
          // Each run from an address of its own, through a trusted proxy: the sign-in limiter,
          // whose counts live in the store, would otherwise answer 429 after ten tries.
          runs += 1;
          const fresh = createApp({
            services,
            config: {
              baseUrl: 'https://coassess.test',
              sessionSecret: 'x'.repeat(40),
              trustProxy: false,
              proxies: ['loopback'],
            },
            log: () => {},
          });
          const agent = request.agent(fresh);
          const token = csrfFrom((await agent.get('/login').expect(200)).text);
          const res = await agent
            .post('/login')
            .set('X-Forwarded-For', `10.0.${runs >> 8}.${runs & 255}`)
            .type('form')
            .send(formBody(token, pairs));
          expectPageOrRedirect(res);
          expect(res.status).to.be.oneOf([400, 401]);
          await agent.get('/account').expect(303);
        },
      ),
      { ...RUNS, numRuns: 25 },
    );
  });

  it('project creation: a new project only from a valid form, with what was typed', async function () {
    const fields = {
      name: fc.string({ minLength: 1, maxLength: 30 }),
      slug: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,10}$/),
      instrument: fc.constantFrom('coassess-core@1', 'coassess-core'),
      groups: fc.constantFrom('caregiver | Caregiver | Familiare', 'a | A | A\nb | B | B'),
      reminderDays: smallWhole,
      ...thresholdFields,
    };
    await fc.assert(
      fc.asyncProperty(hostileForm(fields), async (pairs) => {
        const { res } = await hostilePost(admin, '/projects/new', pairs);
        if (res.status === 303) {
          const slug = res.headers.location!.replace('/projects/', '');
          const project = await store.projects.getBySlug(slug);
          expect(project?.name).to.equal(last(pairs, 'name')!.trim());
        }
      }),
      { ...RUNS, numRuns: 80 },
    );
  });

  it('project settings: saved thresholds are always finite numbers', async function () {
    await fc.assert(
      fc.asyncProperty(hostileForm({ reminderDays: smallWhole, ...thresholdFields }), async (pairs) => {
        const { res } = await hostilePost(lead, '/projects/p4c/settings', pairs);
        if (res.status === 303) {
          const project = await store.projects.getBySlug('p4c');
          const settings = project!.settings as { statusThresholds: Record<string, number>; reminderDays: number };
          for (const value of Object.values(settings.statusThresholds)) expect(Number.isFinite(value)).to.equal(true);
          expect(settings.reminderDays).to.equal(Number(last(pairs, 'reminderDays')!.trim()));
        }
      }),
      { ...RUNS, numRuns: 80 },
    );
  });

  it('adding a participant: only valid codes, groups, languages, modes and enrolment days are saved', async function () {
    const fields = {
      code: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,8}$/),
      group: fc.constantFrom('caregiver', 'provider'),
      language: fc.constantFrom('en', 'it'),
      mode: fc.constantFrom('web', 'paper'),
      email: fc.constantFrom('', 'a@example.org'),
      enrolledOn: fc.constantFrom('', '2026-01-15', '2026-02-30'),
    };
    await fc.assert(
      fc.asyncProperty(hostileForm(fields), async (pairs) => {
        const { res } = await hostilePost(lead, '/projects/p4c/participants', pairs);
        if (res.status === 303) {
          const project = await store.projects.getBySlug('p4c');
          const saved = await store.participants.getByCode(project!.id, last(pairs, 'code')!.trim());
          expect(saved?.group).to.be.oneOf(['caregiver', 'provider']);
          expect(saved?.language).to.be.oneOf(['en', 'it']);
          expect(saved?.mode).to.be.oneOf(['web', 'paper']);
          expect(saved?.enrolledOn).to.be.oneOf(['2026-01-15', '2026-03-10']);
        }
      }),
      { ...RUNS, numRuns: 80 },
    );
  });

  it('editing a participant: what was saved before stays saved unless the form is valid', async function () {
    const fields = {
      group: fc.constantFrom('caregiver', 'provider'),
      language: fc.constantFrom('en', 'it'),
      mode: fc.constantFrom('web', 'paper'),
    };
    await fc.assert(
      fc.asyncProperty(hostileForm(fields), async (pairs) => {
        const { res } = await hostilePost(lead, '/projects/p4c/participants/CG-002', pairs);
        const project = await store.projects.getBySlug('p4c');
        const saved = await store.participants.getByCode(project!.id, 'CG-002');
        expect(saved?.group).to.be.oneOf(['caregiver', 'provider']);
        expect(saved?.language).to.be.oneOf(['en', 'it']);
        if (res.status === 303) expect(saved?.mode).to.equal(last(pairs, 'mode')!.trim());
      }),
      { ...RUNS, numRuns: 60 },
    );
  });

  it('erasing a participant: a hostile confirmation erases nobody', async function () {
    await fc.assert(
      fc.asyncProperty(hostileForm({ confirm: fc.constantFrom('CG-00', 'cg-001', ' ') }), async (pairs) => {
        const { res } = await hostilePost(lead, '/projects/p4c/participants/CG-001/erase', pairs);
        expect(res.status).to.not.equal(303);
      }),
      { ...RUNS, numRuns: 50 },
    );
  });

  it('scheduling one wave: a saved wave has the label typed and real dates in order', async function () {
    await fc.assert(
      fc.asyncProperty(
        hostileForm({ label: fc.string({ minLength: 1, maxLength: 60 }), opens: isoDate, closes: isoDate }),
        async (pairs) => {
          const { res, before } = await hostilePost(lead, '/projects/p4c/waves', pairs);
          if (res.status === 303) {
            const project = await store.projects.getBySlug('p4c');
            const created = (await store.waves.list(project!.id)).filter((w) => !before.includes(w.id));
            expect(created).to.have.length(1);
            expect(created[0]!.label).to.equal(last(pairs, 'label')!.trim());
            expect(created[0]!.opensOn <= created[0]!.closesOn).to.equal(true);
          }
        },
      ),
      { ...RUNS, numRuns: 80 },
    );
  });

  it('scheduling a series: all of it or none of it', async function () {
    const fields = {
      labelPrefix: fc.string({ minLength: 1, maxLength: 50 }),
      firstNumber: smallWhole,
      firstOpensOn: isoDate,
      everyMonths: fc.integer({ min: 0, max: 13 }).map(String),
      count: fc.integer({ min: 0, max: 30 }).map(String),
      openDays: smallWhole,
    };
    await fc.assert(
      fc.asyncProperty(hostileForm(fields), async (pairs) => {
        const { res, before } = await hostilePost(lead, '/projects/p4c/waves/series', pairs);
        if (res.status === 303) {
          const project = await store.projects.getBySlug('p4c');
          const created = (await store.waves.list(project!.id)).filter((w) => !before.includes(w.id));
          expect(created).to.have.length(Number(last(pairs, 'count')!.trim()));
        }
      }),
      { ...RUNS, numRuns: 60 },
    );
  });

  it('changing a closing date: only to a real date on or after the opening day', async function () {
    await fc.assert(
      fc.asyncProperty(hostileForm({ closesOn: isoDate }), async (pairs) => {
        const { res } = await hostilePost(lead, `/projects/p4c/waves/${wave.id}/closing`, pairs);
        const saved = await store.waves.get(wave.id);
        expect(saved!.closesOn >= saved!.opensOn).to.equal(true);
        if (res.status === 303) expect(saved!.closesOn).to.equal(last(pairs, 'closesOn')!.trim());
      }),
      { ...RUNS, numRuns: 60 },
    );
  });

  it('paper entry: hostile answers and query strings never make a partial or invalid response', async function () {
    const instrument = instruments.latest('coassess-core')!;
    const items = allItems(instrument);
    const answer = (type: string) =>
      type === 'scale' ? fc.constantFrom('', '1', '2', '3', '4', '5', 'NA') : fc.string({ maxLength: 50 });
    const valid = fc
      .record(Object.fromEntries(items.map((i) => [i.id, answer(i.type)])))
      .map((r) => Object.entries(r) as [string, string][]);
    const forms = fc.oneof(valid, hostileForm(Object.fromEntries(items.map((i) => [i.id, answer(i.type)]))));
    const query = fc.oneof(
      { arbitrary: fc.constant(null), weight: 4 },
      { arbitrary: fc.tuple(hostileString, hostileString), weight: 1 },
    );
    let next = 0;
    await fc.assert(
      fc.asyncProperty(forms, query, async (pairs, hostileQuery) => {
        const code = `PP-${String(next++ % 200).padStart(3, '0')}`;
        const [waveId, who] = hostileQuery ?? [wave.id, code];
        const path = `/projects/p4c/paper/entry?wave=${encodeURIComponent(waveId)}&participant=${encodeURIComponent(who)}`;
        // The entry form is only checked and shown for review: nothing is stored before confirming.
        const entered = await hostilePost(dataEntry, path, pairs);
        expect(entered.res.status, 'saved without confirming').to.not.equal(303);
        expect(await storeSnapshot(store), 'stored before confirming').to.equal(entered.before);
        const { res } = await hostilePost(dataEntry, path, [...pairs, ['_step', 'confirm']]);
        const project = await store.projects.getBySlug('p4c');
        const participant = await store.participants.getByCode(project!.id, code);
        const saved = await store.responses.get(participant!.id, wave.id);
        if (res.status !== 303 || hostileQuery) return;
        expect(saved?.status).to.equal('submitted');
        expect(saved?.source).to.equal('paper');
        for (const [id, value] of Object.entries(saved!.answers)) {
          const item = items.find((i) => i.id === id)!;
          if (item.type === 'scale')
            expect(
              value === 'NA' || (Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 5),
              `${id}=${String(value)}`,
            ).to.equal(true);
          else expect(String(value).length).to.be.at.most(5000);
        }
      }),
      { ...RUNS, numRuns: 80 },
    );
  });

  it('API token creation: a token only with a usable label', async function () {
    await fc.assert(
      fc.asyncProperty(hostileForm({ label: fc.string({ minLength: 1, maxLength: 80 }) }), async (pairs) => {
        const { res } = await hostilePost(lead, '/account/tokens', pairs);
        expect(res.status).to.be.oneOf([201, 400]);
      }),
      { ...RUNS, numRuns: 60 },
    );
  });

  it('password change: the password only changes with the current one and a valid new one', async function () {
    const user = await staffUser(services, 'evaluator', 'p4c');
    const agent = await signIn(app, user);
    tokens.set(agent, await csrfFor(agent));
    await fc.assert(
      fc.asyncProperty(
        hostileForm({ current: fc.constant(STAFF_PASSWORD), password: fc.string({ minLength: 8, maxLength: 30 }) }),
        async (pairs) => {
          // A refused change leaves the stored hash as it was (hostilePost compares the whole store).
          const { res } = await hostilePost(agent, '/account/password', pairs);
          if (res.status === 303) await signIn(app, user, last(pairs, 'password')!);
        },
      ),
      { ...RUNS, numRuns: 30 },
    );
  });

  it('adding a user: never a 5xx, never a half-made account', async function () {
    const fields = {
      name: fc.string({ minLength: 1, maxLength: 20 }),
      email: fc.emailAddress(),
      role: fc.constantFrom('lead', 'evaluator', 'data-entry', 'admin'),
      project: fc.constantFrom('p4c', '', 'nope'),
      password: fc.constantFrom('short', 'long enough password'),
    };
    // Five hostile fields are almost never all valid together, so valid forms are mixed in: else
    // the checks on an accepted form below would hardly ever run.
    const valid = fc
      .record({
        name: fields.name,
        email: fc.oneof(
          fc.emailAddress(),
          fc.stringMatching(/^[a-z][a-z0-9]{0,10}$/).map((s) => `${s}@example.org`),
        ),
        role: fields.role,
      })
      .map(({ name, email, role }): [string, string][] => [
        ['name', name],
        ['email', email],
        ['role', role],
        ['project', role === 'admin' ? '' : 'p4c'],
        ['password', 'long enough password'],
      ]);
    let added = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(valid, hostileForm(fields)), async (pairs) => {
        // A refusal is checked by hostilePost (the store as it was); an acceptance must be a whole, usable account.
        const { res } = await hostilePost(admin, '/users', pairs);
        if (res.status !== 303) return;
        added += 1;
        expect(res.headers.location).to.equal('/users?done=added');
        const [email, role] = [last(pairs, 'email')!.trim(), last(pairs, 'role')!];
        const user = await store.users.findByEmail(email);
        expect(user?.email).to.equal(email);
        expect(user!.name).to.equal(last(pairs, 'name')!.trim());
        expect(user!.isAdmin).to.equal(role === 'admin');
        expect(await verifyPassword(last(pairs, 'password')!, user!.passwordHash)).to.equal(true);
        const roles = (await store.roles.list({ userId: user!.id })).map((r) => [r.projectId, r.role]);
        // An admin manages every project through isAdmin, so holds no project role; anyone else holds
        // exactly the one chosen, in the project the form named (p4c, unless a hostile value named
        // another project that an earlier property created).
        if (role === 'admin') expect(roles).to.deep.equal([]);
        else
          expect(roles).to.deep.equal([[(await store.projects.getBySlug(last(pairs, 'project')!.trim()))!.id, role]]);
        const audit = await store.audit.list({ limit: 10 });
        expect(
          audit.some(
            (e) =>
              e.action === 'user.add' && e.target === user!.id && e.actor === adminUser.id && e.details.role === role,
          ),
          'no user.add audit entry',
        ).to.equal(true);
      }),
      { ...RUNS, numRuns: 40 },
    );
    // Not only refusals: the plausible values are valid often enough that some accounts are made.
    expect(added).to.be.greaterThan(0);
  });

  it('changing a role: exactly the role chosen, for that user in that project, and nothing else', async function () {
    const target = await staffUser(services, 'evaluator', 'p4c');
    const who = fc.oneof(
      { arbitrary: fc.constant(target.id), weight: 5 },
      { arbitrary: fc.constant(adminUser.id), weight: 1 },
      { arbitrary: hostileSegment, weight: 2 },
    );
    const fields = {
      project: fc.constantFrom('p4c', ' p4c ', '', 'nope'),
      role: fc.constantFrom('none', 'lead', 'evaluator', 'data-entry', 'admin'),
    };
    // Sorted, so the comparison does not depend on the order the store lists roles in.
    const sorted = (roles: ProjectRole[]) => roles.map((r) => `${r.userId} ${r.projectId} ${r.role}`).sort();
    const valid = fc
      .record({
        project: fc.constantFrom('p4c', ' p4c '),
        role: fc.constantFrom('none', 'lead', 'evaluator', 'data-entry'),
      })
      .map(({ project, role }): [string, string][] => [
        ['project', project],
        ['role', role],
      ]);
    let changed = 0;
    await fc.assert(
      fc.asyncProperty(
        who,
        fc.oneof({ arbitrary: valid, weight: 1 }, { arbitrary: hostileForm(fields), weight: 2 }),
        async (id, pairs) => {
          const { res, before } = await hostilePost(admin, `/users/${id}/role`, pairs);
          if (res.status !== 303) return;
          changed += 1;
          expect(res.headers.location).to.equal('/users?done=role%20changed');
          expect(id, 'a role was set for a user who does not exist').to.be.oneOf([target.id, adminUser.id]);
          const role = last(pairs, 'role')!;
          const project = await store.projects.getBySlug(last(pairs, 'project')!.trim());
          const held = await store.roles.list({ userId: id, projectId: project!.id });
          expect(held.map((r) => r.role)).to.deep.equal(role === 'none' ? [] : [role]);
          // Every other (user, project) pair keeps the role it had.
          const others = (roles: ProjectRole[]) =>
            sorted(roles.filter((r) => !(r.userId === id && r.projectId === project!.id)));
          expect(others(await store.roles.list({}))).to.deep.equal(
            others((JSON.parse(before) as { roles: ProjectRole[] }).roles),
          );
          const audit = await store.audit.list({ limit: 10 });
          expect(
            audit.some(
              (e) =>
                e.action === 'user.role' && e.target === id && e.projectId === project!.id && e.details.role === role,
            ),
            'no user.role audit entry',
          ).to.equal(true);
        },
      ),
      { ...RUNS, numRuns: 50 },
    );
    expect(changed).to.be.greaterThan(0);
  });

  it('first-admin setup: one admin with what was typed, or nothing written and the link still usable', async function () {
    // Setup only works while there is no account at all, so each run that makes the admin gets
    // a fresh, empty app for the runs after it.
    const fresh = () => {
      const s = testServices();
      return { ...s, app: testApp(s.services).app };
    };
    let env = fresh();
    const fields = {
      name: fc.string({ minLength: 1, maxLength: 20 }),
      email: fc.oneof(fc.emailAddress(), fc.constant('ada@example.org')),
      password: fc.constantFrom('short', 'long enough password'),
    };
    // Valid forms mixed in, so the checks on a completed setup run often enough.
    const valid = fc.record({ name: fields.name, email: fields.email }).map(({ name, email }): [string, string][] => [
      ['name', name],
      ['email', email],
      ['password', 'long enough password'],
    ]);
    const token = fc.oneof({ arbitrary: fc.constant(null), weight: 5 }, { arbitrary: hostileSegment, weight: 1 });
    let made = 0;
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof({ arbitrary: valid, weight: 1 }, { arbitrary: hostileForm(fields), weight: 2 }),
          token,
          async (pairs, wrongToken) => {
            if (!(await env.services.auth.setupOpen())) {
              env.store.close();
              env = fresh();
            }
            const { services: s, store: setupStore, app: setupApp } = env;
            const link = `/setup/${s.auth.setupToken}`;
            const agent = request.agent(setupApp);
            const csrf = csrfFrom((await agent.get('/login').expect(200)).text);
            const before = await storeSnapshot(setupStore);
            const res = await agent
              .post(wrongToken === null ? link : `/setup/${wrongToken}`)
              .type('form')
              .send(formBody(csrf, pairs));
            expectPageOrRedirect(res);
            if (wrongToken !== null) expect(res.status, 'setup through a wrong link').to.be.within(400, 499);
            if (res.status >= 400) {
              expect(await storeSnapshot(setupStore), `${res.status} on setup wrote something`).to.equal(before);
              // A refused form must not use up the one-time link.
              await request(setupApp).get(link).expect(200);
              return;
            }
            made += 1;
            expect(res.status).to.equal(303);
            expect(res.headers.location).to.equal('/projects');
            const users = await setupStore.users.list();
            expect(users).to.have.length(1);
            expect(users[0]!.email).to.equal(last(pairs, 'email')!.trim());
            expect(users[0]!.name).to.equal(last(pairs, 'name')!.trim());
            expect(users[0]!.isAdmin).to.equal(true);
            expect(await setupStore.roles.list({ userId: users[0]!.id })).to.deep.equal([]);
            expect(
              (await setupStore.audit.list({})).some(
                (e) => e.action === 'user.add' && e.target === users[0]!.id && e.actor === 'setup',
              ),
            ).to.equal(true);
            // The new admin is signed in, and the link is spent.
            await agent.get('/account').expect(200);
            await request(setupApp).get(link).expect(404);
          },
        ),
        { ...RUNS, numRuns: 30 },
      );
    } finally {
      env.store.close();
    }
    expect(made).to.be.greaterThan(0);
  });
});
