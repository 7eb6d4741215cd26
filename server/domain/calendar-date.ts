/** Calendar dates as YYYY-MM-DD strings: waves open and close on days, not instants. */

export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * A date or date-time as a spreadsheet or a clerk writes it (YYYY-MM-DD, or YYYY-MM-DD HH:MM[:SS]
 * with an optional T, Z or offset) as an ISO 8601 instant; null when it is not one. A date is its
 * midnight and a time without zone is UTC, as every instant the app writes.
 */
export function instantOf(text: string): string | null {
  if (isCalendarDate(text)) return `${text}T00:00:00.000Z`;
  const match = DATE_TIME.exec(text);
  if (!match || !isCalendarDate(match[1]!)) return null;
  const [, day, hours, minutes, seconds = '00', fraction = '', zone = 'Z'] = match;
  if (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) return null;
  const instant = new Date(`${day}T${hours}:${minutes}:${seconds}${fraction}${zone}`);
  return Number.isNaN(instant.getTime()) ? null : instant.toISOString();
}
