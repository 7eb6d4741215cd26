import { expect } from 'chai';
import type { Request, Response } from 'express';
import { localise } from '../../../server/http/staff-locale.js';
import { LOCALES } from '../../../server/i18n/catalogue.js';
import { formatCalendarDate, formatLocalShort } from '../../../server/i18n/format.js';
import { shownAt, shownDay } from '../../../server/routes/staff/staff-time.js';
import type { Participant, Project, Wave } from '../../../server/domain/records.js';
import type { Services } from '../../../server/services/services.js';
import type { SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { signIn, staffUser, type Agent } from '../../helpers/staff-agent.js';
import { testApp } from '../../helpers/test-app.js';
import { testServices } from '../../helpers/test-services.js';

/** Staff pages show times local to the project and formatted, never a raw UTC timestamp. */
describe('staff pages show local times', function () {
  this.timeout(30_000);
  let services: Services;
  let store: SqliteStore;
  let app: ReturnType<typeof testApp>['app'];
  let project: Project;
  let wave: Wave;
  let ben: Participant;
  let now: Date;

  beforeEach(async () => {
    now = new Date('2026-05-31T22:30:00Z'); // 00:30 on 1 June in Rome
    ({ services, store } = testServices(() => now, 'Europe/Rome'));
    ({ app } = testApp(services));
    project = await services.projects.create({ slug: 'valle', name: 'Valle', instrument: 'coassess-core' }, 'test');
    wave = await services.waves.add(
      { project, label: 'Wave 1', opensOn: '2026-05-01', closesOn: '2026-06-21' },
      'test',
    );
    [ben] = (await services.participants.importCsv(
      project,
      'code,group,language,mode\nCG-002,caregiver,en,web\n',
      'test',
    )) as [Participant];
    const visit = await services.questionnaires.visit(ben.token);
    await services.questionnaires.consent(visit);
    await services.questionnaires.submit(await services.questionnaires.visit(ben.token));
  });
  afterEach(() => store.close());

  const lead = async (): Promise<Agent> => signIn(app, await staffUser(services, 'lead', 'valle'));

  it("names the zone in the audit log's heading and gives each entry's local time", async function () {
    const text = (await (await lead()).get('/projects/valle/audit').expect(200)).text;
    // The store stamps audit entries with the real clock, so the expected cell is worked out from it.
    const [latest] = await store.audit.list({ projectId: project.id });
    const rome = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Rome',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(latest!.at));
    expect(text).to.include('<th scope="col">When (Europe/Rome)</th>').and.include(`<td>${rome}</td>`);
    expect(text).to.not.include(latest!.at.slice(0, 16).replace('T', ' ')).and.not.include('(UTC)');
  });

  it('says when a response already keyed or answered arrived, in local time, on the paper entry page', async function () {
    const text = (
      await (await lead()).get(`/projects/valle/paper/entry?wave=${wave.id}&participant=CG-002`).expect(200)
    ).text;
    expect(text).to.include('CG-002 already has a submitted response for Wave 1 (web, 01/06/2026, 00:30)');
    expect(text).to.not.include('2026-05-31T22:30');
  });

  it('gives the response page its local times and zone', async function () {
    const text = (await (await lead()).get(`/projects/valle/responses/CG-002/${wave.id}`).expect(200)).text;
    expect(text).to.include('submitted 1 June 2026 at 00:30 (Europe/Rome).');
  });

  it('shows the wave days on the monitoring page as a sentence writes them', async function () {
    const text = (await (await lead()).get('/projects/valle/monitoring').expect(200)).text;
    expect(text).to.include('(open, 1 May 2026 to 21 June 2026)');
  });

  it('says the local day a project was archived, not the UTC day before', async function () {
    await services.projects.archive(project, 'test');
    const text = (await (await lead()).get('/projects/valle').expect(200)).text;
    expect(text).to.include('This project was archived on 1 June 2026.');
  });
});

/** shownAt and shownDay are the page's one formatter (res.locals.fmt), and write what they wrote before it. */
describe('staff-time delegates to the page formats', function () {
  // Either side of Rome's and New York's changes to and from summer time, and a plain winter day.
  const INSTANTS = [
    '2026-03-08T06:59:00Z',
    '2026-03-08T07:01:00Z',
    '2026-03-29T00:59:00Z',
    '2026-03-29T01:01:00Z',
    '2026-10-25T00:59:00Z',
    '2026-10-25T01:01:00Z',
    '2026-12-02T17:33:00Z',
  ];
  const ZONES = ['Europe/Rome', 'America/New_York', 'UTC'];
  const DAYS = ['2026-03-09', '2026-10-25', '2026-12-31', '2026-03-29T23:30:00Z'];

  /** A staff response as staffLocale leaves it, in a project whose zone is not the one asked for. */
  const pageIn = (locale: (typeof LOCALES)[number] | null): Response => {
    const res = {
      locals: { project: { timeZone: 'Asia/Tokyo' }, defaultTimeZone: 'Asia/Tokyo' },
    } as unknown as Response;
    const req = { originalUrl: '/projects/p4c/audit', query: {}, headers: {} } as unknown as Request;
    if (locale) localise(req, res, locale);
    return res;
  };

  it('writes every instant, zone and language as formatLocalShort did, in the zone given', function () {
    for (const locale of [...LOCALES, null]) {
      const res = pageIn(locale);
      for (const zone of ZONES)
        for (const instant of INSTANTS)
          expect(shownAt(res, instant, zone), `${locale} ${zone} ${instant}`).to.equal(
            formatLocalShort(locale ?? 'en', instant, zone),
          );
      if (locale)
        expect(shownAt(res, '2026-12-02T17:33:00Z', 'UTC')).to.equal(
          res.locals.fmt!.short('2026-12-02T17:33:00Z', 'UTC'),
        );
    }
  });

  it('writes every day as formatCalendarDate did, reading only the date', function () {
    for (const locale of [...LOCALES, null]) {
      const res = pageIn(locale);
      for (const day of DAYS)
        expect(shownDay(res, day), `${locale} ${day}`).to.equal(formatCalendarDate(locale ?? 'en', day));
    }
  });

  it('says "not recorded" for no instant', function () {
    expect(shownAt(pageIn('it'), null, 'UTC')).to.equal('non registrato');
    expect(shownAt(pageIn(null), undefined, 'UTC')).to.equal('not recorded');
  });
});
