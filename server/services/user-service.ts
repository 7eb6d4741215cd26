import { DomainError, type FieldProblem } from '../domain/errors.js';
import { PROJECT_ROLES, type ProjectRoleName, type StaffUser } from '../domain/records.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from './password.js';
import type { ProjectService } from './project-service.js';
import type { Actor, ServiceContext } from './service-context.js';

export type StaffRole = 'admin' | ProjectRoleName;
export const STAFF_ROLES: readonly StaffRole[] = ['admin', ...PROJECT_ROLES];

export interface AddUserInput {
  email: string;
  name: string;
  role: string;
  project?: string;
  password: string;
}

export class UserService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly projects: ProjectService,
  ) {}

  /** Admins need no project; every other role is held in one project. */
  async add(input: AddUserInput, actor: Actor): Promise<StaffUser> {
    const email = input.email.trim();
    const name = input.name.trim();
    const problems: FieldProblem[] = [];
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) problems.push({ where: 'email', message: 'is not an email address' });
    if (name === '' || name.length > 200) problems.push({ where: 'name', message: 'must be 1 to 200 characters' });
    if (!STAFF_ROLES.includes(input.role as StaffRole)) problems.push({ where: 'role', message: `must be one of ${STAFF_ROLES.join(', ')}` });
    const knownRole = STAFF_ROLES.includes(input.role as StaffRole);
    if (knownRole && input.role !== 'admin' && !input.project) problems.push({ where: 'project', message: `is required for the ${input.role} role` });
    if (input.role === 'admin' && input.project) problems.push({ where: 'project', message: 'must be left out for an admin, who manages every project' });
    if (input.password.length < MIN_PASSWORD_LENGTH) problems.push({ where: 'password', message: `must be at least ${MIN_PASSWORD_LENGTH} characters` });
    if (problems.length > 0) throw new DomainError('VALIDATION', problems.map((p) => `${p.where} ${p.message}`).join('; '), problems);

    const project = input.project ? await this.projects.bySlug(input.project) : null;
    if (await this.ctx.store.users.findByEmail(email)) throw new DomainError('DUPLICATE', `a staff user with email ${email} already exists`, [{ where: 'email', message: 'is already registered' }]);
    const role = project && input.role !== 'admin' ? { projectId: project.id, role: input.role as ProjectRoleName } : undefined;
    // One write: an account never exists without the role it was made for.
    const user = await this.ctx.store.users.create({ email, name, passwordHash: await hashPassword(input.password), isAdmin: input.role === 'admin' }, role);
    await this.ctx.store.audit.append({ actor, projectId: project?.id ?? null, action: 'user.add', target: user.id, details: { role: input.role } });
    return user;
  }

  list(): Promise<StaffUser[]> {
    return this.ctx.store.users.list();
  }

  /** Gives a user a role in a project, or takes it away with role "none". */
  async setRole(userId: string, slug: string, role: ProjectRoleName | 'none', actor: Actor): Promise<void> {
    const project = await this.projects.bySlug(slug);
    if (!(await this.ctx.store.users.get(userId))) throw new DomainError('USER_NOT_FOUND', 'no such staff user');
    if (role === 'none') await this.ctx.store.roles.remove(userId, project.id);
    else await this.ctx.store.roles.set(userId, project.id, role);
    await this.ctx.store.audit.append({ actor, projectId: project.id, action: 'user.role', target: userId, details: { role } });
  }
}
