import { describe, expect, it } from 'vitest';
import {
  createLimiterRegistry,
  drainTo,
  parseLimitHeader,
  RateLimiter,
  RECHARGE_BUCKET_MODEL,
  waitBeforeCall,
} from '../../../src-main/recharge/rate-limiter.ts';
import { fakeClock } from '../../helpers/fake-clock.ts';

const model = RECHARGE_BUCKET_MODEL;

describe('leaky bucket math', () => {
  it('drains 2 calls per second', () => {
    const state = { level: 10, at: 0, blockedUntil: 0 };
    expect(drainTo(state, 1000, model).level).toBe(8);
    expect(drainTo(state, 10_000, model).level).toBe(0);
  });

  it('lets calls through until capacity minus the reserve, then waits one drain step', () => {
    expect(waitBeforeCall({ level: 0, at: 0, blockedUntil: 0 }, 0, model)).toBe(0);
    expect(waitBeforeCall({ level: 37, at: 0, blockedUntil: 0 }, 0, model)).toBe(0);
    expect(waitBeforeCall({ level: 38, at: 0, blockedUntil: 0 }, 0, model)).toBe(500);
    expect(waitBeforeCall({ level: 40, at: 0, blockedUntil: 0 }, 0, model)).toBe(1500);
    expect(waitBeforeCall({ level: 38, at: 0, blockedUntil: 0 }, 500, model)).toBe(0);
  });

  it('honours a block set by Retry-After', () => {
    expect(waitBeforeCall({ level: 0, at: 0, blockedUntil: 4000 }, 1000, model)).toBe(3000);
  });

  it('reads X-Recharge-Limit', () => {
    expect(parseLimitHeader('3/40')).toEqual({ used: 3, capacity: 40 });
    expect(parseLimitHeader(' 40 / 40 ')).toEqual({ used: 40, capacity: 40 });
    expect(parseLimitHeader('lots')).toBeNull();
    expect(parseLimitHeader(null)).toBeNull();
  });
});

describe('RateLimiter pacing', () => {
  it('bursts to the reserve line, then settles at the drain rate', async () => {
    const clock = fakeClock(0);
    const limiter = new RateLimiter({ now: clock.now, sleep: clock.sleep });
    const start = clock.now();
    for (let i = 0; i < 38 + 100; i += 1) {
      await limiter.acquire();
      limiter.release(null);
    }
    const elapsedSec = (clock.now() - start) / 1000;
    // 38 calls free, then 100 calls at 2/s.
    expect(elapsedSec).toBeCloseTo(50, 0);
    expect(limiter.stats.calls).toBe(138);
  });

  it('trusts the server count: a fuller bucket slows it down, an emptier one speeds it up', async () => {
    const clock = fakeClock(0);
    const limiter = new RateLimiter({ now: clock.now, sleep: clock.sleep });
    await limiter.acquire();
    limiter.release({ used: 39, capacity: 40 });
    await limiter.acquire();
    expect(clock.now()).toBe(1000);
    limiter.release({ used: 0, capacity: 40 });
    expect(limiter.level()).toBe(0);
  });

  it('fills the bucket on a 429 and waits out Retry-After', async () => {
    const clock = fakeClock(0);
    const limiter = new RateLimiter({ now: clock.now, sleep: clock.sleep });
    await limiter.acquire();
    limiter.release(null, true);
    limiter.blockFor(5000);
    await limiter.acquire();
    expect(clock.now()).toBeGreaterThanOrEqual(5000);
    expect(limiter.stats.rateLimited).toBe(1);
  });

  it('scales with a faster drain (a time-scaled sandbox)', async () => {
    const clock = fakeClock(0);
    const limiter = new RateLimiter({
      now: clock.now,
      sleep: clock.sleep,
      model: { drainPerSecond: 20 },
    });
    for (let i = 0; i < 38 + 200; i += 1) {
      await limiter.acquire();
      limiter.release(null);
    }
    expect(clock.now() / 1000).toBeCloseTo(10, 0);
  });

  it('lets an aborted waiter leave without blocking the others', async () => {
    const clock = fakeClock(0);
    const limiter = new RateLimiter({ now: clock.now, sleep: clock.sleep });
    const controller = new AbortController();
    controller.abort(new Error('cancelled'));
    await expect(limiter.acquire(controller.signal)).rejects.toThrow('cancelled');
    await expect(limiter.acquire()).resolves.toBeUndefined();
    expect(limiter.stats.calls).toBe(1);
  });
});

describe('limiter registry', () => {
  it('gives one limiter per token and base URL', () => {
    const registry = createLimiterRegistry();
    const a = registry.limiterFor('http://127.0.0.1:1', 'tok-a');
    expect(registry.limiterFor('http://127.0.0.1:1', 'tok-a')).toBe(a);
    expect(registry.limiterFor('http://127.0.0.1:1', 'tok-b')).not.toBe(a);
    expect(registry.limiterFor('http://127.0.0.1:2', 'tok-a')).not.toBe(a);
  });
});
