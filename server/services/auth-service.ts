import { randomBytes, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../domain/errors.js';
import type { StaffUser } from '../domain/records.js';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './password.js';
import type { ServiceContext } from './service-context.js';
import type { UserService } from './user-service.js';

interface SetupInput {
  email: string;
  name: string;
  password: string;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Sign-in, password changes and the one-time creation of the first admin. The setup token is
 * drawn at start and only lives in this process: whoever can read the server console can use it,
 * once, and only while there is no staff account at all.
 */
export class AuthService {
  readonly setupToken = randomBytes(24).toString('base64url');
  private setupUsed = false;
  /** Verified against when the email is unknown, so a wrong email costs as long as a wrong password. */
  private decoy: Promise<string> | undefined;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly users: UserService,
  ) {}

  async setupOpen(): Promise<boolean> {
    return !this.setupUsed && (await this.ctx.store.users.count()) === 0;
  }

  isSetupToken(token: string): boolean {
    return sameSecret(token, this.setupToken);
  }

  async completeSetup(token: string, input: SetupInput): Promise<StaffUser> {
    if (!this.isSetupToken(token) || this.setupUsed) throw new DomainError('NOT_FOUND', 'this setup link is not valid');
    // Taken before any await, so two concurrent requests cannot both create an admin.
    this.setupUsed = true;
    try {
      if ((await this.ctx.store.users.count()) > 0) throw new DomainError('NOT_FOUND', 'setup has already been done');
      return await this.users.add({ ...input, role: 'admin' }, 'setup');
    } catch (error) {
      const fixable = error instanceof DomainError && (error.code === 'VALIDATION' || error.code === 'DUPLICATE');
      if (fixable) this.setupUsed = false;
      throw error;
    }
  }

  /** LOGIN_FAILED without saying whether the email or the password was wrong. Both outcomes are audited. */
  async login(email: string, password: string, from: string): Promise<StaffUser> {
    const user = await this.ctx.store.users.findByEmail(email.trim());
    let ok = false;
    if (user) ok = await verifyPassword(password, user.passwordHash);
    else {
      this.decoy ??= hashPassword(randomBytes(16).toString('hex'));
      await verifyPassword(password, await this.decoy);
    }
    if (!user || !ok) {
      await this.ctx.store.audit.append({
        actor: 'anonymous',
        projectId: null,
        action: 'login.failure',
        target: user?.id ?? null,
        details: { from },
      });
      throw new DomainError('LOGIN_FAILED', 'The email address or the password is not right.', [
        { where: 'password', message: 'The email address or the password is not right.' },
      ]);
    }
    await this.ctx.store.audit.append({
      actor: user.id,
      projectId: null,
      action: 'login.success',
      target: user.id,
      details: { from },
    });
    return user;
  }

  async changePassword(userId: string, current: string, next: string): Promise<void> {
    const user = await this.ctx.store.users.get(userId);
    if (!user) throw new DomainError('USER_NOT_FOUND', 'no such staff user');
    if (!(await verifyPassword(current, user.passwordHash))) {
      throw new DomainError('VALIDATION', 'the current password is not right', [
        { where: 'current', message: 'This is not your current password.' },
      ]);
    }
    if (next.length < MIN_PASSWORD_LENGTH) {
      throw new DomainError('VALIDATION', 'the new password is too short', [
        { where: 'password', message: `Use at least ${MIN_PASSWORD_LENGTH} characters.` },
      ]);
    }
    const passwordHash = await hashPassword(next);
    await this.ctx.store.transaction(async (tx) => {
      await tx.users.update(userId, { passwordHash });
      await tx.audit.append({ actor: userId, projectId: null, action: 'user.password', target: userId, details: {} });
    });
  }
}
