import type { RequestHandler } from 'express';
import { DomainError } from '../domain/errors.js';
import type { StaffUser } from '../domain/records.js';
import type { Services } from '../services/services.js';

declare module 'express-serve-static-core' {
  interface Locals {
    /** The signed-in staff user, from the session or a personal API token. */
    staff?: StaffUser;
  }
}

/**
 * Works out who is asking: a personal API token (`Authorization: Bearer …`) or the staff
 * session. Tokens only read (GET/HEAD): they are meant for export downloads, and a request
 * without cookies must not change anything. Who may do what is decided by require-role.ts.
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
