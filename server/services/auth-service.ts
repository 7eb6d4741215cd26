import { randomBytes, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../domain/errors.js';
import type { StaffUser } from '../domain/records.js';
import type { AuditFaults } from './audit-faults.js';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './password.js';
import type { ServiceContext } from './service-context.js';
import type { UserService } from './user-service.js';

/** What a password change ended besides the password: the account's other sessions and its API tokens. */
export interface PasswordChange {
  otherSessionsEnded: number;
  tokensRevoked: number;
}

/** Said at sign-in to the holder of a disabled account's password, and only to them. */
export const DISABLED_MESSAGE = 'This account has been disabled. An administrator can enable it again.';

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
    private readonly auditFaults: AuditFaults,
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

  /**
   * LOGIN_FAILED without saying whether the email or the password was wrong; ACCOUNT_DISABLED,
   * only once the password was right, for a disabled account. Every outcome is audited, but a
   * sign-in never fails because its audit entry could not be written (AuditFaults).
   */
  async login(email: string, password: string, from: string): Promise<StaffUser> {
    const user = await this.ctx.store.users.findByEmail(email.trim());
    let ok = false;
    if (user) ok = await verifyPassword(password, user.passwordHash);
    else {
      this.decoy ??= hashPassword(randomBytes(16).toString('hex'));
      await verifyPassword(password, await this.decoy);
    }
    const audit = (action: string, actor: string) =>
      this.auditFaults.append((event) => this.ctx.store.audit.append(event), {
        actor,
        projectId: null,
        action,
        target: user?.id ?? null,
        details: { from },
      });
    if (!user || !ok) {
      await audit('login.failure', 'anonymous');
      throw new DomainError('LOGIN_FAILED', 'The email address or the password is not right.', [
        {
          where: 'password',
          message: 'The email address or the password is not right.',
          text: { key: 'login.failed' },
        },
      ]);
    }
    if (user.disabledAt) {
      await audit('login.disabled', user.id);
      throw new DomainError('ACCOUNT_DISABLED', DISABLED_MESSAGE, [
        { where: '_form', message: DISABLED_MESSAGE, text: { key: 'login.disabled' } },
      ]);
    }
    await audit('login.success', user.id);
    return user;
  }

  /**
   * Changes the password and, in the same transaction with its audit entry, ends every session
   * of the account (the caller starts a new one for the person who changed it) and revokes its
   * API tokens: whoever knew the old password is out (ADR 0066). `currentSid` is the session the
   * change was made in, to count the others.
   */
  async changePassword(userId: string, current: string, next: string, currentSid: string): Promise<PasswordChange> {
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
    return this.ctx.store.transaction(async (tx) => {
      await tx.users.update(userId, { passwordHash });
      const otherSessionsEnded = (await tx.sessions.list(userId)).filter((s) => s.sid !== currentSid).length;
      await tx.sessions.endAll(userId);
      const tokensRevoked = await tx.apiTokens.deleteAll(userId);
      await tx.audit.append({
        actor: userId,
        projectId: null,
        action: 'user.password',
        target: userId,
        details: { otherSessionsEnded, tokensRevoked },
      });
      return { otherSessionsEnded, tokensRevoked };
    });
  }
}
