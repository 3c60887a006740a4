// Instants <-> wall-clock time in an IANA zone, with nothing but Intl: hand-offs are agreed in
// local time ("Monday 00:00 in Puerto Maldonado"), pages and deadlines happen at instants.
//
// Rule for wall times that do not map to exactly one instant (the same as Temporal's
// 'compatible' disambiguation, so that a later move to Temporal changes nothing):
// - gap (clocks jump forward, e.g. 00:00 on Chile's spring-forward day): the wall time is read
//   with the offset in force before the jump, which lands the same distance past the jump
//   (00:00 -> 01:00, 02:30 -> 03:30 in New York);
// - overlap (clocks go back, the wall time happens twice): the earlier instant.

export interface LocalDate {
  year: number;
  /** 1..12 */
  month: number;
  /** 1..31 */
  day: number;
}

export interface LocalDateTime extends LocalDate {
  /** 0..23 */
  hour: number;
  /** 0..59 */
  minute: number;
}

export interface LocalParts extends LocalDateTime {
  second: number;
  /** ISO: 1 = Monday ... 7 = Sunday */
  weekday: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

// Building a DateTimeFormat is by far the slowest part; a zone's formatter never changes.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      // h23, not hour12: false, which some engines render as "24" at midnight.
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
      era: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when `timeZone` is an IANA zone this runtime knows (what the schemas check). */
export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone.length === 0 || timeZone.length > 64) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The wall-clock reading in `timeZone` at `instant`. */
export function localParts(instant: Date, timeZone: string): LocalParts {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('localParts needs a valid Date');
  const fields: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) fields[part.type] = part.value;
  const year = Number(fields.year);
  return {
    year: fields.era === 'BC' ? 1 - year : year,
    month: Number(fields.month),
    day: Number(fields.day),
    hour: Number(fields.hour),
    minute: Number(fields.minute),
    second: Number(fields.second),
    weekday: WEEKDAYS[fields.weekday ?? ''] ?? Number.NaN,
  };
}

/** Wall time as if it were UTC: the arithmetic base for offsets. */
function wallAsUtcMs(local: LocalDateTime, second = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(local.year, local.month - 1, local.day);
  date.setUTCHours(local.hour, local.minute, second, 0);
  return date.getTime();
}

/** Minutes to add to UTC to get the wall clock in `timeZone` at `instant` (Lima: -300). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const wholeSecond = Math.floor(instant.getTime() / 1000) * 1000;
  const parts = localParts(new Date(wholeSecond), timeZone);
  return Math.round((wallAsUtcMs(parts, parts.second) - wholeSecond) / MINUTE_MS);
}

/** The instant at which the wall clock in `timeZone` reads `local`; gaps and overlaps as above. */
export function instantOf(local: LocalDateTime, timeZone: string): Date {
  const wall = wallAsUtcMs(local);
  if (!Number.isFinite(wall)) throw new RangeError('instantOf needs a valid local date and time');
  // No zone has changed its offset twice within two days, so the offsets a day either side
  // are the only candidates; a wall time near a transition matches one, both or neither.
  const before = offsetMinutes(new Date(wall - DAY_MS), timeZone);
  const after = offsetMinutes(new Date(wall + DAY_MS), timeZone);
  const matches = [...new Set([before, after])]
    .map((offset) => wall - offset * MINUTE_MS)
    .filter((ms) => sameWallMinute(localParts(new Date(ms), timeZone), local))
    .sort((a, b) => a - b);
  const first = matches[0];
  if (first !== undefined) return new Date(first);
  return new Date(wall - before * MINUTE_MS);
}

function sameWallMinute(a: LocalDateTime, b: LocalDateTime): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute;
}

/** Calendar arithmetic on a local date (no zone involved: dates do not have offsets). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const moved = new Date(wallAsUtcMs({ ...date, hour: 12, minute: 0 }) + days * DAY_MS);
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/** ISO weekday of a calendar date: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  const sundayZero = new Date(wallAsUtcMs({ ...date, hour: 12, minute: 0 })).getUTCDay();
  return sundayZero === 0 ? 7 : sundayZero;
}

/** Parses 'YYYY-MM-DD' into a real calendar date, or undefined (2025-02-30 is not one). */
export function parseLocalDate(text: string): LocalDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  const roundTrip = addDays(date, 0);
  return roundTrip.year === date.year && roundTrip.month === date.month && roundTrip.day === date.day ? date : undefined;
}

/** Parses 'HH:MM' (00:00..23:59), or undefined. */
export function parseLocalTime(text: string): { hour: number; minute: number } | undefined {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return match ? { hour: Number(match[1]), minute: Number(match[2]) } : undefined;
}
