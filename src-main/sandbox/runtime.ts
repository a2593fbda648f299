// Everything one sandbox instance holds, built from its options; the HTTP layers and the admin
// controls share it.
import { demoTokenValues, TokenRegistry, type DemoTokens } from './auth.ts';
import { FaultPlan } from './faults.ts';
import { generateModel } from './generate.ts';
import { RateLimiter, RECHARGE_BUCKET } from './rate-limit.ts';
import { RequestLog } from './request-log.ts';
import { SandboxStore } from './store.ts';
import type { TimestampStyle } from './timestamps.ts';
import { WriteClock } from './write-clock.ts';

export interface RuntimeOptions {
  seed?: number;
  customers?: number;
  timeScale?: number;
  /** Epoch ms; drives timestamps and the rate limiter, so tests step time instead of sleeping. */
  now?: () => number;
  /**
   * Real stores omit optional fields and send nulls; the generated data does too unless this is
   * false (then every documented key is present).
   */
  sparse?: boolean;
  /**
   * 2021-11 customer timestamps: `offset` (`+00:00`, as 2024 captures show, the default) or
   * `naive` (US Eastern without an offset, as 2022 captures show).
   */
  customerTimestamps?: TimestampStyle;
}

export interface Runtime {
  seed: number;
  customerCount: number;
  sparse: boolean;
  customerTimestamps: TimestampStyle;
  readonly timeScale: number;
  now: () => number;
  store: SandboxStore;
  clock: WriteClock;
  tokens: TokenRegistry;
  demoTokens: DemoTokens;
  limiter: RateLimiter;
  faults: FaultPlan;
  log: RequestLog;
  regenerate(seed: number, customers: number, sparse: boolean): void;
  setTimeScale(scale: number): void;
}

export const DEFAULT_SEED = 42;
export const DEFAULT_CUSTOMERS = 1000;

export const DEMO_SCOPES = {
  readOnly: ['read_customers', 'read_payment_methods'],
  readWrite: ['read_customers', 'read_payment_methods', 'write_customers'],
  full: [
    'read_customers',
    'read_payment_methods',
    'write_customers',
    'write_payments',
    'write_payment_methods',
  ],
} as const;

export function createRuntime(options: RuntimeOptions = {}): Runtime {
  const now = options.now ?? Date.now;
  const seed = options.seed ?? DEFAULT_SEED;
  const clock = new WriteClock(now);
  const store = new SandboxStore(clock);
  const tokens = new TokenRegistry();
  const demoTokens = demoTokenValues(seed);
  tokens.add({ token: demoTokens.readOnly, label: 'read-only', scopes: [...DEMO_SCOPES.readOnly] });
  tokens.add({
    token: demoTokens.readWrite,
    label: 'read-write',
    scopes: [...DEMO_SCOPES.readWrite],
  });
  tokens.add({ token: demoTokens.full, label: 'full', scopes: [...DEMO_SCOPES.full] });
  const limiter = new RateLimiter(now, { ...RECHARGE_BUCKET, timeScale: options.timeScale ?? 1 });
  const runtime: Runtime = {
    seed,
    customerCount: options.customers ?? DEFAULT_CUSTOMERS,
    sparse: options.sparse ?? true,
    customerTimestamps: options.customerTimestamps ?? 'offset',
    get timeScale() {
      return limiter.config.timeScale;
    },
    now,
    store,
    clock,
    tokens,
    demoTokens,
    limiter,
    faults: new FaultPlan(),
    log: new RequestLog(),
    regenerate(nextSeed, customers, sparse) {
      runtime.seed = nextSeed;
      runtime.customerCount = customers;
      runtime.sparse = sparse;
      store.load(generateModel(nextSeed, customers, { sparse }));
    },
    setTimeScale(scale) {
      if (!(scale > 0)) throw new Error('timeScale must be a positive number');
      limiter.setTimeScale(scale);
    },
  };
  runtime.regenerate(seed, runtime.customerCount, runtime.sparse);
  return runtime;
}
