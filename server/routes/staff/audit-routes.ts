import type { Router } from 'express';
import type { Services } from '../../services/services.js';
import type { Response } from 'express';
import type { AuditEvent } from '../../domain/records.js';
import { page, projectOf, translatorOf } from './render.js';
import { shownAt, timeText } from './staff-time.js';
import { pageGuard, STAFF_PAGES } from './staff-pages.js';

const SHOWN = 500;

/** Each entry's time as the reader's clock in the zone says it, and the column heading that names the zone. */
function inZone(res: Response, events: AuditEvent[], zone: string) {
  return {
    events: events.map((e) => ({ ...e, atShown: shownAt(res, e.at, zone) })),
    whenHeading: `${timeText(res)('when')} (${zone})`,
  };
}

/** The audit log: all of it for admins, one project's part for its leads. */
export function registerAuditRoutes(router: Router, services: Services): void {
  const names = async () => new Map((await services.users.list()).map((u) => [u.id, u.email]));

  router.get(STAFF_PAGES.audit.path, pageGuard(services, 'audit'), async (_req, res) => {
    const projects = new Map((await services.projects.list()).map((p) => [p.id, p.slug]));
    page(res, 'audit', {
      title: 'audit.title',
      // The whole site's log is in DEFAULT_TIME_ZONE: its entries belong to projects in several zones.
      ...inZone(res, await services.audit.list(SHOWN), services.projects.defaultTimeZone()),
      actors: await names(),
      projects,
      shown: SHOWN,
    });
  });

  router.get(STAFF_PAGES.projectAudit.path, pageGuard(services, 'projectAudit'), async (_req, res) => {
    const project = projectOf(res);
    page(res, 'audit', {
      title: translatorOf(res)('audit.projectTitle', { project: project.name }),
      ...inZone(res, await services.audit.listFor(project, SHOWN), services.projects.timeZoneOf(project)),
      actors: await names(),
      projects: new Map([[project.id, project.slug]]),
      shown: SHOWN,
    });
  });
}
