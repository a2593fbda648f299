import { LIVE_STATES } from '../../src-shared/outbox/edits.ts';
import { auditCsv } from './audit-csv.ts';
import { createCommands } from './commands.ts';
import { createEditPlanner } from './edit-planner.ts';
import type { OutboxServiceDeps } from './ports.ts';
import { createReadModel } from './read-model.ts';

export type { OutboxServiceDeps } from './ports.ts';

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
    list: read.list,
    history: read.history,
    exportAuditCsv: (): string => auditCsv(repo.auditRows()),
  };
}
