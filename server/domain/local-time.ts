/**
 * Calendar days where a project is. A wave opens on a day and closes on a day (calendar-date.ts);
 * which instants those days are depends on the project's time zone, an IANA name such as
 * "Europe/Rome". Days are not always 24 hours: Europe/Rome's 29 March 2026 has 23 (02:00 → 03:00)
 * and 25 October 2026 has 25 (03:00 → 02:00), and where a zone changes its clocks at midnight
 * (Asia/Beirut, America/Santiago) local 00:00 may not exist at all.
 *
 * Assumes what every zone in the tz database does: the local date never runs backwards, because
 * clocks go back at or after 24:00, not across it. So "today where the project is" changes
 * exactly at the first instant of each local day, and comparing today's local date with a wave's
 * dates is the same as comparing the instant with the wave's first and last local second.
 */
import { addDays, isCalendarDate } from './calendar-date.js';
import { DomainError } from './errors.js';
import { fieldProblem } from './field-rules.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 3600 * SECOND;

const wallClocks = new Map<string, Intl.DateTimeFormat>();

/** A formatter that gives a zone's wall clock as numbers; one per zone, since making one costs far more than using it. */
function wallClock(timeZone: string): Intl.DateTimeFormat {
  let format = wallClocks.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    wallClocks.set(timeZone, format);
  }
  return format;
}

/**
 * The IANA name in its canonical spelling ("europe/rome" → "Europe/Rome"); UNKNOWN_TIME_ZONE for
 * anything Intl does not know, or an offset such as "+01:00", which has no daylight saving and so
 * is not where anyone lives.
 */
export function checkTimeZone(name: string): string {
  const text = name.trim();
  let canonical: string | null = null;
  if (/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(text)) {
    try {
      canonical = new Intl.DateTimeFormat('en-US', { timeZone: text }).resolvedOptions().timeZone;
    } catch {
      // Intl throws a RangeError for a name it does not know: refused below.
    }
  }
  if (canonical === null)
    throw new DomainError('UNKNOWN_TIME_ZONE', `"${text}" is not a time zone name`, [
      fieldProblem('timeZone', 'rule.timeZone'),
    ]);
  return canonical;
}

export function isTimeZone(name: string): boolean {
  try {
    checkTimeZone(name);
    return true;
  } catch {
    return false;
  }
}

/** The zone's wall-clock reading at an instant, written as if it were UTC (milliseconds). */
function wallTime(instantMs: number, timeZone: string): number {
  const parts: Record<string, string> = {};
  for (const part of wallClock(timeZone).formatToParts(new Date(instantMs))) parts[part.type] = part.value;
  const wall = new Date(0);
  wall.setUTCFullYear(Number(parts.year), Number(parts.month) - 1, Number(parts.day));
  wall.setUTCHours(Number(parts.hour), Number(parts.minute), Number(parts.second), 0);
  return wall.getTime() + (((instantMs % SECOND) + SECOND) % SECOND);
}

/** How far the zone's clocks are ahead of UTC at an instant, in milliseconds (Rome in winter: 3,600,000). */
function offsetAt(instantMs: number, timeZone: string): number {
  return wallTime(instantMs, timeZone) - instantMs;
}

/**
 * Each zone's date for the minute last asked about. Every staff request asks for today, and
 * formatToParts was 3% of keying a paper form. Zones' offsets have been whole minutes since
 * 1972; a date whose offset is not (local mean time of old dates) is not kept.
 */
const lastDates = new Map<string, { minute: number; date: string }>();
const MAX_ZONES_KEPT = 1_000;

/** The local calendar date, YYYY-MM-DD, at an instant. */
export function localDateOf(instant: Date, timeZone: string): string {
  const ms = instant.getTime();
  const minute = Math.floor(ms / MINUTE);
  const last = lastDates.get(timeZone);
  if (last !== undefined && last.minute === minute) return last.date;
  const wall = wallTime(ms, timeZone);
  const date = new Date(wall).toISOString().slice(0, 10);
  if ((wall - ms) % MINUTE === 0) {
    if (lastDates.size >= MAX_ZONES_KEPT) lastDates.clear();
    lastDates.set(timeZone, { minute, date });
  }
  return date;
}

/** Today's date where the project is. */
export function todayIn(timeZone: string, now: Date): string {
  return localDateOf(now, timeZone);
}

const dayStarts = new Map<string, number>();
/** Enough for every wave date of many projects; past it the cache starts again rather than grow. */
const MAX_CACHED_DAYS = 20_000;

/**
 * The first instant of a local calendar day: local 00:00:00, the first of two if clocks went back
 * across midnight, or, where clocks jump forward over midnight, the instant they jump (Asia/Beirut
 * on 29 March 2026 goes from 23:59:59 on the 28th to 01:00 on the 29th).
 */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const key = `${timeZone}|${date}`;
  const cached = dayStarts.get(key);
  if (cached !== undefined) return new Date(cached);
  const start = findStartOfDay(date, timeZone);
  if (dayStarts.size >= MAX_CACHED_DAYS) dayStarts.clear();
  dayStarts.set(key, start);
  return new Date(start);
}

function findStartOfDay(date: string, timeZone: string): number {
  const midnight = Date.parse(`${date}T00:00:00Z`);
  // No zone changes its offset twice within a day either side of midnight, so these two offsets
  // are the only ones local midnight can have.
  const before = offsetAt(midnight - DAY, timeZone);
  const after = offsetAt(midnight + DAY, timeZone);
  const candidates = [midnight - before, midnight - after].filter(
    (instant) => wallTime(instant, timeZone) === midnight,
  );
  if (candidates.length > 0) return Math.min(...candidates);
  // Midnight fell in a gap: the day starts where the clocks jumped, between these two instants.
  let low = midnight - after; // still the day before
  let high = midnight - before; // already this day
  while (high - low > SECOND) {
    const middle = low + Math.floor((high - low) / 2 / SECOND) * SECOND;
    if (wallTime(middle, timeZone) >= midnight) high = middle;
    else low = middle;
  }
  return high;
}

/**
 * The instant a local calendar day is over: the first instant of the next day. The day's last
 * second, 23:59:59 local, is the one just before it.
 */
export function endOfLocalDay(date: string, timeZone: string): Date {
  return startOfLocalDay(addDays(date, 1), timeZone);
}

const WALL_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?$/;

/**
 * The instant a local wall-clock time names, as written on paper in the project's zone. A time
 * that comes twice (clocks going back) is the first; a time clocks jumped over is read with the
 * offset before the jump, so 02:30 on the day Rome moves to summer time is 03:30 summer time.
 */
export function instantOfWallTime(wall: string, timeZone: string): Date {
  const match = WALL_TIME.exec(wall);
  if (!match) throw new Error(`not a local date-time: ${wall}`);
  const asUtc = Date.parse(`${wall}Z`);
  const before = offsetAt(asUtc - DAY, timeZone);
  const after = offsetAt(asUtc + DAY, timeZone);
  const candidates = [asUtc - before, asUtc - after].filter((instant) => wallTime(instant, timeZone) === asUtc);
  return new Date(candidates.length > 0 ? Math.min(...candidates) : asUtc - before);
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * A date or date-time as a spreadsheet or a clerk writes it (YYYY-MM-DD, or YYYY-MM-DD HH:MM[:SS]
 * with an optional T, Z or offset) as an ISO 8601 instant; null when it is not one. Written
 * where the project is, so a date is the first instant of that local day and a time without
 * zone is local time there (ADR 0091); a Z or an offset says otherwise.
 */
export function instantOf(text: string, timeZone: string): string | null {
  if (isCalendarDate(text)) return startOfLocalDay(text, timeZone).toISOString();
  const match = DATE_TIME.exec(text);
  if (!match || !isCalendarDate(match[1]!)) return null;
  const [, day, hours, minutes, seconds = '00', fraction = '', zone] = match;
  if (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) return null;
  const wall = `${day}T${hours}:${minutes}:${seconds}${fraction}`;
  const instant = zone ? new Date(`${wall}${zone}`) : instantOfWallTime(wall, timeZone);
  return Number.isNaN(instant.getTime()) ? null : instant.toISOString();
}
