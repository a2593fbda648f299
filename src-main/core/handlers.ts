import { AppError } from '../../src-shared/errors.ts';
import type { SyncStatus } from '../../src-shared/ipc/channels/sync.ts';
import type { channels } from '../../src-shared/ipc/contract.ts';
import type { HandlersOf } from '../ipc/router.ts';
import type { ExportService } from '../export/export-service.ts';
import type { ProfileManager } from '../vault/profile-manager.ts';
import type { CoreConfig } from './core-config.ts';
import type { StoreSession } from './store-session.ts';
import { noSession } from './store-session.ts';

export interface HandlerDeps {
  config: CoreConfig;
  profiles: ProfileManager;
  exports: ExportService;
  session: () => StoreSession | null;
  idleSync: (cached: number) => SyncStatus;
  settled: () => Promise<void>;
  rebuild: () => Promise<StoreSession['rebuilt']>;
  /** Remembered for stores opened later (profile switches). */
  setSyncInterval: (ms: number) => void;
}

// How long an edit command waits for the push before answering "queued".
const PUSH_GRACE_MS = 1_500;

/** Every channel of the contract, mapped onto the services of the active store. */
export function createHandlers(deps: HandlerDeps): HandlersOf<typeof channels> {
  const { config, profiles } = deps;
  const current = () => deps.session() ?? noSession();

  /** Online, an edit is usually on the store before the reply: show that, not "queued". */
  const afterPush = async (editId: number) => {
    const s = current();
    await Promise.race([s.pusher.pushNow(), new Promise((r) => setTimeout(r, PUSH_GRACE_MS))]);
    const row = s.outbox.get(editId);
    if (!row) throw new AppError('internal', 'The edit disappeared from the outbox.');
    return { edit: s.outbox.view(row) };
  };

  return {
    'app:info': () => ({
      name: 'ReCharge Desk',
      version: config.version,
      mode: config.mode,
      dataDir: config.dataDir,
      platform: process.platform,
      nodeVersion: process.versions.node,
    }),

    'profiles:list': () => profiles.list(),
    'profiles:add': async (input) => {
      const state = await profiles.add(input);
      await deps.settled();
      return state;
    },
    'profiles:switch': async ({ id }) => {
      const state = profiles.switchTo(id);
      await deps.settled();
      return state;
    },
    'profiles:replaceToken': async ({ id, token }) => {
      const state = await profiles.replaceToken(id, token);
      await deps.settled();
      return state;
    },
    'profiles:remove': async (input) => {
      const state = await profiles.remove(input);
      await deps.settled();
      return state;
    },

    'customers:search': (query) => current().services.search(query),
    'customers:count': async (input) => ({ total: await current().services.count(input) }),
    'customers:get': ({ id }) => current().services.getCustomer(id),
    'customers:export': (input) => {
      const { services } = current();
      const source = {
        pages: services.exportPages,
        count: services.count,
        hasStatus: services.api.traits.customerStatus,
      };
      return deps.exports.run(source, input);
    },
    'customers:exportCancel': () => ({ cancelled: deps.exports.cancel() }),
    'customers:history': ({ customerId }) => ({ entries: current().outbox.history(customerId) }),

    'sync:status': () => deps.session()?.services.sync.status() ?? deps.idleSync(0),
    'sync:start': (input) => current().services.sync.start({ full: input?.full ?? false }),
    'sync:cancel': () => current().services.sync.cancel(),
    'sync:schedule': ({ intervalMs }) => {
      deps.setSyncInterval(intervalMs);
      const s = current();
      s.services.sync.scheduleAutoSync(intervalMs);
      return s.services.sync.status();
    },
    'sync:rebuildCache': async () => {
      const result = await deps.rebuild();
      if (!result) throw new AppError('unavailable', 'No store is open to rebuild.');
      return result;
    },

    'customers:updateBilling': ({ customerId, patch }) =>
      afterPush(current().outbox.queueBilling(customerId, patch).edit.id),
    'customers:updatePaymentToken': ({ customerId, processor, token, paymentMethodToken }) =>
      afterPush(
        current().outbox.queuePaymentToken(customerId, processor, token, paymentMethodToken ?? null)
          .edit.id,
      ),
    'addresses:create': ({ customerId, address }) =>
      afterPush(current().outbox.queueAddressCreate(customerId, address).edit.id),
    'addresses:update': ({ customerId, addressId, patch }) =>
      afterPush(current().outbox.queueAddressUpdate(customerId, addressId, patch).edit.id),
    'customers:bulkPreview': ({ target, patch }) => current().outbox.bulkPreview(target, patch),
    'customers:bulkUpdate': ({ target, patch, expectedCount }) =>
      current().outbox.bulkConfirm(target, patch, expectedCount),

    'outbox:list': (input) => current().outbox.list(input),
    'outbox:summary': () => current().outbox.summary(),
    'outbox:retry': ({ ids }) => current().outbox.retry(ids),
    'outbox:discard': ({ ids }) => current().outbox.discard(ids),
    'outbox:resolve': ({ id, resolution }) => {
      const receipt = current().outbox.resolve(id, resolution);
      return afterPush(receipt.edit.id);
    },
    'outbox:push': async () => {
      const s = current();
      await s.pusher.pushNow({ resume: true });
      return s.outbox.summary();
    },
    'outbox:exportAudit': () => ({ csv: current().outbox.exportAuditCsv() }),
  };
}
