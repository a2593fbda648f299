import { z } from 'zod';
import { ErrorShape } from '../../errors.ts';
import { defineChannels } from '../define.ts';

export const SyncProgress = z.object({
  /** `sweep`: a full pass removing what the store no longer has. */
  phase: z.enum(['customers', 'addresses', 'payment_methods', 'reconcile', 'sweep']),
  full: z.boolean(),
  pages: z.number().int().nonnegative(),
  customers: z.number().int().nonnegative(),
  addresses: z.number().int().nonnegative(),
  paymentMethods: z.number().int().nonnegative().default(0),
  /** Customers the server reports for this run, when known. */
  total: z.number().int().nonnegative().nullable(),
  ratePerSec: z.number().nonnegative(),
  etaSec: z.number().nonnegative().nullable(),
});
export type SyncProgress = z.infer<typeof SyncProgress>;

export const SyncState = z.enum(['idle', 'syncing', 'offline', 'error']);
export type SyncState = z.infer<typeof SyncState>;

export const SyncStatus = z.object({
  state: SyncState,
  online: z.boolean(),
  /** ISO time of the last successful pull, by this machine's clock. */
  lastSyncedAt: z.string().nullable(),
  lastError: ErrorShape.nullable(),
  progress: SyncProgress.nullable(),
  cachedCustomers: z.number().int().nonnegative(),
  /** When offline or failed, when the next automatic try happens (ISO). */
  nextRetryAt: z.string().nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const syncChannels = defineChannels({
  'sync:status': { input: z.undefined(), output: SyncStatus },
  'sync:start': {
    input: z
      .object({ full: z.boolean().default(false) })
      .strict()
      .optional(),
    output: SyncStatus,
    scope: 'read_customer',
  },
  'sync:cancel': { input: z.undefined(), output: SyncStatus },
  /** How often the app pulls by itself; 0 turns automatic pulls off. */
  'sync:schedule': {
    input: z
      .object({
        intervalMs: z
          .number()
          .int()
          .min(0)
          .max(24 * 3_600_000),
      })
      .strict()
      .refine((v) => v.intervalMs === 0 || v.intervalMs >= 60_000, 'At least one minute, or off.'),
    output: SyncStatus,
  },
  /** A damaged cache: move it aside (kept), start afresh, bring its unsent edits over. */
  'sync:rebuildCache': {
    input: z.undefined(),
    output: z.object({
      movedTo: z.string().nullable(),
      /** Edits brought over from the old file; null when it could not be read (it is kept). */
      keptEdits: z.number().int().nonnegative().nullable(),
    }),
  },
});
