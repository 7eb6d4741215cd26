import { CONTROL_CHARACTER_MESSAGE, hasControlCharacter } from '../domain/control-characters.js';
import { createHash, randomBytes } from 'node:crypto';
import { DomainError } from '../domain/errors.js';
import type { ApiToken, StaffUser } from '../domain/records.js';
import type { Actor, ServiceContext } from './service-context.js';

const PREFIX = 'coa_';

function hashOf(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/**
 * Personal API tokens for scripts (R, Python) that download exports with
 * `Authorization: Bearer …`. The secret is shown once; only its SHA-256 is stored, which is
 * enough for 256 random bits that cannot be guessed.
 */
export class ApiTokenService {
  constructor(private readonly ctx: ServiceContext) {}

  async create(user: StaffUser, label: string): Promise<{ secret: string; token: ApiToken }> {
    const clean = label.trim();
    if (clean === '' || clean.length > 80)
      throw new DomainError('VALIDATION', 'label must be 1 to 80 characters', [
        { where: 'label', message: 'Give the token a name of 1 to 80 characters.' },
      ]);
    if (hasControlCharacter(clean))
      throw new DomainError('VALIDATION', `label ${CONTROL_CHARACTER_MESSAGE}`, [
        { where: 'label', message: `The name ${CONTROL_CHARACTER_MESSAGE}.` },
      ]);
    const secret = PREFIX + randomBytes(32).toString('base64url');
    const token = await this.ctx.store.transaction(async (tx) => {
      const created = await tx.apiTokens.create({ userId: user.id, label: clean, tokenHash: hashOf(secret) });
      await tx.audit.append({
        actor: user.id,
        projectId: null,
        action: 'token.create',
        target: created.id,
        details: { label: clean },
      });
      return created;
    });
    return { secret, token };
  }

  /** The staff user a token belongs to, or null for an unknown or revoked token, or one of a disabled account. */
  async authenticate(secret: string): Promise<StaffUser | null> {
    if (!secret.startsWith(PREFIX)) return null;
    const token = await this.ctx.store.apiTokens.findByHash(hashOf(secret));
    const user = token ? await this.ctx.store.users.get(token.userId) : null;
    return user && !user.disabledAt ? user : null;
  }

  list(user: StaffUser): Promise<ApiToken[]> {
    return this.ctx.store.apiTokens.list(user.id);
  }

  async revoke(user: StaffUser, id: string, actor: Actor): Promise<void> {
    await this.ctx.store.transaction(async (tx) => {
      await tx.apiTokens.delete(id, user.id);
      await tx.audit.append({ actor, projectId: null, action: 'token.revoke', target: id, details: {} });
    });
  }
}
