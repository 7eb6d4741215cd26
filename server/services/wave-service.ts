import { hasControlCharacter } from '../domain/control-characters.js';
import { addDays, isCalendarDate } from '../domain/calendar-date.js';
import { DomainError, type FieldProblem } from '../domain/errors.js';
import { planSeries, type SeriesPlan } from '../domain/wave-series.js';
import { overlappingWave, waveState, type ScheduledWave, type WaveState } from '../domain/wave-schedule.js';
import type { Project, Wave } from '../domain/records.js';
import { projectToday, type Actor, type ServiceContext } from './service-context.js';
import { fieldProblem } from '../domain/field-rules.js';

interface AddWaveInput {
  project: Project;
  label: string;
  opensOn: string;
  closesOn: string;
}

type WaveOnTimeline = Wave & { state: WaveState };

type SeriesInput = SeriesPlan & { project: Project };

/** Longest series and longest wave accepted: beyond these it is a typing mistake. */
const MAX_SERIES = 24;
const MAX_OPEN_DAYS = 366;

export class WaveService {
  constructor(private readonly ctx: ServiceContext) {}

  async add(input: AddWaveInput, actor: Actor): Promise<Wave> {
    const { project } = input;
    const label = input.label.trim();
    const problems: FieldProblem[] = [];
    if (label === '' || label.length > 60) problems.push(fieldProblem('label', 'rule.length', { min: 1, max: 60 }));
    else if (hasControlCharacter(label)) problems.push(fieldProblem('label', 'rule.controlCharacters'));
    if (!isCalendarDate(input.opensOn)) problems.push(fieldProblem('opens', 'rule.date', { typed: input.opensOn }));
    if (!isCalendarDate(input.closesOn)) problems.push(fieldProblem('closes', 'rule.date', { typed: input.closesOn }));
    if (problems.length === 0 && input.closesOn < input.opensOn)
      problems.push(fieldProblem('closes', 'rule.closesAfterOpens'));
    if (problems.length > 0)
      throw new DomainError('VALIDATION', problems.map((p) => `${p.where} ${p.message}`).join('; '), problems);

    const waves = await this.ctx.store.waves.list(project.id);
    if (waves.some((w) => w.label === label)) {
      throw new DomainError('DUPLICATE', `the project already has a wave called "${label}"`, [
        { where: 'label', message: 'is already used in this project' },
      ]);
    }
    this.refuseOverlap(waves, { label, opensOn: input.opensOn, closesOn: input.closesOn });
    return this.ctx.store.transaction(async (tx) => {
      // A wave pins the instrument version the project uses when the wave is created.
      const wave = await tx.waves.create({
        projectId: project.id,
        label,
        opensOn: input.opensOn,
        closesOn: input.closesOn,
        instrumentVersion: project.instrumentVersion,
      });
      await tx.audit.append({
        actor,
        projectId: project.id,
        action: 'wave.add',
        target: label,
        details: { opensOn: wave.opensOn, closesOn: wave.closesOn, instrumentVersion: wave.instrumentVersion },
      });
      return wave;
    });
  }

  /** The project's waves in schedule order. */
  list(project: Project): Promise<Wave[]> {
    return this.ctx.store.waves.list(project.id);
  }

  /** The project's waves in order, each scheduled, open or closed as of today. */
  async timeline(project: Project): Promise<WaveOnTimeline[]> {
    const today = projectToday(this.ctx, project);
    return (await this.list(project)).map((w) => ({ ...w, state: waveState(w, today) }));
  }

  /**
   * Plans a whole series and creates it only if every wave fits: no label twice, no wave
   * overlapping another of the series or one already scheduled.
   */
  async addSeries(input: SeriesInput, actor: Actor): Promise<Wave[]> {
    const { project } = input;
    const problems: FieldProblem[] = [];
    if (!isCalendarDate(input.firstOpensOn))
      problems.push(fieldProblem('firstOpensOn', 'rule.date', { typed: input.firstOpensOn }));
    if (!Number.isInteger(input.everyMonths) || input.everyMonths < 1 || input.everyMonths > 24)
      problems.push(fieldProblem('everyMonths', 'rule.wholeMonths', { min: 1, max: 24 }));
    if (!Number.isInteger(input.count) || input.count < 1 || input.count > MAX_SERIES)
      problems.push(fieldProblem('count', 'rule.wholeNumber', { min: 1, max: MAX_SERIES }));
    if (!Number.isInteger(input.openDays) || input.openDays < 1 || input.openDays > MAX_OPEN_DAYS)
      problems.push(fieldProblem('openDays', 'rule.wholeDays', { min: 1, max: MAX_OPEN_DAYS }));
    if (!Number.isInteger(input.firstNumber) || input.firstNumber < 1 || input.firstNumber > 999)
      problems.push(fieldProblem('firstNumber', 'rule.wholeNumber', { min: 1, max: 999 }));
    const prefix = input.labelPrefix.trim();
    if (prefix === '' || prefix.length > 50)
      problems.push(fieldProblem('labelPrefix', 'rule.length', { min: 1, max: 50 }));
    else if (hasControlCharacter(prefix)) problems.push(fieldProblem('labelPrefix', 'rule.controlCharacters'));
    if (problems.length > 0)
      throw new DomainError('VALIDATION', problems.map((p) => `${p.where} ${p.message}`).join('; '), problems);

    const planned = planSeries({ ...input, labelPrefix: prefix });
    // A wave open for longer than the gap between openings would run into the next one.
    const clashInSeries = planned.find((w, i) => i > 0 && overlappingWave(planned.slice(0, i), w));
    if (clashInSeries)
      throw new DomainError('WAVE_OVERLAP', 'the waves of this series would overlap each other', [
        { where: 'openDays', message: 'each wave must close before the next one opens' },
      ]);
    const existing = await this.ctx.store.waves.list(project.id);
    const taken = planned.find((w) => existing.some((e) => e.label === w.label));
    if (taken)
      throw new DomainError('DUPLICATE', `the project already has a wave called "${taken.label}"`, [
        {
          where: 'firstNumber',
          message: `"${taken.label}" already exists; start the numbering later`,
          text: { key: 'refusal.DUPLICATE.firstNumber', params: { wave: taken.label } },
        },
      ]);
    for (const w of planned) this.refuseOverlap(existing, w);

    // The whole series or none of it: a wave that cannot be written takes the ones before it back.
    return this.ctx.store.transaction(async (tx) => {
      const created: Wave[] = [];
      for (const w of planned) {
        created.push(
          await tx.waves.create({
            projectId: project.id,
            label: w.label,
            opensOn: w.opensOn,
            closesOn: w.closesOn,
            instrumentVersion: project.instrumentVersion,
          }),
        );
      }
      await tx.audit.append({
        actor,
        projectId: project.id,
        action: 'wave.series',
        target: null,
        details: { waves: created.map((w) => `${w.label}: ${w.opensOn} to ${w.closesOn}`) },
      });
      return created;
    });
  }

  /** New closing date (to extend, or to close earlier); the overlap rule is checked again. */
  async changeClosing(project: Project, waveId: string, closesOn: string, actor: Actor): Promise<Wave> {
    const wave = await this.ctx.store.waves.get(waveId);
    if (!wave || wave.projectId !== project.id) throw new DomainError('WAVE_NOT_FOUND', 'no such wave in this project');
    if (!isCalendarDate(closesOn))
      throw new DomainError('VALIDATION', 'not a date', [
        {
          where: 'closesOn',
          message: `"${closesOn}" is not a date in the form YYYY-MM-DD`,
          text: { key: 'refusal.VALIDATION.notADate', params: { typed: closesOn } },
        },
      ]);
    if (closesOn < wave.opensOn)
      throw new DomainError('VALIDATION', 'closes before it opens', [
        {
          where: 'closesOn',
          message: `must be on or after the opening day, ${wave.opensOn}`,
          text: { key: 'refusal.VALIDATION.beforeOpening', params: { opens: wave.opensOn } },
        },
      ]);
    const others = (await this.ctx.store.waves.list(project.id)).filter((w) => w.id !== wave.id);
    this.refuseOverlap(others, { ...wave, closesOn }, 'closesOn');
    await this.ctx.store.transaction(async (tx) => {
      await tx.waves.update(wave.id, { closesOn });
      await tx.audit.append({
        actor,
        projectId: project.id,
        action: 'wave.dates',
        target: wave.label,
        details: { from: wave.closesOn, closesOn },
      });
    });
    return { ...wave, closesOn };
  }

  /** Closes an open wave at the end of yesterday, so it is closed from now on. */
  async closeNow(project: Project, waveId: string, actor: Actor): Promise<Wave> {
    const today = projectToday(this.ctx, project);
    const yesterday = addDays(today, -1);
    const wave = await this.ctx.store.waves.get(waveId);
    // Another project's wave is not found, before anything about it (such as its opening day) is said.
    if (!wave || wave.projectId !== project.id) throw new DomainError('WAVE_NOT_FOUND', 'no such wave in this project');
    const state = waveState(wave, today);
    if (state !== 'open') {
      throw new DomainError('VALIDATION', `this wave is ${state}, not open`, [
        {
          where: 'closesOn',
          message: `only an open wave can be closed early; this one is ${state}`,
          text: { key: 'refusal.VALIDATION.notOpen' },
        },
      ]);
    }
    if (yesterday < wave.opensOn) {
      throw new DomainError('VALIDATION', 'this wave opened today', [
        {
          where: 'closesOn',
          message: 'a wave that opened today cannot be closed early; set its closing date instead',
          text: { key: 'refusal.VALIDATION.openedToday' },
        },
      ]);
    }
    return this.changeClosing(project, waveId, yesterday, actor);
  }

  private refuseOverlap(waves: Wave[], candidate: ScheduledWave, field = 'opens'): void {
    const clash = overlappingWave(waves, candidate);
    if (clash) {
      throw new DomainError(
        'WAVE_OVERLAP',
        `the dates overlap "${clash.label}" (${clash.opensOn} to ${clash.closesOn}); waves in one project cannot overlap`,
        [
          {
            where: field,
            message: `overlaps "${clash.label}" (${clash.opensOn} to ${clash.closesOn})`,
            text: {
              key: 'refusal.WAVE_OVERLAP.wave',
              params: { wave: clash.label, opens: clash.opensOn, closes: clash.closesOn },
            },
          },
        ],
      );
    }
  }
}
