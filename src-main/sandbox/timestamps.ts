// The 2021-01 timestamp format has no offset and whole seconds. Inside the sandbox a timestamp is
// a "wall second": seconds since the epoch of the wall-clock reading taken as if it were UTC, so
// two timestamps compare as numbers and format back to the same string.

const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));

// Civil-date conversions (Howard Hinnant's algorithms): the generator formats and parses
// hundreds of thousands of timestamps, and Date objects made that the slowest part.
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** `YYYY-MM-DDTHH:MM:SS` of a wall second (years 1000-9999). */
export function formatWallSecond(wallSecond: number): string {
  const days = Math.floor(wallSecond / 86400);
  const rest = wallSecond - days * 86400;
  const [year, month, day] = civilFromDays(days);
  const hour = Math.floor(rest / 3600);
  const minute = Math.floor((rest % 3600) / 60);
  const second = rest % 60;
  return `${year}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}T${TWO_DIGITS[hour]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[second]}`;
}

const digitAt = (text: string, at: number): number => text.charCodeAt(at) - 48;
const number2 = (text: string, at: number): number =>
  digitAt(text, at) * 10 + digitAt(text, at + 1);

/** Wall second of a timestamp in the sandbox's own `YYYY-MM-DDTHH:MM:SS` form (unchecked, fast). */
export function wallSecondOfOwn(timestamp: string): number {
  const year = number2(timestamp, 0) * 100 + number2(timestamp, 2);
  const days = daysFromCivil(year, number2(timestamp, 5), number2(timestamp, 8));
  return (
    days * 86400 +
    number2(timestamp, 11) * 3600 +
    number2(timestamp, 14) * 60 +
    number2(timestamp, 17)
  );
}

const PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Wall second of a filter value: `2021-01-20`, `2021-01-20T10:15:02`, optionally with an offset,
 * which is converted to the server's wall clock (`serverOffsetMinutes` from UTC). null if invalid.
 */
export function parseWallSecond(text: string, serverOffsetMinutes = 0): number | null {
  const match = PATTERN.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', offset] = match;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(ms)) return null;
  const probe = new Date(ms);
  if (probe.getUTCDate() !== Number(d) || probe.getUTCMonth() !== Number(mo) - 1) return null;
  let wall = ms / 1000;
  if (offset !== undefined) {
    const offsetMinutes = parseOffsetMinutes(offset);
    wall = wall - offsetMinutes * 60 + serverOffsetMinutes * 60;
  }
  return wall;
}

function parseOffsetMinutes(offset: string): number {
  if (offset === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

/** Wall second now, for a server whose wall clock is `offsetMinutes` from UTC. */
export function wallSecondAt(epochMs: number, offsetMinutes: number): number {
  return Math.floor(epochMs / 1000) + offsetMinutes * 60;
}
