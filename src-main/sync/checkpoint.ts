// What a pull run records after every page, in the same transaction as the page, so a run that
// was killed resumes from the next page instead of starting over.
import type { SyncStateRepo } from '../db/sync-state-repo.ts';
import type { PullResource } from '../recharge/store-api.ts';

export type PullPhase = PullResource;

export interface Checkpoint {
  /** A full pass visits everything and sweeps what it did not see; incremental uses `since`. */
  mode: 'full' | 'incremental';
  /** Why a full pass runs: first sync / asked for, or a reconciliation of deletions. */
  reason: 'full' | 'reconcile' | null;
  pass: number | null;
  /** What this run walks, in order (the store's version decides). */
  phases: PullPhase[];
  phase: PullPhase;
  /** Cursor of the next page; null at the start of a phase. */
  pageInfo: string | null;
  /** UTC instants: ask only for what changed at or after them. */
  since: Partial<Record<PullPhase, string | null>>;
  maxSeen: Partial<Record<PullPhase, string | null>>;
  pages: number;
  customers: number;
  addresses: number;
  paymentMethods: number;
  /** What the store counted up front, where it can count. */
  totals: { customers: number | null; addresses: number | null };
  /** Every page is in; what a full pass did not see is being deleted, a slice at a time. */
  sweeping?: boolean;
}

export const STATE_KEYS = {
  checkpoint: 'pull.checkpoint',
  highWater: {
    customers: 'pull.customers.high_water',
    addresses: 'pull.addresses.high_water',
    payment_methods: 'pull.payment_methods.high_water',
  } satisfies Record<PullPhase, string>,
  lastSyncAt: 'pull.last_sync_at',
  lastFullSyncAt: 'pull.last_full_sync_at',
  runs: 'pull.completed_runs',
  passes: 'pull.passes',
} as const;

/** The first instant ever: an empty store still completes a first sync. */
export const EPOCH = '1970-01-01T00:00:00Z';

/** How a page's write (or a sweep's last slice) ends its transaction. */
export type RunStep =
  | { kind: 'checkpoint'; checkpoint: Checkpoint }
  | { kind: 'complete'; checkpoint: Checkpoint; now: number };

const later = (a: string | null, b: string | null | undefined): string | null =>
  a === null ? (b ?? null) : b === null || b === undefined || b <= a ? a : b;

/** The end of a run, in the transaction of its last page (or of its sweep's last slice). */
export function completeRun(state: SyncStateRepo, checkpoint: Checkpoint, now: number): void {
  for (const phase of checkpoint.phases) {
    const key = STATE_KEYS.highWater[phase];
    const mark = later(state.get<string>(key), checkpoint.maxSeen[phase]);
    state.set(key, mark ?? EPOCH);
  }
  state.set(STATE_KEYS.lastSyncAt, now);
  if (checkpoint.mode === 'full') state.set(STATE_KEYS.lastFullSyncAt, now);
  if (checkpoint.reason !== 'reconcile') {
    state.set(STATE_KEYS.runs, (state.get<number>(STATE_KEYS.runs) ?? 0) + 1);
  }
  state.delete(STATE_KEYS.checkpoint);
}

export function applyStep(state: SyncStateRepo, step: RunStep): void {
  if (step.kind === 'complete') completeRun(state, step.checkpoint, step.now);
  else state.set(STATE_KEYS.checkpoint, step.checkpoint);
}
