import { describe, expect, it } from 'vitest';
import {
  RateLimiter,
  RECHARGE_BUCKET,
  drain,
  take,
  usedCalls,
} from '../../../src-main/sandbox/rate-limit.ts';

describe('leaky bucket', () => {
  const config = { ...RECHARGE_BUCKET, timeScale: 1 };

  it('40 quick calls pass, the 41st is refused, after 1 s two more pass', () => {
    let now = 0;
    const limiter = new RateLimiter(() => now, config);
    for (let i = 0; i < 40; i += 1) expect(limiter.take('t').allowed).toBe(true);
    expect(limiter.take('t')).toEqual({ allowed: false, used: 40 });
    now += 1000;
    expect(limiter.take('t').allowed).toBe(true);
    expect(limiter.take('t').allowed).toBe(true);
    expect(limiter.take('t').allowed).toBe(false);
  });

  it('drains at 2/s times the time scale and never below zero', () => {
    expect(drain({ level: 40, at: 0 }, 1000, config).level).toBe(38);
    expect(drain({ level: 40, at: 0 }, 1000, { ...config, timeScale: 10 }).level).toBe(20);
    expect(drain({ level: 3, at: 0 }, 60_000, config).level).toBe(0);
    expect(usedCalls({ level: 37.2, at: 0 })).toBe(38);
  });

  it('a refused call does not fill the bucket', () => {
    const full = { level: 40, at: 0 };
    const refused = take(full, 0, config);
    expect(refused.allowed).toBe(false);
    expect(refused.bucket.level).toBe(40);
  });

  it('changing the time scale keeps what already drained', () => {
    let now = 0;
    const limiter = new RateLimiter(() => now, config);
    for (let i = 0; i < 40; i += 1) limiter.take('t');
    now = 500;
    limiter.setTimeScale(10);
    expect(limiter.used('t')).toBe(39);
    now = 600;
    expect(limiter.used('t')).toBe(37);
  });
});
