// Everything one sandbox instance holds, built from its options; the HTTP layers and the admin
// controls share it.
import { demoTokenValues, TokenRegistry, type DemoTokens } from './auth.ts';
import { FaultPlan } from './faults.ts';
import { generateModel } from './generate.ts';
import { RateLimiter, RECHARGE_BUCKET } from './rate-limit.ts';
import { RequestLog } from './request-log.ts';
import { instantOf, SandboxClock } from './sandbox-clock.ts';
import { Schedule } from './schedule.ts';
import { SandboxStore } from './store.ts';
import type { TimestampStyle } from './timestamps.ts';
import { WriteClock } from './write-clock.ts';

/** Whether list pages keep their way to the next page. */
export const DROP_CURSORS = ['never', 'always'] as const;
export type DropCursors = (typeof DROP_CURSORS)[number];

export interface RuntimeOptions {
  seed?: number;
  customers?: number;
  timeScale?: number;
  /** Epoch ms; drives timestamps and the rate limiter, so tests step time instead of sleeping. */
  now?: () => number;
  /**
   * Start the store's clock at this instant (epoch ms, or ISO text with an offset) instead of
   * `now`; the data is then generated up to it. Timestamps and the request log read this clock,
   * the rate limiter keeps `now`. Move it later with `admin.setClock` / `admin.advanceClock`.
   */
  clock?: number | string;
  /** With `clock`: the store's clock stands still there until set or advanced. */
  frozenClock?: boolean;
  /**
   * Several writes to one record within one second keep that second's `updated_at`, as on real
   * stores (default false: the tidy clock bumps the second write to the next second).
   */
  sameSecondUpdates?: boolean;
  /** `always`: every list page comes without `Link` / `next_cursor` (default `never`). */
  dropCursors?: DropCursors;
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
  /** The store's clock (epoch ms): timestamps and the request log. */
  now: () => number;
  /** Sets and moves that clock. */
  storeClock: SandboxClock;
  /** UTC second the generated data ends at; null: the generator's fixed anchor. */
  dataUntil: number | null;
  sameSecondUpdates: boolean;
  dropCursors: DropCursors;
  schedule: Schedule;
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
  const storeClock = new SandboxClock(now);
  let dataUntil: number | null = null;
  if (options.clock !== undefined) {
    const at = instantOf(options.clock);
    if (at === null) throw new Error(`clock: not an instant: ${String(options.clock)}`);
    storeClock.set(at, options.frozenClock ?? false);
    dataUntil = Math.floor(at / 1000);
  }
  const clock = new WriteClock(storeClock.now);
  clock.sameSecondUpdates = options.sameSecondUpdates ?? false;
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
    now: storeClock.now,
    storeClock,
    dataUntil,
    get sameSecondUpdates() {
      return clock.sameSecondUpdates;
    },
    set sameSecondUpdates(value: boolean) {
      clock.sameSecondUpdates = value;
    },
    dropCursors: options.dropCursors ?? 'never',
    schedule: new Schedule(),
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
      const until = runtime.dataUntil;
      store.load(
        generateModel(nextSeed, customers, { sparse, ...(until === null ? {} : { until }) }),
      );
    },
    setTimeScale(scale) {
      if (!(scale > 0)) throw new Error('timeScale must be a positive number');
      limiter.setTimeScale(scale);
    },
  };
  runtime.regenerate(seed, runtime.customerCount, runtime.sparse);
  return runtime;
}
