// Timestamps are held as UTC epoch seconds and only formatted on the way out: 2021-01 (and
// 2021-11 customers, when asked) as naive US-Eastern wall time with real daylight saving, 2021-11
// addresses and payment methods with `+00:00`. Filters read naive values as US Eastern as well.
import { parseRechargeTimestamp, utcToEasternWall } from '../../src-shared/time/eastern.ts';

const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));

// Civil-date conversion (Howard Hinnant's algorithm): the generator formats hundreds of
// thousands of timestamps, and Date objects made that the slowest part.
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

/** `YYYY-MM-DDTHH:MM:SS` of a second count read as UTC (years 1000-9999). */
export function formatWallSecond(wallSecond: number): string {
  const days = Math.floor(wallSecond / 86400);
  const rest = wallSecond - days * 86400;
  const [year, month, day] = civilFromDays(days);
  const hour = Math.floor(rest / 3600);
  const minute = Math.floor((rest % 3600) / 60);
  const second = rest % 60;
  return `${year}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}T${TWO_DIGITS[hour]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[second]}`;
}

/** The naive New York wall time of a UTC instant, as 2021-01 sends it. */
export function formatNaiveEastern(utcSecond: number): string {
  return formatWallSecond(utcToEasternWall(utcSecond));
}

/** A UTC instant with an explicit `+00:00`, as 2021-11 sends addresses. */
export function formatOffsetUtc(utcSecond: number): string {
  return `${formatWallSecond(utcSecond)}+00:00`;
}

export type TimestampStyle = 'naive' | 'offset';

export function formatTimestamp(utcSecond: number, style: TimestampStyle): string {
  return style === 'naive' ? formatNaiveEastern(utcSecond) : formatOffsetUtc(utcSecond);
}

/** Formats a timestamp field that may be absent (undefined) or null, keeping which it was. */
export function formatMaybe(
  utcSecond: number | null | undefined,
  style: TimestampStyle,
): string | null | undefined {
  if (utcSecond === undefined || utcSecond === null) return utcSecond;
  return formatTimestamp(utcSecond, style);
}

const FILTER_PATTERN =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * UTC seconds of a filter value: `2021-01-20`, `2021-01-20T10:15`, `2021-01-20T10:15:02`; naive
 * values are New York wall time (daylight saving included), offsets are taken as written.
 * null when the value is not a date or names an impossible one.
 */
export function parseFilterTime(text: string): number | null {
  const match = FILTER_PATTERN.exec(text.trim());
  if (!match) return null;
  const [, date, hour = '00', minute = '00', second = '00', , offset = ''] = match;
  return parseRechargeTimestamp(`${date}T${hour}:${minute}:${second}${offset}`);
}
