// Outbox figures: queueing a 10k-customer bulk edit (vs one transaction per edit), and push
// throughput against the sandbox's time-scaled rate-limit ceiling.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { silentLogger } from '../src-main/lib/logger.ts';
import { openCacheStore, type CacheStore } from '../src-main/db/cache-store.ts';
import { createOutboxRepo } from '../src-main/outbox/outbox-repo.ts';
import { createRechargeClient } from '../src-main/recharge/client.ts';
import { createStoreApi } from '../src-main/recharge/create-store-api.ts';
import { RateLimiter } from '../src-main/recharge/rate-limiter.ts';
import { customerFacts } from '../src-main/recharge/v2021-01.ts';
import { generateCustomers } from '../src-main/sandbox/index.ts';
import { startSandboxWorker } from '../src-main/sandbox/worker.ts';
import { cacheAccessOn, type AnswerSaver } from '../src-main/outbox/cache-access.ts';
import { createCacheWriter } from '../src-main/sync/cache-writer.ts';
import type { TokenSealer } from '../src-main/outbox/ports.ts';
import { createOutboxPusher } from '../src-main/outbox/pusher.ts';
import { createOutboxService } from '../src-main/outbox/service.ts';
import type { Customer } from '../src-shared/recharge/wire-2021-01.ts';
import { traitsOf, type ApiVersion } from '../src-shared/recharge/versions.ts';
import { SCOPES } from '../src-shared/scopes.ts';
import { BULK_SLICE } from '../src-main/outbox/edit-planner.ts';
import { delayText, loopSampler, type LoopDelay } from './loop-delay.ts';
import { clearRequestLog, requestLog } from './sandbox-requests.ts';

const sealer: TokenSealer = { seal: (s) => s, open: (s) => s };

function outboxOn(store: CacheStore, version: ApiVersion = '2021-01', save?: AnswerSaver) {
  const repo = createOutboxRepo(store.db, Date.now);
  const cache = cacheAccessOn(
    store,
    Date.now,
    (query, filters) => store.search.ids({ query, filters }),
    save,
  );
  const service = createOutboxService({
    repo,
    cache,
    sealer,
    onChange: () => undefined,
    kick: () => undefined,
    pausedReason: () => null,
    traits: traitsOf(version),
    scopes: () => new Set(SCOPES),
  });
  return { repo, cache, service };
}

function loadCustomers(store: CacheStore, customers: readonly Customer[]) {
  for (let i = 0; i < customers.length; i += 1000) {
    store.transaction(() =>
      store.customers.upsert(customers.slice(i, i + 1000).map(customerFacts), {
        syncedAt: Date.now(),
      }),
    );
  }
}

export interface BulkQueueResult {
  customers: number;
  previewMs: number;
  confirmMs: number;
  oneByOneMs: number;
  oneByOneCount: number;
  /** The main thread while the preview and the confirm ran. */
  loopDelay: LoopDelay;
}

/** Preview + confirm of a bulk edit over every cached customer, and a one-edit-per-call baseline. */
export async function benchBulkQueue(count = 10_000): Promise<BulkQueueResult> {
  const dir = mkdtempSync(join(tmpdir(), 'rc-bench-outbox-'));
  try {
    const { customers } = generateCustomers(9, count);
    const store = openCacheStore({ path: join(dir, 'bulk.db') });
    loadCustomers(store, customers);
    const { service } = outboxOn(store);
    const patch = { billing_country: 'United States', billing_company: 'Bulk Co' };
    const target = { kind: 'search' as const, query: '', filters: {} };
    const loop = loopSampler();
    let started = performance.now();
    const preview = await loop.measured(() => service.bulkPreview(target, patch));
    const previewMs = performance.now() - started;
    started = performance.now();
    await loop.measured(() => service.bulkConfirm(target, patch, preview.count));
    const confirmMs = performance.now() - started;

    // Baseline: the same kind of edit queued one call (one transaction) at a time, on a sample.
    const sample = customers.slice(0, 1000);
    started = performance.now();
    for (const c of sample) service.queueBilling(c.id, { billing_company: `Solo ${c.id}` });
    const oneByOneMs = performance.now() - started;
    store.close();
    return {
      customers: preview.count,
      previewMs: Math.round(previewMs),
      confirmMs: Math.round(confirmMs),
      oneByOneMs: Math.round(oneByOneMs),
      oneByOneCount: sample.length,
      loopDelay: loop.result(),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface PushResult {
  version: ApiVersion;
  edits: number;
  timeScale: number;
  seconds: number;
  requests: number;
  rateLimited: number;
  ceilingRequests: number;
  ratio: number;
  editsPerSec: number;
  /** The main thread during the push (the store runs on a thread of its own). */
  loopDelay: LoopDelay;
}

/**
 * Drains billing edits to a time-scaled sandbox and compares requests with the ceiling. On 2021-11
 * the edits go to customers with an editable default payment method (a billing address there).
 */
export async function benchPush(
  edits = 600,
  timeScale = 10,
  version: ApiVersion = '2021-01',
): Promise<PushResult> {
  const dir = mkdtempSync(join(tmpdir(), 'rc-bench-push-'));
  const sandbox = await startSandboxWorker({
    seed: 12,
    customers: edits * 2,
    timeScale,
    adminApi: true,
  });
  try {
    const store = openCacheStore({ path: join(dir, 'push.db') });
    const drainPerSecond = 2 * timeScale;
    const api = createStoreApi(
      createRechargeClient({
        baseUrl: sandbox.url,
        token: sandbox.tokens.full,
        apiVersion: version,
        limiter: new RateLimiter({ model: { drainPerSecond } }),
      }),
    );
    // The cache as a pull leaves it (the version's own shapes, payment methods included).
    for (const list of [api.listCustomers, api.listAddresses, api.listPaymentMethods] as const) {
      for (let cursor: string | null | undefined; cursor !== null;) {
        const page = await list({ limit: 250, cursor });
        if (list === api.listCustomers)
          store.customers.upsert(page.items as never, { syncedAt: 0 });
        else if (list === api.listAddresses)
          store.addresses.upsert(page.items as never, { syncedAt: 0 });
        else store.paymentMethods.upsert(page.items as never, { syncedAt: 0 });
        cursor = page.next;
      }
    }
    // As in the app: what the store answers is written on the cache writer's thread.
    const writer = createCacheWriter({ path: join(dir, 'push.db') });
    const { repo, cache, service } = outboxOn(store, version, (answer) =>
      writer.saveAnswer(answer),
    );
    let queued = 0;
    for (const id of store.db
      .prepare('SELECT id FROM customers ORDER BY id')
      .pluck()
      .all() as number[]) {
      if (queued >= edits) break;
      try {
        service.queueBilling(id, { billing_city: `Pushed ${id}` });
        queued += 1;
      } catch {
        // No editable billing address on this version: not part of the run.
      }
    }
    const pusher = createOutboxPusher({
      repo,
      cache,
      api,
      sealer,
      logger: silentLogger,
      now: Date.now,
      onChange: () => undefined,
    });
    await clearRequestLog(sandbox.url);
    const loop = loopSampler();
    const started = performance.now();
    await loop.measured(() => pusher.pushNow());
    const seconds = (performance.now() - started) / 1000;
    const log = await requestLog(sandbox.url);
    const rateLimited = log.filter((r) => r.status === 429).length;
    // The bucket admits a burst of 40, then drains at its rate: the most any client can send.
    const ceilingRequests = 40 + drainPerSecond * seconds;
    const done = repo.counts().done;
    await writer.close();
    store.close();
    return {
      version,
      edits: done,
      timeScale,
      seconds: Math.round(seconds * 10) / 10,
      requests: log.length,
      rateLimited,
      ceilingRequests: Math.round(ceilingRequests),
      ratio: log.length / ceilingRequests,
      editsPerSec: Math.round((done / seconds) * 10) / 10,
      loopDelay: loop.result(),
    };
  } finally {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Table rows for BENCHMARKS.md. */
export async function outboxRows(): Promise<string[]> {
  const bulk = await benchBulkQueue();
  const perEdit = bulk.oneByOneMs / bulk.oneByOneCount;
  const rows = [
    `| queue a bulk edit of ${bulk.customers.toLocaleString('en-US')} customers (preview + confirm; a transaction per slice) | ` +
      `preview ${bulk.previewMs} ms, confirm ${bulk.confirmMs} ms (${BULK_SLICE} customers a slice; event-loop delay meanwhile ${delayText(bulk.loopDelay)}) | ` +
      `one edit per call: ${perEdit.toFixed(2)} ms each → ${((perEdit * bulk.customers) / bulk.confirmMs).toFixed(1)}× faster in bulk | confirm < 1 s |`,
  ];
  for (const version of ['2021-01', '2021-11'] as const) {
    const push = await benchPush(600, 10, version);
    rows.push(
      `| push ${push.edits} billing edits on ${version} (re-read 10 at a time), time scale ${push.timeScale} | ` +
        `${push.requests} requests in ${push.seconds} s (${push.editsPerSec} edits/s, ${(push.requests / push.edits).toFixed(2)} requests per edit), ${push.rateLimited} × 429; event-loop delay ${delayText(push.loopDelay)} | ` +
        `ceiling 40 + ${2 * push.timeScale}/s × time = ${push.ceilingRequests} requests → ${(push.ratio * 100).toFixed(1)}% | ≥ 95% of the ceiling |`,
    );
  }
  return rows;
}

if (import.meta.main) {
  for (const row of await outboxRows()) console.log(row);
}
