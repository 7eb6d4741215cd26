import type { Router } from 'express';
import type { Services } from '../../services/services.js';
import { page, projectOf, translatorOf } from './render.js';
import { pageGuard, STAFF_PAGES } from './staff-pages.js';
import { shownDay } from './staff-time.js';

/** Response progress per wave and group, who has not answered yet, and paper keying under double data entry. */
export function registerMonitoringRoutes(router: Router, services: Services): void {
  router.get(STAFF_PAGES.monitoring.path, pageGuard(services, 'monitoring'), async (_req, res) => {
    const project = projectOf(res);
    page(res, 'monitoring', {
      title: translatorOf(res)('monitoring.title', { project: project.name }),
      waves: (await services.monitoring.progress(project)).map((w) => ({
        ...w,
        opensOnShown: shownDay(res, w.wave.opensOn),
        closesOnShown: shownDay(res, w.wave.closesOn),
        notResponded: w.notResponded.map((p) => ({
          ...p,
          withdrawnOnShown: p.withdrawnOn ? shownDay(res, p.withdrawnOn) : null,
        })),
      })),
      keying: await services.doubleEntry.quality(project),
    });
  });
}
