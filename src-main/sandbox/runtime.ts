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
  /**
   * Sets the store's clock at an instant (epoch ms, or ISO text with an offset), frozen there or
   * ticking on, and ends the data the next regenerate makes there. Throws for anything else.
   */
  startClockAt(clock: number | string, frozen: boolean): void;
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

/** In this order on the state endpoint and in the request log. */
const DEMO_LABELS = [
  ['readOnly', 'read-only'],
  ['readWrite', 'read-write'],
  ['full', 'full'],
] as const;

export function createRuntime(options: RuntimeOptions = {}): Runtime {
  const now = options.now ?? Date.now;
  const seed = options.seed ?? DEFAULT_SEED;
  const storeClock = new SandboxClock(now);
  /** UTC second the generated data ends at; null: the generator's fixed anchor. */
  let dataUntil: number | null = null;
  const clock = new WriteClock(storeClock.now);
  clock.sameSecondUpdates = options.sameSecondUpdates ?? false;
  const store = new SandboxStore(clock);
  const tokens = new TokenRegistry();
  const demoTokens = demoTokenValues(seed);
  for (const [kind, label] of DEMO_LABELS) {
    tokens.add({ token: demoTokens[kind], label, scopes: [...DEMO_SCOPES[kind]] });
  }
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
      const until = dataUntil === null ? {} : { until: dataUntil };
      store.load(generateModel(nextSeed, customers, { sparse, ...until }));
    },
    startClockAt(instant, frozen) {
      const at = instantOf(instant);
      if (at === null) throw new Error(`clock: not an instant: ${String(instant)}`);
      storeClock.set(at, frozen);
      dataUntil = Math.floor(at / 1000);
    },
    setTimeScale(scale) {
      if (!(scale > 0)) throw new Error('timeScale must be a positive number');
      limiter.setTimeScale(scale);
    },
  };
  if (options.clock !== undefined)
    runtime.startClockAt(options.clock, options.frozenClock ?? false);
  runtime.regenerate(seed, runtime.customerCount, runtime.sparse);
  return runtime;
}
