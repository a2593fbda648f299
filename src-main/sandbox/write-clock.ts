// Timestamps for writes, in whole UTC seconds as the API has them, so two writes in one second
// would look simultaneous. The clock therefore never goes back (it issues at least the last second
// it issued) and bumps a row that was already written in this second by one second, so each row's
// updated_at strictly increases and every write after a client's pull carries an updated_at >=
// anything that pull saw: `updated_at_min` = the newest value seen, inclusive, with any overlap
// margin, always catches later changes. Ordering within a second is by revision.

export class WriteClock {
  private readonly now: () => number;
  private floor = Number.NEGATIVE_INFINITY;
  private revision = 0;

  constructor(now: () => number) {
    this.now = now;
  }

  /** UTC second of the injected clock, ignoring the floor. */
  secondNow(): number {
    return Math.floor(this.now() / 1000);
  }

  /** Raise the floor to existing data (so new writes never sort before loaded rows). */
  observe(second: number, revision: number): void {
    if (second > this.floor) this.floor = second;
    if (revision > this.revision) this.revision = revision;
  }

  /** A timestamp for a write, strictly after `previous` (the row's last updated_at), if given. */
  issue(previous?: number): { second: number; rev: number } {
    let second = Math.max(this.secondNow(), this.floor);
    if (previous !== undefined && second <= previous) second = previous + 1;
    this.floor = second;
    this.revision += 1;
    return { second, rev: this.revision };
  }

  reset(): void {
    this.floor = Number.NEGATIVE_INFINITY;
    this.revision = 0;
  }
}
