// What a pull run records after every page, in the same transaction as the page, so a run that
// was killed resumes from the next page instead of starting over.

export type PullPhase = 'customers' | 'addresses';

export interface Checkpoint {
  /** A full pass visits everything and sweeps what it did not see; incremental uses `since`. */
  mode: 'full' | 'incremental';
  /** Why a full pass runs: first sync / asked for, or a reconciliation of deletions. */
  reason: 'full' | 'reconcile' | null;
  pass: number | null;
  phase: PullPhase;
  /** Cursor of the next page; null at the start of a phase. */
  pageInfo: string | null;
  since: Record<PullPhase, string | null>;
  maxSeen: Record<PullPhase, string | null>;
  pages: number;
  customers: number;
  addresses: number;
  totals: Record<PullPhase, number | null>;
  /** Every page is in; what a full pass did not see is being deleted, a slice at a time. */
  sweeping?: boolean;
}

export const STATE_KEYS = {
  checkpoint: 'pull.checkpoint',
  highWater: { customers: 'pull.customers.high_water', addresses: 'pull.addresses.high_water' },
  lastSyncAt: 'pull.last_sync_at',
  lastFullSyncAt: 'pull.last_full_sync_at',
  runs: 'pull.completed_runs',
  passes: 'pull.passes',
} as const;
