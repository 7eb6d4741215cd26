import { waveState, type WaveState } from '../domain/wave-schedule.js';
import { countInvited, isInvited } from '../domain/analysis/invited-counts.js';
import type { Participant, Project, SurveyResponse, Wave } from '../domain/records.js';
import { projectToday, type ServiceContext } from './service-context.js';

interface GroupProgress {
  group: string;
  /** As in the analysis: who answered (in the group they answered as), plus those isInvited counts for the wave. */
  invited: number;
  /** Began answering (draft or submitted). */
  started: number;
  submitted: number;
  submittedWeb: number;
  /** Keyed in from paper or imported from a paper CSV. */
  submittedPaper: number;
  /** Keyed in from paper on the entry form (source=paper), not imported. */
  submittedPaperKeyed: number;
  /** submitted / invited; null when nobody was invited. */
  responseRate: number | null;
}

interface WaveProgress {
  wave: Wave;
  state: WaveState;
  groups: GroupProgress[];
  total: GroupProgress;
  /** Invited participants without a submitted response, by code; those who withdrew during the wave too, with the day. */
  notResponded: Pick<Participant, 'code' | 'group' | 'mode' | 'language' | 'withdrawnOn'>[];
}

export class MonitoringService {
  constructor(private readonly ctx: ServiceContext) {}

  async progress(project: Project): Promise<WaveProgress[]> {
    const participants = await this.ctx.store.participants.list(project.id);
    const today = projectToday(this.ctx, project);
    const result: WaveProgress[] = [];
    const waves = await this.ctx.store.waves.list(project.id);
    const responses = new Map<string, SurveyResponse[]>();
    for (const wave of waves) {
      const list: SurveyResponse[] = [];
      for await (const r of this.ctx.store.responses.iterate(project.id, { waveId: wave.id })) list.push(r);
      responses.set(wave.id, list);
    }
    // The same denominator as the analysis and trends.csv, so the two never disagree.
    const invited = countInvited(
      waves,
      participants,
      (waveId) =>
        new Map(
          (responses.get(waveId) ?? []).filter((r) => r.status === 'submitted').map((r) => [r.participantId, r.group]),
        ),
    );
    for (const wave of waves) {
      const answers = responses.get(wave.id) ?? [];
      const tally = (group: string | null): GroupProgress => {
        const mine = group === null ? answers : answers.filter((r) => r.group === group);
        const submitted = mine.filter((r) => r.status === 'submitted');
        const perGroup = invited.get(wave.id);
        const count =
          group === null ? [...(perGroup?.values() ?? [])].reduce((a, b) => a + b, 0) : (perGroup?.get(group) ?? 0);
        return {
          group: group ?? 'all',
          invited: count,
          started: mine.length,
          submitted: submitted.length,
          submittedWeb: submitted.filter((r) => r.source === 'web').length,
          submittedPaper: submitted.filter((r) => r.source !== 'web').length,
          submittedPaperKeyed: submitted.filter((r) => r.source === 'paper').length,
          responseRate: count > 0 ? submitted.length / count : null,
        };
      };
      const submittedBy = new Set(answers.filter((r) => r.status === 'submitted').map((r) => r.participantId));
      result.push({
        wave,
        state: waveState(wave, today),
        groups: project.groups.map((g) => tally(g.id)),
        total: tally(null),
        notResponded: participants
          .filter((p) => !submittedBy.has(p.id) && isInvited(p, wave))
          .map((p) => ({
            code: p.code,
            group: p.group,
            mode: p.mode,
            language: p.language,
            withdrawnOn: p.withdrawnOn,
          })),
      });
    }
    return result;
  }
}
