// "No edit lost…": SIGKILL at seeded random points of every part of a pull (customers, addresses,
// the deletion sweep, the search-index build), 20 times each; afterwards the cache equals the
// store, holds no duplicates, passes SQLite's integrity check and searches like a scan.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCacheStore } from '../../../src-main/db/cache-store.ts';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox/index.ts';
import { SearchInput } from '../../../src-shared/customers/views.ts';
import { cacheDiff } from '../../helpers/sync-fixture.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const CHILD = fileURLToPath(new URL('./pull-child.ts', import.meta.url));
const TRIALS = 20;
const DRAIN = '400';

let sandbox: Sandbox;
const dir = tempDir('rc-kill-');
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 31, customers: 700, timeScale: 200 });
});
afterAll(async () => {
  await sandbox.close();
  dir.cleanup();
});

/** A small seeded PRNG: a failure replays with the same kill points. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

type Phase = 'customers' | 'addresses' | 'sweep' | 'index';

/**
 * Runs the child pull; when it reports `phase`, waits `delayMs` and SIGKILLs it. Resolves with
 * whether it was killed (a run can end before the kill lands).
 */
function run(db: string, mode: 'full' | 'auto', kill?: { phase: Phase; delayMs: number }) {
  return new Promise<{ killed: boolean }>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [CHILD, sandbox.url, sandbox.tokens.readOnly, db, DRAIN, '2021-01', mode],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    let armed = false;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      if (!kill || armed) return;
      if (chunk.toString().split('\n').includes(`phase ${kill.phase}`)) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), kill.delayMs);
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ killed: true });
      else if (code === 0) resolve({ killed: false });
      else reject(new Error(`pull child failed (${code}): ${stderr}`));
    });
  });
}

function expectWhole(db: string) {
  const store = openCacheStore({ path: db });
  try {
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(store.searchIndex.indexedThrough()).toBeNull();
    expect(cacheDiff(sandbox, store)).toEqual([]);
    // The trigram index answers as a scan of the same text would.
    const filters = SearchInput.parse({ query: '' }).filters;
    for (const term of ['son', 'gmail', 'mar', 'ton']) {
      const found = store.search.ids({ query: term, filters }).length;
      const scanned = store.db
        .prepare(
          "SELECT count(*) FROM customers WHERE lower(coalesce(first_name,'') || ' ' || coalesce(last_name,'') || ' ' || coalesce(email,'')) LIKE ?",
        )
        .pluck()
        .get(`%${term}%`) as number;
      expect(found, term).toBeGreaterThanOrEqual(scanned);
    }
  } finally {
    store.close();
  }
}

/** Customers only this cache has (a full pass must sweep them), written while no run is alive. */
function plantStrays(db: string, count: number, from: number) {
  const store = openCacheStore({ path: db });
  store.transaction(() =>
    store.customers.upsert(
      Array.from({ length: count }, (_, i) => ({ id: from + i, email: `stray${from + i}@x.io` })),
      { syncedAt: 0, seenPass: 0 },
    ),
  );
  store.close();
}

describe('a pull killed anywhere', () => {
  it.each(['customers', 'addresses', 'sweep'] as const)(
    `ends whole after ${TRIALS} kills in the %s part of full passes`,
    async (phase) => {
      const db = dir.path(`${phase}.db`);
      await run(db, 'full');
      const next = random(phase.length * 7919);
      let kills = 0;
      for (let trial = 0; kills < TRIALS && trial < TRIALS * 3; trial++) {
        // Fewer strays than customers seen: far more would (rightly) make the pass refuse to sweep.
        if (phase === 'sweep') plantStrays(db, 600, 91_000_000 + trial * 10_000);
        const delayMs = Math.floor(next() * (phase === 'sweep' ? 25 : 150));
        if ((await run(db, 'full', { phase, delayMs })).killed) kills += 1;
      }
      expect(kills).toBe(TRIALS);
      await run(db, 'auto');
      expectWhole(db);
    },
    240_000,
  );

  it(`ends whole after ${TRIALS} kills while a first load builds the search index`, async () => {
    const next = random(424242);
    let kills = 0;
    for (let trial = 0; kills < TRIALS && trial < TRIALS * 3; trial++) {
      const db = dir.path(`index-${trial}.db`);
      const delayMs = Math.floor(next() * 40);
      if ((await run(db, 'full', { phase: 'index', delayMs })).killed) {
        kills += 1;
        await run(db, 'auto');
        expectWhole(db);
      }
      for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
    }
    expect(kills).toBe(TRIALS);
  }, 240_000);
});
