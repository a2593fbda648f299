import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox/index.ts';
import { call } from './http.ts';

describe('rate limit over HTTP (injected clock)', () => {
  let sandbox: Sandbox;
  let nowMs = 1_800_000_000_000;

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 3, customers: 5, now: () => nowMs });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('40 quick calls pass, the 41st gets 429, after 1 s two more pass', async () => {
    const get = (token = sandbox.tokens.readOnly) =>
      call(sandbox.url, '/customers/count', { token });
    for (let i = 1; i <= 40; i += 1) {
      const response = await get();
      expect(response.status).toBe(200);
      expect(response.headers.get('x-recharge-limit')).toBe(`${i}/40`);
    }
    const over = await get();
    expect(over.status).toBe(429);
    expect(over.json).toEqual({ errors: 'Too many requests' });
    expect(over.headers.get('x-recharge-limit')).toBe('40/40');
    // Another token has its own bucket.
    expect((await get(sandbox.tokens.full)).status).toBe(200);
    nowMs += 1000;
    expect((await get()).status).toBe(200);
    expect((await get()).status).toBe(200);
    expect((await get()).status).toBe(429);
    // Admin endpoints do not count.
    const state = await call(sandbox.url, '/__sandbox/state');
    expect(state.status).toBe(200);
    expect(
      (state.json as { rateLimit: { usedByToken: Record<string, number> } }).rateLimit.usedByToken[
        'read-only'
      ],
    ).toBe(40);
  });
});

describe('rate limit with a time scale (real clock)', () => {
  it('timeScale 10 drains 20 calls per second and is reported in a header', async () => {
    const sandbox = await startSandbox({ seed: 3, customers: 5, timeScale: 10 });
    try {
      const get = () => call(sandbox.url, '/customers/count', { token: sandbox.tokens.readOnly });
      let status = 200;
      let calls = 0;
      while (status === 200 && calls < 200) {
        const response = await get();
        status = response.status;
        calls += 1;
        expect(response.headers.get('x-sandbox-time-scale')).toBe('10');
      }
      expect(status).toBe(429);
      await new Promise((resolve) => setTimeout(resolve, 300));
      // 0.3 s at 20/s drains about 6 calls.
      let passed = 0;
      while ((await get()).status === 200) passed += 1;
      expect(passed).toBeGreaterThanOrEqual(4);
      expect(passed).toBeLessThanOrEqual(12);
    } finally {
      await sandbox.close();
    }
  });
});
