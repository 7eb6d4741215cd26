import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { ALL_DEVICES_ON, type Config } from './config.js';
import { authenticate } from './http/authenticate.js';
import { csrfMiddleware } from './http/csrf.js';
import { csvUpload } from './http/csv-upload.js';
import { errorHandler, notFound } from './http/error-handler.js';
import { healthRoute } from './http/health.js';
import { staffLocale } from './http/staff-locale.js';
import { staffSession } from './http/staff-session.js';
import { useStockViews, useViews } from './http/view-engine.js';
import { PACKAGE_ROOT } from './package-root.js';
import { evaluatorRoutes } from './routes/evaluator/evaluator-routes.js';
import { participantRoutes } from './routes/participant/participant-routes.js';
import { staffRoutes } from './routes/staff/staff-routes.js';
import type { Mailer } from './services/mailer.js';
import type { Services } from './services/services.js';

const require = createRequire(import.meta.url);

export interface AppDeps {
  services: Services;
  /** Without devices, all are on, as by default (the tests' apps, most of the bench's). */
  config: Pick<Config, 'baseUrl' | 'sessionSecret' | 'trustProxy'> & Partial<Pick<Config, 'devices' | 'proxies'>>;
  log?: (message: string) => void;
  /** Given when SMTP_URL is set. */
  mailer?: Mailer | null;
}

/** Builds the Express app without listening, so tests can drive it with supertest. */
export function createApp(deps: AppDeps): Express {
  const { services } = deps;
  const devices = deps.config.devices ?? ALL_DEVICES_ON;
  const app = express();
  app.disable('x-powered-by');
  // X-Forwarded-For is believed only from the proxies named in TRUST_PROXY; with `true`, from
  // whoever connects, which is safe only when nothing but the proxy can reach the port.
  app.set('trust proxy', deps.config.proxies ?? (deps.config.trustProxy ? 1 : false));
  (devices.viewRenderer ? useViews : useStockViews)(app, join(PACKAGE_ROOT, 'views'));
  // Pages are built per request for one reader (participant pages with no-store), so an ETag,
  // a hash of every body, would cost time and almost never save a transfer. Static files keep
  // their own validators.
  app.set('etag', false);

  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'none'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'"],
          baseUri: ["'none'"],
          upgradeInsecureRequests: deps.config.baseUrl.startsWith('https:') ? [] : null,
        },
      },
      strictTransportSecurity: deps.config.baseUrl.startsWith('https:'),
    }),
  );
  // A client that names no encoding gets the page as it is; negotiating with it would only cost time.
  const compress = compression();
  app.use((req, res, next) => (req.headers['accept-encoding'] ? compress(req, res, next) : next()));
  app.use(cookieParser());
  // Small forms only: a questionnaire page is a few kilobytes; anything far larger is refused (413).
  const forms = express.urlencoded({ extended: false, limit: '100kb', parameterLimit: 500 });
  const csrf = csrfMiddleware({
    secret: deps.config.sessionSecret,
    secure: deps.config.trustProxy,
    cache: devices.csrfCache,
  });

  // Participant pages come first, with only what they need: every layer a request walks past
  // costs time on the busiest pages.
  app.use('/s', participantRoutes(services, { body: forms, csrf }));

  app.use('/static', express.static(join(PACKAGE_ROOT, 'public'), { maxAge: '7d', index: false }));
  // Chart.js comes from our own origin: no CDN, nothing third-party on any page.
  app.use(
    '/static/vendor/chart.js',
    express.static(dirname(require.resolve('chart.js')), { maxAge: '30d', index: false }),
  );

  app.get('/healthz', healthRoute(services, deps.log ?? console.error));

  app.use(forms);
  app.use(
    staffSession(services.system.sessionStore(), { secret: deps.config.sessionSecret, secure: deps.config.trustProxy }),
  );
  app.post('/projects/:slug/participants/import', csvUpload());
  app.use(csrf);

  // Who is asking is worked out once, here, for the staff and the evaluators' routes alike, and
  // so is the language of their pages (and of the home and error pages).
  app.use(authenticate(services));
  app.use(staffLocale(services.projects.defaultTimeZone()));

  app.get('/', (_req, res) => {
    res.render('shared/home');
  });
  app.use(
    staffRoutes(services, {
      secure: deps.config.trustProxy,
      mailer: deps.mailer ?? null,
      log: deps.log ?? console.error,
    }),
  );
  app.use(evaluatorRoutes(services));

  app.use(notFound);
  app.use(errorHandler(deps.log));
  return app;
}
