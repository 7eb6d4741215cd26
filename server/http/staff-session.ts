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

/** A working day; every request pushes it back (rolling), so an idle session ends. */
const SESSION_MAX_AGE_MS = 8 * 60 * 60 * 1000;

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
    rolling: true,
    cookie: { httpOnly: true, sameSite: 'lax', secure: options.secure, path: '/', maxAge: SESSION_MAX_AGE_MS },
  });
}
