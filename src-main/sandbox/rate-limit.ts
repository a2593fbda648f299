// Leaky bucket per token: each call adds one, the bucket drains `perSecond` calls per second
// (times the time scale), and a call that would overflow `capacity` is refused. Pure math on an
// injected clock, so tests can step time instead of sleeping.

export interface BucketConfig {
  capacity: number;
  perSecond: number;
  /** Multiplies the drain rate: 10 drains 20 calls/s instead of 2. */
  timeScale: number;
}

export interface Bucket {
  level: number;
  at: number;
}

export const RECHARGE_BUCKET: Omit<BucketConfig, 'timeScale'> = { capacity: 40, perSecond: 2 };

export function drain(bucket: Bucket, now: number, config: BucketConfig): Bucket {
  const elapsed = Math.max(0, now - bucket.at) / 1000;
  return {
    level: Math.max(0, bucket.level - elapsed * config.perSecond * config.timeScale),
    at: now,
  };
}

/** Calls in the bucket as the API reports them (`X-Recharge-Limit: used/40`). */
export function usedCalls(bucket: Bucket): number {
  return Math.ceil(bucket.level - 1e-9);
}

export function take(
  bucket: Bucket | undefined,
  now: number,
  config: BucketConfig,
): { allowed: boolean; bucket: Bucket } {
  const current = drain(bucket ?? { level: 0, at: now }, now, config);
  if (current.level + 1 > config.capacity + 1e-9) return { allowed: false, bucket: current };
  return { allowed: true, bucket: { level: current.level + 1, at: now } };
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly now: () => number;
  config: BucketConfig;

  constructor(now: () => number, config: BucketConfig) {
    this.now = now;
    this.config = config;
  }

  take(key: string): { allowed: boolean; used: number } {
    const result = take(this.buckets.get(key), this.now(), this.config);
    this.buckets.set(key, result.bucket);
    return { allowed: result.allowed, used: usedCalls(result.bucket) };
  }

  used(key: string): number {
    const bucket = this.buckets.get(key);
    return bucket ? usedCalls(drain(bucket, this.now(), this.config)) : 0;
  }

  /** Changing the scale keeps what has drained so far at the old rate. */
  setTimeScale(timeScale: number): void {
    const now = this.now();
    for (const [key, bucket] of this.buckets)
      this.buckets.set(key, drain(bucket, now, this.config));
    this.config = { ...this.config, timeScale };
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.buckets.keys()].map((key) => [key, this.used(key)]));
  }

  reset(): void {
    this.buckets.clear();
  }
}
