import type { Store as SessionStore } from 'express-session';
import type { AnswerValue, Answers } from '../domain/answers.js';
import type {
  ApiToken,
  AuditEvent,
  CellAction,
  CellActionPatch,
  ConsentTexts,
  InstrumentSnapshot,
  Keying,
  NewApiToken,
  NewAuditEvent,
  NewCellAction,
  NewConsentTexts,
  NewPaperKeying,
  NewParticipant,
  NewProject,
  NewResponse,
  NewStaffUser,
  NewWave,
  PaperKeying,
  PaperKeyingStatus,
  Participant,
  ParticipantContact,
  Project,
  ProjectRole,
  ProjectRoleName,
  ReconcileDecision,
  ResponseRevision,
  ResponseSource,
  ResponseStatus,
  SendClaim,
  SendKind,
  SendRecord,
  StaffSession,
  StaffUser,
  SummaryTexts,
  SurveyResponse,
  Wave,
  WaveSummary,
} from '../domain/records.js';

export interface StoreHealth {
  /** The store answered a read. */
  ok: boolean;
  /** The store committed a one-row write just now: a full disk or a read-only file makes this false. */
  writable: boolean;
  kind: 'sqlite' | 'mongodb';
  /** For the operator (schema version, journal mode, the error): never shown to an anonymous caller. */
  detail: string;
  /** False only on a standalone MongoDB server, where a transaction's writes are applied in turn. */
  atomicTransactions: boolean;
}

interface ResponseWrite {
  projectId: string;
  participantId: string;
  waveId: string;
  group: string;
  answers: Answers;
  source: ResponseSource;
  enteredBy: string | null;
  at: string;
}

/**
 * Changes to a draft's answers: a value sets an answer, null clears it, absent items stay as
 * saved. `section` is the section saved (added to savedSections, even when every answer in it is
 * blank); `consentVersion` is kept when the write opens the draft, and ignored after.
 */
export type DraftWrite = Omit<ResponseWrite, 'answers'> & {
  changes: Record<string, AnswerValue | null>;
  section?: string;
  consentVersion?: number;
};

/** A submission: with answers, they replace what was saved (paper, import); without, the saved draft is submitted as it is. */
export type SubmitWrite = Omit<ResponseWrite, 'answers'> & { answers?: Answers };

/**
 * A staff correction of a submitted response: a value sets an answer, null clears it, absent
 * items stay as they are. Values are checked against the instrument by the service, not here.
 */
export interface ReviseWrite {
  participantId: string;
  waveId: string;
  changes: Record<string, AnswerValue | null>;
  /** The staff user correcting it. */
  by: string;
  reason: string;
  at: string;
}

/**
 * How long a staff session lives without a request: a working day. The cookie itself lasts
 * until the browser closes (ADR 0109); both session stores end a session idle this long.
 */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;

/** Where a participant's link leads: what every participant page starts from. */
export interface ParticipantScope {
  participant: Participant;
  project: Project;
  /** The project's waves in schedule order (listWaves). */
  waves: Wave[];
}

/** A filter over a project's participants and the page of it to read (the participants page). */
export interface ParticipantQuery {
  group?: string;
  status?: Participant['status'];
  /** Part of a code, matched regardless of case; "_" and "%" are plain characters. */
  code?: string;
  offset: number;
  limit: number;
}

export type ParticipantPatch = Partial<Pick<Participant, 'group' | 'language' | 'mode' | 'status' | 'withdrawnOn'>>;
export type WavePatch = Partial<Pick<Wave, 'opensOn' | 'closesOn'>>;
export type ProjectPatch = Partial<
  Pick<Project, 'name' | 'groups' | 'settings' | 'timeZone' | 'archivedAt' | 'instrumentVersion'>
>;
export type UserPatch = Partial<Pick<StaffUser, 'name' | 'passwordHash' | 'isAdmin' | 'disabledAt' | 'language'>>;

export interface UserRepository {
  /** With a role, the account and its role in the project are written together or not at all. */
  create(user: NewStaffUser, role?: { projectId: string; role: ProjectRoleName }): Promise<StaffUser>;
  get(id: string): Promise<StaffUser | null>;
  findByEmail(email: string): Promise<StaffUser | null>;
  count(): Promise<number>;
  list(): Promise<StaffUser[]>;
  update(id: string, patch: UserPatch): Promise<void>;
}

export interface RoleRepository {
  set(userId: string, projectId: string, role: ProjectRoleName): Promise<void>;
  remove(userId: string, projectId: string): Promise<void>;
  list(filter: { userId?: string; projectId?: string }): Promise<ProjectRole[]>;
}

export interface InstrumentSnapshotRepository {
  /** Keeps the first snapshot of an (id, version); saving it again is a no-op. */
  save(snapshot: InstrumentSnapshot): Promise<void>;
  get(instrumentId: string, version: string): Promise<InstrumentSnapshot | null>;
}

export interface ProjectRepository {
  create(project: NewProject): Promise<Project>;
  get(id: string): Promise<Project | null>;
  getBySlug(slug: string): Promise<Project | null>;
  list(): Promise<Project[]>;
  update(id: string, patch: ProjectPatch): Promise<void>;
}

export interface ParticipantRepository {
  /** All or nothing: one duplicate code, token or access code writes none of them. */
  createMany(participants: NewParticipant[]): Promise<Participant[]>;
  get(id: string): Promise<Participant | null>;
  getByToken(token: string): Promise<Participant | null>;
  /** The participant with this link token, their project and its waves, in one read; null if unknown. */
  getScope(token: string): Promise<ParticipantScope | null>;
  getByAccessCode(accessCode: string): Promise<Participant | null>;
  getByCode(projectId: string, code: string): Promise<Participant | null>;
  list(projectId: string): Promise<Participant[]>;
  /**
   * The project's participants whose code equals one of these regardless of case, in code order.
   * For imports, which look up their codes a slice at a time rather than read the whole project.
   */
  findByCodes(projectId: string, codes: readonly string[]): Promise<Participant[]>;
  /** One page of the project's participants matching the query, in code order, and how many match in all. */
  search(projectId: string, query: ParticipantQuery): Promise<{ participants: Participant[]; total: number }>;
  update(id: string, patch: ParticipantPatch): Promise<void>;
  getContact(participantId: string): Promise<ParticipantContact | null>;
  /** Sets the details given and keeps the others; a participant without any gets them, the rest null. */
  setContact(participantId: string, contact: Partial<ParticipantContact>): Promise<void>;
  /**
   * Right to erasure: deletes the participant with their answers (paper keyings included),
   * contact details and send records, all or nothing. Audit events are not touched. PARTICIPANT_NOT_FOUND if unknown.
   */
  erase(id: string): Promise<{ responses: number }>;
}

export interface WaveRepository {
  create(wave: NewWave): Promise<Wave>;
  get(id: string): Promise<Wave | null>;
  /** In schedule order: by opening date, then label. */
  list(projectId: string): Promise<Wave[]>;
  update(id: string, patch: WavePatch): Promise<void>;
}

export interface ResponseRepository {
  get(participantId: string, waveId: string): Promise<SurveyResponse | null>;
  /**
   * Creates a draft or applies changes to its answers, atomically, so two tabs saving different
   * sections at once both keep their answers. ALREADY_SUBMITTED once it is submitted.
   */
  saveDraft(write: DraftWrite): Promise<SurveyResponse>;
  /** Submits exactly once: a second call, even a concurrent one, gets ALREADY_SUBMITTED. */
  submit(write: SubmitWrite): Promise<SurveyResponse>;
  /**
   * Corrects a submitted response: applies the changes, keeps one revision per answer that
   * actually changes (from, to, by, reason, at) and sets revisedAt, all at once. A change to the
   * value an answer already has is no change: neither applied nor recorded, and with none at all
   * the response is returned as it was. NOT_FOUND without a response, RESPONSE_NOT_SUBMITTED for
   * a draft.
   */
  revise(write: ReviseWrite): Promise<SurveyResponse>;
  /** Every revision of a response, oldest first; empty if never corrected. */
  history(participantId: string, waveId: string): Promise<ResponseRevision[]>;
  /** All or nothing: an existing (participant, wave) response gives DUPLICATE and writes none. */
  insertMany(responses: NewResponse[]): Promise<void>;
  /** Streams a project's responses in (wave, participant) batches, never the whole set in memory. */
  iterate(projectId: string, filter?: { status?: ResponseStatus; waveId?: string }): AsyncIterable<SurveyResponse>;
}

export interface PaperKeyingRepository {
  get(participantId: string, waveId: string): Promise<PaperKeying | null>;
  /** A project's double-keyed forms in every state, by wave then participant. */
  list(projectId: string): Promise<PaperKeying[]>;
  /** Records a form's first keying; DUPLICATE if the form has one already. */
  keyFirst(keying: NewPaperKeying): Promise<PaperKeying>;
  /**
   * Records the second keying with the comparison's counts and the status it leads to.
   * NOT_FOUND without a first keying; ALREADY_KEYED_TWICE if a second is there already.
   */
  keySecond(write: SecondKeyingWrite): Promise<PaperKeying>;
  /** Records how the differences were settled and marks the form done; NOT_AWAITING_RECONCILIATION otherwise. */
  reconcile(write: ReconcileWrite): Promise<PaperKeying>;
}

export interface SecondKeyingWrite {
  participantId: string;
  waveId: string;
  second: Keying;
  compared: number;
  agreed: number;
  status: Exclude<PaperKeyingStatus, 'keyed-once'>;
}

export interface ReconcileWrite {
  participantId: string;
  waveId: string;
  by: string;
  at: string;
  decisions: ReconcileDecision[];
}

export interface SendRepository {
  /**
   * Claims the right to send one message until `leaseUntil`: true for the one caller that holds
   * it now, even among concurrent callers. False if it was sent, or is claimed under a lease that
   * has not run out at `at`; a claim whose lease ran out without being marked sent is taken over.
   * Claim, send, then markSent.
   */
  claim(claim: SendClaim): Promise<boolean>;
  /** Records that the claimed message went out: it is never claimed again. */
  markSent(participantId: string, waveId: string, kind: SendKind, at: string): Promise<void>;
  /** Gives a claim back after a failed send, so a later run can try again; a sent record stays. */
  release(participantId: string, waveId: string, kind: SendKind): Promise<void>;
  /** Claimed and sent alike, by claim time. */
  list(waveId: string): Promise<SendRecord[]>;
}

export interface ApiTokenRepository {
  create(token: NewApiToken): Promise<ApiToken>;
  findByHash(tokenHash: string): Promise<ApiToken | null>;
  list(userId: string): Promise<ApiToken[]>;
  /** Deletes only a token of that user; a no-op otherwise. */
  delete(id: string, userId: string): Promise<void>;
  /** Deletes every token of the user; how many there were. */
  deleteAll(userId: string): Promise<number>;
}

/**
 * The staff sessions that createSessionStore() keeps, seen per account (ADR 0065): what an
 * administrator lists and ends, and what a password change or a disabled account ends. A
 * session ended here is refused at its next request.
 */
export interface StaffSessionRepository {
  /** The user's unexpired sessions, most recently used first. */
  list(userId: string): Promise<StaffSession[]>;
  /** Ends one session of that user; false if it had none by that id (a no-op). */
  end(userId: string, sid: string): Promise<boolean>;
  /** Ends every session of the user; how many there were. */
  endAll(userId: string): Promise<number>;
}

/** A key's count in its current window, and when that window ends (ms since the epoch). */
export interface RateLimitCount {
  hits: number;
  resetAt: number;
}

/**
 * Rate-limit counters kept in the store, so every app process and every restart counts the same
 * hits (ADR 0076). Each operation is one atomic write: concurrent hits from several processes all count.
 */
export interface RateLimitRepository {
  /**
   * Counts one hit on `key` at `now` (ms): in its current window, or in a new one of `windowMs`
   * when it has none or its window has ended. Returns the count after this hit.
   */
  hit(key: string, windowMs: number, now: number): Promise<RateLimitCount>;
  /** The count of a window not yet ended at `now`; null otherwise. */
  get(key: string, now: number): Promise<RateLimitCount | null>;
  /** Takes back one hit of a window not yet ended at `now`; never below zero. */
  unhit(key: string, now: number): Promise<void>;
  /** Forgets the key's count. */
  reset(key: string): Promise<void>;
}

/** Actions agreed against cells of a project's analysis (issue 19). */
export interface ActionRepository {
  /** NOT_FOUND when the project or the wave does not exist. */
  create(action: NewCellAction): Promise<CellAction>;
  get(id: string): Promise<CellAction | null>;
  /** The project's actions, oldest first (by when they were recorded, then id). */
  list(projectId: string): Promise<CellAction[]>;
  /** Replaces what a lead may change and sets updatedAt to `at`; NOT_FOUND if unknown. */
  update(id: string, patch: CellActionPatch, at: string): Promise<CellAction>;
}

/** A lead's texts for a wave's summary, as a draft or to publish. */
export interface SummaryWrite {
  projectId: string;
  waveId: string;
  texts: SummaryTexts;
  by: string;
  at: string;
}

/** "You said, we did": one summary per wave, a draft and what is published (ADR 0107). */
export interface WaveSummaryRepository {
  get(waveId: string): Promise<WaveSummary | null>;
  /** A project's summaries, in the waves' schedule order. */
  list(projectId: string): Promise<WaveSummary[]>;
  /** Creates the summary or replaces its draft; what is published stays. NOT_FOUND for an unknown wave. */
  saveDraft(write: SummaryWrite): Promise<WaveSummary>;
  /**
   * Makes these texts the draft and publishes them, at once, as the next version (publications
   * + 1, counting earlier publications that were withdrawn). NOT_FOUND for an unknown wave.
   */
  publish(write: SummaryWrite): Promise<WaveSummary>;
  /** Withdraws what is published, keeping the draft. NOT_PUBLISHED unless something is published. */
  unpublish(waveId: string): Promise<WaveSummary>;
}

export interface ConsentTextRepository {
  /** Saves the texts as the project's next version (1 for the first) and returns them with it. */
  save(texts: NewConsentTexts): Promise<ConsentTexts>;
  /** The newest version, or null if the project has saved none. */
  latest(projectId: string): Promise<ConsentTexts | null>;
  get(projectId: string, version: number): Promise<ConsentTexts | null>;
}

export interface AuditRepository {
  append(event: NewAuditEvent): Promise<AuditEvent>;
  /** Newest first. */
  list(filter: { projectId?: string; limit?: number }): Promise<AuditEvent[]>;
}

/** Every aggregate's repository: what a transaction hands its function. */
export interface Repositories {
  readonly users: UserRepository;
  readonly roles: RoleRepository;
  readonly instruments: InstrumentSnapshotRepository;
  readonly projects: ProjectRepository;
  readonly participants: ParticipantRepository;
  readonly waves: WaveRepository;
  readonly responses: ResponseRepository;
  readonly paperKeyings: PaperKeyingRepository;
  readonly sends: SendRepository;
  readonly apiTokens: ApiTokenRepository;
  readonly sessions: StaffSessionRepository;
  readonly rateLimits: RateLimitRepository;
  readonly actions: ActionRepository;
  readonly waveSummaries: WaveSummaryRepository;
  readonly consentTexts: ConsentTextRepository;
  readonly audit: AuditRepository;
}

/**
 * The one storage port: a repository per aggregate, and transactions across them. Adapters
 * (SQLite, MongoDB) must pass test/store/store-contract.ts. Failures the caller can act on are
 * DomainErrors: DUPLICATE for a broken uniqueness rule, ALREADY_SUBMITTED for a second
 * submission, *_NOT_FOUND for a missing parent. See docs/decisions/0001-store-port.md,
 * 0008-one-transaction-per-change.md and 0009-per-aggregate-repositories.md.
 */
export interface Store extends Repositories {
  readonly kind: 'sqlite' | 'mongodb';
  health(): Promise<StoreHealth>;
  close(): Promise<void>;

  /**
   * Runs fn so that every write it makes through `tx` commits together or not at all: if fn
   * throws, nothing it wrote is kept and the error is rethrown. Called inside a transaction, it
   * joins that transaction. SQLite: one IMMEDIATE transaction, other work on the connection
   * waiting until it ends. MongoDB: a session transaction on a replica set; a standalone server
   * has none, so there the writes are applied in turn (see ADR 0008).
   */
  transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T>;

  /** An express-session store keeping staff sessions in this same database. */
  createSessionStore(): SessionStore;
}
