// A full sync of 10k customers from a time-scaled sandbox over real HTTP, against the rate-limit
// ceiling at that scale: 40 calls at once, then 2 × scale calls per second.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../src-main/lib/logger.ts';
import { openCacheStore } from '../src-main/db/cache-store.ts';
import { createRechargeClient } from '../src-main/recharge/client.ts';
import { createStoreApi } from '../src-main/recharge/create-store-api.ts';
import { RateLimiter, RECHARGE_BUCKET_MODEL } from '../src-main/recharge/rate-limiter.ts';
import { startSandboxWorker } from '../src-main/sandbox/worker.ts';
import { createSyncEngine } from '../src-main/sync/engine.ts';
import { loopSampler, type LoopDelay } from './loop-delay.ts';
import { requestLog } from './sandbox-requests.ts';

export interface SyncBench {
  customers: number;
  addresses: number;
  requests: number;
  seconds: number;
  timeScale: number;
  ceilingPerSec: number;
  /** Null when the replayed bucket never filled (the limit never bound). */
  steadyPerSec: number | null;
  steadyRatio: number | null;
  bucketPeak: number;
  overallRatio: number;
  /** Until the search index of the first load is finished too (it is built after the run). */
  indexedSeconds: number;
  indexedRatio: number;
  rateLimited: number;
  loopDelay: LoopDelay;
  /** The floor: the main thread idle while the writer alone finishes the search index. */
  whileIndexing: LoopDelay;
}

/**
 * The rate once the limit binds: replay the requests through a leaky bucket (`burst` deep,
 * draining at `ceiling`/s) and measure from the first request that found it full to the last.
 * Counting from the 40th request (as before) overstated it: the bucket drains during the burst.
 */
export function steadyRate(
  times: readonly number[],
  burst: number,
  ceiling: number,
): { steadyPerSec: number | null; from: number; peak: number } {
  let level = 0;
  let peak = 0;
  let from = -1;
  for (let i = 0; i < times.length; i += 1) {
    const gap = i === 0 ? 0 : (times[i]! - times[i - 1]!) / 1000;
    level = Math.max(0, level - gap * ceiling) + 1;
    peak = Math.max(peak, level);
    if (level >= burst - 1 && from < 0) from = i;
  }
  // The bucket never filled: the limit never bound, so there is no steady state to measure.
  if (from < 0 || from >= times.length - 1) return { steadyPerSec: null, from, peak };
  const span = (times.at(-1)! - times[from]!) / 1000;
  return { steadyPerSec: (times.length - 1 - from) / Math.max(0.001, span), from, peak };
}

export async function benchSync(customers = 10_000, timeScale = 5): Promise<SyncBench> {
  // The store runs on a thread of its own, as a real store runs elsewhere: the event-loop figure
  // is the app's main thread alone, not the sandbox rendering pages on it.
  const sandbox = await startSandboxWorker({ seed: 99, customers, timeScale, adminApi: true });
  const dir = mkdtempSync(join(tmpdir(), 'rc-bench-sync-'));
  const store = openCacheStore({ path: join(dir, 'cache.db') });
  const client = createRechargeClient({
    baseUrl: sandbox.url,
    token: sandbox.tokens.readOnly,
    limiter: new RateLimiter({ model: { drainPerSecond: 2 * timeScale } }),
  });
  const engine = createSyncEngine({
    api: createStoreApi(client),
    store,
    logger: silentLogger,
    onStatus: () => undefined,
  });
  const syncing = loopSampler();
  const indexing = loopSampler();
  const started = Date.now();
  const status = await syncing.measured(() => engine.start({ full: true }));
  const seconds = (Date.now() - started) / 1000;
  await indexing.measured(() => engine.indexed());
  const indexedSeconds = (Date.now() - started) / 1000;
  if (status.state !== 'idle') throw new Error(`sync bench failed: ${status.lastError?.message}`);
  const log = await requestLog(sandbox.url);
  const times = log.map((entry) => Date.parse(entry.time));
  const burst = 40;
  const ceiling = 2 * timeScale;
  // The client keeps `reserve` slots free on purpose: its bucket is full at 38, not 40.
  const { steadyPerSec, peak } = steadyRate(times, burst - RECHARGE_BUCKET_MODEL.reserve, ceiling);
  const possible = burst + ceiling * seconds;
  const result: SyncBench = {
    customers: store.customers.count(),
    addresses: store.addresses.count(),
    requests: log.length,
    seconds: Math.round(seconds * 100) / 100,
    timeScale,
    ceilingPerSec: ceiling,
    steadyPerSec: steadyPerSec === null ? null : Math.round(steadyPerSec * 100) / 100,
    steadyRatio: steadyPerSec === null ? null : Math.round((steadyPerSec / ceiling) * 1000) / 1000,
    bucketPeak: Math.round(peak * 10) / 10,
    overallRatio: Math.round((log.length / possible) * 1000) / 1000,
    indexedSeconds: Math.round(indexedSeconds * 100) / 100,
    indexedRatio: Math.round((log.length / (burst + ceiling * indexedSeconds)) * 1000) / 1000,
    rateLimited: log.filter((entry) => entry.status === 429).length,
    loopDelay: syncing.result(),
    whileIndexing: indexing.result(),
  };
  store.close();
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
  return result;
}
