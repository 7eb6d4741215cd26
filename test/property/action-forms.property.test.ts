import { expect } from 'chai';
import fc from 'fast-check';
import { ACTION_NAME_LIMIT, ACTION_TEXT_LIMIT, readAction } from '../../server/domain/actions/action-input.js';
import { isCalendarDate } from '../../server/domain/calendar-date.js';
import { hasControlCharacter } from '../../server/domain/control-characters.js';
import { isDomainError } from '../../server/domain/errors.js';
import type { Project } from '../../server/domain/records.js';
import type { Services } from '../../server/services/services.js';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { csrfFor, signIn, staffUser, type Agent } from '../helpers/staff-agent.js';
import { storeSnapshot } from '../helpers/store-snapshot.js';
import { testApp } from '../helpers/test-app.js';
import { testServices } from '../helpers/test-services.js';
import { trendProject } from '../helpers/trend-project.js';
import { expectPageOrRedirect, formBody, hostileForm, RUNS } from './hostile.js';

const isoDate = fc
  .date({ min: new Date('2026-01-01'), max: new Date('2027-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
/** Fields of the action form, each with values that could pass beside hostile ones. */
const FIELDS = {
  what: fc.constantFrom('Meet monthly', 'Share the minutes\nwithin a week', '<b>Call</b> «tutti»'),
  owner: fc.constantFrom('Coordinator', 'Associazione familiari'),
  due: isoDate,
  meeting_on: isoDate,
  meeting: fc.constantFrom('', 'Partnership meeting'),
  status: fc.constantFrom('open', 'done', 'dropped'),
  status_note: fc.constantFrom('', 'Held twice'),
};
const CELL = {
  wave: fc.constantFrom('1', '2', '3', '4', '0'),
  group: fc.constantFrom('caregiver', 'provider', 'all'),
  dimension: fc.constantFrom('trust', 'cohesion', 'voice'),
};

describe('hostile input on the action forms', function () {
  this.timeout(120_000);
  let services: Services;
  let store: SqliteStore;
  let project: Project;
  let lead: Agent;
  let token: string;

  before(async function () {
    ({ services, store } = testServices(() => new Date('2026-10-01T09:00:00Z')));
    const { app } = testApp(services);
    await trendProject(services);
    project = await services.projects.bySlug('p4c');
    lead = await signIn(app, await staffUser(services, 'lead', 'p4c'));
    token = await csrfFor(lead);
  });
  after(() => store.close());

  it('the form check accepts only what can be kept, and refuses everything else as VALIDATION', function () {
    const cells = { waves: [{ index: 3, id: 'w3' }], groups: ['caregiver', 'provider'], dimensions: ['trust'] };
    fc.assert(
      fc.property(hostileForm({ ...CELL, ...FIELDS }), (pairs) => {
        const body = Object.fromEntries(pairs);
        try {
          const { cell, fields } = readAction(body, cells);
          expect(cell).to.deep.equal({ waveId: 'w3', group: body.group, dimension: 'trust' });
          expect(isCalendarDate(fields.dueOn) && isCalendarDate(fields.meetingOn)).to.equal(true);
          expect(fields.dueOn >= fields.meetingOn).to.equal(true);
          expect(fields.what).to.not.equal('');
          expect(fields.owner).to.not.equal('');
          for (const name of [fields.owner, fields.meeting]) {
            expect(name.length).to.be.at.most(ACTION_NAME_LIMIT);
            expect(hasControlCharacter(name)).to.equal(false);
          }
          for (const text of [fields.what, fields.statusNote]) expect(text.length).to.be.at.most(ACTION_TEXT_LIMIT);
        } catch (error) {
          if (!isDomainError(error)) throw error;
          expect(error.code).to.equal('VALIDATION');
          expect(error.problems.length).to.be.above(0);
        }
      }),
      { ...RUNS, numRuns: 500 },
    );
  });

  it('recording: never a 5xx; a refused form writes nothing and comes back as typed; a kept one is one action', async function () {
    await fc.assert(
      fc.asyncProperty(hostileForm({ ...CELL, ...FIELDS }), async (pairs) => {
        const before = await storeSnapshot(store);
        const count = (await services.actions.list(project)).length;
        const res = await lead.post('/projects/p4c/actions').type('form').send(formBody(token, pairs));
        expectPageOrRedirect(res);
        expect(res.status).to.be.oneOf([303, 400]);
        expect(res.text).to.not.include('<script>alert(1)</script>').and.not.include('<img src=x');
        if (res.status === 400) {
          expect(await storeSnapshot(store)).to.equal(before);
          expect(res.text).to.include('class="error-summary"');
          // What was typed is shown again: an owner given once, as plain text, is in its field.
          const owners = pairs.filter(([k]) => k === 'owner').map(([, v]) => v);
          if (owners.length === 1 && /^[\w ]+$/.test(owners[0]!))
            expect(res.text).to.include(`name="owner" type="text" value="${owners[0]}"`);
        } else expect(await services.actions.list(project)).to.have.length(count + 1);
      }),
      { ...RUNS, numRuns: 40 },
    );
  });

  it('changing: never a 5xx; a refused change writes nothing', async function () {
    const action = await services.actions.record(
      project,
      {
        wave: '3',
        group: 'caregiver',
        dimension: 'trust',
        what: 'x',
        owner: 'y',
        due: '2026-12-01',
        meeting_on: '2026-10-01',
        status: 'open',
      },
      'test',
    );
    await fc.assert(
      fc.asyncProperty(hostileForm(FIELDS), async (pairs) => {
        const before = await storeSnapshot(store);
        const res = await lead.post(`/projects/p4c/actions/${action.id}`).type('form').send(formBody(token, pairs));
        expectPageOrRedirect(res);
        expect(res.status).to.be.oneOf([303, 400]);
        if (res.status === 400) expect(await storeSnapshot(store)).to.equal(before);
        else expect((await services.actions.get(project, action.id)).waveId).to.equal(action.waveId);
      }),
      { ...RUNS, numRuns: 40 },
    );
  });
});
