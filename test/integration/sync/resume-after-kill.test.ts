import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src-main/lib/logger.ts';
import { openCacheStore } from '../../../src-main/db/cache-store.ts';
import { createSyncEngine } from '../../../src-main/sync/engine.ts';
import { STATE_KEYS, type Checkpoint } from '../../../src-main/sync/checkpoint.ts';
import { cacheDiff, syncFixture, type SyncFixture } from '../../helpers/sync-fixture.ts';

const CHILD = fileURLToPath(new URL('./pull-child.ts', import.meta.url));

let fixture: SyncFixture | null = null;
afterEach(async () => {
  await fixture?.close();
  fixture = null;
});

/** Runs the child pull and SIGKILLs it once it has reported `killAfter` pages. */
function runAndKill(
  args: string[],
  killAfter: number,
): Promise<{ pagesSeen: number; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let pagesSeen = 0;
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        const match = /^page (\d+)$/.exec(line);
        if (match) pagesSeen = Math.max(pagesSeen, Number(match[1]));
      }
      if (pagesSeen >= killAfter) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`child ended on its own (${signal}): ${stderr}`));
      else resolve({ pagesSeen, signal });
    });
  });
}

describe('a pull killed mid-run', () => {
  it('resumes from its checkpoint and ends identical, without duplicates', async () => {
    fixture = await syncFixture({ customers: 2500, timeScale: 20 });
    const { sandbox } = fixture;
    // A slow-ish page rate so the kill lands in the middle of the run.
    sandbox.admin.addFault({ kind: 'delay', delayMs: 120, probability: 1 });
    fixture.store.close();
    const killed = await runAndKill(
      [sandbox.url, sandbox.tokens.readOnly, fixture.dbPath, '40'],
      5,
    );
    expect(killed.signal).toBe('SIGKILL');

    const reopened = openCacheStore({ path: fixture.dbPath });
    const checkpoint = reopened.syncState.get<Checkpoint>(STATE_KEYS.checkpoint);
    expect(checkpoint).not.toBeNull();
    expect(checkpoint!.pages).toBeGreaterThanOrEqual(5);
    expect(checkpoint!.pageInfo).not.toBeNull();
    const cachedBefore = reopened.customers.count();
    expect(cachedBefore).toBeGreaterThan(0);
    expect(cachedBefore).toBeLessThan(2500);
    reopened.close();

    sandbox.admin.clearFaults();
    sandbox.admin.clearRequests();
    const store = openCacheStore({ path: fixture.dbPath });
    const engine = createSyncEngine({
      api: fixture.api,
      store,
      logger: silentLogger,
      onStatus: () => {},
    });
    const resumed = await engine.start();
    expect(resumed.state).toBe('idle');
    expect(cacheDiff(sandbox, store)).toEqual([]);
    // It picked up at the saved cursor rather than starting over.
    const first = sandbox.admin
      .requests({ limit: 10_000 })
      .find((r) => r.path === '/customers' || r.path === '/addresses');
    expect(first?.query['page_info']).toBe(checkpoint!.pageInfo);
    const duplicates = store.db
      .prepare('SELECT count(*) FROM (SELECT id FROM customers GROUP BY id HAVING count(*) > 1)')
      .pluck()
      .get();
    expect(duplicates).toBe(0);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    store.close();
  });
});
