// The sandbox's remote-control surface: simulate what happens elsewhere (the customer portal,
// ReCharge itself), script faults and changes, move the store's clock, revoke tokens, read the
// request log, switch dialects, reset. Used in-process by tests and over HTTP under /__sandbox/
// (admin-routes.ts).
import {
  hostileControls,
  publicChange,
  tokenSummary,
  type HostileControls,
  type TokenSummary,
} from './admin-hostile.ts';
import { recordControls, type RecordControls } from './admin-records.ts';
import { FaultRuleInput, type FaultRule } from './faults.ts';
import type { RequestLogEntry } from './request-log.ts';
import type { DropCursors, Runtime } from './runtime.ts';
import type { ClockReading } from './sandbox-clock.ts';
import type { ScheduledChange } from './schedule.ts';
import type { TimestampStyle } from './timestamps.ts';

export type { AdminResult } from './admin-records.ts';
export type { Switches, TokenSummary } from './admin-hostile.ts';

export interface SandboxState {
  seed: number;
  customers: number;
  addresses: number;
  paymentMethods: number;
  sparse: boolean;
  customerTimestamps: TimestampStyle;
  sameSecondUpdates: boolean;
  dropCursors: DropCursors;
  /** The store's clock. */
  clock: ClockReading;
  /** Changes waiting for (or fired on) a request. */
  schedule: ScheduledChange[];
  /** Naive timestamps are wall time in this zone, daylight saving included. */
  timeZone: 'America/New_York';
  timeScale: number;
  requestCount: number;
  rateLimit: { capacity: number; perSecond: number; usedByToken: Record<string, number> };
  faults: FaultRule[];
  tokens: TokenSummary[];
}

export interface ResetOptions {
  seed?: number;
  customers?: number;
  sparse?: boolean;
  /**
   * Start the store's clock at this instant (epoch ms or ISO with an offset) and generate the
   * data up to it (later resets keep that end until given another clock).
   */
  clock?: number | string;
  /** With `clock`: the clock stands still there. */
  frozenClock?: boolean;
}

export interface SandboxAdmin extends RecordControls, HostileControls {
  addFault(rule: FaultRuleInput): FaultRule;
  clearFaults(): void;
  faults(): FaultRule[];
  requests(options?: { since?: number; limit?: number }): RequestLogEntry[];
  clearRequests(): void;
  /**
   * Regenerate the data (same seed, size and sparsity unless given); empty buckets, log, faults
   * and schedule; revoked tokens work again. Switches stay as they are.
   */
  reset(options?: ResetOptions): void;
  addToken(input: { scopes: string[]; label?: string; token?: string }): {
    token: string;
    label: string;
    scopes: string[];
  };
  setTimeScale(scale: number): void;
  /** 2021-11 customer timestamps: naive US Eastern or `+00:00` (also `setSwitches`). */
  setCustomerTimestamps(style: TimestampStyle): void;
  state(): SandboxState;
}

export function createAdmin(runtime: Runtime): SandboxAdmin {
  const { store } = runtime;
  return {
    ...recordControls(store),
    ...hostileControls(runtime),
    addFault: (rule) => runtime.faults.add(FaultRuleInput.parse(rule)),
    clearFaults: () => runtime.faults.clear(),
    faults: () => runtime.faults.list(),
    requests: (options) => runtime.log.list(options),
    clearRequests: () => runtime.log.clear(),
    reset(options = {}) {
      if (options.clock !== undefined) {
        runtime.startClockAt(options.clock, options.frozenClock ?? false);
      }
      runtime.regenerate(
        options.seed ?? runtime.seed,
        options.customers ?? runtime.customerCount,
        options.sparse ?? runtime.sparse,
      );
      runtime.limiter.reset();
      runtime.log.clear();
      runtime.faults.clear();
      runtime.schedule.clear();
      for (const token of runtime.tokens.list()) token.revoked = false;
    },
    addToken(input) {
      const added = runtime.tokens.add(input);
      return { token: added.token, label: added.label, scopes: added.scopes };
    },
    setTimeScale: (scale) => runtime.setTimeScale(scale),
    setCustomerTimestamps(style) {
      runtime.customerTimestamps = style;
    },
    state() {
      const counts = store.counts();
      const labels = new Map(runtime.tokens.list().map((token) => [token.token, token.label]));
      const usedByToken: Record<string, number> = {};
      for (const [token, used] of Object.entries(runtime.limiter.snapshot())) {
        usedByToken[labels.get(token) ?? 'unknown'] = used;
      }
      return {
        seed: runtime.seed,
        ...counts,
        sparse: runtime.sparse,
        customerTimestamps: runtime.customerTimestamps,
        sameSecondUpdates: runtime.sameSecondUpdates,
        dropCursors: runtime.dropCursors,
        clock: runtime.storeClock.reading(),
        schedule: runtime.schedule.list().map((change) => publicChange(runtime, change)),
        timeZone: 'America/New_York',
        timeScale: runtime.timeScale,
        requestCount: runtime.log.total,
        rateLimit: {
          capacity: runtime.limiter.config.capacity,
          perSecond: runtime.limiter.config.perSecond,
          usedByToken,
        },
        faults: runtime.faults.list(),
        tokens: runtime.tokens.list().map(tokenSummary),
      };
    },
  };
}
