import { createHash } from 'node:crypto';
import { DomainError } from '../domain/errors.js';
import type { StaffSession } from '../domain/records.js';
import type { Actor, ServiceContext } from './service-context.js';

/** A session as a page may show it: a handle instead of the session id, which is a secret. */
export interface SessionView {
  handle: string;
  signedInAt: string | null;
  lastUsedAt: string;
  address: string | null;
}

/** 64 bits of the id's SHA-256: enough to tell one person's few sessions apart, useless to sign in with. */
export function sessionHandle(sid: string): string {
  return createHash('sha256').update(sid).digest('hex').slice(0, 16);
}

function viewOf(session: StaffSession): SessionView {
  return {
    handle: sessionHandle(session.sid),
    signedInAt: session.signedInAt,
    lastUsedAt: session.lastUsedAt,
    address: session.address,
  };
}

/** A staff account's signed-in sessions: listed and ended by an administrator, or all ended by their owner. */
export class SessionService {
  constructor(private readonly ctx: ServiceContext) {}

  async list(userId: string): Promise<SessionView[]> {
    if (!(await this.ctx.store.users.get(userId))) throw new DomainError('USER_NOT_FOUND', 'no such staff user');
    return (await this.ctx.store.sessions.list(userId)).map(viewOf);
  }

  /** Ends the session with that handle, with its audit entry; false if it had ended already. */
  async end(userId: string, handle: string, actor: Actor): Promise<boolean> {
    if (!(await this.ctx.store.users.get(userId))) throw new DomainError('USER_NOT_FOUND', 'no such staff user');
    return this.ctx.store.transaction(async (tx) => {
      const session = (await tx.sessions.list(userId)).find((s) => sessionHandle(s.sid) === handle);
      if (!session || !(await tx.sessions.end(userId, session.sid))) return false;
      await tx.audit.append({ actor, projectId: null, action: 'session.end', target: userId, details: { handle } });
      return true;
    });
  }

  /** "Sign out everywhere": ends every session of the account, this one included; how many. */
  async endAll(userId: string): Promise<number> {
    return this.ctx.store.transaction(async (tx) => {
      const ended = await tx.sessions.endAll(userId);
      await tx.audit.append({
        actor: userId,
        projectId: null,
        action: 'session.end-all',
        target: userId,
        details: { sessions: ended },
      });
      return ended;
    });
  }
}
