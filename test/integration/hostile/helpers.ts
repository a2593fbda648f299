// Helpers for the app's own code against the sandbox with its hostile switches on: a pull engine
// over an outbox environment's cache, a version-neutral comparison of cache and store, and
// small waits.
import { afterEach, expect } from 'vitest';
import type { CacheStore } from '../../../src-main/db/cache-store.ts';
import { silentLogger } from '../../../src-main/lib/logger.ts';
import type { StoreApi } from '../../../src-main/recharge/store-api.ts';
import type { Sandbox } from '../../../src-main/sandbox/index.ts';
import { createSyncEngine, type SyncEngine } from '../../../src-main/sync/engine.ts';
import { easternWallToUtc, formatUtc, utcToEasternWall } from '../../../src-shared/time/eastern.ts';
import type { SyncStatus } from '../../../src-shared/ipc/channels/sync.ts';
import type { ApiVersion } from '../../../src-shared/recharge/versions.ts';
import { manualTimers } from '../../helpers/sync-fixture.ts';
import { createOutboxEnv, type OutboxEnv } from '../outbox/env.ts';

/** A pull engine on a cache the test already holds (the outbox environment's). */
export function engineOn(store: CacheStore, api: StoreApi): SyncEngine {
  return createSyncEngine({
    api,
    store,
    logger: silentLogger,
    onStatus: () => undefined,
    timers: manualTimers(),
    reconcileEvery: 0,
  });
}

/** Runs a pull to its end and expects it to have succeeded. */
export async function pullOk(engine: SyncEngine, full = false): Promise<SyncStatus> {
  const status = await engine.start({ full });
  expect(status.lastError ?? null, JSON.stringify(status.lastError)).toBeNull();
  expect(status.state).toBe('idle');
  return status;
}

/**
 * Opens the outbox environment of a sandbox with a pull engine that has pulled it once; each is
 * stopped and closed, sandbox too, after the test.
 */
export function pulledEnvs(): (
  sandbox: Sandbox,
  version: ApiVersion,
) => Promise<{ env: OutboxEnv; engine: SyncEngine }> {
  const open: { env: OutboxEnv; engine: SyncEngine }[] = [];
  afterEach(async () => {
    for (const { env, engine } of open.splice(0)) {
      await engine.stop();
      await env.close();
      await env.sandbox.close();
    }
  });
  return async (sandbox, version) => {
    const env = await createOutboxEnv({ sandbox, version });
    const engine = engineOn(env.store, env.api);
    open.push({ env, engine });
    await pullOk(engine, true);
    return { env, engine };
  };
}

type Row = Record<string, unknown>;

/**
 * The instants a client may hold for a record updated at `second`: that one, and, when its naive
 * New York reading falls in the repeated autumn hour, the other instant of that reading (a naive
 * `01:20` on fall-back day cannot say which of its two instants it was; clients take the first).
 */
export function readingsOf(second: number): string[] {
  const asRead = easternWallToUtc(utcToEasternWall(second));
  return asRead === second ? [formatUtc(second)] : [formatUtc(second), formatUtc(asRead)];
}

const rowsOf = (store: CacheStore, sql: string) =>
  new Map((store.db.prepare(sql).all() as Row[]).map((row) => [row['id'] as number, row]));

/**
 * Where the cache and the store disagree, on either API version: ids of customers, addresses
 * (and payment methods, when the cache has any), the fields the hostile tests change, and every
 * `updated_at` as an instant. Empty when they agree.
 */
export function storeDiff(sandbox: Sandbox, store: CacheStore): string[] {
  const diffs: string[] = [];
  const compare = (
    kind: string,
    remote: Map<number, Row>,
    local: Map<number, Row>,
    fields: string[],
  ) => {
    for (const [id, theirs] of remote) {
      const mine = local.get(id);
      if (!mine) {
        diffs.push(`${kind} ${id} missing`);
        continue;
      }
      const readings = theirs['readings'] as string[] | undefined;
      if (readings && !readings.includes(mine['updated_at'] as string)) {
        diffs.push(
          `${kind} ${id} updated_at: cache ${String(mine['updated_at'])}, store ${readings[0]}`,
        );
      }
      for (const field of fields) {
        if ((mine[field] ?? null) !== (theirs[field] ?? null)) {
          diffs.push(
            `${kind} ${id} ${field}: cache ${String(mine[field])}, store ${String(theirs[field])}`,
          );
        }
      }
    }
    for (const id of local.keys()) if (!remote.has(id)) diffs.push(`${kind} ${id} should be gone`);
  };
  /** The store's rows of a table, cut to `fields`, each with the instants its updated_at may read as. */
  const remoteOf = (
    rows: Iterable<{ data: { id: number }; updated: number }>,
    fields: string[],
  ): Map<number, Row> => {
    const picked = new Map<number, Row>();
    for (const row of rows) {
      const data = row.data as Row & { id: number };
      const values = Object.fromEntries(fields.map((field) => [field, data[field]]));
      picked.set(data.id, { ...values, readings: readingsOf(row.updated) });
    }
    return picked;
  };
  const tables = [
    {
      kind: 'customer',
      table: 'customers',
      remote: sandbox.store.customerTable,
      fields: ['first_name', 'last_name', 'email'],
    },
    {
      kind: 'address',
      table: 'addresses',
      remote: sandbox.store.addressTable,
      fields: ['customer_id', 'address1', 'city'],
    },
  ];
  for (const { kind, table, remote, fields } of tables) {
    const sql = `SELECT id, ${fields.join(', ')}, updated_at FROM ${table}`;
    compare(kind, remoteOf(remote.rows.values(), fields), rowsOf(store, sql), fields);
  }
  const cachedMethods = rowsOf(store, 'SELECT id, customer_id, updated_at FROM payment_methods');
  if (cachedMethods.size > 0) {
    const methods = remoteOf(sandbox.store.methodTable.rows.values(), ['customer_id']);
    compare('payment method', methods, cachedMethods, ['customer_id']);
  }
  return diffs.slice(0, 20);
}

/** Waits until `probe` holds (polling), failing after `ms`. */
export async function until(probe: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Customer ids of the cache, lowest first. */
export const cachedIds = (store: CacheStore, limit = 10_000): number[] =>
  store.db.prepare('SELECT id FROM customers ORDER BY id LIMIT ?').pluck().all(limit) as number[];
