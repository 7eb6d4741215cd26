import { hasControlCharacter } from '../domain/control-characters.js';
import { DomainError, type FieldProblem } from '../domain/errors.js';
import type { Instrument } from '../domain/instrument.js';
import { checkTimeZone } from '../domain/local-time.js';
import { checkProjectSettings, storedSettings, type ProjectSettings } from '../domain/project-settings.js';
import type { StatusThresholds } from '../domain/statistics/status-rules.js';
import {
  DEFAULT_GROUPS,
  type Project,
  type ProjectRoleName,
  type StakeholderGroup,
  type Wave,
} from '../domain/records.js';
import { compareVersions } from './instrument-registry.js';
import { projectTimeZone, type Actor, type ServiceContext } from './service-context.js';
import { fieldProblem } from '../domain/field-rules.js';

const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
const GROUP_ID_PATTERN = /^[a-z][a-z0-9_-]{0,39}$/;

interface CreateProjectInput {
  slug: string;
  name: string;
  /** "id" for the newest offered version, or "id@version". */
  instrument: string;
  /** Group ids; known ids get their standard labels. Defaults to caregiver and provider. */
  groups?: string[] | StakeholderGroup[];
  /** Flag thresholds and reminder days; defaults for anything not given. */
  settings?: { statusThresholds?: Partial<StatusThresholds>; reminderDays?: number; doubleEntry?: boolean };
  /** An IANA name; DEFAULT_TIME_ZONE when not given. Kept with the project either way (ADR 0090). */
  timeZone?: string;
}

type SettingsInput = {
  statusThresholds?: Partial<StatusThresholds>;
  reminderDays?: number;
  doubleEntry?: boolean;
  /** An IANA name; the project's zone stays as it is when not given. */
  timeZone?: string;
};

/**
 * The canonical zone name, or undefined with its problem added; the error kept so that a zone
 * that is the form's only problem is refused with its own code, UNKNOWN_TIME_ZONE.
 */
function readTimeZone(name: string, problems: FieldProblem[]): { zone?: string; error?: DomainError } {
  try {
    return { zone: checkTimeZone(name) };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    problems.push(...error.problems);
    return { error };
  }
}

function refuse(problems: FieldProblem[], zone: { error?: DomainError }): never {
  if (zone.error && problems.length === zone.error.problems.length) throw zone.error;
  throw new DomainError('VALIDATION', problems.map((p) => `${p.where} ${p.message}`).join('; '), problems);
}

function groupsFrom(input: CreateProjectInput['groups'], languages: string[]): StakeholderGroup[] {
  if (!input || input.length === 0) return DEFAULT_GROUPS;
  return input.map((g) => {
    if (typeof g !== 'string') return g;
    const known = DEFAULT_GROUPS.find((d) => d.id === g);
    if (known) return known;
    const label = g.charAt(0).toUpperCase() + g.slice(1).replace(/[_-]/g, ' ');
    return { id: g, label: Object.fromEntries(languages.map((l) => [l, label])) };
  });
}

export class ProjectService {
  constructor(private readonly ctx: ServiceContext) {}

  async create(input: CreateProjectInput, actor: Actor): Promise<Project> {
    const problems: FieldProblem[] = [];
    const slug = input.slug.trim();
    const name = input.name.trim();
    if (!SLUG_PATTERN.test(slug)) problems.push(fieldProblem('slug', 'rule.slug'));
    if (name === '' || name.length > 200) problems.push(fieldProblem('name', 'rule.length', { min: 1, max: 200 }));
    else if (hasControlCharacter(name)) problems.push(fieldProblem('name', 'rule.controlCharacters'));
    const instrument = this.findInstrument(input.instrument, problems);
    const groups = groupsFrom(input.groups, instrument?.languages ?? ['en']);
    const ids = groups.map((g) => g.id);
    ids.forEach((id) => {
      if (!GROUP_ID_PATTERN.test(id) || id === 'all') problems.push(fieldProblem('groups', 'rule.groupId', { id }));
    });
    if (new Set(ids).size !== ids.length) problems.push(fieldProblem('groups', 'rule.groupTwice'));
    for (const g of groups) {
      for (const language of instrument?.languages ?? []) {
        const label = g.label[language]?.trim() ?? '';
        if (label === '' || label.length > 100)
          problems.push(fieldProblem('groups', 'rule.groupLabel', { id: g.id, language }));
        else if (hasControlCharacter(label))
          problems.push(fieldProblem('groups', 'rule.groupLabelControl', { id: g.id }));
      }
    }
    let settings: ProjectSettings | undefined;
    try {
      settings = checkProjectSettings(input.settings ?? {});
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      problems.push(...error.problems);
    }
    const zone = readTimeZone(input.timeZone ?? this.defaultTimeZone(), problems);
    if (problems.length > 0 || !instrument || !zone.zone) refuse(problems, zone);

    if (await this.findBySlug(slug)) {
      throw new DomainError('DUPLICATE', `a project with slug "${slug}" already exists`, [
        { where: 'slug', message: 'is already taken' },
      ]);
    }
    // The questionnaire's snapshot, the project and its audit entry are kept together or not at all.
    return this.ctx.store.transaction(async (tx) => {
      await this.ctx.instruments.pin(tx, instrument);
      const project = await tx.projects.create({
        slug,
        name,
        instrumentId: instrument.id,
        instrumentVersion: instrument.version,
        groups,
        settings: settings === undefined ? {} : storedSettings(settings),
        timeZone: zone.zone,
      });
      await tx.audit.append({
        actor,
        projectId: project.id,
        action: 'project.create',
        target: slug,
        details: { instrument: `${instrument.id}@${instrument.version}`, groups: ids, timeZone: zone.zone },
      });
      return project;
    });
  }

  private findInstrument(ref: string, problems: FieldProblem[]): Instrument | undefined {
    const [id = '', version] = ref.trim().split('@');
    const instrument = version ? this.ctx.instruments.get(id, version) : this.ctx.instruments.latest(id);
    if (!instrument) {
      const offered =
        this.ctx.instruments
          .list()
          .map((i) => `${i.id}@${i.version}`)
          .join(', ') || 'none';
      problems.push(fieldProblem('instrument', 'rule.instrument', { ref, offered }));
    }
    return instrument;
  }

  /** Archived projects stay readable and exportable; they leave the default list and send nothing. */
  async archive(project: Project, actor: Actor): Promise<void> {
    if (project.archivedAt) return;
    await this.ctx.store.transaction(async (tx) => {
      await tx.projects.update(project.id, { archivedAt: this.ctx.now().toISOString() });
      await tx.audit.append({
        actor,
        projectId: project.id,
        action: 'project.archive',
        target: project.slug,
        details: {},
      });
    });
  }

  async updateSettings(project: Project, input: SettingsInput, actor: Actor): Promise<ProjectSettings> {
    const problems: FieldProblem[] = [];
    let settings: ProjectSettings | undefined;
    try {
      settings = checkProjectSettings(input);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      problems.push(...error.problems);
    }
    const zone = readTimeZone(input.timeZone ?? this.timeZoneOf(project), problems);
    if (!settings || !zone.zone) refuse(problems, zone);
    const timeZone = zone.zone;
    await this.ctx.store.transaction(async (tx) => {
      await tx.projects.update(project.id, {
        settings: { ...project.settings, ...storedSettings(settings) },
        timeZone,
      });
      await tx.audit.append({
        actor,
        projectId: project.id,
        action: 'project.settings',
        target: project.slug,
        details: { ...settings, timeZone },
      });
    });
    return settings;
  }

  /** Where the project is: waves open and close at its local midnight, and its pages show its local times. */
  timeZoneOf(project: Project): string {
    return projectTimeZone(this.ctx, project);
  }

  /** The zone a new project's form proposes: DEFAULT_TIME_ZONE. */
  defaultTimeZone(): string {
    return projectTimeZone(this.ctx, { timeZone: null });
  }

  /** The projects a staff user can open: all for an admin, else those they hold a role in. */
  async visibleTo(user: { id: string; isAdmin: boolean }): Promise<Project[]> {
    const all = await this.ctx.store.projects.list();
    if (user.isAdmin) return all;
    const mine = new Set((await this.ctx.store.roles.list({ userId: user.id })).map((r) => r.projectId));
    return all.filter((p) => mine.has(p.id));
  }

  list(): Promise<Project[]> {
    return this.ctx.store.projects.list();
  }

  /** The project with this slug, or null: for callers that decide themselves what a missing one means. */
  findBySlug(slug: string): Promise<Project | null> {
    return this.ctx.store.projects.getBySlug(slug);
  }

  async bySlug(slug: string): Promise<Project> {
    const project = await this.findBySlug(slug);
    if (!project) throw new DomainError('PROJECT_NOT_FOUND', `no project "${slug}"`);
    return project;
  }

  /** The role a staff user holds in the project, or null if none (admins hold none: they pass every guard). */
  async roleOf(userId: string, project: Project): Promise<ProjectRoleName | null> {
    return (await this.ctx.store.roles.list({ userId, projectId: project.id }))[0]?.role ?? null;
  }

  /** The questionnaires a new project can use, for the new-project form. */
  offeredInstruments(): Instrument[] {
    return this.ctx.instruments.list();
  }

  async instrumentFor(project: Project, version = project.instrumentVersion): Promise<Instrument> {
    return this.ctx.instruments.resolve(this.ctx.store, project.instrumentId, version);
  }

  /** Every questionnaire version the project and its waves use, each looked up once, in version order. */
  async instrumentsInUse(project: Project, waves?: readonly Wave[]): Promise<Map<string, Instrument>> {
    const used = waves ?? (await this.ctx.store.waves.list(project.id));
    const versions = [...new Set([project.instrumentVersion, ...used.map((w) => w.instrumentVersion)])].sort(
      compareVersions,
    );
    const instruments = new Map<string, Instrument>();
    for (const version of versions) instruments.set(version, await this.instrumentFor(project, version));
    return instruments;
  }
}
