// Everything one sandbox instance holds, built from its options; the HTTP layers and the admin
// controls share it.
import { demoTokenValues, TokenRegistry, type DemoTokens } from './auth.ts';
import { FaultPlan } from './faults.ts';
import { generateCustomers } from './generate.ts';
import { RateLimiter, RECHARGE_BUCKET } from './rate-limit.ts';
import { RequestLog } from './request-log.ts';
import { SandboxStore } from './store.ts';
import { WriteClock } from './write-clock.ts';

export interface RuntimeOptions {
  seed?: number;
  customers?: number;
  timeScale?: number;
  now?: () => number;
  /**
   * Offset of the server's wall clock from UTC, in minutes. The API's timestamps are US Eastern
   * local time without an offset; the default -300 (EST, no daylight saving) makes a client that
   * builds `updated_at_min` from its own clock visibly wrong, as it would be against the real API.
   */
  utcOffsetMinutes?: number;
}

export interface Runtime {
  seed: number;
  customerCount: number;
  readonly timeScale: number;
  utcOffsetMinutes: number;
  now: () => number;
  store: SandboxStore;
  clock: WriteClock;
  tokens: TokenRegistry;
  demoTokens: DemoTokens;
  limiter: RateLimiter;
  faults: FaultPlan;
  log: RequestLog;
  regenerate(seed: number, customers: number): void;
  setTimeScale(scale: number): void;
}

export const DEFAULT_SEED = 42;
export const DEFAULT_CUSTOMERS = 1000;

export function createRuntime(options: RuntimeOptions = {}): Runtime {
  const now = options.now ?? Date.now;
  const utcOffsetMinutes = options.utcOffsetMinutes ?? -300;
  const seed = options.seed ?? DEFAULT_SEED;
  const clock = new WriteClock(now, utcOffsetMinutes);
  const store = new SandboxStore(clock);
  const tokens = new TokenRegistry();
  const demoTokens = demoTokenValues(seed);
  tokens.add({ token: demoTokens.readOnly, label: 'read-only', scopes: ['read_customers'] });
  tokens.add({
    token: demoTokens.readWrite,
    label: 'read-write',
    scopes: ['read_customers', 'write_customers'],
  });
  tokens.add({
    token: demoTokens.full,
    label: 'full',
    scopes: ['read_customers', 'write_customers', 'write_payments'],
  });
  const limiter = new RateLimiter(now, { ...RECHARGE_BUCKET, timeScale: options.timeScale ?? 1 });
  const runtime: Runtime = {
    seed,
    customerCount: options.customers ?? DEFAULT_CUSTOMERS,
    get timeScale() {
      return limiter.config.timeScale;
    },
    utcOffsetMinutes,
    now,
    store,
    clock,
    tokens,
    demoTokens,
    limiter,
    faults: new FaultPlan(),
    log: new RequestLog(),
    regenerate(nextSeed, customers) {
      runtime.seed = nextSeed;
      runtime.customerCount = customers;
      store.load(generateCustomers(nextSeed, customers));
    },
    setTimeScale(scale) {
      if (!(scale > 0)) throw new Error('timeScale must be a positive number');
      limiter.setTimeScale(scale);
    },
  };
  runtime.regenerate(seed, runtime.customerCount);
  return runtime;
}
