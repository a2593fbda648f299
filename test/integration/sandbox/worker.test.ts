// The sandbox on a worker thread (issue 16, item 5: the embedded demo store generates and serves
// off the app's main thread). The thread that starts it keeps running while a big store is
// generated or regenerated, and the store answers even while that thread is blocked outright.
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../src-main/sandbox/index.ts';
import { startSandboxWorker, type SandboxWorker } from '../../../src-main/sandbox/worker.ts';
import { adminCall, call } from './http.ts';
import { heldWhile } from '../../helpers/held-thread.ts';

let sandbox: SandboxWorker | null = null;
afterEach(async () => {
  await sandbox?.close();
  sandbox = null;
});

const CUSTOMERS = 15_000;

describe('startSandboxWorker', () => {
  it('(the measure) sees the thread held throughout an in-process start', async () => {
    const start = await heldWhile(() => startSandbox({ seed: 5, customers: 3_000 }));
    await start.value.close();
    expect(start.heldMs).toBeGreaterThan(start.ms * 0.8);
  });

  it('generates and regenerates a big store without holding the thread that started it', async () => {
    const start = await heldWhile(() =>
      startSandboxWorker({ seed: 5, customers: CUSTOMERS, timeScale: 1e6, adminApi: true }),
    );
    sandbox = start.value;
    // Generating the store takes many ticks of the 5 ms timer (so the ratio below means
    // something); this thread is never held for a large part of it (with startSandbox it is held
    // for all of it: one gap as long as the start).
    expect(start.ms).toBeGreaterThan(100);
    expect(start.heldMs).toBeLessThan(start.ms / 3);

    const first = await call(sandbox.url, '/customers?limit=3', { token: sandbox.tokens.full });
    expect(first.status).toBe(200);
    expect((first.json as { customers: unknown[] }).customers).toHaveLength(3);

    // A reset over the admin API is served, and the store regenerated, on the worker.
    const reset = await heldWhile(() =>
      adminCall(sandbox!.url, '/reset', 'POST', { seed: 6, customers: CUSTOMERS }),
    );
    expect(reset.value.status).toBe(200);
    expect(reset.value.json).toMatchObject({ seed: 6, customers: CUSTOMERS });
    expect(reset.ms).toBeGreaterThan(100);
    expect(reset.heldMs).toBeLessThan(reset.ms / 3);
  });

  it('answers requests while the thread that started it is blocked', async () => {
    sandbox = await startSandboxWorker({ seed: 5, customers: 20, timeScale: 1e6 });
    // spawnSync blocks this thread until the child is done: the child's request can only be
    // answered by a server running elsewhere.
    const script = `fetch(process.argv[1] + '/customers?limit=2', { headers: {
      'X-Recharge-Access-Token': process.argv[2], 'X-Recharge-Version': '2021-11' } })
      .then((r) => r.text()).then((t) => process.stdout.write(t))`;
    const child = spawnSync(process.execPath, ['-e', script, sandbox.url, sandbox.tokens.full], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(child.error).toBeUndefined();
    expect(child.status).toBe(0);
    const body = JSON.parse(child.stdout) as { customers: unknown[]; next_cursor: unknown };
    expect(body.customers).toHaveLength(2);
    expect(body).toHaveProperty('next_cursor');
  });

  it('does not mount the admin API with adminApi: false (the embedded demo)', async () => {
    sandbox = await startSandboxWorker({ seed: 5, customers: 5, timeScale: 1e6, adminApi: false });
    const reset = await adminCall(sandbox.url, '/reset', 'POST', { customers: 1 });
    expect(reset.status).toBe(401);
    const state = await call(sandbox.url, '/__sandbox/state', { token: sandbox.tokens.full });
    expect(state.status).toBe(404);
  });

  it('close() stops the server and ends the thread', async () => {
    const workersBefore = process
      .getActiveResourcesInfo()
      .filter((r) => r === 'MessagePort').length;
    const exits: Error[] = [];
    const started = await startSandboxWorker({
      seed: 5,
      customers: 5,
      onExit: (error) => exits.push(error),
    });
    expect(started.url).toBe(`http://127.0.0.1:${started.port}`);
    expect(
      process.getActiveResourcesInfo().filter((r) => r === 'MessagePort').length,
    ).toBeGreaterThan(workersBefore);
    await started.close();
    expect(process.getActiveResourcesInfo().filter((r) => r === 'MessagePort').length).toBe(
      workersBefore,
    );
    await expect(fetch(`${started.url}/customers`)).rejects.toThrow();
    // Asked to stop, so not reported as lost; a second close is harmless.
    await started.close();
    expect(exits).toEqual([]);
  });

  it('rejects a start that fails, and ends the thread', async () => {
    const before = process.getActiveResourcesInfo().filter((r) => r === 'MessagePort').length;
    await expect(
      startSandboxWorker({ seed: 5, customers: 5, clock: 'not a time' }),
    ).rejects.toThrow(/clock: not an instant/);
    expect(process.getActiveResourcesInfo().filter((r) => r === 'MessagePort').length).toBe(before);
  });

  it('tells onExit when the worker dies on its own', async () => {
    const exits: Error[] = [];
    const crashing = await startSandboxWorker({
      workerUrl: new URL('./fixtures/crashing-worker.mjs', import.meta.url),
      onExit: (error) => exits.push(error),
    });
    expect(crashing.port).toBe(9);
    await expect.poll(() => exits.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    expect(exits).toHaveLength(1);
    expect(exits[0]?.message).toMatch(/the worker broke/);
    await crashing.close();
    expect(exits).toHaveLength(1);
  });
});
