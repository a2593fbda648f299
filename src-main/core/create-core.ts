import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../src-shared/errors.ts';
import type { SyncStatus } from '../../src-shared/ipc/channels/sync.ts';
import { channels } from '../../src-shared/ipc/contract.ts';
import type { Scope } from '../../src-shared/scopes.ts';
import { countLiveEdits } from '../db/outbox-count.ts';
import { createRouter, type Router } from '../ipc/router.ts';
import { startSandbox } from '../sandbox/index.ts';
import { bundledSandboxWorker, startSandboxWorker } from '../sandbox/worker.ts';
import { sealerFrom } from '../sync/sealer.ts';
import { createKeyFileCipher } from '../vault/key-file-cipher.ts';
import { KEY_FILE_NAME } from '../vault/key-file.ts';
import { createProfileManager, type ProfileManager } from '../vault/profile-manager.ts';
import { createExportService, type ExportService } from '../export/export-service.ts';
import { createEventBus, type EventBus } from '../lib/event-bus.ts';
import { silentLogger, withSecrets } from '../lib/logger.ts';
import { DEFAULT_DEMO, type CoreConfig } from './core-config.ts';
import { createHandlers } from './handlers.ts';
import { openStoreSession, type StoreSession } from './store-session.ts';

// The config's types live apart so handlers.ts can read them without importing this file.
export { DEFAULT_DEMO, type CoreConfig, type DemoOptions } from './core-config.ts';

export interface Core {
  router: Router;
  events: EventBus;
  profiles: ProfileManager;
  exports: ExportService;
  /** The open store, if any (tests and the harness look inside). */
  session(): StoreSession | null;
  close(): Promise<void>;
}

const idleSync = (cached: number): SyncStatus => ({
  state: 'idle',
  online: true,
  lastSyncedAt: null,
  lastError: null,
  progress: null,
  cachedCustomers: cached,
  nextRetryAt: null,
});

/** Composition root: builds every service from a config. No Electron here. */
export async function createCore(config: CoreConfig): Promise<Core> {
  mkdirSync(config.dataDir, { recursive: true });
  // Bound late: the vault knows the tokens only once it has opened them.
  let secrets: () => readonly string[] = () => [];
  const logger = withSecrets(config.logger ?? silentLogger, () => secrets());
  const events = createEventBus();
  const cipher =
    config.cipher ?? createKeyFileCipher({ path: join(config.dataDir, KEY_FILE_NAME), logger });
  const demo = config.demo === undefined ? DEFAULT_DEMO : config.demo;
  let session: StoreSession | null = null;
  let switching: Promise<void> = Promise.resolve();
  let syncIntervalMs = config.syncIntervalMs ?? 5 * 60_000;

  const profiles = createProfileManager({
    dataDir: config.dataDir,
    cipher,
    logger,
    ...(config.fetch ? { fetch: config.fetch } : {}),
    pendingEdits: (id) =>
      session?.profileId === id
        ? session.outbox.liveCount()
        : countLiveEdits(profiles.cacheDbPath(id), config.nativeBinding),
    releaseCache: async (id) => {
      if (session?.profileId === id) await closeSession();
    },
    onChange: (state) => {
      events.emit('profiles:changed', state);
      switching = switching.then(() => openActive());
    },
  });

  secrets = () => profiles.secretsForRedaction();

  const closeSession = async () => {
    const current = session;
    session = null;
    await current?.close();
  };

  /** What the open session was built from: a replaced token or address needs a new one. */
  const sessionKey = (profile: NonNullable<ReturnType<typeof profiles.active>>) =>
    [
      profile.id,
      profile.baseUrl,
      profile.version,
      createHash('sha256').update(profile.token()).digest('hex'),
    ].join('\n');
  let openKey: string | null = null;

  async function openActive(rebuild = false): Promise<void> {
    const active = profiles.active();
    if (!rebuild && session && active && openKey === sessionKey(active)) return;
    await closeSession();
    openKey = null;
    if (!active) return;
    try {
      session = openStoreSession({
        profile: active,
        sealer: sealerFrom(cipher, { purpose: 'payment-token', profileId: active.id }),
        logger,
        fetch: config.fetch,
        nativeBinding: config.nativeBinding,
        writerWorker: config.writerWorker,
        syncIntervalMs,
        pushIntervalMs: config.pushIntervalMs ?? 15_000,
        ...(config.ambiguousSettleMs === undefined
          ? {}
          : { ambiguousSettleMs: config.ambiguousSettleMs }),
        rebuild,
        ...(active.demo && demo ? { drainPerSecond: 2 * demo.timeScale } : {}),
        onSyncStatus: (status) => events.emit('sync:status', status),
        onOutbox: (summary) => events.emit('outbox:changed', summary),
        onForbidden: (scope: Scope | undefined) => {
          if (scope) profiles.withdrawScope(active.id, scope);
        },
        onWritten: (scope: Scope) => profiles.confirmScope(active.id, scope),
        scopes: () => profiles.activeScopes(),
      });
      openKey = sessionKey(active);
      void session.services.sync.start();
    } catch (error) {
      logger.error('the store could not be opened', { error });
      events.emit('app:notice', {
        level: 'error',
        message: error instanceof AppError ? error.message : 'The store could not be opened.',
      });
    }
  }

  if (demo) {
    await profiles.ensureDemoProfile(async () => {
      const options = {
        seed: demo.seed,
        customers: demo.customers,
        timeScale: demo.timeScale,
        adminApi: demo.adminApi ?? false,
      };
      // On a worker thread: generating the store and answering the app's requests never hold
      // the thread serving the windows and IPC. Node runs the worker's source; the app its
      // bundled file, built beside the cache writer's.
      const bundled = config.writerWorker ? bundledSandboxWorker(config.writerWorker) : undefined;
      if (bundled === null) {
        logger.warn('the demo store runs on the main thread: its worker is not in the bundle');
        const sandbox = await startSandbox(options);
        return { url: sandbox.url, token: sandbox.tokens.full, close: () => sandbox.close() };
      }
      const sandbox = await startSandboxWorker({
        ...options,
        ...(bundled ? { workerUrl: bundled } : {}),
        onExit: (error) => logger.error('the demo store stopped', { error }),
      });
      return { url: sandbox.url, token: sandbox.tokens.full, close: () => sandbox.close() };
    }, demo.version);
  }
  // Through the same chain as profile changes: ensureDemoProfile has queued an open already, and
  // two opens racing would leave a second, orphaned session pushing every edit twice.
  switching = switching.then(() => openActive());
  await switching;

  const exports = createExportService({
    chooseExportPath: config.chooseExportPath,
    downloadDir: join(config.dataDir, 'exports'),
    onProgress: (progress) => events.emit('customers:exportProgress', progress),
  });
  const handlers = createHandlers({
    config,
    exports,
    profiles,
    session: () => session,
    idleSync,
    /** Waits for a profile switch to finish opening its store. */
    settled: () => switching,
    setSyncInterval: (ms) => {
      syncIntervalMs = ms;
    },
    rebuild: async () => {
      await switching;
      await openActive(true);
      return session?.rebuilt ?? null;
    },
  });
  const router = createRouter({
    channels,
    handlers,
    scopes: () => profiles.activeScopes(),
    logger,
  });

  return {
    router,
    events,
    profiles,
    exports,
    session: () => session,
    async close() {
      exports.close();
      await switching;
      await closeSession();
      await profiles.close();
    },
  };
}
