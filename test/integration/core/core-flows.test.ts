import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src-main/core/create-core.ts';
import { createLogger } from '../../../src-main/lib/logger.ts';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox/index.ts';
import { ok } from './helpers.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'rcd-core-'));
  dirs.push(dir);
  return dir;
};

async function waitFor<T>(probe: () => Promise<T | null> | T | null, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function synced(core: Core) {
  return waitFor(async () => {
    const status = ok<{ state: string; cachedCustomers: number }>(
      await core.router.call('sync:status', undefined),
    );
    return status.state === 'idle' && status.cachedCustomers > 0 ? status : null;
  });
}

let sandbox: Sandbox;
let other: Sandbox;
const logLines: string[] = [];
const outputs: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 5, customers: 120, timeScale: 50 });
  other = await startSandbox({ seed: 6, customers: 80, timeScale: 50 });
});

afterAll(async () => {
  await sandbox.close();
  await other.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function coreWith(options: { demo?: boolean } = {}) {
  const core = await createCore({
    dataDir: tempDir(),
    mode: 'test',
    version: '0.0.0-test',
    logger: createLogger((line) => logLines.push(line)),
    demo: options.demo ? { customers: 150, seed: 42, timeScale: 50 } : false,
    syncIntervalMs: 0,
    pushIntervalMs: 0,
  });
  // Record every answer, to prove no token ever crosses IPC.
  const call = core.router.call.bind(core.router);
  core.router.call = async (channel, input) => {
    const result = await call(channel, input);
    outputs.push(JSON.stringify(result));
    return result;
  };
  return core;
}

async function addStore(core: Core, box: Sandbox, token: string, writeScopes: string[] = []) {
  return ok<{ activeId: string }>(
    await core.router.call('profiles:add', {
      label: `Store ${box.port}`,
      baseUrl: box.url,
      version: '2021-01',
      token,
      writeScopes,
    }),
  );
}

describe('the core over IPC', () => {
  it('a fresh data folder opens on the demo store, searchable at once', async () => {
    const core = await coreWith({ demo: true });
    const profiles = ok<{ profiles: { demo: boolean; scopes: string[] }[] }>(
      await core.router.call('profiles:list', undefined),
    );
    expect(profiles.profiles).toHaveLength(1);
    expect(profiles.profiles[0]).toMatchObject({
      demo: true,
      scopes: ['read_customer', 'write_customer', 'read_payments', 'write_payments'],
    });
    await synced(core);
    const result = ok<{ total: number; items: { email: string }[] }>(
      await core.router.call('customers:search', { query: '' }),
    );
    expect(result.total).toBe(150);
    const email = result.items[0]!.email;
    const found = ok<{ items: { email: string }[] }>(
      await core.router.call('customers:search', { query: email.slice(1, 8) }),
    );
    expect(found.items.map((i) => i.email)).toContain(email);
    const counted = ok<{ total: number }>(
      await core.router.call('customers:count', { query: email.slice(1, 8) }),
    );
    expect(counted.total).toBe(
      ok<{ total: number }>(
        await core.router.call('customers:search', { query: email.slice(1, 8) }),
      ).total,
    );
    const refused = (await core.router.call('customers:count', { query: 7 })) as {
      ok: boolean;
      error?: { kind: string };
    };
    expect(refused).toMatchObject({ ok: false, error: { kind: 'validation' } });
    await core.close();
  });

  it('a billing edit is pushed, visible on the store, and a tok_ token is refused before queueing', async () => {
    const core = await coreWith();
    await addStore(core, sandbox, sandbox.tokens.full, ['write_customer', 'write_payments']);
    await synced(core);
    const { items } = ok<{ items: { id: number }[] }>(
      await core.router.call('customers:search', { query: '', sort: { key: 'id', dir: 'asc' } }),
    );
    const id = items[0]!.id;
    const receipt = ok<{ edit: { state: string } }>(
      await core.router.call('customers:updateBilling', {
        customerId: id,
        patch: { billing_city: 'Santa Monica', billing_zip: '90404' },
      }),
    );
    expect(receipt.edit.state).toBe('done');
    expect(sandbox.store.customer(id)).toMatchObject({
      billing_city: 'Santa Monica',
      billing_zip: '90404',
    });
    const detail = ok<{ customer: { billing_city: string }; pending_fields: string[] }>(
      await core.router.call('customers:get', { id }),
    );
    expect(detail).toMatchObject({
      customer: { billing_city: 'Santa Monica' },
      pending_fields: [],
    });

    const refused = await core.router.call('customers:updatePaymentToken', {
      customerId: id,
      processor: 'stripe',
      token: 'tok_visa4242',
    });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(JSON.stringify(refused)).toMatch(/customer token/);
    const summary = ok<{ counts: { pending: number; done: number } }>(
      await core.router.call('outbox:summary', undefined),
    );
    expect(summary.counts).toMatchObject({ pending: 0, done: 1 });

    const accepted = ok<{ edit: { state: string; mine: Record<string, string> } }>(
      await core.router.call('customers:updatePaymentToken', {
        customerId: id,
        processor: 'stripe',
        token: 'cus_IV0hD7FtykKe1a',
      }),
    );
    expect(accepted.edit).toMatchObject({
      state: 'done',
      mine: { stripe_customer_token: 'cus_…e1a' },
    });
    expect(sandbox.admin.paymentTokenHint(id)).toBe('cus_…e1a');
    await core.close();
  });

  it('a read-only store cannot queue an edit, even calling the channel directly', async () => {
    const core = await coreWith();
    await addStore(core, sandbox, sandbox.tokens.readOnly, []);
    await synced(core);
    const id = sandbox.store.addressIdsOf(1).length >= 0 ? 1 : 1;
    for (const [channel, input] of [
      ['customers:updateBilling', { customerId: id, patch: { billing_city: 'Nope' } }],
      [
        'customers:updatePaymentToken',
        { customerId: id, processor: 'stripe', token: 'cus_abcdefgh' },
      ],
      [
        'customers:bulkUpdate',
        { target: { kind: 'ids', ids: [id] }, patch: { billing_city: 'X' }, expectedCount: 1 },
      ],
    ] as const) {
      const result = await core.router.call(channel, input);
      expect(result, channel).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    }
    const summary = ok<{ counts: Record<string, number> }>(
      await core.router.call('outbox:summary', undefined),
    );
    expect(Object.values(summary.counts).every((n) => n === 0)).toBe(true);
    await core.close();
  });

  it('a store without write_payments refuses token changes in main, naming the scope', async () => {
    const core = await coreWith();
    await addStore(core, sandbox, sandbox.tokens.readWrite, ['write_customer']);
    await synced(core);
    const result = await core.router.call('customers:updatePaymentToken', {
      customerId: 1,
      processor: 'stripe',
      token: 'cus_abcdefgh',
    });
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'forbidden', scope: 'write_payments' },
    });
    await core.close();
  });

  it('switching profiles switches caches', async () => {
    const core = await coreWith();
    const first = await addStore(core, sandbox, sandbox.tokens.full, ['write_customer']);
    await synced(core);
    const total = async () =>
      ok<{ total: number }>(await core.router.call('customers:search', { query: '' })).total;
    expect(await total()).toBe(120);
    await addStore(core, other, other.tokens.full, ['write_customer']);
    await waitFor(async () => ((await total()) === 80 ? true : null));
    ok(await core.router.call('profiles:switch', { id: first.activeId }));
    expect(await total()).toBe(120);
    await core.close();
  });

  it('never lets a token cross IPC, reach a log line or sit in plain bytes on disk', async () => {
    const secrets = [
      sandbox.tokens.full,
      sandbox.tokens.readOnly,
      sandbox.tokens.readWrite,
      other.tokens.full,
    ];
    for (const secret of secrets) {
      for (const output of outputs) expect(output).not.toContain(secret);
      for (const line of logLines) expect(line).not.toContain(secret);
    }
    expect(outputs.length).toBeGreaterThan(10);
    for (const dir of dirs) {
      const walk = (d: string): string[] =>
        readdirSync(d).flatMap((name) => {
          const path = join(d, name);
          return statSync(path).isDirectory() ? walk(path) : [path];
        });
      for (const file of walk(dir)) {
        const bytes = readFileSync(file);
        for (const secret of [...secrets, 'IV0hD7FtykKe1a']) {
          expect(bytes.includes(Buffer.from(secret)), `${secret.slice(0, 4)}… in ${file}`).toBe(
            false,
          );
        }
      }
    }
  });
});
