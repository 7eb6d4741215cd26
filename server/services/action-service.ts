import { followUpActions, type ActionFollowUp } from '../domain/actions/action-follow-up.js';
import { readAction, type ActionCellChoices } from '../domain/actions/action-input.js';
import { calendarDateOf } from '../domain/calendar-date.js';
import { DomainError } from '../domain/errors.js';
import type { CellAction, Project } from '../domain/records.js';
import { waveState } from '../domain/wave-schedule.js';
import type { AnalysisService, LoadedAnalysis } from './analysis-service.js';
import type { ProjectService } from './project-service.js';
import type { Actor, ServiceContext } from './service-context.js';

/** A wave an action can be recorded against, with its dimensions and groups named for the form. */
export interface ActionCellOptions extends ActionCellChoices {
  waves: { index: number; id: string; label: string }[];
}

/**
 * Actions agreed against cells of the analysis (issue 19): a lead records and changes them, each
 * change in one transaction with its audit entry; leads and evaluators read them with their
 * follow-up. Forms are checked by the domain (action-input.ts).
 */
export class ActionService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly projects: ProjectService,
    private readonly analyses: AnalysisService,
  ) {}

  /**
   * The cells an action may be recorded against: the project's closed waves (results are shown
   * for closed waves only, ADR 0057), its stakeholder groups (never Everyone, ADR 0101) and the
   * dimensions of every questionnaire version its waves use.
   */
  async cellOptions(project: Project): Promise<ActionCellOptions> {
    const today = calendarDateOf(this.ctx.now());
    const waves = await this.ctx.store.waves.list(project.id);
    const instruments = await this.projects.instrumentsInUse(project, waves);
    const dimensions = [...new Set([...instruments.values()].flatMap((i) => i.dimensions.map((d) => d.id)))];
    return {
      waves: waves
        .map((w, i) => ({ index: i + 1, id: w.id, label: w.label, state: waveState(w, today) }))
        .filter((w) => w.state === 'closed')
        .map(({ index, id, label }) => ({ index, id, label })),
      groups: project.groups.map((g) => g.id),
      dimensions,
    };
  }

  async list(project: Project): Promise<CellAction[]> {
    return this.ctx.store.actions.list(project.id);
  }

  /** One action of this project; NOT_FOUND for an unknown id or another project's action. */
  async get(project: Project, id: string): Promise<CellAction> {
    const action = await this.ctx.store.actions.get(id);
    if (!action || action.projectId !== project.id) throw new DomainError('NOT_FOUND', 'no such action');
    return action;
  }

  /** Records an action from the posted form; VALIDATION with a problem per field otherwise. */
  async record(project: Project, body: Record<string, unknown>, actor: Actor): Promise<CellAction> {
    const { cell, fields } = readAction(body, await this.cellOptions(project));
    return this.ctx.store.transaction(async (tx) => {
      const action = await tx.actions.create({
        projectId: project.id,
        ...cell,
        ...fields,
        createdBy: actor,
        at: this.ctx.now().toISOString(),
      });
      await tx.audit.append({
        actor,
        projectId: project.id,
        action: 'action.record',
        target: action.id,
        details: { waveId: cell.waveId, group: cell.group, dimension: cell.dimension, ...fields },
      });
      return action;
    });
  }

  /**
   * Changes what a lead may change (not the cell: an action answers what was found there). The
   * audit entry keeps each changed field's value before and after; saving it unchanged writes
   * nothing.
   */
  async change(project: Project, id: string, body: Record<string, unknown>, actor: Actor): Promise<CellAction> {
    const before = await this.get(project, id);
    const { fields } = readAction(body, null);
    const changed = Object.fromEntries(
      (Object.keys(fields) as (keyof typeof fields)[])
        .filter((key) => fields[key] !== before[key])
        .map((key) => [key, { from: before[key], to: fields[key] }]),
    );
    if (Object.keys(changed).length === 0) return before;
    return this.ctx.store.transaction(async (tx) => {
      const action = await tx.actions.update(id, fields, this.ctx.now().toISOString());
      await tx.audit.append({ actor, projectId: project.id, action: 'action.change', target: id, details: changed });
      return action;
    });
  }

  /**
   * Every action with its follow-up, from an analysis already loaded or a fresh one; `until`
   * (a wave's 1-based number) follows up no further than that wave, as a report of it does.
   */
  async followUps(project: Project, loaded?: LoadedAnalysis, until?: number): Promise<ActionFollowUp[]> {
    const { analysis, table, waves } = loaded ?? (await this.analyses.analyse(project));
    const actions = await this.list(project);
    return followUpActions(actions, analysis, table, { waves, today: calendarDateOf(this.ctx.now()), until });
  }
}
