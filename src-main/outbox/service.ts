import { LIVE_STATES, type OutboxSummary } from '../../src-shared/outbox/edits.ts';
import type { VersionTraits } from '../../src-shared/recharge/versions.ts';
import type { Scope } from '../../src-shared/scopes.ts';
import { auditCsv } from './audit-csv.ts';
import { createCommands } from './commands.ts';
import { createEditPlanner } from './edit-planner.ts';
import type { OutboxRepo } from './outbox-repo.ts';
import type { CacheAccess, TokenSealer } from './ports.ts';
import { createReadModel } from './read-model.ts';

export interface OutboxServiceDeps {
  repo: OutboxRepo;
  cache: CacheAccess;
  sealer: TokenSealer;
  /** Called after every change so the renderer's counts stay true. */
  onChange: (summary: OutboxSummary) => void;
  /** Asks the pusher to drain soon (after a new edit). */
  kick: () => void;
  pausedReason: () => OutboxSummary['pausedReason'];
  /** How the store's API version shapes edits (where billing lives, what a token needs). */
  traits: VersionTraits;
  /** The active profile's scopes, read at each edit. */
  scopes: () => ReadonlySet<Scope>;
}

export type OutboxService = ReturnType<typeof createOutboxService>;

/** The outbox as the app's handlers use it: reads of the queue and the merchant's commands. */
export function createOutboxService(deps: OutboxServiceDeps) {
  const { repo } = deps;
  const read = createReadModel(deps);
  const planner = createEditPlanner(deps, read.overlaid);
  return {
    summary: read.summary,
    view: read.view,
    get: (id: number) => repo.get(id),
    /** Live edits: a profile with any cannot be removed without a decision. */
    liveCount(): number {
      const counts = repo.counts();
      return LIVE_STATES.reduce((sum, state) => sum + counts[state], 0);
    },
    ...createCommands(deps, read, planner),
    pendingFields: read.pendingFields,
    overlayCustomer: read.overlayCustomer,
    overlayAddresses: read.overlayAddresses,
    list: read.list,
    history: read.history,
    exportAuditCsv: (): string => auditCsv(repo.auditRows()),
  };
}
