import type { Answers } from '../answers.js';
import type { Instrument, LocalizedText } from '../instrument.js';

/** The aggregate over every respondent; a reserved id, never a stakeholder group's. */
export const ALL_GROUPS = 'all';

export interface AnalysisWave {
  id: string;
  label: string;
  /** The instrument version the wave is pinned to. */
  instrument: Instrument;
}

export interface AnalysisGroup {
  id: string;
  /** Display name in the reasons, such as "Family caregivers". */
  label: string;
  /** The name in each language the project gives it ("Familiari caregiver"); `label` elsewhere. */
  names?: LocalizedText;
}

/** What a project asked of whom: its waves in schedule order and its stakeholder groups. */
export interface AnalysisDesign {
  waves: readonly AnalysisWave[];
  groups: readonly AnalysisGroup[];
}

/** One submitted response; drafts are not answers yet and never reach the analysis. */
export interface AnalysisResponse {
  participantId: string;
  waveId: string;
  /** The participant's group when they answered. */
  group: string;
  answers: Answers;
}

/** Invited people per wave id and group id (stakeholder groups only; `all` is their sum). */
export type InvitedCounts = ReadonlyMap<string, ReadonlyMap<string, number>>;
