import type { RequestHandler } from 'express';
import session, { type Store as SessionStore } from 'express-session';

declare module 'express-session' {
  interface SessionData {
    /** The signed-in staff user; set only after the session id has been regenerated at login. */
    userId?: string;
    /** When and from where the person signed in, for the administrators' list of sessions (ADR 0065). */
    signedInAt?: string;
    address?: string;
  }
}

interface StaffSessionOptions {
  secret: string;
  /** Behind HTTPS: Secure cookie with the __Host- prefix. */
  secure: boolean;
}

export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-coassess.sid' : 'coassess.sid';
}

/**
 * Staff sessions, kept in the active store (SQLite table or connect-mongo: services.system's
 * sessionStore()). Nothing is saved until someone signs in, so participants never get a session cookie.
 */
export function staffSession(store: SessionStore, options: StaffSessionOptions): RequestHandler {
  return session({
    store,
    name: sessionCookieName(options.secure),
    secret: options.secret,
    resave: false,
    saveUninitialized: false,
    // A cookie without an expiry, which ends when the browser closes (a shared office computer
    // then keeps no one signed in), so it is sent once, at sign-in, and never signed again. The
    // store ends a session idle for SESSION_IDLE_MS, and each request moves that on (ADR 0109).
    rolling: false,
    cookie: { httpOnly: true, sameSite: 'lax', secure: options.secure, path: '/' },
  });
}
