import { calendarDateOf } from '../domain/calendar-date.js';
import { ActionService } from './action-service.js';
import { ApiTokenService } from './api-token-service.js';
import { AuditFaults } from './audit-faults.js';
import { AuditService } from './audit-service.js';
import { AuthService } from './auth-service.js';
import { AnalysisService } from './analysis-service.js';
import { DoubleEntryService } from './double-entry-service.js';
import { ExportService } from './export-service.js';
import { InvitationService } from './invitation-service.js';
import { MonitoringService } from './monitoring-service.js';
import { PaperService } from './paper-service.js';
import { ParticipantService } from './participant-service.js';
import { ProjectService } from './project-service.js';
import { QuestionnaireService } from './questionnaire-service.js';
import { RateLimitService } from './rate-limit-service.js';
import { ResponseCorrectionService } from './response-correction-service.js';
import { ResponseImportService } from './response-import-service.js';
import { SessionService } from './session-service.js';
import type { ServiceContext } from './service-context.js';
import { SystemService } from './system-service.js';
import { UserService } from './user-service.js';
import { WaveService } from './wave-service.js';
import { WaveSummaryService } from './wave-summary-service.js';

/**
 * Wires every service to one context; the CLI and the web app both start here. The context (and
 * the store in it) stays inside: routes and the CLI reach the data only through these services
 * (docs/decisions/0010-services-are-the-only-way-in.md).
 */
export function createServices(ctx: ServiceContext) {
  const projects = new ProjectService(ctx);
  const users = new UserService(ctx, projects);
  const participants = new ParticipantService(ctx, projects);
  const analyses = new AnalysisService(ctx, projects);
  const actions = new ActionService(ctx, projects, analyses);
  const doubleEntry = new DoubleEntryService(ctx, projects);
  const auditFaults = new AuditFaults(ctx.log ?? console.error, ctx.now);
  return {
    projects,
    waves: new WaveService(ctx),
    summaries: new WaveSummaryService(ctx, projects),
    participants,
    responseImports: new ResponseImportService(ctx, projects),
    corrections: new ResponseCorrectionService(ctx, projects),
    analyses,
    actions,
    exports: new ExportService(ctx, projects, analyses, actions),
    questionnaires: new QuestionnaireService(ctx, projects),
    paper: new PaperService(ctx, projects, doubleEntry),
    doubleEntry,
    users,
    auth: new AuthService(ctx, users, auditFaults),
    sessions: new SessionService(ctx),
    apiTokens: new ApiTokenService(ctx),
    audit: new AuditService(ctx, auditFaults),
    monitoring: new MonitoringService(ctx),
    invitations: new InvitationService(ctx, participants),
    rateLimits: new RateLimitService(ctx),
    system: new SystemService(ctx, auditFaults),
    /** Today by the services' clock, so a page's default dates agree with what the services write. */
    clock: { today: () => calendarDateOf(ctx.now()) },
  };
}

export type Services = ReturnType<typeof createServices>;
