import { randomBytes } from 'node:crypto';
import type { RequestHandler } from 'express';
import { doubleCsrf } from 'csrf-csrf';

/** A random per-browser id: what CSRF tokens are bound to, for participants and staff alike. */
export const BROWSER_COOKIE = 'coassess.bid';

export interface CsrfOptions {
  secret: string;
  /** Behind HTTPS: Secure cookies. */
  secure: boolean;
}

declare module 'express-serve-static-core' {
  interface Locals {
    csrfToken?: string;
  }
}

/**
 * Double-submit CSRF protection (csrf-csrf) on every state-changing request. Every form renders
 * `<input type="hidden" name="_csrf" value="<%= csrfToken %>">`; scripts send `x-csrf-token`.
 * A failure is error code CSRF_INVALID (403), which the error handler explains.
 */
export function csrfMiddleware(options: CsrfOptions): RequestHandler[] {
  const cookie = { sameSite: 'lax' as const, secure: options.secure, path: '/', httpOnly: true };
  const { doubleCsrfProtection, generateCsrfToken } = doubleCsrf({
    getSecret: () => options.secret,
    getSessionIdentifier: (req) => (req.cookies?.[BROWSER_COOKIE] as string | undefined) ?? '',
    cookieName: options.secure ? '__Host-coassess.csrf' : 'coassess.csrf',
    cookieOptions: cookie,
    getCsrfTokenFromRequest: (req) => (req.body as { _csrf?: string } | undefined)?._csrf ?? req.headers['x-csrf-token'],
    errorConfig: { statusCode: 403, code: 'CSRF_INVALID', message: 'The form had expired or was not sent from CoAssess.' },
  });

  const browserId: RequestHandler = (req, res, next) => {
    if (!req.cookies?.[BROWSER_COOKIE]) {
      const id = randomBytes(18).toString('base64url');
      res.cookie(BROWSER_COOKIE, id, cookie);
      req.cookies = { ...(req.cookies ?? {}), [BROWSER_COOKIE]: id };
    }
    next();
  };
  // Bearer-token API calls carry no cookies, so they cannot be forged cross-site.
  const isApiCall = (req: Parameters<RequestHandler>[0]) => req.headers.authorization?.startsWith('Bearer ') === true;
  const exposeToken: RequestHandler = (req, res, next) => {
    // Also after a valid POST, so a form shown again with errors can be sent again.
    if (!isApiCall(req)) res.locals.csrfToken = generateCsrfToken(req, res);
    next();
  };
  const protect: RequestHandler = (req, res, next) => {
    if (isApiCall(req)) return next();
    doubleCsrfProtection(req, res, next);
  };
  return [browserId, protect, exposeToken];
}
