import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { InstrumentRegistry } from '../../server/services/instrument-registry.js';
import { messageIdOf, SEND_LEASE_MS } from '../../server/services/invitation-service.js';
import { smtpMailer } from '../../server/services/mailer.js';
import { createServices, type Services } from '../../server/services/services.js';
import { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { startSmtp } from '../helpers/smtp-server.js';
import { failCall } from '../helpers/store-faults.js';
import { expectDomainError, SURVEYS_DIR, testServices } from '../helpers/test-services.js';

describe('invitations and reminders by email', function () {
  this.timeout(30_000);
  let dir: string;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let today = '2026-03-01';
  let time = '08:00:00.000';
  const open: SqliteStore[] = [];

  /** Each call is like another server process on the same database file. */
  function process(baseUrl = 'https://coassess.test'): { services: Services; store: SqliteStore } {
    const store = SqliteStore.open(join(dir, 'coassess.db'));
    const services = createServices({
      store,
      instruments: InstrumentRegistry.fromDirectory(SURVEYS_DIR),
      baseUrl,
      now: () => new Date(`${today}T${time}Z`),
    });
    open.push(store);
    return { services, store };
  }

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'coassess-mail-'));
    smtp = await startSmtp();
    today = '2026-03-01';
    time = '08:00:00.000';
    const { services } = process();
    const project = await services.projects.create(
      { slug: 'p4c', name: 'Place4Carers', instrument: 'coassess-core', settings: { reminderDays: 3 } },
      'test',
    );
    await services.waves.add({ project, label: 'Wave 1', opensOn: '2026-03-01', closesOn: '2026-03-21' }, 'test');
    await services.participants.importCsv(
      project,
      'code,group,language,mode,email\nCG-001,caregiver,it,web,anna@example.org\nCG-002,caregiver,en,web,ben@example.org\nCG-003,caregiver,en,paper,\nPR-001,provider,en,web,pia@example.org\n',
      'test',
    );
  });
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
    await smtp.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to send while links would open only on this computer: nothing sent, nothing claimed', async function () {
    const mailer = smtpMailer(smtp.url, 'CoAssess <noreply@coassess.test>');
    const { services, store } = process('http://localhost:3000');
    await expectDomainError(services.invitations.sendDue(mailer), 'BASE_URL_NOT_SET');
    const project = await services.projects.bySlug('p4c');
    await expectDomainError(services.invitations.sendDue(mailer, project), 'BASE_URL_NOT_SET');
    expect(smtp.received).to.deep.equal([]);
    const [wave] = await store.waves.list(project.id);
    expect(await store.sends.list(wave!.id)).to.deep.equal([]);
    // The same file behind a public address then sends every invitation, none lost to the refusal.
    expect((await process().services.invitations.sendDue(mailer)).sent).to.equal(3);
  });

  it('invites once when the wave opens, even with two processes sending at the same time', async function () {
    const mailer = smtpMailer(smtp.url, 'CoAssess <noreply@coassess.test>');
    const [a, b] = [process().services, process().services];
    const reports = await Promise.all([a.invitations.sendDue(mailer), b.invitations.sendDue(mailer)]);
    expect(reports.reduce((n, r) => n + r.sent, 0)).to.equal(3);
    expect(smtp.received.map((m) => m.to[0]).sort()).to.deep.equal([
      'anna@example.org',
      'ben@example.org',
      'pia@example.org',
    ]);
    const anna = smtp.received.find((m) => m.to[0] === 'anna@example.org')!;
    expect(anna.raw).to.include('Subject: Place4Carers: il suo questionario per Wave 1');
    const project = await a.projects.bySlug('p4c');
    const annaToken = (await a.participants.byCode(project, 'CG-001')).token;
    expect(anna.raw.replace(/=\r\n/g, '')).to.include(`https://coassess.test/s/${annaToken}`);
    // A third run the same day sends nothing more.
    expect(await a.invitations.sendDue(mailer)).to.deep.equal({ sent: 0, failed: 0, unaudited: 0 });
    expect(smtp.received).to.have.length(3);
    // Without an address, CG-003 is on the list of whom to contact by other means.
    const due = await a.invitations.due(project);
    expect(due.messages.map((m) => [m.participant.code, m.kind, m.email])).to.deep.equal([
      ['CG-003', 'invitation', null],
    ]);
  });

  it('reminds only those who have not answered, from N days before closing, once', async function () {
    const mailer = smtpMailer(smtp.url, 'noreply@coassess.test');
    const { services, store } = process();
    await services.invitations.sendDue(mailer);
    const project = await services.projects.bySlug('p4c');
    const ben = (await store.participants.getByCode(project.id, 'CG-002'))!;
    const wave = (await store.waves.list(project.id))[0]!;
    await store.responses.submit({
      projectId: project.id,
      participantId: ben.id,
      waveId: wave.id,
      group: 'caregiver',
      answers: { trust_1: 4 },
      source: 'web',
      enteredBy: null,
      at: '2026-03-05T10:00:00Z',
    });
    today = '2026-03-17';
    expect((await services.invitations.sendDue(mailer)).sent).to.equal(0);
    today = '2026-03-18';
    const [x, y] = [process().services, process().services];
    const reports = await Promise.all([x.invitations.sendDue(mailer), y.invitations.sendDue(mailer)]);
    expect(reports.reduce((n, r) => n + r.sent, 0)).to.equal(2);
    const reminders = smtp.received.slice(3);
    expect(reminders.map((m) => m.to[0]).sort()).to.deep.equal(['anna@example.org', 'pia@example.org']);
    expect(reminders.find((m) => m.to[0] === 'pia@example.org')!.raw).to.include(
      'Subject: Reminder: Place4Carers questionnaire closes on 21 March 2026',
    );
    // Anna answers in Italian: her reminder is in Italian, its date written as Italian writes it
    // (the subject is folded across header lines, so the body is where to read it whole).
    const anna = reminders.find((m) => m.to[0] === 'anna@example.org')!.raw;
    expect(anna).to.include('Subject: Promemoria:').and.include('per Wave 1 chiude il 21 marzo 2026.');
    today = '2026-03-19';
    expect((await services.invitations.sendDue(mailer)).sent).to.equal(0);
  });

  it('gives the claim back when the SMTP server cannot be reached, so a later run sends it', async function () {
    const { services } = process();
    await smtp.close();
    const down = await services.invitations.sendDue(smtpMailer('smtp://127.0.0.1:1', 'noreply@coassess.test'));
    expect(down).to.deep.equal({ sent: 0, failed: 3, unaudited: 0 });
    smtp = await startSmtp();
    expect((await services.invitations.sendDue(smtpMailer(smtp.url, 'noreply@coassess.test'))).sent).to.equal(3);
  });

  it('keeps the claim of a message that went out when its audit entry cannot be written, so it never goes twice', async function () {
    const { services, store } = process();
    failCall(store.audit, 'append', new Error('disk full'), 2);
    const mailer = smtpMailer(smtp.url, 'noreply@coassess.test');
    expect(await services.invitations.sendDue(mailer)).to.deep.equal({ sent: 3, failed: 0, unaudited: 1 });
    expect(await services.invitations.sendDue(mailer)).to.deep.equal({ sent: 0, failed: 0, unaudited: 0 });
    expect(smtp.received).to.have.length(3);
    const wave = (await services.waves.list(await services.projects.bySlug('p4c')))[0]!;
    expect((await store.sends.list(wave.id)).map((s) => s.state)).to.deep.equal(['sent', 'sent', 'sent']);
  });

  /** One sender run in a process of its own at `now`; resolves with its report, or with the process to kill. */
  function senderProcess(now: string) {
    const child = spawn(globalThis.process.execPath, ['--import', 'tsx', 'test/helpers/sender-process.ts'], {
      env: { ...globalThis.process.env, DB: join(dir, 'coassess.db'), SMTP_URL: smtp.url, NOW: now },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: string | null; output: string }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal, output })),
    );
    return { child, exited };
  }

  it('delivers exactly once a message whose sender was killed between claim and send: retried once its lease runs out', async function () {
    await smtp.close();
    smtp = await startSmtp({ holdFirst: true });
    const first = senderProcess('2026-03-01T08:00:00.000Z');
    await smtp.held;
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).to.equal('SIGKILL');
    expect(smtp.received).to.have.length(0);

    // The next run within the lease leaves the claimed message alone: it may still be on its way.
    const again = await senderProcess('2026-03-01T08:29:59.999Z').exited;
    expect(JSON.parse(again.output)).to.deep.equal({ sent: 2, failed: 0, unaudited: 0 });
    const lost = ['anna@example.org', 'ben@example.org', 'pia@example.org'].filter(
      (to) => !smtp.received.some((m) => m.to[0] === to),
    );
    expect(lost).to.have.length(1);

    // Once the lease has run out, the next run sends it; and nothing is ever sent twice.
    const after = await senderProcess(new Date(Date.parse('2026-03-01T08:00:00.000Z') + SEND_LEASE_MS).toISOString())
      .exited;
    expect(JSON.parse(after.output)).to.deep.equal({ sent: 1, failed: 0, unaudited: 0 });
    expect(await senderProcess('2026-03-02T08:00:00.000Z').exited.then((r) => JSON.parse(r.output))).to.deep.equal({
      sent: 0,
      failed: 0,
      unaudited: 0,
    });
    expect(smtp.received.map((m) => m.to[0]).sort()).to.deep.equal([
      'anna@example.org',
      'ben@example.org',
      'pia@example.org',
    ]);
  });

  it('gives a message the same Message-ID on every try, so a copy sent again after a fault is recognisably the same', async function () {
    const { services, store } = process();
    const mailer = smtpMailer(smtp.url, 'noreply@coassess.test');
    // Sent, but marking it sent fails twice (disk full): the claim stays, and is retried after its lease.
    failCall(store.sends, 'markSent', new Error('disk full'), 1);
    failCall(store.sends, 'markSent', new Error('disk full'), 1);
    expect(await services.invitations.sendDue(mailer)).to.deep.equal({ sent: 3, failed: 0, unaudited: 1 });
    time = '08:30:00.000';
    expect(await services.invitations.sendDue(mailer)).to.deep.equal({ sent: 1, failed: 0, unaudited: 0 });
    const messageId = (raw: string) => /^Message-ID:\s*(\S+)/im.exec(raw.replace(/\r\n[ \t]+/g, ' '))?.[1];
    const ids = smtp.received.map((m) => [m.to[0]!, messageId(m.raw)] as const);
    const again = ids[3]!;
    expect(ids.slice(0, 3)).to.deep.include(again);
    const project = await services.projects.bySlug('p4c');
    const wave = (await services.waves.list(project))[0]!;
    const byEmail = new Map<string, string>();
    for (const p of await store.participants.list(project.id))
      byEmail.set((await store.participants.getContact(p.id))?.email ?? '', p.id);
    expect(again[1]).to.equal(messageIdOf(byEmail.get(again[0])!, wave.id, 'invitation', 'https://coassess.test'));
    expect(new Set(ids.slice(0, 3).map((i) => i[1])).size).to.equal(3);
  });

  it('sends nothing for withdrawn participants or archived projects', async function () {
    const { services } = process();
    const project = await services.projects.bySlug('p4c');
    await services.participants.withdraw(project, 'CG-001', 'test');
    const mailer = smtpMailer(smtp.url, 'noreply@coassess.test');
    expect((await services.invitations.sendDue(mailer)).sent).to.equal(2);
    expect(smtp.received.map((m) => m.to[0])).to.not.include('anna@example.org');
    await services.participants.importCsv(project, 'code,group,email\nCG-009,caregiver,new@example.org\n', 'test');
    await services.projects.archive(project, 'test');
    expect((await services.invitations.sendDue(mailer)).sent).to.equal(0);
    expect((await services.invitations.due(await services.projects.bySlug('p4c'))).messages).to.deep.equal([]);
  });
});

describe('invitations in the project time zone', function () {
  it('are due from local 00:00 of the opening day, not from midnight UTC', async function () {
    let now = new Date('2026-03-28T22:59:59Z'); // 23:59:59 in Rome, the evening before clocks go forward
    const { services, store } = testServices(() => now);
    try {
      const project = await services.projects.create(
        { slug: 'valle', name: 'Valle', instrument: 'coassess-core', timeZone: 'Europe/Rome' },
        'test',
      );
      await services.waves.add({ project, label: 'Wave 1', opensOn: '2026-03-29', closesOn: '2026-04-18' }, 'test');
      await services.participants.importCsv(project, 'code,group,email\nCG-001,caregiver,anna@example.org\n', 'test');
      expect((await services.invitations.due(project)).messages).to.deep.equal([]);
      now = new Date('2026-03-28T23:00:00Z'); // 00:00:00 on 29 March in Rome
      const due = await services.invitations.due(project);
      expect(due.wave?.label).to.equal('Wave 1');
      expect(due.messages.map((m) => m.kind)).to.deep.equal(['invitation']);
    } finally {
      store.close();
    }
  });
});
