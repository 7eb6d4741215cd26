import { isCalendarDate } from '../domain/calendar-date.js';
import { DomainError, type FieldProblem } from '../domain/errors.js';
import { overlappingWave } from '../domain/wave-schedule.js';
import type { Wave } from '../store/records.js';
import type { ProjectService } from './project-service.js';
import type { Actor, ServiceContext } from './service-context.js';

export interface AddWaveInput {
  project: string;
  label: string;
  opensOn: string;
  closesOn: string;
}

export class WaveService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly projects: ProjectService,
  ) {}

  async add(input: AddWaveInput, actor: Actor): Promise<Wave> {
    const project = await this.projects.bySlug(input.project);
    const label = input.label.trim();
    const problems: FieldProblem[] = [];
    if (label === '' || label.length > 60) problems.push({ where: 'label', message: 'must be 1 to 60 characters' });
    if (!isCalendarDate(input.opensOn)) problems.push({ where: 'opens', message: `"${input.opensOn}" is not a date in the form YYYY-MM-DD` });
    if (!isCalendarDate(input.closesOn)) problems.push({ where: 'closes', message: `"${input.closesOn}" is not a date in the form YYYY-MM-DD` });
    if (problems.length === 0 && input.closesOn < input.opensOn) problems.push({ where: 'closes', message: 'must be on or after the opening date' });
    if (problems.length > 0) throw new DomainError('VALIDATION', problems.map((p) => `${p.where} ${p.message}`).join('; '), problems);

    const waves = await this.ctx.store.listWaves(project.id);
    if (waves.some((w) => w.label === label)) {
      throw new DomainError('DUPLICATE', `the project already has a wave called "${label}"`, [{ where: 'label', message: 'is already used in this project' }]);
    }
    const clash = overlappingWave(waves, { label, opensOn: input.opensOn, closesOn: input.closesOn });
    if (clash) {
      throw new DomainError('WAVE_OVERLAP', `the dates overlap "${clash.label}" (${clash.opensOn} to ${clash.closesOn}); waves in one project cannot overlap`, [
        { where: 'opens', message: `overlaps "${clash.label}"` },
      ]);
    }
    // A wave pins the instrument version the project uses when the wave is created.
    const wave = await this.ctx.store.createWave({ projectId: project.id, label, opensOn: input.opensOn, closesOn: input.closesOn, instrumentVersion: project.instrumentVersion });
    await this.ctx.store.appendAudit({ actor, projectId: project.id, action: 'wave.add', target: label, details: { opensOn: wave.opensOn, closesOn: wave.closesOn, instrumentVersion: wave.instrumentVersion } });
    return wave;
  }
}
