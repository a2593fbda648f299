// Runs one pull in a child process so a test can SIGKILL it mid-run. Prints `page N` per page and
// `phase <name>` as the run moves through customers, addresses, payment methods, the deletion
// sweep and the search-index build; `done <state>` at the end.
import { silentLogger } from '../../../src-main/lib/logger.ts';
import { openCacheStore } from '../../../src-main/db/cache-store.ts';
import { createRechargeClient } from '../../../src-main/recharge/client.ts';
import { createStoreApi } from '../../../src-main/recharge/create-store-api.ts';
import { RateLimiter } from '../../../src-main/recharge/rate-limiter.ts';
import { createSyncEngine } from '../../../src-main/sync/engine.ts';

const [url, token, dbPath, drain, version = '2021-01', mode = 'auto'] = process.argv.slice(2);
if (!url || !token || !dbPath || !drain)
  throw new Error('usage: pull-child <url> <token> <db> <drain/s> [version] [full|auto]');

const store = openCacheStore({ path: dbPath });
const api = createStoreApi(
  createRechargeClient({
    baseUrl: url,
    token,
    apiVersion: version === '2021-11' ? '2021-11' : '2021-01',
    limiter: new RateLimiter({ model: { drainPerSecond: Number(drain) } }),
  }),
);
let pages = 0;
let phase = '';
const engine = createSyncEngine({
  api,
  store,
  logger: silentLogger,
  onStatus: (status) => {
    const done = status.progress?.pages ?? pages;
    if (done > pages) {
      pages = done;
      process.stdout.write(`page ${pages}\n`);
    }
    const now = status.progress?.phase;
    if (now && now !== phase) {
      phase = now;
      process.stdout.write(`phase ${phase}\n`);
    }
  },
});
const final = await engine.start({ full: mode === 'full' });
process.stdout.write('phase index\n');
await engine.indexed();
await engine.stop();
process.stdout.write(`done ${final.state}\n`);
store.close();
