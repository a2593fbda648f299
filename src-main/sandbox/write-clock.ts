// Timestamps for writes. The wire format has whole seconds and no offset, so two writes in one
// second would look simultaneous. The clock therefore never goes back (it issues at least the
// last second it issued) and bumps a row that was already written in this second by one second,
// so each row's updated_at strictly increases and every write after a client's pull carries an
// updated_at >= anything that pull saw: `updated_at_min` = the newest value seen, inclusive, with
// any overlap margin, always catches later changes. Ordering within a second is by revision.
import { wallSecondAt } from './timestamps.ts';

export class WriteClock {
  private readonly now: () => number;
  private readonly offsetMinutes: number;
  private floor = Number.NEGATIVE_INFINITY;
  private revision = 0;

  constructor(now: () => number, offsetMinutes: number) {
    this.now = now;
    this.offsetMinutes = offsetMinutes;
  }

  /** Wall second of the injected clock, ignoring the floor. */
  wallNow(): number {
    return wallSecondAt(this.now(), this.offsetMinutes);
  }

  /** Raise the floor to existing data (so new writes never sort before loaded rows). */
  observe(wallSecond: number, revision: number): void {
    if (wallSecond > this.floor) this.floor = wallSecond;
    if (revision > this.revision) this.revision = revision;
  }

  /** A timestamp for a write, strictly after `previous` (the row's last updated_at), if given. */
  issue(previous?: number): { wall: number; rev: number } {
    let wall = Math.max(this.wallNow(), this.floor);
    if (previous !== undefined && wall <= previous) wall = previous + 1;
    this.floor = wall;
    this.revision += 1;
    return { wall, rev: this.revision };
  }

  reset(): void {
    this.floor = Number.NEGATIVE_INFINITY;
    this.revision = 0;
  }
}
