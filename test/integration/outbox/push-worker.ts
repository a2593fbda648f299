// A child process that pushes the outbox of a cache file, for the kill test: the parent SIGKILLs
// it at random points and starts it again.
import { silentLogger } from '../../../src-main/lib/logger.ts';
import { openCacheStore } from '../../../src-main/db/cache-store.ts';
import { createOutboxRepo } from '../../../src-main/db/outbox-repo.ts';
import { createRechargeClient } from '../../../src-main/recharge/client.ts';
import { createStoreApi } from '../../../src-main/recharge/create-store-api.ts';
import { RateLimiter } from '../../../src-main/recharge/rate-limiter.ts';
import { cacheAccessOn } from '../../../src-main/sync/outbox-cache.ts';
import { createOutboxPusher } from '../../../src-main/sync/outbox-push.ts';
import { testSealer } from './env.ts';

const [dbPath, baseUrl, token, timeScale] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
];
const store = openCacheStore({ path: dbPath });
const client = createRechargeClient({
  baseUrl,
  token,
  limiter: new RateLimiter({ model: { drainPerSecond: 2 * Number(timeScale) } }),
  retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
});
const repo = createOutboxRepo(store.db, Date.now);
const pusher = createOutboxPusher({
  repo,
  cache: cacheAccessOn(store, Date.now, () => []),
  api: createStoreApi(client),
  sealer: testSealer,
  logger: silentLogger,
  now: Date.now,
  onChange: () => undefined,
  retryBackoff: { baseDelayMs: 5, maxDelayMs: 20 },
  ambiguousSettleMs: 200,
});
const recovered = pusher.recover();
process.stdout.write(`recovered ${recovered}\n`);
for (;;) {
  await pusher.pushNow();
  const counts = repo.counts();
  if (counts.pending === 0 && counts.in_flight === 0) break;
  await new Promise((r) => setTimeout(r, 10));
}
store.close();
process.stdout.write('drained\n');
