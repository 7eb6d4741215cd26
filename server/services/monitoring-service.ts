import { calendarDateOf } from '../domain/calendar-date.js';
import { waveState, type WaveState } from '../domain/wave-schedule.js';
import type { Participant, Wave } from '../store/records.js';
import type { ProjectService } from './project-service.js';
import type { ServiceContext } from './service-context.js';

export interface GroupProgress {
  group: string;
  /** Active participants of the group, plus withdrawn ones who answered this wave. */
  invited: number;
  /** Began answering (draft or submitted). */
  started: number;
  submitted: number;
  submittedWeb: number;
  /** Keyed in from paper or imported from a paper CSV. */
  submittedPaper: number;
  /** submitted / invited; null when nobody was invited. */
  responseRate: number | null;
}

export interface WaveProgress {
  wave: Wave;
  state: WaveState;
  groups: GroupProgress[];
  total: GroupProgress;
  /** Active participants without a submitted response, by code. */
  notResponded: Pick<Participant, 'code' | 'group' | 'mode' | 'language'>[];
}

export class MonitoringService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly projects: ProjectService,
  ) {}

  async progress(slug: string): Promise<WaveProgress[]> {
    const project = await this.projects.bySlug(slug);
    const participants = await this.ctx.store.listParticipants(project.id);
    const today = calendarDateOf(this.ctx.now());
    const result: WaveProgress[] = [];
    for (const wave of await this.ctx.store.listWaves(project.id)) {
      const byParticipant = new Map<string, { status: string; source: string }>();
      for await (const r of this.ctx.store.iterateResponses(project.id, { waveId: wave.id })) byParticipant.set(r.participantId, r);
      const counted = participants.filter((p) => p.status === 'active' || byParticipant.has(p.id));
      const tally = (group: string, members: Participant[]): GroupProgress => {
        const responses = members.map((p) => byParticipant.get(p.id)).filter((r) => r !== undefined);
        const submitted = responses.filter((r) => r.status === 'submitted');
        return {
          group,
          invited: members.length,
          started: responses.length,
          submitted: submitted.length,
          submittedWeb: submitted.filter((r) => r.source === 'web').length,
          submittedPaper: submitted.filter((r) => r.source !== 'web').length,
          responseRate: members.length > 0 ? submitted.length / members.length : null,
        };
      };
      result.push({
        wave,
        state: waveState(wave, today),
        groups: project.groups.map((g) => tally(g.id, counted.filter((p) => p.group === g.id))),
        total: tally('all', counted),
        notResponded: participants
          .filter((p) => p.status === 'active' && byParticipant.get(p.id)?.status !== 'submitted')
          .map((p) => ({ code: p.code, group: p.group, mode: p.mode, language: p.language })),
      });
    }
    return result;
  }
}
