import { Router } from 'express';
import { sessionCookieName } from '../../http/staff-session.js';
import type { Mailer } from '../../services/mailer.js';
import type { Services } from '../../services/services.js';
import { registerApiTokenRoutes } from './api-token-routes.js';
import { registerAuthRoutes } from './auth-routes.js';
import { registerAuditRoutes } from './audit-routes.js';
import { registerExportRoutes } from './export-routes.js';
import { registerInvitationRoutes } from './invitation-routes.js';
import { registerMonitoringRoutes } from './monitoring-routes.js';
import { registerProjectParticipantRoutes } from './project-participant-routes.js';
import { registerProjectRoutes } from './project-routes.js';
import { registerUserRoutes } from './user-routes.js';
import { registerWaveRoutes } from './wave-routes.js';
import { registerPaperRoutes } from './paper-routes.js';
import { registerReconciliationRoutes } from './reconciliation-routes.js';
import { registerResponseRoutes } from './response-routes.js';
import { registerSummaryRoutes, summaryTranslator } from './summary-routes.js';
import { staffNavigation } from './staff-pages.js';

interface StaffRouteOptions {
  /** Behind HTTPS: the session cookie carries the __Host- prefix. */
  secure: boolean;
  /** Set when SMTP_URL is configured; without it, invitations are listed for manual contact. */
  mailer?: Mailer | null;
  /** Where an unexpected failure a page recovers from is logged (the app's log). */
  log?: (message: string) => void;
}

/**
 * The one route table for staff pages. Every route is registered on this one router, so
 * test/routes/staff/staff-routes.test.ts can list them all and check each one's guard.
 */
export function staffRoutes(services: Services, options: StaffRouteOptions): Router {
  const router = Router();
  router.use((req, res, next) => {
    // Every staff page's head draws the navigation with it, the evaluators' pages too.
    res.locals.navigation = staffNavigation;
    res.locals.log = options.log ?? console.error;
    // The "You said, we did" text of the waves and paper pages, until staff pages share one translator.
    res.locals.summaryT = summaryTranslator(req).t;
    next();
  });
  registerAuthRoutes(router, services, { cookieName: sessionCookieName(options.secure) });
  registerApiTokenRoutes(router, services);
  registerUserRoutes(router, services);
  registerProjectRoutes(router, services);
  registerProjectParticipantRoutes(router, services);
  registerWaveRoutes(router, services);
  registerSummaryRoutes(router, services);
  registerMonitoringRoutes(router, services);
  registerAuditRoutes(router, services);
  registerInvitationRoutes(router, services, options.mailer ?? null);
  registerExportRoutes(router, services);
  registerPaperRoutes(router, services, options.log ?? console.error);
  registerReconciliationRoutes(router, services);
  registerResponseRoutes(router, services);
  return router;
}
