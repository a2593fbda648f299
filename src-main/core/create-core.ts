import { mkdirSync } from 'node:fs';
import { AppError } from '../../src-shared/errors.ts';
import type { AppMode } from '../../src-shared/ipc/channels/app.ts';
import { SCOPES, type Scope } from '../../src-shared/scopes.ts';
import { channels } from '../../src-shared/ipc/contract.ts';
import { createRouter, type HandlersOf, type Router } from '../ipc/router.ts';
import { createEventBus, type EventBus } from './event-bus.ts';
import { silentLogger, type Logger } from './logger.ts';

export interface CoreConfig {
  dataDir: string;
  mode: AppMode;
  version: string;
  logger?: Logger;
}

export interface Core {
  router: Router;
  events: EventBus;
  close(): Promise<void>;
}

// Channels whose services are still being wired answer with a clear, typed refusal.
const notYet = (): never => {
  throw new AppError('unavailable', 'This part of the app is not available yet.');
};

/** Composition root: builds every service from a config. No Electron here. */
export async function createCore(config: CoreConfig): Promise<Core> {
  mkdirSync(config.dataDir, { recursive: true });
  const logger = config.logger ?? silentLogger;
  const events = createEventBus();
  let scopes: ReadonlySet<Scope> = new Set(SCOPES);

  const handlers: HandlersOf<typeof channels> = {
    'app:info': () => ({
      name: 'ReCharge Desk',
      version: config.version,
      mode: config.mode,
      dataDir: config.dataDir,
      platform: process.platform,
      nodeVersion: process.versions.node,
    }),
    'profiles:list': notYet,
    'profiles:add': notYet,
    'profiles:switch': notYet,
    'profiles:remove': notYet,
    'customers:search': notYet,
    'customers:get': notYet,
    'sync:status': notYet,
    'sync:start': notYet,
    'sync:cancel': notYet,
    'customers:updateBilling': notYet,
    'customers:updatePaymentToken': notYet,
    'customers:bulkPreview': notYet,
    'customers:bulkUpdate': notYet,
    'customers:history': notYet,
    'addresses:create': notYet,
    'addresses:update': notYet,
    'outbox:list': notYet,
    'outbox:summary': notYet,
    'outbox:retry': notYet,
    'outbox:discard': notYet,
    'outbox:resolve': notYet,
    'outbox:push': notYet,
    'outbox:exportAudit': notYet,
  };

  const router = createRouter({ channels, handlers, scopes: () => scopes, logger });
  return {
    router,
    events,
    async close() {
      scopes = new Set();
    },
  };
}
