// The app's embedded demo store runs on a worker thread (issue 16, item 5): creating the core on a
// fresh data folder generates a big demo store without holding the thread that serves the
// windows and IPC, the store answers the app, has no admin API, and closing the core ends the
// worker. In the built app the worker is the bundle's `sandbox-worker.js`, beside the cache
// writer's; a bundle without it starts the demo on the main thread and logs that.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../src-main/core/create-core.ts';
import { createLogger } from '../../../src-main/lib/logger.ts';
import { ok } from '../core/helpers.ts';
import { call } from './http.ts';
import { heldWhile } from '../../helpers/held-thread.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};

const source = (path: string) => pathToFileURL(join(import.meta.dirname, '../../..', path)).href;

/**
 * A stand-in for the app's bundle: `write-worker.js` and, unless left out, `sandbox-worker.js`,
 * each loading its source (the latter also leaves a mark that it ran).
 */
function fakeBundle(withSandboxWorker: boolean): { writerWorker: string; used: string } {
  const dir = tempDir('rcd-bundle-');
  const used = join(dir, 'sandbox-worker-used');
  writeFileSync(
    join(dir, 'write-worker.js'),
    `import ${JSON.stringify(source('src-main/sync/write-worker.ts'))};\n`,
  );
  if (withSandboxWorker) {
    writeFileSync(
      join(dir, 'sandbox-worker.js'),
      [
        `import { writeFileSync } from 'node:fs';`,
        `writeFileSync(${JSON.stringify(used)}, '');`,
        `await import(${JSON.stringify(source('src-main/sandbox/worker-entry.ts'))});`,
        '',
      ].join('\n'),
    );
  }
  return { writerWorker: join(dir, 'write-worker.js'), used };
}

/**
 * Starts a demo core on a stand-in bundle, reads a page from its store, and closes it; returns the
 * page's status, what the core logged by then, and whether the bundled sandbox worker ran.
 */
async function demoFromBundle(withSandboxWorker: boolean) {
  const bundle = fakeBundle(withSandboxWorker);
  const lines: string[] = [];
  const core = await createCore({
    dataDir: tempDir('rcd-demo-bundle-'),
    mode: 'test',
    version: '0.0.0-test',
    logger: createLogger((line) => lines.push(line)),
    demo: { customers: 30, seed: 42, timeScale: 1e6 },
    syncIntervalMs: 0,
    pushIntervalMs: 0,
    writerWorker: bundle.writerWorker,
  });
  try {
    const profile = core.profiles.active()!;
    const page = await call(profile.baseUrl, '/customers?limit=1', {
      token: profile.token(),
      version: '2021-11',
    });
    return { status: page.status, log: lines.join('\n'), workerRan: existsSync(bundle.used) };
  } finally {
    await core.close();
  }
}

const ports = () => process.getActiveResourcesInfo().filter((r) => r === 'MessagePort').length;

describe('the embedded demo store', () => {
  it('is generated and served off the main thread, without an admin API', async () => {
    const dataDir = tempDir('rcd-demo-worker-');
    const before = ports();
    const {
      value: core,
      ms,
      heldMs,
    } = await heldWhile(() =>
      createCore({
        dataDir,
        mode: 'test',
        version: '0.0.0-test',
        demo: { customers: 15_000, seed: 42, timeScale: 1e6 },
        syncIntervalMs: 0,
        pushIntervalMs: 0,
      }),
    );
    try {
      // Generating 15,000 customers takes a second or more; in-process it held this thread for
      // all of it.
      expect(ms).toBeGreaterThan(500);
      expect(heldMs).toBeLessThan(ms / 3);

      const demo = ok<{ profiles: { demo: boolean; baseUrl: string }[] }>(
        await core.router.call('profiles:list', undefined),
      ).profiles[0]!;
      expect(demo.demo).toBe(true);
      const token = core.profiles.active()!.token();
      const page = await call(demo.baseUrl, '/customers?limit=1', {
        token,
        version: '2021-11',
      });
      expect(page.status).toBe(200);
      // No admin API in the app's own demo store, whoever asks.
      const reset = await call(demo.baseUrl, '/__sandbox/reset', {
        method: 'POST',
        body: {},
        version: null,
      });
      expect(reset.status).toBe(401);
    } finally {
      await core.close();
    }
    // The demo's worker (and the cache writer's) ended with the core.
    expect(ports()).toBe(before);
    const url = core.profiles.list().profiles[0]!.baseUrl;
    await expect(fetch(`${url}/customers`)).rejects.toThrow();
  });
});

describe('the embedded demo store in the built app', () => {
  it('runs the bundled worker built beside the cache writer’s', async () => {
    const demo = await demoFromBundle(true);
    expect(demo.status).toBe(200);
    expect(demo.workerRan).toBe(true);
    expect(demo.log).not.toContain('main thread');
  });

  it('starts on the main thread, saying so, when the bundle lacks that worker', async () => {
    const demo = await demoFromBundle(false);
    expect(demo.status).toBe(200);
    expect(demo.log).toContain(
      'the demo store runs on the main thread: its worker is not in the bundle',
    );
  });
});
