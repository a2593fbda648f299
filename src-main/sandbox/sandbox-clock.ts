// The store's own clock: what its timestamps (and the request log) read. It ticks with the
// injected `now` but can be set to a chosen instant, frozen there, or moved on, so a test can sit
// just before a daylight-saving change and write in both readings of the repeated hour. The rate
// limiter keeps the injected `now` itself: moving the store's clock never fills or drains a bucket.
import { formatNaiveEastern, formatOffsetUtc } from './timestamps.ts';

export interface ClockReading {
  /** Epoch ms of the store's clock. */
  now: number;
  /** The same instant as `YYYY-MM-DDTHH:MM:SS+00:00`. */
  utc: string;
  /** The same instant as a naive New York wall reading, as 2021-01 sends it. */
  eastern: string;
  /** Standing still at `now` until set or moved again. */
  frozen: boolean;
  /** Ms the clock is ahead of the injected one (0 when it follows it; null when frozen). */
  offsetMs: number | null;
}

export class SandboxClock {
  private readonly base: () => number;
  private offset = 0;
  private frozenAt: number | null = null;

  constructor(base: () => number) {
    this.base = base;
  }

  /** Epoch ms of the store's clock. */
  readonly now = (): number => this.frozenAt ?? this.base() + this.offset;

  /** Jumps to `at` (epoch ms); frozen: stays there, else ticks on from there. */
  set(at: number, frozen = false): void {
    if (!Number.isFinite(at)) throw new Error('The clock needs an instant (epoch ms)');
    if (frozen) {
      this.frozenAt = at;
    } else {
      this.frozenAt = null;
      this.offset = at - this.base();
    }
  }

  /** Moves the clock on by `ms` (frozen or not). */
  advance(ms: number): void {
    if (!Number.isFinite(ms)) throw new Error('advance needs a number of milliseconds');
    if (this.frozenAt !== null) this.frozenAt += ms;
    else this.offset += ms;
  }

  /** Follows the injected clock again. */
  follow(): void {
    this.offset = 0;
    this.frozenAt = null;
  }

  get frozen(): boolean {
    return this.frozenAt !== null;
  }

  reading(): ClockReading {
    const now = this.now();
    const second = Math.floor(now / 1000);
    return {
      now,
      utc: formatOffsetUtc(second),
      eastern: formatNaiveEastern(second),
      frozen: this.frozen,
      offsetMs: this.frozen ? null : this.offset,
    };
  }
}

/** Epoch ms of an instant given as a number or as ISO text with an offset (or `Z`). */
export function instantOf(value: number | string): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(value.trim())) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}
