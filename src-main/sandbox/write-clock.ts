// Timestamps for writes, in whole UTC seconds as the API has them, so two writes in one second
// would look simultaneous. The clock never goes back (it issues at least the last second it
// issued). By default it is tidy: it bumps a row that was already written in this second by one
// second, so each row's updated_at strictly increases and every write after a client's pull
// carries an updated_at >= anything that pull saw. With `sameSecondUpdates` it is as real stores
// are: several writes to one row within a second all carry that second. Either way ordering
// within a second is by revision.

export class WriteClock {
  private readonly now: () => number;
  private floor = Number.NEGATIVE_INFINITY;
  private revision = 0;
  /** Writes to one row within one second keep that second (no bump). */
  sameSecondUpdates = false;

  constructor(now: () => number) {
    this.now = now;
  }

  /** UTC second of the injected clock, ignoring the floor. */
  secondNow(): number {
    return Math.floor(this.now() / 1000);
  }

  /** The last second issued (or observed in loaded data); -Infinity on an empty store. */
  lastIssued(): number {
    return this.floor;
  }

  /** Raise the floor to existing data (so new writes never sort before loaded rows). */
  observe(second: number, revision: number): void {
    if (second > this.floor) this.floor = second;
    if (revision > this.revision) this.revision = revision;
  }

  /**
   * A timestamp for a write. `previous` is the row's last updated_at, if any: the tidy clock
   * issues a second strictly after it; with `sameSecondUpdates` it may be equal.
   */
  issue(previous?: number): { second: number; rev: number } {
    let second = Math.max(this.secondNow(), this.floor);
    if (previous !== undefined && second <= previous && !this.sameSecondUpdates) {
      second = previous + 1;
    }
    this.floor = second;
    this.revision += 1;
    return { second, rev: this.revision };
  }

  reset(): void {
    this.floor = Number.NEGATIVE_INFINITY;
    this.revision = 0;
  }
}
