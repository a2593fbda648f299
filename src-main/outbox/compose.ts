import type { OutboxSummary } from '../../src-shared/outbox/edits.ts';
import type { Scope } from '../../src-shared/scopes.ts';
import { createPushPauses } from './pauses.ts';
import type { OutboxPusherDeps } from './push-context.ts';
import { createOutboxPusher, type OutboxPusher } from './pusher.ts';
import { outboxSummary } from './read-model.ts';
import { createOutboxService, type OutboxService } from './service.ts';

/** What the pusher takes from the app as it is, plus what the service needs. */
export interface OutboxOptions extends Pick<
  OutboxPusherDeps,
  | 'repo'
  | 'cache'
  | 'api'
  | 'sealer'
  | 'logger'
  | 'now'
  | 'onForbidden'
  | 'onWritten'
  | 'onNetworkLost'
  | 'retryIntervalMs'
  | 'ambiguousSettleMs'
> {
  /** The active profile's scopes, read at each edit. */
  scopes: () => ReadonlySet<Scope>;
  /** Every change of the queue, so the renderer's counts stay true. */
  onOutbox: (summary: OutboxSummary) => void;
}

export interface Outbox {
  service: OutboxService;
  pusher: OutboxPusher;
}

/**
 * The service and the pusher of one store, made once. They share the pauses (what the service
 * reports, the pusher sets) and the service kicks the pusher after each new edit.
 */
export function composeOutbox(options: OutboxOptions): Outbox {
  const { repo, cache, api, sealer, logger, now } = options;
  const pauses = createPushPauses();
  const pusher = createOutboxPusher({
    repo,
    cache,
    api,
    sealer,
    logger,
    now,
    pauses,
    onChange: () => options.onOutbox(outboxSummary(repo, pauses.reason)),
    ...(options.onForbidden ? { onForbidden: options.onForbidden } : {}),
    ...(options.onWritten ? { onWritten: options.onWritten } : {}),
    ...(options.onNetworkLost ? { onNetworkLost: options.onNetworkLost } : {}),
    ...(options.retryIntervalMs === undefined ? {} : { retryIntervalMs: options.retryIntervalMs }),
    ...(options.ambiguousSettleMs === undefined
      ? {}
      : { ambiguousSettleMs: options.ambiguousSettleMs }),
  });
  const service = createOutboxService({
    repo,
    cache,
    sealer,
    onChange: options.onOutbox,
    kick: () => void pusher.pushNow(),
    pausedReason: pauses.reason,
    traits: api.traits,
    scopes: options.scopes,
  });
  return { service, pusher };
}
