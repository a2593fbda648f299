import type { Scope } from '../../src-shared/scopes.ts';
import type { Logger } from '../lib/logger.ts';
import type { StoreApi } from '../recharge/store-api.ts';
import type { OutboxRepo } from './outbox-repo.ts';
import type { PushPauses } from './pauses.ts';
import type { CacheAccess, TokenSealer } from './ports.ts';

export interface OutboxPusherDeps {
  repo: OutboxRepo;
  cache: CacheAccess;
  api: StoreApi;
  sealer: TokenSealer;
  logger: Logger;
  now: () => number;
  onChange: () => void;
  /** What holds the queue (401) or edits needing a scope (403); shared with reads of the queue. */
  pauses?: PushPauses;
  /** A 403 tells which scope the token lacks; the vault withdraws it from the profile. */
  onForbidden?: (scope: Scope | undefined) => void;
  /** The store could not be reached: the app should say it is offline. */
  onNetworkLost?: () => void;
  /** A write went through: the scope the merchant ticked is real. */
  onWritten?: (scope: Scope) => void;
  /** Edits sent at once; the client's shared limiter paces the requests. */
  concurrency?: number;
  /**
   * Edits re-read in one list call before they are sent: at 2 calls a second, the last of them
   * goes out about (batch / 2) seconds after its re-read. That is the window in which a change
   * made elsewhere can still be overwritten (docs/outbox.md).
   */
  readBatch?: number;
  retryIntervalMs?: number;
  /**
   * After a create got no clear answer, how long to wait before looking for it on the store: a
   * timed-out request can still be handled later, and looking too soon would create it twice.
   */
  ambiguousSettleMs?: number;
  /** Backoff of an edit after a transient failure (tests shorten it). */
  retryBackoff?: { baseDelayMs: number; maxDelayMs: number };
  /** Unexpected failures of one edit before it is set aside as failed. */
  maxUnexpected?: number;
  random?: () => number;
  setTimer?: (fn: () => void, ms: number) => { unref?: () => void };
  clearTimer?: (timer: unknown) => void;
}

/** What every step of a push shares: the deps, the pauses and the drain's abort signal. */
export interface PushContext {
  deps: OutboxPusherDeps;
  pauses: PushPauses;
  /** The signal of the current run: stop() aborts it, start() makes a new one. */
  signal(): AbortSignal;
  settleMs: number;
}

/** What became of one edit: settled, to try later, or the whole drain must stop. */
export type Outcome = 'settled' | 'later' | 'stop';
