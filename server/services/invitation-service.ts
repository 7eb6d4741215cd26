import { formatAccessCode } from '../domain/access-code.js';
import { DomainError } from '../domain/errors.js';
import { messageDue } from '../domain/invitation-schedule.js';
import { linksWorkOnlyOnThisComputer } from '../domain/public-address.js';
import { projectSettingsOf } from '../domain/project-settings.js';
import { openWave } from '../domain/wave-schedule.js';
import type { Participant, Project, SendKind, SendRecord, Wave } from '../domain/records.js';
import { writeCsv } from '../export/csv-stream.js';
import { renderMessage } from './invitation-templates.js';
import type { Mailer } from './mailer.js';
import type { ParticipantService } from './participant-service.js';
import type { Repositories } from '../store/store.js';
import { projectToday, type Actor, type ServiceContext } from './service-context.js';
import type { Writable } from 'node:stream';

interface DueMessage {
  participant: Pick<Participant, 'id' | 'code' | 'group' | 'language' | 'mode'>;
  kind: SendKind;
  email: string | null;
  link: string;
  accessCode: string;
}

interface SendReport {
  sent: number;
  failed: number;
  /** Sent, but their audit entry could not be written; each is still on record as sent. */
  unaudited: number;
}

/**
 * How long a send claim holds. Far longer than one send can take (the SMTP mailer gives up on a
 * silent server within a minute), so in normal running no one takes over a claim whose message is
 * still on its way; short enough that a claim left by a crashed sender is retried the same day.
 */
export const SEND_LEASE_MS = 30 * 60 * 1000;

/**
 * The Message-ID of one participant's message of one kind for one wave: the same on every try,
 * so a copy sent again after a crash can be recognised as the same message. Internal ids only.
 */
export function messageIdOf(participantId: string, waveId: string, kind: SendKind, baseUrl: string): string {
  return `<coassess.${kind}.${waveId}.${participantId}@${new URL(baseUrl).hostname}>`;
}

/**
 * The columns of the mail-merge list of those to contact by letter (ADR 0099). CoAssess keeps
 * no names or postal addresses, so `name` and `address` are there, empty, for the project's
 * own register to fill in by code.
 */
export const CONTACT_LIST_COLUMNS = ['code', 'name', 'address', 'language', 'link', 'access_code'] as const;

/**
 * Invitations and reminders for the wave open today, each at least once and, in normal running,
 * never twice (ADR 0075). Each send is claimed in the store first (unique per participant, wave
 * and kind) under a lease, then marked sent: two server processes never send the same message;
 * a failed send gives its claim back, and a claim whose sender died is retried once its lease
 * has run out.
 */
export class InvitationService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly participants: ParticipantService,
  ) {}

  /** Who should be contacted today in one project, and how; empty when no wave is open. */
  async due(project: Project): Promise<{ wave: Wave | null; messages: DueMessage[] }> {
    const today = projectToday(this.ctx, project);
    const wave = openWave(await this.ctx.store.waves.list(project.id), today) ?? null;
    if (!wave || project.archivedAt) return { wave, messages: [] };
    const { reminderDays } = projectSettingsOf(project.settings);
    const now = this.ctx.now().toISOString();
    // A claim past its lease that was never marked sent is a message not known to have gone.
    const taken = (s: SendRecord) => s.state === 'sent' || s.leaseUntil > now;
    const sends = (await this.ctx.store.sends.list(wave.id)).filter(taken);
    const sent = (p: Participant, kind: SendKind) => sends.some((s) => s.participantId === p.id && s.kind === kind);
    const messages: DueMessage[] = [];
    for (const p of await this.ctx.store.participants.list(project.id)) {
      if (p.status !== 'active') continue;
      if ((await this.ctx.store.responses.get(p.id, wave.id))?.status === 'submitted') continue;
      const kind = messageDue(wave, today, reminderDays, {
        invited: sent(p, 'invitation'),
        reminded: sent(p, 'reminder'),
      });
      if (!kind) continue;
      const email = (await this.ctx.store.participants.getContact(p.id))?.email ?? null;
      messages.push({
        participant: { id: p.id, code: p.code, group: p.group, language: p.language, mode: p.mode },
        kind,
        email,
        link: this.participants.personalLink(p),
        accessCode: formatAccessCode(p.accessCode),
      });
    }
    return { wave, messages };
  }

  /**
   * Writes the people to contact by letter today as CSV for a mail merge (CONTACT_LIST_COLUMNS):
   * those due a message who have no email address, or, with `everyone` (no SMTP), all who are
   * due one. The list holds personal links, so its taking is in the audit log, as an export's is.
   */
  async writeContactList(
    project: Project,
    everyone: boolean,
    out: Writable,
    actor: Actor,
    options: { bom?: boolean } = {},
  ): Promise<void> {
    const { messages } = await this.due(project);
    await this.ctx.store.audit.append({
      actor,
      projectId: project.id,
      action: 'export',
      target: 'contacts.csv',
      details: {},
    });
    const rows = [];
    for (const m of messages.filter((m) => everyone || !m.email)) {
      // Read here, for this list alone: the due messages, which the invitations page shows, carry
      // no name or address (ADR 0115).
      const contact = await this.ctx.store.participants.getContact(m.participant.id);
      rows.push({
        code: m.participant.code,
        name: contact?.name ?? '',
        address: contact?.address ?? '',
        language: m.participant.language,
        link: m.link,
        access_code: m.accessCode,
      });
    }
    await writeCsv(rows, CONTACT_LIST_COLUMNS, out, options);
  }

  /**
   * Emails what is due to everyone with an address, in one project or in all active ones.
   * Refused with BASE_URL_NOT_SET, before anything is claimed or sent, while the links would
   * open only on this computer (ADR 0097): a participant could do nothing with such an email,
   * and it would count as sent, so the right one would never follow.
   */
  async sendDue(mailer: Mailer, only?: Project): Promise<SendReport> {
    if (linksWorkOnlyOnThisComputer(this.ctx.baseUrl))
      throw new DomainError(
        'BASE_URL_NOT_SET',
        `No email was sent: their links would point to ${this.ctx.baseUrl}, which opens only on this computer. Set BASE_URL to the public address, such as https://coassess.example.org, and restart.`,
      );
    const projects = only ? [only] : (await this.ctx.store.projects.list()).filter((p) => !p.archivedAt);
    const report: SendReport = { sent: 0, failed: 0, unaudited: 0 };
    for (const project of projects) {
      const { wave, messages } = await this.due(project);
      if (!wave) continue;
      for (const m of messages) {
        if (!m.email) continue;
        const now = this.ctx.now();
        const claimed = await this.ctx.store.sends.claim({
          participantId: m.participant.id,
          waveId: wave.id,
          kind: m.kind,
          at: now.toISOString(),
          leaseUntil: new Date(now.getTime() + SEND_LEASE_MS).toISOString(),
        });
        if (!claimed) continue;
        const { subject, text } = renderMessage(m.kind, m.participant.language, {
          projectName: project.name,
          waveLabel: wave.label,
          closesOn: wave.closesOn,
          link: m.link,
          accessCode: m.accessCode,
        });
        try {
          await mailer.send({
            to: m.email,
            subject,
            text,
            messageId: messageIdOf(m.participant.id, wave.id, m.kind, this.ctx.baseUrl),
          });
        } catch {
          await this.ctx.store.sends.release(m.participant.id, wave.id, m.kind);
          report.failed += 1;
          continue;
        }
        report.sent += 1;
        const sentAt = this.ctx.now().toISOString();
        const markSent = (tx: Repositories) => tx.sends.markSent(m.participant.id, wave.id, m.kind, sentAt);
        try {
          await this.ctx.store.transaction(async (tx) => {
            await markSent(tx);
            // The audit names the internal id only: no email address or code in the log.
            await tx.audit.append({
              actor: 'mailer',
              projectId: project.id,
              action: `email.${m.kind}`,
              target: m.participant.id,
              details: { wave: wave.label },
            });
          });
        } catch {
          // The message has gone: it must be marked sent even without its audit entry, or it
          // would be sent again once the lease runs out. Should this fail too, the claim stays
          // and the retry carries the same Message-ID.
          report.unaudited += 1;
          await markSent(this.ctx.store).catch(() => undefined);
        }
      }
    }
    return report;
  }
}
