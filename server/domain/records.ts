import type { AnswerValue, Answers } from './answers.js';
import type { LocalizedText } from './instrument.js';
import type { Locale } from '../i18n/catalogue.js';

/** Records as the store port hands them out. Ids are opaque strings in every adapter. */

export type ProjectRoleName = 'lead' | 'evaluator' | 'data-entry';
export const PROJECT_ROLES: readonly ProjectRoleName[] = ['lead', 'evaluator', 'data-entry'];

export interface StaffUser {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  isAdmin: boolean;
  createdAt: string;
  /** When an administrator disabled the account; null while it may sign in. */
  disabledAt: string | null;
  /** The language the account chose for staff pages; null follows the browser's (ADR 0083). */
  language: Locale | null;
}
export type NewStaffUser = Omit<StaffUser, 'id' | 'createdAt' | 'disabledAt' | 'language'>;

export interface ProjectRole {
  userId: string;
  projectId: string;
  role: ProjectRoleName;
}

export interface StakeholderGroup {
  id: string;
  label: LocalizedText;
}

export const DEFAULT_GROUPS: StakeholderGroup[] = [
  { id: 'caregiver', label: { en: 'Family caregivers', it: 'Familiari caregiver' } },
  { id: 'provider', label: { en: 'Service providers', it: 'Operatori dei servizi' } },
];

export interface Project {
  id: string;
  slug: string;
  name: string;
  instrumentId: string;
  instrumentVersion: string;
  groups: StakeholderGroup[];
  /** Per-project settings that later features add (flag thresholds, reminder days); free-form JSON. */
  settings: Record<string, unknown>;
  archivedAt: string | null;
  createdAt: string;
}
export type NewProject = Omit<Project, 'id' | 'createdAt' | 'archivedAt' | 'settings'> & {
  settings?: Record<string, unknown>;
};

export type ParticipantMode = 'web' | 'paper';
type ParticipantStatus = 'active' | 'withdrawn';

export interface Participant {
  id: string;
  projectId: string;
  /** Pseudonymous code, unique per project; never a name. */
  code: string;
  group: string;
  language: string;
  mode: ParticipantMode;
  /** Secret for the personal link; at least 128 random bits. */
  token: string;
  /** Short code typed at /s, 8 characters without look-alikes. */
  accessCode: string;
  status: ParticipantStatus;
  /** YYYY-MM-DD when they joined the project, as staff recorded it; not when the row was made. */
  enrolledOn: string;
  /** YYYY-MM-DD when they withdrew; null while active, and for withdrawals made before dates were kept. */
  withdrawnOn: string | null;
  createdAt: string;
}
export type NewParticipant = Omit<Participant, 'id' | 'createdAt' | 'status' | 'withdrawnOn'> & {
  status?: ParticipantStatus;
  /** Null when not given. */
  withdrawnOn?: string | null;
  /** When they joined, by the services' clock; the store's own clock when not given. */
  createdAt?: string;
  /** Kept apart from answers, in its own table or collection. */
  contact?: ParticipantContact;
};

export interface ParticipantContact {
  email: string | null;
}

export interface Wave {
  id: string;
  projectId: string;
  label: string;
  /** Calendar dates, YYYY-MM-DD, both inclusive. */
  opensOn: string;
  closesOn: string;
  instrumentVersion: string;
  createdAt: string;
}
export type NewWave = Omit<Wave, 'id' | 'createdAt'>;

export type ResponseStatus = 'draft' | 'submitted';
export type ResponseSource = 'web' | 'paper' | 'import';

export interface SurveyResponse {
  id: string;
  projectId: string;
  participantId: string;
  waveId: string;
  /** The participant's group when they answered: groups can change between waves. */
  group: string;
  answers: Answers;
  status: ResponseStatus;
  source: ResponseSource;
  startedAt: string;
  submittedAt: string | null;
  updatedAt: string;
  /** Staff user who keyed in or imported it; null when the participant answered. */
  enteredBy: string | null;
  /** When staff last corrected it after submission; null if never corrected. */
  revisedAt: string | null;
}
export type NewResponse = Omit<SurveyResponse, 'id' | 'updatedAt' | 'revisedAt'>;

/** One answer changed by a staff correction of a submitted response: what it was, what it became, who, when, why. */
export interface ResponseRevision {
  participantId: string;
  waveId: string;
  itemId: string;
  /** Null when the item was unanswered before the correction. */
  from: AnswerValue | null;
  /** Null when the correction cleared the answer. */
  to: AnswerValue | null;
  /** The staff user who corrected it. */
  by: string;
  reason: string;
  at: string;
}

/** One staff account's keying of a returned paper form, under double data entry. */
export interface Keying {
  answers: Answers;
  /** The staff user who keyed it. */
  by: string;
  at: string;
}

/**
 * Where a double-keyed paper form stands: keyed by one account, waiting for a second; keyed
 * twice and differing, waiting for reconciliation; or done (stored as a submitted response).
 */
export type PaperKeyingStatus = 'keyed-once' | 'awaiting-reconciliation' | 'done';

/** How one differing item was settled: the first keying's value, the second's, or typed again from the paper. */
export type ReconcileSource = 'first' | 'second' | 'paper';

export interface ReconcileDecision {
  itemId: string;
  /** The two keyed values; null where that keying left the item blank. */
  first: AnswerValue | null;
  second: AnswerValue | null;
  /** What was stored; null when the paper is blank there. */
  chosen: AnswerValue | null;
  source: ReconcileSource;
}

/** One paper form of one participant for one wave under double data entry: both keyings and how they were settled. */
export interface PaperKeying {
  projectId: string;
  participantId: string;
  waveId: string;
  group: string;
  first: Keying;
  second: Keying | null;
  /** Items compared and items that agreed, from the second keying on; 0 before it. */
  compared: number;
  agreed: number;
  status: PaperKeyingStatus;
  /** Who settled the differences and when; null unless the keyings differed and were reconciled. */
  reconciledBy: string | null;
  reconciledAt: string | null;
  decisions: ReconcileDecision[];
}
export type NewPaperKeying = Pick<PaperKeying, 'projectId' | 'participantId' | 'waveId' | 'group' | 'first'>;

export interface AuditEvent {
  id: string;
  at: string;
  /** A staff user id, or a label such as "cli" or "participant". */
  actor: string;
  projectId: string | null;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
}
export type NewAuditEvent = Omit<AuditEvent, 'id' | 'at'> & { at?: string };

export interface InstrumentSnapshot {
  instrumentId: string;
  version: string;
  fingerprint: string;
  /** The whole instrument as JSON, so a pinned project keeps working if the file changes or goes. */
  json: string;
  savedAt: string;
}

export type SendKind = 'invitation' | 'reminder';

/** Claimed: someone is sending it, until the lease runs out. Sent: it went out, for good. */
export type SendState = 'claimed' | 'sent';

/**
 * One message to one participant for one wave, being sent or sent. Unique per
 * (participant, wave, kind), so two server processes never both send it; a claim whose lease ran
 * out without being marked sent (its sender died) is taken over by the next run (ADR 0075).
 */
export interface SendRecord {
  participantId: string;
  waveId: string;
  kind: SendKind;
  /** When the current claim was taken. */
  at: string;
  state: SendState;
  /** Until when the claim holds; a claimed record past it may be claimed again. */
  leaseUntil: string;
  sentAt: string | null;
}

/** What a sender asks for: the message, now, and how long it may take before others may retry it. */
export type SendClaim = Pick<SendRecord, 'participantId' | 'waveId' | 'kind' | 'at' | 'leaseUntil'>;

/** A personal API token; only a SHA-256 hash of the secret is kept. */
export interface ApiToken {
  id: string;
  userId: string;
  label: string;
  tokenHash: string;
  createdAt: string;
}
export type NewApiToken = Omit<ApiToken, 'id' | 'createdAt'>;

/**
 * A signed-in staff session as kept by the session store (ADR 0065). The id is the session's
 * secret: the services never hand it to a page.
 */
export interface StaffSession {
  sid: string;
  userId: string;
  /** When the person signed in; null for a session begun before this was recorded. */
  signedInAt: string | null;
  /** When it was last used, to the minute: the rolling expiry less the session's lifetime. */
  lastUsedAt: string;
  /** The address it signed in from; null for a session begun before this was recorded. */
  address: string | null;
  expiresAt: string;
}
