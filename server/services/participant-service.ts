import { isCalendarDate } from '../domain/calendar-date.js';
import { hasControlCharacter } from '../domain/control-characters.js';
import { DomainError, type FieldProblem } from '../domain/errors.js';
import type { NewParticipant, Participant, ParticipantContact, ParticipantMode, Project } from '../domain/records.js';
import { newAccessCode, newAccessToken } from './credentials.js';
import { checkHeader, IMPORT_SLICE_ROWS, importProblem, parseCsv, rejectImport } from './csv-import.js';
import type { ProjectService } from './project-service.js';
import { projectToday, type Actor, type ServiceContext } from './service-context.js';
import { TimeSlice } from './time-slice.js';
import { fieldProblem } from '../domain/field-rules.js';

const PARTICIPANT_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MODES: readonly ParticipantMode[] = ['web', 'paper'];

/**
 * The longest name and postal address kept, in characters: room for any real name, and for an
 * address of several lines with a care-of line (ADR 0115).
 */
export const MAX_NAME_CHARS = 200;
export const MAX_ADDRESS_CHARS = 500;

/** The columns an import may have besides `code` and `group`. */
export const PARTICIPANT_IMPORT_OPTIONAL = ['language', 'mode', 'email', 'enrolled_on', 'name', 'address'] as const;

export const PARTICIPANT_LIST_COLUMNS = ['code', 'group', 'language', 'mode', 'status', 'link'] as const;

/** Participants on one page of the participants page: the page stays small whatever the project's size. */
export const PARTICIPANTS_PER_PAGE = 100;

/** What the participants page filters by; an empty string is no filter. */
export interface ParticipantFilter {
  group: string;
  status: '' | Participant['status'];
  /** Part of a code, matched regardless of case. */
  code: string;
}

/** One page of a project's participants matching a filter. */
export interface ParticipantPage {
  participants: Participant[];
  /** How many match the filter. */
  total: number;
  /** This page, 1 to `pages`. */
  page: number;
  /** At least 1, even when nobody matches. */
  pages: number;
  /** Where this page starts among the matches, from 1; 0 when nobody matches. */
  from: number;
}

type ParticipantListing = {
  code: string;
  group: string;
  language: string;
  mode: ParticipantMode;
  status: string;
  link: string;
};

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * A name and a postal address for letters, as kept (trimmed; each line of the address trimmed
 * and blank lines dropped; null when empty), with the import problems each has. The problems
 * never quote the value: a name or an address is not for the log.
 */
function letterDetails(
  rawName: string,
  rawAddress: string,
  problem: (key: Parameters<typeof importProblem>[1], params?: Record<string, string>) => FieldProblem,
): { name: string | null; address: string | null; problems: FieldProblem[] } {
  const name = rawName.trim();
  const lines = rawAddress
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const address = lines.join('\n');
  const problems: FieldProblem[] = [];
  // Counted in Unicode characters, not in UTF-16 units: an accented or CJK name counts as it reads.
  if ([...name].length > MAX_NAME_CHARS) problems.push(problem('imports.nameTooLong', { max: String(MAX_NAME_CHARS) }));
  else if (hasControlCharacter(name)) problems.push(problem('imports.nameControl'));
  if ([...address].length > MAX_ADDRESS_CHARS)
    problems.push(problem('imports.addressTooLong', { max: String(MAX_ADDRESS_CHARS) }));
  // Line by line: the line breaks are the one control character an address keeps.
  else if (lines.some(hasControlCharacter)) problems.push(problem('imports.addressControl'));
  return { name: name || null, address: address || null, problems };
}

/** The form field each line problem of importCsv is about, by its key; any other is the whole form's. */
const FIELD_OF_PROBLEM = new Map<string, string>([
  ['imports.codeEmpty', 'code'],
  ['imports.codeShape', 'code'],
  ['imports.codeUsed', 'code'],
  ['imports.codeRepeated', 'code'],
  ['imports.unknownGroup', 'group'],
  ['imports.unknownLanguage', 'language'],
  ['imports.unknownMode', 'mode'],
  ['imports.badEmail', 'email'],
  ['imports.badEnrolment', 'enrolledOn'],
  ['imports.nameTooLong', 'name'],
  ['imports.nameControl', 'name'],
  ['imports.addressTooLong', 'address'],
  ['imports.addressControl', 'address'],
]);

function fieldOf(problem: FieldProblem): string {
  return FIELD_OF_PROBLEM.get(problem.text?.key ?? '') ?? '_form';
}

export class ParticipantService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly projects: ProjectService,
  ) {}

  personalLink(participant: Participant): string {
    return `${this.ctx.baseUrl}/s/${participant.token}`;
  }

  /**
   * Imports `code,group[,language][,mode][,email][,enrolled_on][,name][,address]`; name and
   * address are for letters only (ADR 0115). All or nothing: any bad line
   * rejects the file with one problem per line and writes no participant. Without an enrolment
   * date a participant joined today, by the services' clock. At most MAX_IMPORT_ROWS rows. The
   * file is read, checked and written a slice at a time, giving way to other requests between
   * slices; the writing is one transaction all the same (ADR 0070).
   */
  async importCsv(project: Project, text: string, actor: Actor): Promise<Participant[]> {
    const instrument = await this.projects.instrumentFor(project);
    const parsed = await parseCsv(text);
    const headerCheck = checkHeader(parsed.header, ['code', 'group'], PARTICIPANT_IMPORT_OPTIONAL);
    if (!headerCheck.usable) rejectImport([...headerCheck.problems, ...parsed.problems]);
    const rows = parsed.rows;

    const existing = await this.takenCodes(
      project,
      rows.map(({ cells }) => (cells.code ?? '').trim()),
    );
    const inFile = new Map<string, number>();
    const problems: FieldProblem[] = [...headerCheck.problems, ...parsed.problems];
    const drafts: Omit<NewParticipant, 'token' | 'accessCode'>[] = [];
    const groupIds = project.groups.map((g) => g.id);
    const today = projectToday(this.ctx, project);
    const slice = new TimeSlice();

    for (const { line, cells } of rows) {
      if (slice.due()) await slice.giveWay();
      const code = (cells.code ?? '').trim();
      const group = (cells.group ?? '').trim();
      const language = (cells.language ?? '').trim() || instrument.languages[0] || 'en';
      const mode = ((cells.mode ?? '').trim().toLowerCase() || 'web') as ParticipantMode;
      const email = (cells.email ?? '').trim();
      const enrolledOn = (cells.enrolled_on ?? '').trim() || today;
      const before = problems.length;
      if (!PARTICIPANT_CODE_PATTERN.test(code)) {
        problems.push(
          code === '' ? importProblem(line, 'imports.codeEmpty') : importProblem(line, 'imports.codeShape', { code }),
        );
      } else if (existing.has(code.toLowerCase())) {
        problems.push(importProblem(line, 'imports.codeUsed', { code }));
      } else if (inFile.has(code.toLowerCase())) {
        problems.push(
          importProblem(line, 'imports.codeRepeated', { code, other: String(inFile.get(code.toLowerCase())) }),
        );
      }
      if (!groupIds.includes(group))
        problems.push(importProblem(line, 'imports.unknownGroup', { group, groups: groupIds.join(', ') }));
      if (!instrument.languages.includes(language))
        problems.push(
          importProblem(line, 'imports.unknownLanguage', { language, languages: instrument.languages.join(', ') }),
        );
      if (!MODES.includes(mode))
        problems.push(importProblem(line, 'imports.unknownMode', { mode: String(cells.mode) }));
      if (email !== '' && !EMAIL_PATTERN.test(email)) problems.push(importProblem(line, 'imports.badEmail', { email }));
      if (!isCalendarDate(enrolledOn)) problems.push(importProblem(line, 'imports.badEnrolment', { date: enrolledOn }));
      const letter = letterDetails(cells.name ?? '', cells.address ?? '', (key, params) =>
        importProblem(line, key, params),
      );
      problems.push(...letter.problems);
      inFile.set(code.toLowerCase(), line);
      if (problems.length === before)
        drafts.push({
          projectId: project.id,
          code,
          group,
          language,
          mode,
          enrolledOn,
          ...(email || letter.name || letter.address
            ? { contact: { email: email || null, name: letter.name, address: letter.address } }
            : {}),
        });
    }
    if (problems.length > 0) rejectImport(problems);
    if (drafts.length === 0) rejectImport([importProblem(1, 'imports.noParticipants')]);

    return this.createWithFreshCredentials(project, drafts, actor);
  }

  /** Which of these codes the project has already, lower-cased: looked up a slice at a time. */
  private async takenCodes(project: Project, codes: string[]): Promise<Set<string>> {
    const valid = [...new Set(codes.filter((c) => PARTICIPANT_CODE_PATTERN.test(c)).map((c) => c.toLowerCase()))];
    const taken = new Set<string>();
    const slice = new TimeSlice();
    for (let at = 0; at < valid.length; at += IMPORT_SLICE_ROWS) {
      if (slice.due()) await slice.giveWay();
      const found = await this.ctx.store.participants.findByCodes(project.id, valid.slice(at, at + IMPORT_SLICE_ROWS));
      for (const participant of found) taken.add(participant.code.toLowerCase());
    }
    return taken;
  }

  /**
   * Tokens and codes are random; on the rare collision, draw again rather than fail. Each attempt
   * is one transaction with its audit entry, so a refused attempt leaves neither behind (and a
   * MongoDB transaction, which a write error ends, is never reused). The participants are
   * written IMPORT_SLICE_ROWS at a time, giving way whenever a slice of time is spent: on SQLite, requests that
   * need the database wait for the commit, and the others (participant pages served from the
   * read caches) go on meanwhile (ADR 0071). The row's date comes from the services' clock, like
   * every other date the services write.
   */
  private async createWithFreshCredentials(
    project: Project,
    drafts: Omit<NewParticipant, 'token' | 'accessCode'>[],
    actor: Actor,
  ): Promise<Participant[]> {
    const createdAt = this.ctx.now().toISOString();
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.ctx.store.transaction(async (tx) => {
          const created: Participant[] = [];
          const slice = new TimeSlice();
          for (let at = 0; at < drafts.length; at += IMPORT_SLICE_ROWS) {
            if (slice.due()) await slice.giveWay();
            const rows = drafts.slice(at, at + IMPORT_SLICE_ROWS);
            created.push(
              ...(await tx.participants.createMany(
                rows.map((d) => ({ ...d, createdAt, token: newAccessToken(), accessCode: newAccessCode() })),
              )),
            );
          }
          await tx.audit.append({
            actor,
            projectId: project.id,
            action: 'participants.import',
            target: null,
            details: { count: created.length },
          });
          return created;
        });
      } catch (error) {
        if (!(error instanceof DomainError && error.code === 'DUPLICATE') || attempt >= 2) throw error;
      }
    }
  }

  /** One participant, by the same rules as one line of an import; an empty enrolment date is today. */
  async addOne(
    project: Project,
    input: {
      code: string;
      group: string;
      language: string;
      mode: string;
      email: string;
      enrolledOn: string;
      /** For letters; none when not given. */
      name?: string;
      address?: string;
    },
    actor: Actor,
  ): Promise<Participant> {
    const cells = [
      input.code,
      input.group,
      input.language,
      input.mode,
      input.email,
      input.enrolledOn,
      input.name ?? '',
      input.address ?? '',
    ];
    const csv = ['code,group,language,mode,email,enrolled_on,name,address', cells.map(csvCell).join(',')].join('\n');
    try {
      const [created] = await this.importCsv(project, csv, actor);
      return created as Participant;
    } catch (error) {
      // Shown beside the form's fields instead of as "line 2".
      if (error instanceof DomainError && error.code === 'IMPORT_REJECTED') {
        throw new DomainError(
          'VALIDATION',
          error.message,
          error.problems.map((p) => ({ ...p, where: fieldOf(p) })),
        );
      }
      throw error;
    }
  }

  async byCode(project: Project, code: string): Promise<Participant> {
    const participant = await this.ctx.store.participants.getByCode(project.id, code);
    if (!participant) throw new DomainError('PARTICIPANT_NOT_FOUND', `no participant "${code}" in this project`);
    return participant;
  }

  /** Whose personal link this is, or null; for pages that must not fail when it is nobody's. */
  byToken(token: string): Promise<Participant | null> {
    return this.ctx.store.participants.getByToken(token);
  }

  contact(participant: Participant): Promise<ParticipantContact | null> {
    return this.ctx.store.participants.getContact(participant.id);
  }

  /**
   * Changes group, language and mode, and the name and postal address when given (an empty one
   * clears it); answers already given keep the group they were given in. The audit entry never
   * holds the name or the address (ADR 0115).
   */
  async update(
    project: Project,
    code: string,
    patch: { group: string; language: string; mode: string; name?: string; address?: string },
    actor: Actor,
  ): Promise<void> {
    const participant = await this.byCode(project, code);
    const instrument = await this.projects.instrumentFor(project);
    const problems: FieldProblem[] = [];
    if (!project.groups.some((g) => g.id === patch.group)) problems.push(fieldProblem('group', 'rule.projectGroup'));
    if (!instrument.languages.includes(patch.language))
      problems.push(fieldProblem('language', 'rule.oneOf', { choices: instrument.languages.join(', ') }));
    if (!MODES.includes(patch.mode as ParticipantMode)) problems.push(fieldProblem('mode', 'rule.mode'));
    const letter = letterDetails(patch.name ?? '', patch.address ?? '', (key, params) => {
      const problem = importProblem(0, key, params);
      return { ...problem, where: fieldOf(problem) };
    });
    problems.push(...letter.problems);
    if (problems.length > 0)
      throw new DomainError('VALIDATION', problems.map((p) => `${p.where} ${p.message}`).join('; '), problems);
    await this.ctx.store.transaction(async (tx) => {
      await tx.participants.update(participant.id, {
        group: patch.group,
        language: patch.language,
        mode: patch.mode as ParticipantMode,
      });
      const contact = {
        ...(patch.name !== undefined ? { name: letter.name } : {}),
        ...(patch.address !== undefined ? { address: letter.address } : {}),
      };
      if (Object.keys(contact).length > 0) await tx.participants.setContact(participant.id, contact);
      await tx.audit.append({
        actor,
        projectId: project.id,
        action: 'participant.update',
        target: participant.id,
        details: { group: patch.group, language: patch.language, mode: patch.mode },
      });
    });
  }

  /**
   * Stops invitations and reminders; answers already given stay in the analysis. The day is kept,
   * as the waves before it still count them as invited; withdrawing again keeps the first day.
   */
  async withdraw(project: Project, code: string, actor: Actor): Promise<void> {
    const participant = await this.byCode(project, code);
    const withdrawnOn = participant.status === 'withdrawn' ? participant.withdrawnOn : projectToday(this.ctx, project);
    await this.ctx.store.transaction(async (tx) => {
      await tx.participants.update(participant.id, { status: 'withdrawn', withdrawnOn });
      await tx.audit.append({
        actor,
        projectId: project.id,
        action: 'participant.withdraw',
        target: participant.id,
        details: { withdrawnOn },
      });
    });
  }

  /**
   * Right to erasure: the participant, their answers, contact details and send records go.
   * The audit entry names only the (now meaningless) internal id, never the code or the email.
   */
  async erase(project: Project, code: string, actor: Actor): Promise<{ responses: number }> {
    const participant = await this.byCode(project, code);
    return this.ctx.store.transaction(async (tx) => {
      const result = await tx.participants.erase(participant.id);
      await tx.audit.append({
        actor,
        projectId: project.id,
        action: 'participant.erase',
        target: participant.id,
        details: { responsesDeleted: result.responses },
      });
      return result;
    });
  }

  /**
   * One page of the project's participants matching the filter, in code order. A page past the
   * last gives the last, so a link kept from before some were erased still shows something.
   */
  async browse(project: Project, filter: ParticipantFilter, page: number): Promise<ParticipantPage> {
    const query = {
      ...(filter.group ? { group: filter.group } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.code ? { code: filter.code } : {}),
      limit: PARTICIPANTS_PER_PAGE,
    };
    const read = (n: number) =>
      this.ctx.store.participants.search(project.id, { ...query, offset: (n - 1) * PARTICIPANTS_PER_PAGE });
    const lastPage = (total: number) => Math.max(1, Math.ceil(total / PARTICIPANTS_PER_PAGE));
    let shown = Number.isSafeInteger(page) && page > 1 ? page : 1;
    let found = await read(shown);
    if (shown > lastPage(found.total)) {
      shown = lastPage(found.total);
      found = await read(shown);
    }
    const pages = lastPage(found.total);
    return {
      participants: found.participants,
      total: found.total,
      page: shown,
      pages,
      from: found.total === 0 ? 0 : (shown - 1) * PARTICIPANTS_PER_PAGE + 1,
    };
  }

  list(project: Project): Promise<Participant[]> {
    return this.ctx.store.participants.list(project.id);
  }

  /** The participant list as the CLI prints it, with each personal link. */
  async listing(project: Project): Promise<ParticipantListing[]> {
    return (await this.list(project)).map((p) => ({
      code: p.code,
      group: p.group,
      language: p.language,
      mode: p.mode,
      status: p.status,
      link: this.personalLink(p),
    }));
  }
}
