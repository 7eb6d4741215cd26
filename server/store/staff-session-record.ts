import type { StaffSession } from '../domain/records.js';
import { SESSION_IDLE_MS } from './store.js';

/** What a session store keeps of a staff session: the express-session data, as JSON. */
interface StoredSession {
  userId?: unknown;
  signedInAt?: unknown;
  address?: unknown;
  cookie?: { originalMaxAge?: unknown };
}

/**
 * A staff session as the port hands it out, from what either adapter keeps: the session's JSON
 * and its expiry. Null for a session nobody is signed in to. Each request moves the expiry to a
 * full lifetime ahead (SESSION_IDLE_MS, or the cookie's own lifetime for a session begun while
 * cookies had one): the expiry less that lifetime is when it was last used (to the minute, as
 * the SQLite store moves it no more often than that).
 */
export function staffSessionOf(sid: string, json: string, expiresAtMs: number): StaffSession | null {
  let data: StoredSession;
  try {
    data = JSON.parse(json) as StoredSession;
  } catch {
    return null;
  }
  if (typeof data.userId !== 'string') return null;
  const signedInAt = typeof data.signedInAt === 'string' ? data.signedInAt : null;
  const lifetime = typeof data.cookie?.originalMaxAge === 'number' ? data.cookie.originalMaxAge : SESSION_IDLE_MS;
  const lastUsed = new Date(expiresAtMs - lifetime).toISOString();
  return {
    sid,
    userId: data.userId,
    signedInAt,
    lastUsedAt: lastUsed,
    address: typeof data.address === 'string' ? data.address : null,
    expiresAt: new Date(expiresAtMs).toISOString(),
  };
}

/** Most recently used first; ties by id, so a listing is stable. */
export function byLastUse(a: StaffSession, b: StaffSession): number {
  return b.lastUsedAt.localeCompare(a.lastUsedAt) || a.sid.localeCompare(b.sid);
}
