import { describe, expect, it } from 'vitest';
import { FaultPlan, malformJson, truncateJson } from '../../../src-main/sandbox/faults.ts';
import { maskPaymentTokens } from '../../../src-main/sandbox/request-log.ts';
import { WriteClock } from '../../../src-main/sandbox/write-clock.ts';
import * as stamps from '../../../src-main/sandbox/timestamps.ts';
import { normalizeScope, SCOPES } from '../../../src-main/sandbox/auth.ts';
import * as geo from '../../../src-shared/geo/countries.ts';

describe('FaultPlan', () => {
  it('fires on exact request numbers among matching requests', () => {
    const plan = new FaultPlan();
    plan.add({ kind: 'status', status: 500, requests: [2, 4], method: 'GET' });
    const fired = ['GET', 'PUT', 'GET', 'GET', 'GET'].map(
      (method) => plan.decide(method, '/customers').action?.kind ?? null,
    );
    expect(fired).toEqual([null, null, 'status', null, 'status']);
  });

  it('draws the same dice for the same seed', () => {
    const pattern = (seed: number) => {
      const plan = new FaultPlan();
      plan.add({ kind: 'reset', probability: 0.5, seed });
      return Array.from({ length: 40 }, () => plan.decide('GET', '/x').action !== null);
    };
    expect(pattern(1)).toEqual(pattern(1));
    expect(pattern(1)).not.toEqual(pattern(2));
  });

  it('adds delays, keeps the first terminal action and honours count', () => {
    const plan = new FaultPlan();
    plan.add({ kind: 'delay', delayMs: 10 });
    plan.add({ kind: 'delay', delayMs: 5 });
    plan.add({ kind: 'malformed', count: 1 });
    plan.add({ kind: 'truncated' });
    expect(plan.decide('GET', '/')).toMatchObject({ delayMs: 15, action: { kind: 'malformed' } });
    expect(plan.decide('GET', '/')).toMatchObject({ action: { kind: 'truncated' } });
  });

  it('breaks JSON in both ways', () => {
    const json = JSON.stringify({ customers: [{ id: 1 }] });
    expect(() => JSON.parse(malformJson(json))).toThrow();
    expect(() => JSON.parse(truncateJson(json))).toThrow();
  });
});

describe('WriteClock', () => {
  it('never goes back and bumps a row written twice in one second', () => {
    let now = Date.UTC(2026, 0, 1);
    const clock = new WriteClock(() => now);
    const first = clock.issue();
    expect(first.second).toBe(Date.UTC(2026, 0, 1) / 1000);
    const second = clock.issue(first.second);
    expect(second.second).toBe(first.second + 1);
    expect(second.rev).toBeGreaterThan(first.rev);
    now -= 60_000;
    expect(clock.issue().second).toBeGreaterThanOrEqual(second.second);
  });
});

describe('timestamps', () => {
  const utc = (...parts: [number, number, number, number, number, number]) =>
    Date.UTC(...parts) / 1000;

  it('format UTC seconds as naive US Eastern, daylight saving included, or with +00:00', () => {
    expect(stamps.formatWallSecond(utc(2021, 0, 20, 10, 15, 2))).toBe('2021-01-20T10:15:02');
    expect(stamps.formatNaiveEastern(utc(2021, 0, 20, 15, 15, 2))).toBe('2021-01-20T10:15:02');
    expect(stamps.formatNaiveEastern(utc(2021, 6, 20, 15, 15, 2))).toBe('2021-07-20T11:15:02');
    expect(stamps.formatOffsetUtc(utc(2021, 6, 20, 15, 15, 2))).toBe('2021-07-20T15:15:02+00:00');
    // The spring change (2021-03-14 07:00Z): 01:59:59 EST is followed by 03:00:00 EDT.
    expect(stamps.formatNaiveEastern(utc(2021, 2, 14, 6, 59, 59))).toBe('2021-03-14T01:59:59');
    expect(stamps.formatNaiveEastern(utc(2021, 2, 14, 7, 0, 0))).toBe('2021-03-14T03:00:00');
  });

  it('parse filter values: naive as US Eastern (DST included), offsets as written', () => {
    expect(stamps.parseFilterTime('2021-01-20T10:15:02')).toBe(utc(2021, 0, 20, 15, 15, 2));
    expect(stamps.parseFilterTime('2021-07-20T10:15:02')).toBe(utc(2021, 6, 20, 14, 15, 2));
    expect(stamps.parseFilterTime('2021-07-20T10:15')).toBe(utc(2021, 6, 20, 14, 15, 0));
    expect(stamps.parseFilterTime('2021-01-20T15:15:02+00:00')).toBe(utc(2021, 0, 20, 15, 15, 2));
    expect(stamps.parseFilterTime('2021-01-20T15:15:02Z')).toBe(utc(2021, 0, 20, 15, 15, 2));
    expect(stamps.parseFilterTime('2021-01-20')).toBe(utc(2021, 0, 20, 5, 0, 0));
    expect(stamps.parseFilterTime('2021-02-30')).toBeNull();
    expect(stamps.parseFilterTime('soon')).toBeNull();
  });
});

describe('masking and scopes', () => {
  it('masks payment tokens anywhere in a logged body, 2021-11 processor tokens too', () => {
    expect(
      maskPaymentTokens({
        stripe_customer_token: 'cus_IV0hD7FtykKe1a',
        nested: [{ paypal_customer_token: 'B-12345678' }],
        processor_customer_token: 'cus_Q0hD7FtykKe1b',
        processor_payment_method_token: 'pm_1N3T00LkdIwHu7ix',
        city: 'LA',
      }),
    ).toEqual({
      stripe_customer_token: 'cus_…e1a',
      nested: [{ paypal_customer_token: '…678' }],
      processor_customer_token: 'cus_…e1b',
      processor_payment_method_token: 'pm_…7ix',
      city: 'LA',
    });
  });

  it('accepts both scope spellings, and the payment-method scopes', () => {
    expect(normalizeScope('read_customers')).toBe('read_customer');
    for (const scope of SCOPES) expect(normalizeScope(scope)).toBe(scope);
    expect(normalizeScope('admin')).toBeNull();
  });
});

describe('countries', () => {
  it('lists common countries and full province names', () => {
    expect(geo.COUNTRIES.length).toBeGreaterThanOrEqual(40);
    for (const name of [
      'United States',
      'Canada',
      'United Kingdom',
      'Australia',
      'Germany',
      'France',
    ]) {
      expect(geo.COUNTRIES.some((country) => country.name === name)).toBe(true);
    }
    expect(geo.US_STATES).toHaveLength(51);
    expect(geo.CANADIAN_PROVINCES).toHaveLength(13);
    expect(geo.AUSTRALIAN_STATES).toHaveLength(8);
    expect(geo.provincesOf('united states').some((p) => p.name === 'California')).toBe(true);
    expect(new Set(geo.COUNTRIES.map((c) => c.code)).size).toBe(geo.COUNTRIES.length);
  });
});
