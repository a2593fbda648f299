import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../../src-shared/errors.ts';
import type { OutboxSummary } from '../../src-shared/outbox/edits.ts';
import type { Scope } from '../../src-shared/scopes.ts';
import type { SyncStatus } from '../../src-shared/ipc/channels/sync.ts';
import { carryOutboxOver } from '../outbox/carry.ts';
import { createOutboxRepo } from '../outbox/outbox-repo.ts';
import { cacheAccessOn } from '../outbox/cache-access.ts';
import type { TokenSealer } from '../outbox/ports.ts';
import { composeOutbox } from '../outbox/compose.ts';
import type { OutboxPusher } from '../outbox/pusher.ts';
import type { OutboxService } from '../outbox/service.ts';
import type { ActiveProfile } from '../vault/profile-manager.ts';
import type { Logger } from '../lib/logger.ts';
import { openStoreServices, rebuildStoreServices, type StoreServices } from './store-services.ts';

export interface StoreSessionOptions {
  profile: ActiveProfile;
  sealer: TokenSealer;
  logger: Logger;
  onSyncStatus(status: SyncStatus): void;
  onOutbox(summary: OutboxSummary): void;
  onForbidden(scope: Scope | undefined): void;
  onWritten(scope: Scope): void;
  /** The profile's scopes now (a 403 withdraws one, a replaced token brings new ones). */
  scopes(): ReadonlySet<Scope>;
  fetch?: typeof fetch;
  nativeBinding?: string | undefined;
  writerWorker?: URL | string | undefined;
  /** Automatic pulls; 0 turns them off (tests). */
  syncIntervalMs: number;
  pushIntervalMs: number;
  ambiguousSettleMs?: number;
  /** The demo sandbox drains its bucket faster than the live API. */
  drainPerSecond?: number;
  /** Move a damaged cache aside and start afresh instead of refusing to open. */
  rebuild?: boolean;
}

export interface StoreSession {
  profileId: string;
  /** Set when this session started by rebuilding a damaged cache. */
  rebuilt: { movedTo: string | null; keptEdits: number | null } | null;
  services: StoreServices;
  outbox: OutboxService;
  pusher: OutboxPusher;
  close(): Promise<void>;
}

/** Everything one store profile runs: its cache, client, sync and outbox. */
export function openStoreSession(options: StoreSessionOptions): StoreSession {
  const { profile, logger } = options;
  mkdirSync(dirname(profile.cacheDbPath), { recursive: true });
  const serviceOptions = {
    dbPath: profile.cacheDbPath,
    baseUrl: profile.baseUrl,
    token: profile.token(),
    apiVersion: profile.version,
    onSyncStatus: options.onSyncStatus,
    logger,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.writerWorker ? { writerWorker: options.writerWorker } : {}),
    ...(options.drainPerSecond ? { drainPerSecond: options.drainPerSecond } : {}),
  };
  let rebuilt: StoreSession['rebuilt'] = null;
  let services: StoreServices;
  if (options.rebuild) {
    const result = rebuildStoreServices(serviceOptions);
    services = result.services;
    const keptEdits = result.movedTo ? carryOutboxOver(services.db, result.movedTo) : 0;
    rebuilt = { movedTo: result.movedTo, keptEdits };
    logger.warn('cache rebuilt', { movedTo: result.movedTo, keptEdits });
  } else {
    services = openStoreServices(serviceOptions);
  }
  const now = Date.now;
  const repo = createOutboxRepo(services.db, now);
  const cache = cacheAccessOn(
    services.store,
    now,
    (query, filters) => services.store.search.ids({ query, filters }),
    services.saveAnswer,
  );
  const { service, pusher } = composeOutbox({
    repo,
    cache,
    api: services.api,
    sealer: options.sealer,
    logger,
    now,
    scopes: options.scopes,
    onOutbox: options.onOutbox,
    onForbidden: options.onForbidden,
    onWritten: options.onWritten,
    // A pull finds out for sure, reports "offline" and retries with backoff.
    onNetworkLost: () => {
      if (services.sync.status().state !== 'syncing') void services.sync.start();
    },
    retryIntervalMs: options.pushIntervalMs,
    ...(options.ambiguousSettleMs === undefined
      ? {}
      : { ambiguousSettleMs: options.ambiguousSettleMs }),
  });
  services.store.setPendingOverlay({ shownEdits: (ids) => repo.shownFor(ids) });
  pusher.recover();
  if (options.pushIntervalMs > 0) pusher.start();
  if (options.syncIntervalMs > 0) services.sync.scheduleAutoSync(options.syncIntervalMs);
  return {
    profileId: profile.id,
    rebuilt,
    services,
    outbox: service,
    pusher,
    async close() {
      await pusher.stop();
      await services.close();
    },
  };
}

export function noSession(): never {
  throw new AppError('unavailable', 'No store is set up yet. Add one in Settings.');
}
