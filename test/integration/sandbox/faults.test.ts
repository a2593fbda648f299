import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox/index.ts';
import { adminCall, call } from './http.ts';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 5, customers: 20, timeScale: 1e6 });
});
afterEach(() => {
  sandbox.admin.clearFaults();
});
afterAll(async () => {
  await sandbox.close();
});

const get = (path = '/customers/count') => call(sandbox.url, path, { token: sandbox.tokens.full });

async function statuses(count: number, path?: string): Promise<(number | 'reset')[]> {
  const out: (number | 'reset')[] = [];
  for (let i = 0; i < count; i += 1) {
    try {
      out.push((await get(path)).status);
    } catch {
      out.push('reset');
    }
  }
  return out;
}

describe('faults', () => {
  it('fire on exact request numbers', async () => {
    sandbox.admin.addFault({ kind: 'status', status: 503, requests: [5, 9] });
    const seen = await statuses(10);
    expect(seen).toEqual([200, 200, 200, 200, 503, 200, 200, 200, 503, 200]);
  });

  it('fire by seeded probability, the same way every time', async () => {
    const run = async () => {
      sandbox.admin.clearFaults();
      sandbox.admin.addFault({ kind: 'status', status: 500, probability: 0.3, seed: 99 });
      return statuses(30);
    };
    const first = await run();
    const second = await run();
    expect(second).toEqual(first);
    const failures = first.filter((status) => status === 500).length;
    expect(failures).toBeGreaterThan(2);
    expect(failures).toBeLessThan(20);
    sandbox.admin.clearFaults();
    sandbox.admin.addFault({ kind: 'status', status: 500, probability: 0.3, seed: 100 });
    expect(await statuses(30)).not.toEqual(first);
  });

  it('respect the count limit and the method/path filters', async () => {
    sandbox.admin.addFault({ kind: 'rate_limit', pathPrefix: '/addresses', count: 2 });
    expect(await statuses(2)).toEqual([200, 200]);
    const storm = await statuses(3, '/addresses/count');
    expect(storm).toEqual([429, 429, 200]);
    sandbox.admin.clearFaults();
    sandbox.admin.addFault({ kind: 'status', status: 502, method: 'PUT' });
    expect(await statuses(1)).toEqual([200]);
  });

  it('reset drops the connection; with afterHandling the write is applied first', async () => {
    sandbox.admin.addFault({ kind: 'reset', requests: [1] });
    expect(await statuses(2)).toEqual(['reset', 200]);
    sandbox.admin.clearFaults();
    const id = [...sandbox.store.customers.rows.keys()][0] ?? 0;
    sandbox.admin.addFault({ kind: 'reset', afterHandling: true, method: 'PUT' });
    await expect(
      call(sandbox.url, `/customers/${id}`, {
        token: sandbox.tokens.full,
        method: 'PUT',
        body: { billing_city: 'Ambiguous' },
      }),
    ).rejects.toThrow();
    expect(sandbox.store.customer(id)?.billing_city).toBe('Ambiguous');
  });

  it('malformed and truncated bodies do not parse as JSON', async () => {
    sandbox.admin.addFault({ kind: 'malformed', requests: [1] });
    sandbox.admin.addFault({ kind: 'truncated', requests: [2] });
    const malformed = await get('/customers?limit=2');
    expect(malformed.status).toBe(200);
    expect(malformed.json).toBeUndefined();
    const truncated = await get('/customers?limit=2');
    expect(truncated.json).toBeUndefined();
    expect(truncated.text.length).toBeGreaterThan(10);
    expect((await get('/customers?limit=2')).json).toBeTypeOf('object');
  });

  it('delay holds the answer', async () => {
    sandbox.admin.addFault({ kind: 'delay', delayMs: 150, requests: [1] });
    const started = performance.now();
    expect((await get()).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('are scripted over HTTP too, and show in the request log', async () => {
    const added = await adminCall(sandbox.url, '/faults', 'POST', [
      { kind: 'status', status: 500, requests: [1] },
    ]);
    expect(added.status).toBe(201);
    const before = sandbox.admin.requests().at(-1)?.seq ?? 0;
    expect((await get()).status).toBe(500);
    const log = await adminCall(sandbox.url, `/requests?since=${before}`);
    const entries = (log.json as { requests: { status: number; faults?: number[] }[] }).requests;
    expect(entries[0]?.status).toBe(500);
    expect(entries[0]?.faults).toHaveLength(1);
    expect((await adminCall(sandbox.url, '/faults', 'DELETE')).status).toBe(204);
    expect((await get()).status).toBe(200);
    const bad = await adminCall(sandbox.url, '/faults', 'POST', { kind: 'explode' });
    expect(bad.status).toBe(422);
  });
});
