import type { Project } from '../domain/records.js';

/**
 * The IANA time zone a project's times are shown to its participants in. Projects are getting a
 * time zone of their own in another change; until it is in the record, times are shown in UTC.
 * Every participant time goes through here, so only this function changes when it arrives.
 */
export function projectTimeZone(project: Project): string {
  return (project as Project & { timeZone?: string }).timeZone ?? 'UTC';
}
