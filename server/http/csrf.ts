import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';

/**
 * A random per-browser id: what CSRF tokens are bound to, for participants and staff alike.
 * Behind HTTPS it is a __Host- cookie, which no subdomain and no plain-HTTP page can set: else
 * someone who could plant an id of their own in a browser could learn its token.
 */
export function browserCookieName(secure: boolean): string {
  return secure ? '__Host-coassess.bid' : 'coassess.bid';
}

/** What this module issues: 18 random bytes, base64url. Anything else is treated as no id. */
const BROWSER_ID = /^[A-Za-z0-9_-]{24}$/;

interface CsrfOptions {
  secret: string;
  /** Behind HTTPS: Secure cookies. */
  secure: boolean;
  /** Keep recent browsers' tokens (DEVICE_CSRF_CACHE, ADR 0013); without, each request computes its own. */
  cache: boolean;
}

declare module 'express-serve-static-core' {
  interface Locals {
    csrfToken?: string;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The HMAC of a browser id: its token, one per browser for the life of the secret. */
export function csrfTokenFor(secret: string, browserId: string): string {
  return createHmac('sha256', secret).update(`csrf\0${browserId}`).digest('base64url');
}

function sameToken(sent: unknown, expected: string): boolean {
  if (typeof sent !== 'string') return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Signed double-submit CSRF protection, OWASP's recommended stateless pattern, on every
 * state-changing request. Each browser holds a random HttpOnly id cookie, and its forms carry
 * the HMAC of that id under the server secret: another site can make the browser send the
 * cookie, but can neither read a page to learn the token nor compute it. Because the token is
 * derived rather than stored, showing a page sets no cookie and stores nothing.
 * Every form renders `<input type="hidden" name="_csrf" value="<%= csrfToken %>">`; scripts send
 * `x-csrf-token`. A failure is error code CSRF_INVALID (403), which the error handler explains.
 */
export function csrfMiddleware(options: CsrfOptions): RequestHandler {
  const cookie = { sameSite: 'lax' as const, secure: options.secure, path: '/', httpOnly: true };
  const cookieName = browserCookieName(options.secure);
  // Bearer-token API calls carry no cookies, so they cannot be forged cross-site.
  const isApiCall = (req: Request) => req.headers.authorization?.startsWith('Bearer ') === true;

  // Deriving a token costs an HMAC; a browser asks for many pages, so recent ones are kept.
  // Only well-formed ids get here, and the map is bounded: when full it starts again, which only
  // means recomputing.
  const tokens = new Map<string, string>();
  const keptTokenOf = (browserId: string) => {
    let token = tokens.get(browserId);
    if (token === undefined) {
      if (tokens.size >= 10_000) tokens.clear();
      token = csrfTokenFor(options.secret, browserId);
      tokens.set(browserId, token);
    }
    return token;
  };
  const tokenOf = options.cache ? keptTokenOf : (browserId: string) => csrfTokenFor(options.secret, browserId);

  return (req, res, next) => {
    if (isApiCall(req)) return next();
    const sentId: unknown = req.cookies?.[cookieName];
    let browserId = typeof sentId === 'string' && BROWSER_ID.test(sentId) ? sentId : undefined;
    const fresh = !browserId;
    if (!browserId) {
      browserId = randomBytes(18).toString('base64url');
      res.cookie(cookieName, browserId, cookie);
      // Later middleware, and a second pass through this one, see the id just issued.
      req.cookies = { ...(req.cookies as Record<string, string> | undefined), [cookieName]: browserId };
    }
    const token = tokenOf(browserId);
    // A browser that arrives without an id has no page of ours open, so it cannot have a token.
    if (!SAFE_METHODS.has(req.method)) {
      const sent = (req.body as { _csrf?: unknown } | undefined)?._csrf ?? req.headers['x-csrf-token'];
      if (fresh || !sameToken(sent, token)) {
        next(
          Object.assign(new Error('The form had expired or was not sent from CoAssess.'), {
            status: 403,
            code: 'CSRF_INVALID',
          }),
        );
        return;
      }
    }
    // Also after a valid POST, so a form shown again with errors can be sent again.
    res.locals.csrfToken = token;
    next();
  };
}
