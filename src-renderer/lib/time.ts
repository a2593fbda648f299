// Times as a merchant reads them: relative only while an event is recent, a date otherwise, and
// the full local timestamp on hover. The store sends UTC instants; every text here is local time.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Up to this age an event reads as "3 hours ago"; older ones by their date and time. */
const RELATIVE_FOR = 6 * HOUR;

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const clock = new Intl.DateTimeFormat('en', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const dayThisYear = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric' });
const dayWithYear = new Intl.DateTimeFormat('en', { dateStyle: 'medium' });
const dateTime = new Intl.DateTimeFormat('en', {
  dateStyle: 'medium',
  timeStyle: 'short',
  hourCycle: 'h23',
});
const full = new Intl.DateTimeFormat('en', {
  dateStyle: 'full',
  timeStyle: 'long',
  hourCycle: 'h23',
});

function parse(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

function startOfDay(t: number): number {
  const d = new Date(t);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** "Mar 4" this year, "Mar 4, 2021" before. */
export function formatDate(iso: string | null | undefined, now: number = Date.now()): string {
  const t = parse(iso);
  if (t === null) return '—';
  const sameYear = new Date(t).getFullYear() === new Date(now).getFullYear();
  return (sameYear ? dayThisYear : dayWithYear).format(t);
}

/** "14:05", local time. */
export function formatClock(iso: string | null | undefined): string {
  const t = parse(iso);
  return t === null ? '—' : clock.format(t);
}

/** "Jan 20, 2021, 15:15": where the date and the time both matter. */
export function formatDateTime(iso: string | null | undefined): string {
  const t = parse(iso);
  if (t === null) return iso ? iso : '—';
  return dateTime.format(t);
}

/** "Wednesday, January 20, 2021 at 15:15:02 GMT+1": for hovers, to the second. */
export function formatFull(iso: string | null | undefined): string {
  const t = parse(iso);
  return t === null ? '' : full.format(t);
}

/**
 * When something happened: "just now", "12 minutes ago", "3 hours ago" while recent, then
 * "today at 09:15", "yesterday at 17:40", "Mar 4", "Mar 4, 2021". Future instants read "in 3
 * minutes", then "at 14:05" or by their date.
 */
export function whenText(iso: string | null | undefined, now: number): string {
  const t = parse(iso);
  if (t === null) return iso ? 'unknown' : 'never';
  const ago = now - t;
  if (Math.abs(ago) < 45_000) return 'just now';
  if (ago < 0) {
    if (-ago < HOUR) return relative.format(Math.max(1, Math.round(-ago / MINUTE)), 'minute');
    return startOfDay(t) === startOfDay(now)
      ? `at ${clock.format(t)}`
      : `on ${formatDate(iso, now)}`;
  }
  if (ago < HOUR) return relative.format(-Math.max(1, Math.round(ago / MINUTE)), 'minute');
  if (ago < RELATIVE_FOR) return relative.format(-Math.round(ago / HOUR), 'hour');
  const days = Math.round((startOfDay(now) - startOfDay(t)) / (24 * HOUR));
  if (days === 0) return `today at ${clock.format(t)}`;
  if (days === 1) return `yesterday at ${clock.format(t)}`;
  return formatDate(iso, now);
}

/** "2 h 5 min", "45 s" — for ages and ETAs. */
export function duration(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} days`;
}
