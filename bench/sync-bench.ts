// A full sync of 10k customers from a time-scaled sandbox over real HTTP, against the rate-limit
// ceiling at that scale: 40 calls at once, then 2 × scale calls per second.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { silentLogger } from '../src-main/core/logger.ts';
import { openCacheStore } from '../src-main/db/cache-store.ts';
import { createRechargeClient } from '../src-main/recharge/client.ts';
import { RateLimiter } from '../src-main/recharge/rate-limiter.ts';
import { startSandbox } from '../src-main/sandbox/index.ts';
import { createSyncEngine } from '../src-main/sync/engine.ts';

export interface SyncBench {
  customers: number;
  addresses: number;
  requests: number;
  seconds: number;
  timeScale: number;
  ceilingPerSec: number;
  steadyPerSec: number;
  steadyRatio: number;
  overallRatio: number;
  rateLimited: number;
  loopDelayMaxMs: number;
}

export async function benchSync(customers = 10_000, timeScale = 5): Promise<SyncBench> {
  const sandbox = await startSandbox({ seed: 99, customers, timeScale });
  const dir = mkdtempSync(join(tmpdir(), 'rc-bench-sync-'));
  const store = openCacheStore({ path: join(dir, 'cache.db') });
  const client = createRechargeClient({
    baseUrl: sandbox.url,
    token: sandbox.tokens.readOnly,
    limiter: new RateLimiter({ model: { drainPerSecond: 2 * timeScale } }),
  });
  const engine = createSyncEngine({
    client,
    store,
    logger: silentLogger,
    onStatus: () => undefined,
  });
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  const started = Date.now();
  const status = await engine.start({ full: true });
  const seconds = (Date.now() - started) / 1000;
  histogram.disable();
  if (status.state !== 'idle') throw new Error(`sync bench failed: ${status.lastError?.message}`);
  const log = sandbox.admin.requests({ limit: 10_000 });
  const times = log.map((entry) => Date.parse(entry.time));
  const burst = 40;
  const ceiling = 2 * timeScale;
  // After the first 40 calls the bucket is full and the drain rate is the ceiling.
  const steadyStart = times[burst - 1] ?? times[0] ?? started;
  const steadyEnd = times.at(-1) ?? steadyStart;
  const steadyPerSec = (log.length - burst) / Math.max(0.001, (steadyEnd - steadyStart) / 1000);
  const possible = burst + ceiling * seconds;
  const result: SyncBench = {
    customers: store.customers.count(),
    addresses: store.addresses.count(),
    requests: log.length,
    seconds: Math.round(seconds * 100) / 100,
    timeScale,
    ceilingPerSec: ceiling,
    steadyPerSec: Math.round(steadyPerSec * 100) / 100,
    steadyRatio: Math.round((steadyPerSec / ceiling) * 1000) / 1000,
    overallRatio: Math.round((log.length / possible) * 1000) / 1000,
    rateLimited: log.filter((entry) => entry.status === 429).length,
    loopDelayMaxMs: Math.round(histogram.max / 1e4) / 100,
  };
  store.close();
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
  return result;
}
