import { todayIn } from '../domain/local-time.js';
import type { Project } from '../domain/records.js';
import type { Store } from '../store/store.js';
import type { InstrumentRegistry } from './instrument-registry.js';

/** What every service receives; nothing is reached for through globals. */
export interface ServiceContext {
  store: Store;
  instruments: InstrumentRegistry;
  /** Public address of CoAssess, for personal links. */
  baseUrl: string;
  now: () => Date;
  /** DEFAULT_TIME_ZONE: the zone of projects that name none; UTC, its default, when not given. */
  defaultTimeZone?: string;
  /** Where faults the services survive are reported (an audit entry that could not be written); console.error without. */
  log?: (message: string) => void;
}

/** Who did something, for the audit log: a staff user id, or "cli". */
export type Actor = string;

/** Where a project is: its own time zone, or the configured default for projects made before they had one (ADR 0090). */
export function projectTimeZone(
  ctx: Pick<ServiceContext, 'defaultTimeZone'>,
  project: Pick<Project, 'timeZone'>,
): string {
  return project.timeZone ?? ctx.defaultTimeZone ?? 'UTC';
}

/** Today's date where the project is: a wave is open from its opening day's local 00:00 to its closing day's 23:59:59. */
export function projectToday(
  ctx: Pick<ServiceContext, 'defaultTimeZone' | 'now'>,
  project: Pick<Project, 'timeZone'>,
): string {
  return todayIn(projectTimeZone(ctx, project), ctx.now());
}
