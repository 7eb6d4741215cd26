import { randomUUID } from 'node:crypto';
import { DomainError } from '../../domain/errors.js';
import { isLocale } from '../../i18n/catalogue.js';
import type { NewStaffUser, ProjectRoleName, StaffUser } from '../../domain/records.js';
import type { UserPatch, UserRepository } from '../store.js';
import { guarded, str, type Row, type SqliteConnection } from './sqlite-connection.js';

function toUser(r: Row): StaffUser {
  return {
    id: str(r.id),
    email: str(r.email),
    name: str(r.name),
    passwordHash: str(r.password_hash),
    isAdmin: r.is_admin === 1,
    createdAt: str(r.created_at),
    disabledAt: r.disabled_at == null ? null : str(r.disabled_at),
    language: isLocale(r.language) ? r.language : null,
  };
}

export class SqliteUserRepository implements UserRepository {
  constructor(private readonly c: SqliteConnection) {}

  async create(user: NewStaffUser, role?: { projectId: string; role: ProjectRoleName }): Promise<StaffUser> {
    if (this.c.busy()) await this.c.idle();
    const row = {
      id: randomUUID(),
      email: user.email,
      name: user.name,
      password_hash: user.passwordHash,
      is_admin: user.isAdmin ? 1 : 0,
      created_at: new Date().toISOString(),
      disabled_at: null,
      language: null,
    };
    guarded(() =>
      this.c.db.transaction(() => {
        this.c
          .statement(
            'INSERT INTO staff_users (id, email, name, password_hash, is_admin, created_at) VALUES (@id, @email, @name, @password_hash, @is_admin, @created_at)',
          )
          .run(row);
        if (role)
          this.c
            .statement('INSERT INTO project_roles (user_id, project_id, role) VALUES (?, ?, ?)')
            .run(row.id, role.projectId, role.role);
      })(),
    );
    return toUser(row);
  }
  async get(id: string): Promise<StaffUser | null> {
    return this.c.cachedOne('staff_users', 'SELECT * FROM staff_users WHERE id = ?', toUser, id);
  }
  async findByEmail(email: string): Promise<StaffUser | null> {
    return this.c.one('SELECT * FROM staff_users WHERE email = ?', toUser, email);
  }
  async count(): Promise<number> {
    if (this.c.busy()) await this.c.idle();
    return (this.c.statement('SELECT COUNT(*) AS n FROM staff_users').get() as { n: number }).n;
  }
  async list(): Promise<StaffUser[]> {
    return this.c.all('SELECT * FROM staff_users ORDER BY email', toUser);
  }
  async update(id: string, patch: UserPatch): Promise<void> {
    if (this.c.busy()) await this.c.idle();
    const row = this.c.statement('SELECT * FROM staff_users WHERE id = ?').get(id) as Row | undefined;
    if (!row) throw new DomainError('USER_NOT_FOUND', `no staff user ${id}`);
    const next = { ...toUser(row), ...patch };
    this.c
      .statement(
        'UPDATE staff_users SET name = ?, password_hash = ?, is_admin = ?, disabled_at = ?, language = ? WHERE id = ?',
      )
      .run(next.name, next.passwordHash, next.isAdmin ? 1 : 0, next.disabledAt, next.language, id);
  }
}
