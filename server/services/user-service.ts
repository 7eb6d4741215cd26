import { hasControlCharacter } from '../domain/control-characters.js';
import { DomainError, type FieldProblem } from '../domain/errors.js';
import { PROJECT_ROLES, type ProjectRole, type ProjectRoleName, type StaffUser } from '../domain/records.js';
import type { Locale } from '../i18n/catalogue.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from './password.js';
import type { ProjectService } from './project-service.js';
import type { Actor, ServiceContext } from './service-context.js';
import { fieldProblem } from '../domain/field-rules.js';

type StaffRole = 'admin' | ProjectRoleName;
const STAFF_ROLES: readonly StaffRole[] = ['admin', ...PROJECT_ROLES];

interface AddUserInput {
  email: string;
  name: string;
  role: string;
  /** The project's slug, as chosen in the users form or given on the command line: looked up only once the fields are valid. */
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
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || hasControlCharacter(email))
      problems.push(fieldProblem('email', 'rule.email'));
    if (name === '' || name.length > 200) problems.push(fieldProblem('name', 'rule.length', { min: 1, max: 200 }));
    else if (hasControlCharacter(name)) problems.push(fieldProblem('name', 'rule.controlCharacters'));
    if (!STAFF_ROLES.includes(input.role as StaffRole))
      problems.push(fieldProblem('role', 'rule.oneOf', { choices: STAFF_ROLES.join(', ') }));
    const knownRole = STAFF_ROLES.includes(input.role as StaffRole);
    if (knownRole && input.role !== 'admin' && !input.project)
      problems.push(fieldProblem('project', 'rule.projectForRole', { role: input.role }));
    if (input.role === 'admin' && input.project) problems.push(fieldProblem('project', 'rule.noProjectForAdmin'));
    if (input.password.length < MIN_PASSWORD_LENGTH)
      problems.push(fieldProblem('password', 'rule.atLeast', { min: MIN_PASSWORD_LENGTH }));
    if (problems.length > 0)
      throw new DomainError('VALIDATION', problems.map((p) => `${p.where} ${p.message}`).join('; '), problems);

    const project = input.project ? await this.projects.bySlug(input.project) : null;
    if (await this.ctx.store.users.findByEmail(email))
      throw new DomainError('DUPLICATE', `a staff user with email ${email} already exists`, [
        { where: 'email', message: 'is already registered' },
      ]);
    const role =
      project && input.role !== 'admin' ? { projectId: project.id, role: input.role as ProjectRoleName } : undefined;
    // Hashed before the transaction: it is slow on purpose, and nothing waits on it.
    const passwordHash = await hashPassword(input.password);
    // An account never exists without the role it was made for, nor without its audit entry.
    return this.ctx.store.transaction(async (tx) => {
      const user = await tx.users.create({ email, name, passwordHash, isAdmin: input.role === 'admin' }, role);
      await tx.audit.append({
        actor,
        projectId: project?.id ?? null,
        action: 'user.add',
        target: user.id,
        details: { role: input.role },
      });
      return user;
    });
  }

  get(id: string): Promise<StaffUser | null> {
    return this.ctx.store.users.get(id);
  }

  list(): Promise<StaffUser[]> {
    return this.ctx.store.users.list();
  }

  /** Every project role of every user, for the users page. */
  roles(): Promise<ProjectRole[]> {
    return this.ctx.store.roles.list({});
  }

  /**
   * Disables an account: it can no longer sign in, and in the same transaction as the change and
   * its audit entry its sessions end and its API tokens are revoked (ADR 0066). An administrator
   * cannot disable their own account, so one enabled administrator always remains. Disabling a
   * disabled account ends whatever is left and keeps when it was first disabled.
   */
  async disable(userId: string, actor: Actor): Promise<{ sessionsEnded: number; tokensRevoked: number }> {
    const user = await this.get(userId);
    if (!user) throw new DomainError('USER_NOT_FOUND', 'no such staff user');
    if (userId === actor)
      throw new DomainError('VALIDATION', 'you cannot disable your own account', [
        {
          where: '_form',
          message: 'You cannot disable your own account. Another administrator can.',
          text: { key: 'refusal.VALIDATION.ownAccount' },
        },
      ]);
    return this.ctx.store.transaction(async (tx) => {
      await tx.users.update(userId, { disabledAt: user.disabledAt ?? this.ctx.now().toISOString() });
      const sessionsEnded = await tx.sessions.endAll(userId);
      const tokensRevoked = await tx.apiTokens.deleteAll(userId);
      await tx.audit.append({
        actor,
        projectId: null,
        action: 'user.disable',
        target: userId,
        details: { sessionsEnded, tokensRevoked },
      });
      return { sessionsEnded, tokensRevoked };
    });
  }

  /**
   * The language the account's staff pages are shown in, chosen with the switch on every staff
   * page; null goes back to the browser's. A preference, not a change to anyone's rights, so it
   * is not audited.
   */
  async setLanguage(userId: string, language: Locale | null): Promise<void> {
    await this.ctx.store.users.update(userId, { language });
  }

  /** Lets a disabled account sign in again; the tokens revoked when it was disabled stay revoked. */
  async enable(userId: string, actor: Actor): Promise<void> {
    if (!(await this.get(userId))) throw new DomainError('USER_NOT_FOUND', 'no such staff user');
    await this.ctx.store.transaction(async (tx) => {
      await tx.users.update(userId, { disabledAt: null });
      await tx.audit.append({ actor, projectId: null, action: 'user.enable', target: userId, details: {} });
    });
  }

  /**
   * Gives a user a role in a project, or takes it away with role "none". The project is named
   * by slug, as chosen in the users form, like add()'s.
   */
  async setRole(userId: string, slug: string, role: ProjectRoleName | 'none', actor: Actor): Promise<void> {
    const project = await this.projects.bySlug(slug);
    if (!(await this.get(userId))) throw new DomainError('USER_NOT_FOUND', 'no such staff user');
    await this.ctx.store.transaction(async (tx) => {
      if (role === 'none') await tx.roles.remove(userId, project.id);
      else await tx.roles.set(userId, project.id, role);
      await tx.audit.append({ actor, projectId: project.id, action: 'user.role', target: userId, details: { role } });
    });
  }
}
