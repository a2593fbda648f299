// ReCharge timestamps without an offset are US Eastern wall-clock readings (America/New_York,
// daylight saving included). The app keeps UTC instants and compares those, never the strings.
// The rules are written out rather than asked of Intl so both sides (and the sandbox, a million
// times per generation) get the same answer fast and without a time-zone database.

const HOUR = 3600;
const EST = -5 * HOUR;
const EDT = -4 * HOUR;

/** Seconds since the epoch of a UTC civil date and time. */
function utcSeconds(year: number, month: number, day: number, h = 0, m = 0, s = 0): number {
  return Date.UTC(year, month - 1, day, h, m, s) / 1000;
}

/** Day of the month of the `nth` Sunday (1-based) of a month. */
function nthSunday(year: number, month: number, nth: number): number {
  const weekday = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  return 1 + ((7 - weekday) % 7) + (nth - 1) * 7;
}

/** Day of the month of the last Sunday of a month. */
function lastSunday(year: number, month: number): number {
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const weekday = new Date(Date.UTC(year, month - 1, days)).getUTCDay();
  return days - weekday;
}

interface DstSpan {
  /** UTC second daylight time starts (02:00 EST) and ends (02:00 EDT). */
  start: number;
  end: number;
}

const spans = new Map<number, DstSpan | null>();

/** The US daylight-saving span of a year (Energy Policy Act of 2005 rules from 2007 on). */
function dstSpan(year: number): DstSpan | null {
  const cached = spans.get(year);
  if (cached !== undefined) return cached;
  let span: DstSpan | null = null;
  if (year >= 2007) {
    span = {
      start: utcSeconds(year, 3, nthSunday(year, 3, 2), 2) - EST,
      end: utcSeconds(year, 11, nthSunday(year, 11, 1), 2) - EDT,
    };
  } else if (year >= 1987) {
    span = {
      start: utcSeconds(year, 4, nthSunday(year, 4, 1), 2) - EST,
      end: utcSeconds(year, 10, lastSunday(year, 10), 2) - EDT,
    };
  }
  spans.set(year, span);
  return span;
}

/** Offset of New York from UTC, in seconds, at a UTC instant. */
export function easternOffsetAt(utcSecond: number): number {
  const year = new Date(utcSecond * 1000).getUTCFullYear();
  const span = dstSpan(year);
  return span && utcSecond >= span.start && utcSecond < span.end ? EDT : EST;
}

/**
 * Whether a UTC instant lies in the first reading of the autumn's repeated hour (01:00-01:59
 * EDT): a naive timestamp read there may really be the same wall time an hour later, in EST.
 */
export function inRepeatedHour(utcSecond: number): boolean {
  const span = dstSpan(new Date(utcSecond * 1000).getUTCFullYear());
  return span !== null && utcSecond >= span.end - HOUR && utcSecond < span.end;
}

/**
 * The UTC instant of a New York wall reading given as seconds (the reading taken as if UTC).
 * In the repeated hour of the autumn change the earlier (daylight) instant is taken; in the
 * skipped hour of the spring change, the reading is read as standard time.
 */
export function easternWallToUtc(wallSecond: number): number {
  const asDaylight = wallSecond - EDT;
  if (easternOffsetAt(asDaylight) === EDT) return asDaylight;
  return wallSecond - EST;
}

/** The New York wall reading (as seconds taken as UTC) of a UTC instant. */
export function utcToEasternWall(utcSecond: number): number {
  return utcSecond + easternOffsetAt(utcSecond);
}

const PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

function offsetSeconds(offset: string): number {
  if (offset === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * HOUR + Number(digits.slice(2, 4) || '0') * 60);
}

/**
 * Seconds since the epoch of a ReCharge timestamp: with an offset as written, without one as
 * New York local time. null for text that is not a timestamp or names an impossible date.
 */
export function parseRechargeTimestamp(text: string): number | null {
  const m = PATTERN.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, offset] = m;
  const wall = utcSeconds(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s));
  const probe = new Date(wall * 1000);
  if (Number.isNaN(wall) || probe.getUTCDate() !== Number(d) || Number(h) > 23) return null;
  return offset === undefined ? easternWallToUtc(wall) : wall - offsetSeconds(offset);
}

/** `YYYY-MM-DDTHH:MM:SSZ`: one fixed-width form, so stored instants also sort as text. */
export function formatUtc(utcSecond: number): string {
  return `${new Date(utcSecond * 1000).toISOString().slice(0, 19)}Z`;
}

/** A ReCharge timestamp as a stored UTC instant; null when it cannot be read. */
export function toUtcInstant(text: string): string | null {
  const seconds = parseRechargeTimestamp(text);
  return seconds === null ? null : formatUtc(seconds);
}

/** Seconds since the epoch of a stored instant (`formatUtc`'s form, or any ISO with offset). */
export function instantSeconds(instant: string): number | null {
  const ms = Date.parse(instant);
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}

/** The naive New York form the API takes in filters (`updated_at_min`), of a UTC instant. */
export function easternNaive(utcSecond: number): string {
  return new Date(utcToEasternWall(utcSecond) * 1000).toISOString().slice(0, 19);
}
