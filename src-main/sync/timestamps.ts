// ReCharge timestamps are the server's wall clock, usually without an offset. They are compared
// only with each other and shifted by whole seconds, never mixed with this machine's clock.

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;

interface Parsed {
  /** Seconds of the wall reading taken as UTC. */
  wall: number;
  offset: string;
  /** Seconds since the epoch when the offset is known, else the wall value. */
  instant: number;
}

function offsetSeconds(offset: string): number {
  if (offset === '' || offset === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2, 4)) * 60);
}

function parse(text: string): Parsed | null {
  const m = PATTERN.exec(text);
  if (!m) return null;
  const wall =
    Date.UTC(
      Number(m[1]),
      Number(m[2]) - 1,
      Number(m[3]),
      Number(m[4]),
      Number(m[5]),
      Number(m[6]),
    ) / 1000;
  const offset = m[8] ?? '';
  return { wall, offset, instant: wall - offsetSeconds(offset) };
}

/** Later of two timestamps (null-safe); unreadable values lose. */
export function maxTimestamp(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  const pa = parse(a);
  const pb = parse(b);
  if (!pa) return pb ? b : a;
  if (!pb) return a;
  return pb.instant > pa.instant ? b : a;
}

/** The timestamp `seconds` earlier, in the same format (offset kept, fractions dropped). */
export function shiftTimestamp(text: string, seconds: number): string {
  const parsed = parse(text);
  if (!parsed) return text;
  const shifted = new Date((parsed.wall + seconds) * 1000).toISOString().slice(0, 19);
  return `${shifted}${parsed.offset}`;
}
