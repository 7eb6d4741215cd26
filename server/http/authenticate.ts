import type { RequestHandler } from 'express';
import { DomainError } from '../domain/errors.js';
import type { StaffUser } from '../domain/records.js';
import type { Services } from '../services/services.js';

declare module 'express-serve-static-core' {
  interface Locals {
    /** The signed-in staff user, from the session or a personal API token. */
    staff?: StaffUser;
    /** True when `staff` came from a personal API token rather than the session. */
    viaApiToken?: boolean;
    /** True on a route that scripts download from (see `downloadRoute`). */
    downloadRoute?: boolean;
  }
}

/**
 * Works out who is asking: a personal API token (`Authorization: Bearer …`) or the staff
 * session. Tokens only read (GET/HEAD): they are meant for export downloads, and a request
 * without cookies must not change anything. Who may do what is decided by require-role.ts,
 * which also keeps tokens to download routes.
 */
export function authenticate(services: Services): RequestHandler {
  return async (req, res, next) => {
    const header = req.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      if (req.method !== 'GET' && req.method !== 'HEAD')
        throw new DomainError('FORBIDDEN', 'API tokens can only download');
      const user = await services.apiTokens.authenticate(header.slice('Bearer '.length).trim());
      if (!user) throw new DomainError('UNAUTHENTICATED', 'the API token is not valid');
      res.locals.staff = user;
      res.locals.viaApiToken = true;
      return next();
    }
    const userId = req.session?.userId;
    if (userId) {
      const user = await services.users.get(userId);
      // Disabling ends the account's sessions; one met here anyway is not let in.
      if (user && !user.disabledAt) res.locals.staff = user;
    }
    next();
  };
}

/**
 * Marks a route as a download that scripts fetch (R's `read.csv`, curl): the only routes an
 * API token opens, and where a request without a session or token gets 401 with
 * `WWW-Authenticate: Bearer` and a line of plain text, never a redirect to the sign-in page
 * that a script would read as data. Put it before the route's guard.
 */
export const downloadRoute: RequestHandler = (_req, res, next) => {
  res.locals.downloadRoute = true;
  next();
};
