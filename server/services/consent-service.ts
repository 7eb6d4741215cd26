import { checkConsentTexts } from '../domain/consent-texts.js';
import type { ConsentTexts, Project } from '../domain/records.js';
import type { ProjectService } from './project-service.js';
import type { Actor, ServiceContext } from './service-context.js';

/**
 * A project's consent texts (data controller, privacy notice, contact, consent text) in each of
 * its questionnaire's languages. Every save is a new version; earlier ones stay as they were,
 * because each consent records the version the participant agreed to (ADR 0094).
 */
export class ConsentService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly projects: ProjectService,
  ) {}

  /** The languages texts are set in: those of the project's questionnaire. */
  async languages(project: Project): Promise<string[]> {
    return (await this.projects.instrumentFor(project)).languages;
  }

  /** The newest saved version, or null while the project uses the built-in texts. */
  current(project: Project): Promise<ConsentTexts | null> {
    return this.ctx.store.consentTexts.latest(project.id);
  }

  version(project: Project, version: number): Promise<ConsentTexts | null> {
    return this.ctx.store.consentTexts.get(project.id, version);
  }

  /** Checks the posted texts (VALIDATION naming each field) and saves them as the next version, with its audit entry. */
  async save(project: Project, form: Record<string, unknown>, actor: Actor): Promise<ConsentTexts> {
    const texts = checkConsentTexts(await this.languages(project), form);
    return this.ctx.store.transaction(async (tx) => {
      const saved = await tx.consentTexts.save({
        projectId: project.id,
        texts,
        savedBy: actor,
        savedAt: this.ctx.now().toISOString(),
      });
      await tx.audit.append({
        actor,
        projectId: project.id,
        action: 'consent.texts',
        target: project.slug,
        details: { version: saved.version },
      });
      return saved;
    });
  }
}
