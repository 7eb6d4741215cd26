import { randomUUID } from 'node:crypto';
import { DomainError } from '../../domain/errors.js';
import type { ActionStatus, CellAction, CellActionPatch, NewCellAction } from '../../domain/records.js';
import type { ActionRepository } from '../store.js';
import { guarded, str, type Row, type SqliteConnection } from './sqlite-connection.js';

function toAction(r: Row): CellAction {
  return {
    id: str(r.id),
    projectId: str(r.project_id),
    waveId: str(r.wave_id),
    group: str(r.group_id),
    dimension: str(r.dimension),
    what: str(r.what),
    owner: str(r.owner),
    dueOn: str(r.due_on),
    meetingOn: str(r.meeting_on),
    meeting: str(r.meeting),
    status: str(r.status) as ActionStatus,
    statusNote: str(r.status_note),
    createdBy: str(r.created_by),
    createdAt: str(r.created_at),
    updatedAt: str(r.updated_at),
  };
}

export class SqliteActionRepository implements ActionRepository {
  constructor(private readonly c: SqliteConnection) {}

  async create(a: NewCellAction): Promise<CellAction> {
    if (this.c.busy()) await this.c.idle();
    const { at, ...fields } = a;
    const action: CellAction = { id: randomUUID(), ...fields, createdAt: at, updatedAt: at };
    guarded(() =>
      this.c
        .statement(
          `INSERT INTO cell_actions (id, project_id, wave_id, group_id, dimension, what, owner, due_on, meeting_on,
             meeting, status, status_note, created_by, created_at, updated_at)
           VALUES (@id, @projectId, @waveId, @group, @dimension, @what, @owner, @dueOn, @meetingOn,
             @meeting, @status, @statusNote, @createdBy, @createdAt, @updatedAt)`,
        )
        .run(action),
    );
    return action;
  }
  async get(id: string): Promise<CellAction | null> {
    return this.c.one('SELECT * FROM cell_actions WHERE id = ?', toAction, id);
  }
  async list(projectId: string): Promise<CellAction[]> {
    return this.c.all('SELECT * FROM cell_actions WHERE project_id = ? ORDER BY created_at, id', toAction, projectId);
  }
  async update(id: string, patch: CellActionPatch, at: string): Promise<CellAction> {
    if (this.c.busy()) await this.c.idle();
    const changed = guarded(
      () =>
        this.c
          .statement(
            `UPDATE cell_actions SET what = @what, owner = @owner, due_on = @dueOn, meeting_on = @meetingOn,
               meeting = @meeting, status = @status, status_note = @statusNote, updated_at = @at WHERE id = @id`,
          )
          .run({ ...patch, at, id }).changes,
    );
    if (changed === 0) throw new DomainError('NOT_FOUND', `no action ${id}`);
    return toAction(this.c.statement('SELECT * FROM cell_actions WHERE id = ?').get(id) as Row);
  }
}
