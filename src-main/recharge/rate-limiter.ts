// A local model of ReCharge's leaky bucket (40 calls per token, draining 2 per second), so calls
// are paced before the server has to refuse them. The server's `X-Recharge-Limit: used/size`
// corrects the model on every response; a 429 fills it. One limiter per token is shared by every
// caller (pull and push), since the server counts per token.
import { createHash } from 'node:crypto';
import { sleep as realSleep, type Sleep } from './sleep.ts';

export interface BucketModel {
  capacity: number;
  /** Calls drained per second (2 on the live API; times the time scale on the sandbox). */
  drainPerSecond: number;
  /** Slots kept free for clock skew between this model and the server. */
  reserve: number;
}

export const RECHARGE_BUCKET_MODEL: BucketModel = { capacity: 40, drainPerSecond: 2, reserve: 2 };

export interface BucketState {
  level: number;
  at: number;
  /** No call before this time (a 429's Retry-After). */
  blockedUntil: number;
}

export function drainTo(state: BucketState, now: number, model: BucketModel): BucketState {
  const elapsed = Math.max(0, now - state.at) / 1000;
  return { ...state, level: Math.max(0, state.level - elapsed * model.drainPerSecond), at: now };
}

/** Milliseconds to wait before one more call fits under capacity minus the reserve. */
export function waitBeforeCall(state: BucketState, now: number, model: BucketModel): number {
  const current = drainTo(state, now, model);
  const limit = Math.max(1, model.capacity - model.reserve);
  const over = current.level + 1 - limit;
  const drainWait = over > 0 ? (over / model.drainPerSecond) * 1000 : 0;
  return Math.max(0, current.blockedUntil - now, Math.ceil(drainWait));
}

/** `X-Recharge-Limit: 3/40` → { used: 3, capacity: 40 }. */
export function parseLimitHeader(
  header: string | null | undefined,
): { used: number; capacity: number } | null {
  const match = header ? /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(header) : null;
  if (!match) return null;
  return { used: Number(match[1]), capacity: Number(match[2]) };
}

export interface LimiterOptions {
  model?: Partial<BucketModel>;
  now?: () => number;
  sleep?: Sleep;
}

export interface LimiterStats {
  calls: number;
  rateLimited: number;
  waitedMs: number;
}

export class RateLimiter {
  readonly model: BucketModel;
  private readonly now: () => number;
  private readonly sleep: Sleep;
  private state: BucketState;
  private inFlight = 0;
  private queue: Promise<void> = Promise.resolve();
  readonly stats: LimiterStats = { calls: 0, rateLimited: 0, waitedMs: 0 };

  constructor(options: LimiterOptions = {}) {
    this.model = { ...RECHARGE_BUCKET_MODEL, ...options.model };
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
    this.state = { level: 0, at: this.now(), blockedUntil: 0 };
  }

  /** The model's current level (calls in the bucket). */
  level(): number {
    this.state = drainTo(this.state, this.now(), this.model);
    return this.state.level;
  }

  /**
   * Waits for a free slot and takes it. Callers are served in order; an aborted waiter leaves
   * the queue without taking a slot.
   */
  acquire(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.waitForSlot(signal));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async waitForSlot(signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const wait = waitBeforeCall(this.state, this.now(), this.model);
      if (wait <= 0) break;
      this.stats.waitedMs += wait;
      await this.sleep(wait, signal);
    }
    this.state = drainTo(this.state, this.now(), this.model);
    this.state.level += 1;
    this.inFlight += 1;
    this.stats.calls += 1;
  }

  /** After a response (or a failure): trust the server's count when it gave one. */
  release(limit: { used: number; capacity: number } | null, rateLimited = false): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.state = drainTo(this.state, this.now(), this.model);
    if (limit) {
      // Calls still in flight were taken locally but may not be in the server's count yet.
      this.state.level = Math.min(limit.capacity, limit.used + this.inFlight);
    }
    if (rateLimited) {
      this.stats.rateLimited += 1;
      this.state.level = Math.max(this.state.level, this.model.capacity);
    }
  }

  /** A 429 with Retry-After: nobody calls before then. */
  blockFor(ms: number): void {
    this.state.blockedUntil = Math.max(this.state.blockedUntil, this.now() + ms);
  }
}

export interface LimiterRegistry {
  /** The one limiter of this token at this base URL, created on first use. */
  limiterFor(baseUrl: string, token: string, options?: LimiterOptions): RateLimiter;
  forget(baseUrl: string, token: string): void;
}

export function createLimiterRegistry(): LimiterRegistry {
  const limiters = new Map<string, RateLimiter>();
  // Keyed by a digest so the registry never holds the token itself.
  const keyOf = (baseUrl: string, token: string) =>
    createHash('sha256').update(`${baseUrl}\n${token}`).digest('hex');
  return {
    limiterFor(baseUrl, token, options) {
      const key = keyOf(baseUrl, token);
      let limiter = limiters.get(key);
      if (!limiter) {
        limiter = new RateLimiter(options);
        limiters.set(key, limiter);
      }
      return limiter;
    },
    forget(baseUrl, token) {
      limiters.delete(keyOf(baseUrl, token));
    },
  };
}

/** The process-wide registry: pull and push of one token share its limiter. */
export const limiters = createLimiterRegistry();
