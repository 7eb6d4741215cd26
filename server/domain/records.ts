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
  /**
   * Where the project is, as an IANA name ("Europe/Rome"): its waves open and close at local
   * midnight and its pages show local times. Null for projects made before projects had one;
   * they follow DEFAULT_TIME_ZONE (ADR 0090).
   */
  timeZone: string | null;
  archivedAt: string | null;
  createdAt: string;
}
export type NewProject = Omit<Project, 'id' | 'createdAt' | 'archivedAt' | 'settings' | 'timeZone'> & {
  settings?: Record<string, unknown>;
  timeZone?: string | null;
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
  /** Kept apart from answers, in its own table or collection; a detail not given is null. */
  contact?: Partial<ParticipantContact>;
};

/**
 * How to reach a participant, kept apart from answers and from every export. Name and postal
 * address are for letters only (the contacts CSV, ADR 0115); each is null when not given.
 */
export interface ParticipantContact {
  email: string | null;
  name: string | null;
  /** Lines separated by "\n", as written. */
  address: string | null;
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
  /**
   * The ids of the sections the participant saved on the web, answered or left blank: where they
   * resume. Empty for paper and imported responses.
   */
  savedSections: string[];
  /** The version of the project's consent texts the participant agreed to; null when they did not consent on the web. */
  consentVersion: number | null;
}
export type NewResponse = Omit<SurveyResponse, 'id' | 'updatedAt' | 'revisedAt' | 'savedSections' | 'consentVersion'>;

/**
 * What a project tells its participants about their data, in one language: who controls it, the
 * privacy notice, whom to contact, and the consent text itself. An empty field means the
 * built-in text.
 */
export interface ConsentText {
  controller: string;
  privacyNotice: string;
  contact: string;
  consentText: string;
}

/** One saved version of a project's consent texts, per language; every save is a new version, from 1. */
export interface ConsentTexts {
  projectId: string;
  version: number;
  texts: Record<string, ConsentText>;
  savedBy: string;
  savedAt: string;
}
export type NewConsentTexts = Omit<ConsentTexts, 'version'>;

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

/** Where an action stands: still to do, done, or given up. */
export type ActionStatus = 'open' | 'done' | 'dropped';
export const ACTION_STATUSES: readonly ActionStatus[] = ['open', 'done', 'dropped'];

/**
 * Something a project lead records as agreed against one (wave, stakeholder group, dimension)
 * cell of the analysis, flagged or not: what will be done, who owns it, by when, and where it was
 * agreed. Owners are names or roles, not accounts: partners without an account own actions too.
 */
export interface CellAction {
  id: string;
  projectId: string;
  /** The wave whose results the action answers: its follow-up is measured from this wave. */
  waveId: string;
  /** A stakeholder group id; never `all` (ADR 0101). */
  group: string;
  dimension: string;
  what: string;
  owner: string;
  /** YYYY-MM-DD. */
  dueOn: string;
  /** The date of the meeting that agreed it, YYYY-MM-DD. */
  meetingOn: string;
  /** That meeting in words ("partnership meeting, Sondrio"); may be empty. */
  meeting: string;
  status: ActionStatus;
  /** Why it is done or dropped, or how it is going; may be empty. */
  statusNote: string;
  /** The staff user who recorded it. */
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}
export type NewCellAction = Omit<CellAction, 'id' | 'createdAt' | 'updatedAt'> & { at: string };
/** What a lead may change after recording an action: everything but its cell and its author. */
export type CellActionPatch = Pick<
  CellAction,
  'what' | 'owner' | 'dueOn' | 'meetingOn' | 'meeting' | 'status' | 'statusNote'
>;

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

/** What a lead writes about one wave in one language: what was heard, and what is being done. */
export interface SummaryText {
  heard: string;
  doing: string;
}

/** Per language code, as the lead wrote it; a language left out has no text. */
export type SummaryTexts = Record<string, SummaryText>;

/** What participants are shown of a wave's summary, and since when, by whom. */
export interface PublishedSummary {
  texts: SummaryTexts;
  /** 1 for the first publication of this wave's summary, one more for each after it. */
  version: number;
  at: string;
  by: string;
}

/**
 * A wave's "You said, we did" (issue 19): the draft a lead is writing, and what is published,
 * which participants see. Unpublishing clears `published` and keeps `publications`, so a later
 * publication gets a version never used before.
 */
export interface WaveSummary {
  projectId: string;
  waveId: string;
  draft: SummaryTexts;
  draftAt: string;
  draftBy: string;
  published: PublishedSummary | null;
  /** How many times it has been published. */
  publications: number;
}
