import type { Store as SessionStore } from 'express-session';
import type { AnswerValue, Answers } from '../domain/answers.js';
import type {
  ApiToken,
  AuditEvent,
  InstrumentSnapshot,
  NewApiToken,
  NewAuditEvent,
  NewParticipant,
  NewProject,
  NewResponse,
  NewStaffUser,
  NewWave,
  Participant,
  ParticipantContact,
  Project,
  ProjectRole,
  ProjectRoleName,
  ResponseSource,
  ResponseStatus,
  SendKind,
  SendRecord,
  StaffUser,
  SurveyResponse,
  Wave,
} from '../domain/records.js';

export interface StoreHealth {
  ok: boolean;
  kind: 'sqlite' | 'mongodb';
  detail: string;
}

export interface ResponseWrite {
  projectId: string;
  participantId: string;
  waveId: string;
  group: string;
  answers: Answers;
  source: ResponseSource;
  enteredBy: string | null;
  at: string;
}

/** Changes to a draft's answers: a value sets an answer, null clears it, absent items stay as saved. */
export type DraftWrite = Omit<ResponseWrite, 'answers'> & { changes: Record<string, AnswerValue | null> };

/** A submission: with answers, they replace what was saved (paper, import); without, the saved draft is submitted as it is. */
export type SubmitWrite = Omit<ResponseWrite, 'answers'> & { answers?: Answers };

/** Where a participant's link leads: what every participant page starts from. */
export interface ParticipantScope {
  participant: Participant;
  project: Project;
  /** The project's waves in schedule order (listWaves). */
  waves: Wave[];
}

export type ParticipantPatch = Partial<Pick<Participant, 'group' | 'language' | 'mode' | 'status' | 'withdrawnOn'>>;
export type WavePatch = Partial<Pick<Wave, 'opensOn' | 'closesOn'>>;
export type ProjectPatch = Partial<Pick<Project, 'name' | 'groups' | 'settings' | 'archivedAt' | 'instrumentVersion'>>;
export type UserPatch = Partial<Pick<StaffUser, 'name' | 'passwordHash' | 'isAdmin'>>;

/**
 * The one storage port. Adapters (SQLite, MongoDB) must pass test/store/store-contract.ts.
 * Failures the caller can act on are DomainErrors: DUPLICATE for a broken uniqueness rule,
 * ALREADY_SUBMITTED for a second submission, *_NOT_FOUND for a missing parent.
 * See docs/decisions/0001-store-port.md.
 */
export interface Store {
  readonly kind: 'sqlite' | 'mongodb';
  health(): Promise<StoreHealth>;
  close(): Promise<void>;

  /** With a role, the account and its role in the project are written together or not at all. */
  createUser(user: NewStaffUser, role?: { projectId: string; role: ProjectRoleName }): Promise<StaffUser>;
  getUser(id: string): Promise<StaffUser | null>;
  findUserByEmail(email: string): Promise<StaffUser | null>;
  countUsers(): Promise<number>;
  listUsers(): Promise<StaffUser[]>;
  updateUser(id: string, patch: UserPatch): Promise<void>;
  setProjectRole(userId: string, projectId: string, role: ProjectRoleName): Promise<void>;
  removeProjectRole(userId: string, projectId: string): Promise<void>;
  listProjectRoles(filter: { userId?: string; projectId?: string }): Promise<ProjectRole[]>;

  /** Keeps the first snapshot of an (id, version); saving it again is a no-op. */
  saveInstrumentSnapshot(snapshot: InstrumentSnapshot): Promise<void>;
  getInstrumentSnapshot(instrumentId: string, version: string): Promise<InstrumentSnapshot | null>;

  createProject(project: NewProject): Promise<Project>;
  getProject(id: string): Promise<Project | null>;
  getProjectBySlug(slug: string): Promise<Project | null>;
  listProjects(): Promise<Project[]>;
  updateProject(id: string, patch: ProjectPatch): Promise<void>;

  /** All or nothing: one duplicate code, token or access code writes none of them. */
  createParticipants(participants: NewParticipant[]): Promise<Participant[]>;
  getParticipant(id: string): Promise<Participant | null>;
  getParticipantByToken(token: string): Promise<Participant | null>;
  /** The participant with this link token, their project and its waves, in one read; null if unknown. */
  getParticipantScope(token: string): Promise<ParticipantScope | null>;
  getParticipantByAccessCode(accessCode: string): Promise<Participant | null>;
  getParticipantByCode(projectId: string, code: string): Promise<Participant | null>;
  listParticipants(projectId: string): Promise<Participant[]>;
  updateParticipant(id: string, patch: ParticipantPatch): Promise<void>;
  getContact(participantId: string): Promise<ParticipantContact | null>;
  setContact(participantId: string, contact: ParticipantContact): Promise<void>;
  /**
   * Right to erasure: deletes the participant with their answers, contact details and send
   * records, all or nothing. Audit events are not touched. PARTICIPANT_NOT_FOUND if unknown.
   */
  eraseParticipant(id: string): Promise<{ responses: number }>;

  createWave(wave: NewWave): Promise<Wave>;
  getWave(id: string): Promise<Wave | null>;
  /** In schedule order: by opening date, then label. */
  listWaves(projectId: string): Promise<Wave[]>;
  updateWave(id: string, patch: WavePatch): Promise<void>;

  getResponse(participantId: string, waveId: string): Promise<SurveyResponse | null>;
  /**
   * Creates a draft or applies changes to its answers, atomically, so two tabs saving different
   * sections at once both keep their answers. ALREADY_SUBMITTED once it is submitted.
   */
  saveDraft(write: DraftWrite): Promise<SurveyResponse>;
  /** Submits exactly once: a second call, even a concurrent one, gets ALREADY_SUBMITTED. */
  submitResponse(write: SubmitWrite): Promise<SurveyResponse>;
  /** All or nothing: an existing (participant, wave) response gives DUPLICATE and writes none. */
  insertResponses(responses: NewResponse[]): Promise<void>;
  /** Streams a project's responses in (wave, participant) batches, never the whole set in memory. */
  iterateResponses(projectId: string, filter?: { status?: ResponseStatus; waveId?: string }): AsyncIterable<SurveyResponse>;

  /**
   * Claims the right to send one message: true for the one caller that recorded it, false if
   * it was already recorded (by this or another process). Claim first, then send.
   */
  claimSend(send: SendRecord): Promise<boolean>;
  /** Gives a claim back after a failed send, so a later run can try again. */
  releaseSend(participantId: string, waveId: string, kind: SendKind): Promise<void>;
  listSends(waveId: string): Promise<SendRecord[]>;

  createApiToken(token: NewApiToken): Promise<ApiToken>;
  findApiTokenByHash(tokenHash: string): Promise<ApiToken | null>;
  listApiTokens(userId: string): Promise<ApiToken[]>;
  /** Deletes only a token of that user; a no-op otherwise. */
  deleteApiToken(id: string, userId: string): Promise<void>;

  /** An express-session store keeping staff sessions in this same database. */
  createSessionStore(): SessionStore;

  appendAudit(event: NewAuditEvent): Promise<AuditEvent>;
  /** Newest first. */
  listAudit(filter: { projectId?: string; limit?: number }): Promise<AuditEvent[]>;
}
