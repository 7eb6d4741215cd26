import { Schema, type Connection } from 'mongoose';
import { LOCALES } from '../../i18n/catalogue.js';

/**
 * Mongoose schemas carry the same constraints as the SQLite schema: enums as validators,
 * uniqueness rules as unique indexes. Ids are strings so both adapters hand out the same shape.
 */
const id = { type: String, required: true };
const isoDate = { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}T/ };
const calendarDate = { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ };

const staffUserSchema = new Schema(
  {
    _id: id,
    email: { type: String, required: true, trim: true },
    // Lower-cased copy so the unique index ignores case, as SQLite's COLLATE NOCASE does.
    emailKey: { type: String, required: true },
    name: { type: String, required: true },
    passwordHash: { type: String, required: true },
    isAdmin: { type: Boolean, required: true, default: false },
    createdAt: isoDate,
    disabledAt: { type: String, default: null, match: /^\d{4}-\d{2}-\d{2}T/ },
    language: { type: String, default: null, enum: [...LOCALES, null] },
  },
  { versionKey: false },
);
staffUserSchema.index({ emailKey: 1 }, { unique: true });

const projectRoleSchema = new Schema(
  {
    userId: id,
    projectId: id,
    role: { type: String, required: true, enum: ['lead', 'evaluator', 'data-entry'] },
  },
  { versionKey: false },
);
projectRoleSchema.index({ userId: 1, projectId: 1 }, { unique: true });

const instrumentSnapshotSchema = new Schema(
  {
    instrumentId: id,
    version: id,
    fingerprint: { type: String, required: true },
    json: { type: String, required: true },
    savedAt: isoDate,
  },
  { versionKey: false },
);
instrumentSnapshotSchema.index({ instrumentId: 1, version: 1 }, { unique: true });

const groupSchema = new Schema({ id, label: { type: Schema.Types.Mixed, required: true } }, { _id: false });

const projectSchema = new Schema(
  {
    _id: id,
    slug: { type: String, required: true, match: /^[a-z0-9][a-z0-9-]*$/ },
    name: { type: String, required: true },
    instrumentId: id,
    instrumentVersion: id,
    groups: { type: [groupSchema], validate: (v: unknown[]) => v.length > 0 },
    settings: { type: Schema.Types.Mixed, default: {} },
    timeZone: { type: String, default: null },
    archivedAt: { type: String, default: null },
    createdAt: isoDate,
  },
  { versionKey: false, minimize: false },
);
projectSchema.index({ slug: 1 }, { unique: true });

const participantSchema = new Schema(
  {
    _id: id,
    projectId: id,
    code: { type: String, required: true },
    group: { type: String, required: true },
    language: { type: String, required: true },
    mode: { type: String, required: true, enum: ['web', 'paper'] },
    token: { type: String, required: true, minlength: 22 },
    accessCode: { type: String, required: true, minlength: 8, maxlength: 8 },
    status: { type: String, required: true, enum: ['active', 'withdrawn'] },
    // Documents written before these two were kept lack them; MongoStore reads them with defaults.
    enrolledOn: calendarDate,
    withdrawnOn: { type: String, default: null, match: calendarDate.match },
    createdAt: isoDate,
  },
  { versionKey: false },
);
participantSchema.index({ projectId: 1, code: 1 }, { unique: true });
/** What findByCodes looks codes up in, regardless of case: a query uses an index only of its own collation. */
export const CODE_CASE_INSENSITIVE = { locale: 'en', strength: 2 } as const;
participantSchema.index(
  { projectId: 1, code: 1 },
  { name: 'participants_by_code_nocase', collation: CODE_CASE_INSENSITIVE },
);
participantSchema.index({ token: 1 }, { unique: true });
participantSchema.index({ accessCode: 1 }, { unique: true });

/** Contact details live in their own collection, apart from answers and from exports. */
const participantContactSchema = new Schema(
  {
    _id: id,
    email: { type: String, default: null },
    // For letters only (ADR 0115).
    name: { type: String, default: null },
    address: { type: String, default: null },
  },
  { versionKey: false },
);

const waveSchema = new Schema(
  {
    _id: id,
    projectId: id,
    label: { type: String, required: true },
    opensOn: calendarDate,
    closesOn: {
      ...calendarDate,
      validate: {
        validator(this: { opensOn?: string }, value: string) {
          return this.opensOn === undefined || value >= this.opensOn;
        },
        message: 'closesOn must not be before opensOn',
      },
    },
    instrumentVersion: id,
    createdAt: isoDate,
  },
  { versionKey: false },
);
waveSchema.index({ projectId: 1, label: 1 }, { unique: true });
waveSchema.index({ projectId: 1, opensOn: 1 });

/** One answer changed by a staff correction; the answers are JSON values, null when unanswered. */
const responseRevisionSchema = new Schema(
  {
    itemId: { type: String, required: true },
    from: { type: Schema.Types.Mixed, default: null },
    to: { type: Schema.Types.Mixed, default: null },
    by: { type: String, required: true },
    reason: { type: String, required: true },
    at: isoDate,
  },
  { _id: false, versionKey: false, minimize: false },
);

const responseSchema = new Schema(
  {
    _id: id,
    projectId: id,
    participantId: id,
    waveId: id,
    group: { type: String, required: true },
    answers: { type: Schema.Types.Mixed, required: true, default: {} },
    status: { type: String, required: true, enum: ['draft', 'submitted'] },
    source: { type: String, required: true, enum: ['web', 'paper', 'import'] },
    startedAt: isoDate,
    submittedAt: { type: String, default: null },
    updatedAt: isoDate,
    enteredBy: { type: String, default: null },
    // Absent on responses written before corrections were kept: read as null.
    revisedAt: { type: String, default: null },
    // Every staff correction, oldest first; kept in the response so it changes in the same write.
    revisions: { type: [responseRevisionSchema], default: undefined },
    // Absent on responses written before issue 17: read as [] and null.
    savedSections: { type: [String], default: [] },
    consentVersion: { type: Number, default: null, min: 0 },
  },
  { versionKey: false, minimize: false },
);
responseSchema.index({ participantId: 1, waveId: 1 }, { unique: true });
responseSchema.index({ projectId: 1, waveId: 1, participantId: 1 });

/** One keying of a paper form: the answers as that account keyed them. */
const keyingSchema = new Schema(
  {
    answers: { type: Schema.Types.Mixed, required: true, default: {} },
    by: { type: String, required: true },
    at: isoDate,
  },
  { _id: false, versionKey: false, minimize: false },
);

const reconcileDecisionSchema = new Schema(
  {
    itemId: { type: String, required: true },
    first: { type: Schema.Types.Mixed, default: null },
    second: { type: Schema.Types.Mixed, default: null },
    chosen: { type: Schema.Types.Mixed, default: null },
    source: { type: String, required: true, enum: ['first', 'second', 'paper'] },
  },
  { _id: false, versionKey: false, minimize: false },
);

/** Double data entry of one paper form; the unique (participant, wave) index allows one first keying. */
const paperKeyingSchema = new Schema(
  {
    projectId: id,
    participantId: id,
    waveId: id,
    group: { type: String, required: true },
    first: { type: keyingSchema, required: true },
    second: { type: keyingSchema, default: null },
    compared: { type: Number, required: true, default: 0 },
    agreed: { type: Number, required: true, default: 0 },
    status: { type: String, required: true, enum: ['keyed-once', 'awaiting-reconciliation', 'done'] },
    reconciledBy: { type: String, default: null },
    reconciledAt: { type: String, default: null },
    decisions: { type: [reconcileDecisionSchema], default: [] },
  },
  { versionKey: false, minimize: false },
);
paperKeyingSchema.index({ participantId: 1, waveId: 1 }, { unique: true });
paperKeyingSchema.index({ projectId: 1, waveId: 1 });

const auditEventSchema = new Schema(
  {
    _id: id,
    seq: { type: Number, required: true },
    at: isoDate,
    actor: { type: String, required: true },
    projectId: { type: String, default: null },
    action: { type: String, required: true },
    target: { type: String, default: null },
    details: { type: Schema.Types.Mixed, default: {} },
  },
  { versionKey: false, minimize: false },
);
auditEventSchema.index({ projectId: 1, seq: -1 });

/**
 * One message per (participant, wave, kind): the unique index is what stops a second send.
 * Documents from before claims had a state and a lease have neither and are read as sent (ADR 0075).
 */
const sendSchema = new Schema(
  {
    participantId: id,
    waveId: id,
    kind: { type: String, required: true, enum: ['invitation', 'reminder'] },
    at: isoDate,
    state: { type: String, required: true, enum: ['claimed', 'sent'] },
    leaseUntil: isoDate,
    sentAt: { type: String, default: null },
  },
  { versionKey: false },
);
sendSchema.index({ participantId: 1, waveId: 1, kind: 1 }, { unique: true });
sendSchema.index({ waveId: 1 });

const apiTokenSchema = new Schema(
  {
    _id: id,
    userId: id,
    label: { type: String, required: true },
    tokenHash: { type: String, required: true },
    createdAt: isoDate,
  },
  { versionKey: false },
);
apiTokenSchema.index({ tokenHash: 1 }, { unique: true });
apiTokenSchema.index({ userId: 1 });

/**
 * Rate-limit counters shared by every app server (ADR 0076). The TTL index lets MongoDB delete
 * a counter once its window has ended (its background task runs about once a minute; reads
 * ignore ended windows meanwhile).
 */
const rateLimitSchema = new Schema(
  {
    _id: { type: String, required: true },
    hits: { type: Number, required: true },
    resetAt: { type: Date, required: true },
  },
  { versionKey: false },
);
rateLimitSchema.index({ resetAt: 1 }, { expireAfterSeconds: 0 });

/** An action agreed against a cell of the analysis; the same checks as SQLite's cell_actions. */
const cellActionSchema = new Schema(
  {
    _id: id,
    projectId: id,
    waveId: id,
    group: { type: String, required: true },
    dimension: { type: String, required: true },
    what: { type: String, required: true },
    owner: { type: String, required: true },
    dueOn: calendarDate,
    meetingOn: calendarDate,
    // Empty strings are kept: `required` would refuse them, so these only insist on a string.
    meeting: { type: String, default: '' },
    status: { type: String, required: true, enum: ['open', 'done', 'dropped'] },
    statusNote: { type: String, default: '' },
    createdBy: { type: String, required: true },
    createdAt: isoDate,
    updatedAt: isoDate,
  },
  { versionKey: false },
);
cellActionSchema.index({ projectId: 1, createdAt: 1, _id: 1 });

/** A published summary: its texts per language, version, when and by whom (ADR 0107). */
const publishedSummarySchema = new Schema(
  {
    texts: { type: Schema.Types.Mixed, required: true },
    version: { type: Number, required: true, min: 1 },
    at: isoDate,
    by: { type: String, required: true },
  },
  { _id: false, minimize: false },
);

/** "You said, we did": one document per wave, keyed by the wave's id as SQLite keys its row. */
const waveSummarySchema = new Schema(
  {
    _id: id,
    projectId: id,
    draft: { type: Schema.Types.Mixed, required: true },
    draftAt: isoDate,
    draftBy: { type: String, required: true },
    published: { type: publishedSummarySchema, default: null },
    publications: { type: Number, required: true, default: 0, min: 0 },
  },
  { versionKey: false, minimize: false },
);
waveSummarySchema.index({ projectId: 1 });

/** One saved version of a project's consent texts, never rewritten; texts by language. */
const consentTextsSchema = new Schema(
  {
    projectId: id,
    version: { type: Number, required: true, min: 1 },
    texts: { type: Schema.Types.Mixed, required: true },
    savedBy: { type: String, required: true },
    savedAt: isoDate,
  },
  { versionKey: false, minimize: false },
);
// Two leads saving at once cannot take the same number: the second insert collides and retries.
consentTextsSchema.index({ projectId: 1, version: 1 }, { unique: true });

/** Models bound to one connection; an unopened connection is enough for validate(). */
export function buildModels(connection: Connection) {
  return {
    StaffUser: connection.model('StaffUser', staffUserSchema, 'staff_users'),
    ProjectRole: connection.model('ProjectRole', projectRoleSchema, 'project_roles'),
    InstrumentSnapshot: connection.model('InstrumentSnapshot', instrumentSnapshotSchema, 'instrument_snapshots'),
    Project: connection.model('Project', projectSchema, 'projects'),
    Participant: connection.model('Participant', participantSchema, 'participants'),
    ParticipantContact: connection.model('ParticipantContact', participantContactSchema, 'participant_contacts'),
    Wave: connection.model('Wave', waveSchema, 'waves'),
    Response: connection.model('Response', responseSchema, 'responses'),
    PaperKeying: connection.model('PaperKeying', paperKeyingSchema, 'paper_keyings'),
    AuditEvent: connection.model('AuditEvent', auditEventSchema, 'audit_events'),
    Send: connection.model('Send', sendSchema, 'sends'),
    ApiToken: connection.model('ApiToken', apiTokenSchema, 'api_tokens'),
    RateLimit: connection.model('RateLimit', rateLimitSchema, 'rate_limits'),
    CellAction: connection.model('CellAction', cellActionSchema, 'cell_actions'),
    WaveSummary: connection.model('WaveSummary', waveSummarySchema, 'wave_summaries'),
    ConsentTexts: connection.model('ConsentTexts', consentTextsSchema, 'consent_texts'),
  };
}

export type Models = ReturnType<typeof buildModels>;
