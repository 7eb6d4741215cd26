import { expect } from 'chai';
import mongoose from 'mongoose';
import { buildModels, CODE_CASE_INSENSITIVE } from '../../../server/store/mongo/schemas.js';

// No MongoDB server runs here; validate() exercises the schemas without one.
describe('Mongoose schemas (offline validation)', function () {
  const models = buildModels(mongoose.createConnection());
  const now = new Date().toISOString();
  const errorsOf = (doc: { validate(): Promise<void> }): Promise<string[]> =>
    doc.validate().then(
      () => [],
      (error: mongoose.Error.ValidationError) => Object.keys(error.errors),
    );

  const participant = {
    _id: 'p1',
    projectId: 'x',
    code: 'CG-1',
    group: 'caregiver',
    language: 'en',
    mode: 'web',
    token: 'a'.repeat(43),
    accessCode: 'K7M29QXP',
    status: 'active',
    enrolledOn: '2026-02-01',
    createdAt: now,
  };
  const wave = {
    _id: 'w1',
    projectId: 'x',
    label: 'Wave 1',
    opensOn: '2026-03-01',
    closesOn: '2026-03-21',
    instrumentVersion: '1',
    createdAt: now,
  };
  const response = {
    _id: 'r1',
    projectId: 'x',
    participantId: 'p1',
    waveId: 'w1',
    group: 'caregiver',
    answers: { trust_1: 4 },
    status: 'draft',
    source: 'web',
    startedAt: now,
    updatedAt: now,
  };

  it('accepts valid documents', async function () {
    expect(await errorsOf(new models.Participant(participant))).to.deep.equal([]);
    expect(await errorsOf(new models.Wave(wave))).to.deep.equal([]);
    expect(await errorsOf(new models.Response(response))).to.deep.equal([]);
    expect(
      await errorsOf(
        new models.Project({
          _id: 'x',
          slug: 'p4c',
          name: 'P',
          instrumentId: 'i',
          instrumentVersion: '1',
          groups: [{ id: 'caregiver', label: { en: 'C' } }],
          createdAt: now,
        }),
      ),
    ).to.deep.equal([]);
  });
  it('keeps an action with empty meeting and note, and rejects an unknown status or a date that is not YYYY-MM-DD', async function () {
    const action = {
      _id: 'a1',
      projectId: 'x',
      waveId: 'w1',
      group: 'caregiver',
      dimension: 'trust',
      what: 'Meet monthly',
      owner: 'Coordinator',
      dueOn: '2026-06-30',
      meetingOn: '2026-04-10',
      meeting: '',
      status: 'open',
      statusNote: '',
      createdBy: 'u1',
      createdAt: now,
      updatedAt: now,
    };
    expect(await errorsOf(new models.CellAction(action))).to.deep.equal([]);
    expect(
      await errorsOf(new models.CellAction({ ...action, status: 'paused', dueOn: '30/06/2026', what: undefined })),
    ).to.have.members(['status', 'dueOn', 'what']);
  });
  it('keeps a name and a postal address of several lines with the contact details, each null when not given', async function () {
    const address = 'Località Pian di Borno 3\n25040 Esine BS';
    const contact = new models.ParticipantContact({ _id: 'p1', name: "Maria D'Angelo", address });
    expect(await errorsOf(contact)).to.deep.equal([]);
    expect(contact.toObject()).to.deep.equal({ _id: 'p1', email: null, name: "Maria D'Angelo", address });
    expect(new models.ParticipantContact({ _id: 'p2', email: 'luca@example.org' }).toObject()).to.deep.equal({
      _id: 'p2',
      email: 'luca@example.org',
      name: null,
      address: null,
    });
  });
  it('rejects a participant mode, status or access code outside the rules', async function () {
    expect(
      await errorsOf(new models.Participant({ ...participant, mode: 'fax', status: 'gone', accessCode: 'SHORT' })),
    ).to.have.members(['mode', 'status', 'accessCode']);
  });
  it('rejects enrolment and withdrawal days that are not YYYY-MM-DD, and a participant without an enrolment day', async function () {
    expect(
      await errorsOf(new models.Participant({ ...participant, status: 'withdrawn', withdrawnOn: '2026-04-02' })),
    ).to.deep.equal([]);
    expect(
      await errorsOf(
        new models.Participant({ ...participant, enrolledOn: '1 Feb 2026', withdrawnOn: '2026-04-02T10:00:00Z' }),
      ),
    ).to.have.members(['enrolledOn', 'withdrawnOn']);
    expect(await errorsOf(new models.Participant({ ...participant, enrolledOn: undefined }))).to.deep.equal([
      'enrolledOn',
    ]);
  });
  it('rejects a wave that closes before it opens, or a date that is not a date', async function () {
    expect(await errorsOf(new models.Wave({ ...wave, closesOn: '2026-02-01' }))).to.deep.equal(['closesOn']);
    expect(await errorsOf(new models.Wave({ ...wave, opensOn: '1 March' }))).to.include('opensOn');
  });
  it('rejects a response status or source outside the rules, and missing links', async function () {
    expect(
      await errorsOf(new models.Response({ ...response, status: 'final', source: 'fax', waveId: undefined })),
    ).to.have.members(['status', 'source', 'waveId']);
  });
  it('keeps the revisions of a corrected response, each with who, why and when', async function () {
    const revision = { itemId: 'trust_1', from: 4, to: null, by: 'u1', reason: 'Misread', at: now };
    const revised = new models.Response({ ...response, status: 'submitted', revisedAt: now, revisions: [revision] });
    expect(await errorsOf(revised)).to.deep.equal([]);
    expect(revised.toObject().revisions).to.deep.equal([revision]);
    expect(new models.Response(response).toObject()).to.include({ revisedAt: null }).and.not.have.property('revisions');
    expect(
      await errorsOf(
        new models.Response({ ...response, revisions: [{ ...revision, reason: undefined, at: 'today' }] }),
      ),
    ).to.have.members(['revisions.0.reason', 'revisions.0.at']);
  });
  it('rejects a project without groups or with a bad slug, and a role outside the list', async function () {
    expect(
      await errorsOf(
        new models.Project({
          _id: 'x',
          slug: 'Bad Slug',
          name: 'P',
          instrumentId: 'i',
          instrumentVersion: '1',
          groups: [],
          createdAt: now,
        }),
      ),
    ).to.have.members(['slug', 'groups']);
    expect(await errorsOf(new models.ProjectRole({ userId: 'u', projectId: 'x', role: 'owner' }))).to.deep.equal([
      'role',
    ]);
  });
  it('declares the uniqueness rules as unique indexes', function () {
    const unique = (model: mongoose.Model<never>) =>
      model.schema
        .indexes()
        .filter(([, o]) => o?.unique)
        .map(([k]) => Object.keys(k).join('+'));
    expect(unique(models.Participant as never)).to.have.members(['projectId+code', 'token', 'accessCode']);
    expect(unique(models.Wave as never)).to.deep.equal(['projectId+label']);
    expect(unique(models.Response as never)).to.deep.equal(['participantId+waveId']);
    expect(unique(models.Project as never)).to.deep.equal(['slug']);
    expect(unique(models.StaffUser as never)).to.deep.equal(['emailKey']);
  });
  it("indexes participants' codes under the collation findByCodes queries with, so its lookups use it", function () {
    const collated = models.Participant.schema
      .indexes()
      .filter(([, o]) => o?.collation)
      .map(([k, o]) => [Object.keys(k).join('+'), o?.collation, o?.unique]);
    expect(collated).to.deep.equal([['projectId+code', CODE_CASE_INSENSITIVE, undefined]]);
  });
  it('accepts a wave summary as SQLite keeps it, and rejects a version below 1 or a summary without its draft', async function () {
    const summary = {
      _id: 'w1',
      projectId: 'x',
      draft: { it: { heard: 'Abbiamo sentito', doing: 'Stiamo facendo' } },
      draftAt: now,
      draftBy: 'u1',
      published: {
        texts: { it: { heard: 'Abbiamo sentito', doing: 'Stiamo facendo' } },
        version: 1,
        at: now,
        by: 'u1',
      },
      publications: 1,
    };
    expect(await errorsOf(new models.WaveSummary(summary))).to.deep.equal([]);
    expect(await errorsOf(new models.WaveSummary({ ...summary, published: null }))).to.deep.equal([]);
    // A draft saved with nothing written is an empty object, as SQLite keeps '{}'.
    expect(await errorsOf(new models.WaveSummary({ ...summary, draft: {} }))).to.deep.equal([]);
    expect(
      await errorsOf(new models.WaveSummary({ ...summary, published: { ...summary.published, version: 0 } })),
    ).to.deep.equal(['published.version']);
    expect(
      await errorsOf(new models.WaveSummary({ ...summary, draft: undefined, draftAt: 'yesterday' })),
    ).to.have.members(['draft', 'draftAt']);
  });
});
