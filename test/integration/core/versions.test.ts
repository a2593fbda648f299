// "Real ReCharge stores": every merchant flow over the app's own IPC router against the sandbox,
// once per API version, each checked on the sandbox's request log: the version's own requests
// went out, and what the app shows is what the store holds. Sparse payloads are on (the
// sandbox's default), as real stores send them.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../src-main/core/create-core.ts';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox/index.ts';
import type { CustomerDetail, SearchResult } from '../../../src-shared/customers/views.ts';
import type { ApiVersion } from '../../../src-shared/recharge/versions.ts';
import { addFullStore, ok, quietCore, useDataDirs } from './helpers.ts';

const dataDirs = useDataDirs('rcd-versions-');

type Logged = { method: string; path: string; query: Record<string, string>; body?: unknown };

/** Every processor token the store's wire objects carry (2021-01 customers, 2021-11 methods). */
async function wireTokens(sandbox: Sandbox): Promise<string[]> {
  const found = new Set<string>();
  const collect = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (/_token$/.test(key) && typeof inner === 'string' && inner.length >= 8) found.add(inner);
        else collect(inner);
      }
    }
  };
  for (const [version, path, key] of [
    ['2021-01', '/customers', 'customers'],
    ['2021-11', '/payment_methods', 'payment_methods'],
  ] as const) {
    let url: string | null = `${sandbox.url}${path}?limit=250`;
    while (url) {
      const response: Response = await fetch(url, {
        headers: { 'X-Recharge-Access-Token': sandbox.tokens.full, 'X-Recharge-Version': version },
      });
      const body = (await response.json()) as Record<string, unknown>;
      collect(body[key]);
      const cursor = body['next_cursor'];
      const link = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1];
      url =
        typeof cursor === 'string'
          ? `${sandbox.url}${path}?limit=250&cursor=${cursor}`
          : (link ?? null);
    }
  }
  return [...found];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe.each(['2021-01', '2021-11'] as ApiVersion[])('a store on API %s', (version) => {
  let sandbox: Sandbox;
  let core: Core;
  let dataDir: string;
  const writes = (method: string, pattern: RegExp) =>
    (sandbox.admin.requests({ limit: 10_000 }) as Logged[]).filter(
      (r) => r.method === method && pattern.test(r.path),
    );
  const bodyKeys = (r: Logged | undefined) =>
    Object.keys((r?.body ?? {}) as Record<string, unknown>).sort();

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 17, customers: 300, timeScale: 50 });
    dataDir = dataDirs();
    core = await quietCore(dataDir);
    await addFullStore(core, sandbox, version);
  });
  afterAll(async () => {
    await core.close();
    await sandbox.close();
  });

  const search = async (query: string, extra: Record<string, unknown> = {}) =>
    ok<SearchResult>(await core.router.call('customers:search', { query, ...extra }));
  const detail = async (id: number) =>
    ok<CustomerDetail>(await core.router.call('customers:get', { id }));

  it('syncs in full with the version’s own list requests, then incrementally', async () => {
    sandbox.admin.clearRequests();
    const status = ok<{ state: string; cachedCustomers: number }>(
      await core.router.call('sync:start', { full: true }),
    );
    expect(status.state).toBe('idle');
    expect(status.cachedCustomers).toBe(300);
    const gets = (sandbox.admin.requests({ limit: 10_000 }) as Logged[]).filter(
      (r) => r.method === 'GET',
    );
    const paths = new Set(gets.map((r) => r.path));
    if (version === '2021-01') {
      expect(paths).toEqual(
        new Set(['/customers/count', '/addresses/count', '/customers', '/addresses']),
      );
    } else {
      expect(paths).toEqual(new Set(['/customers', '/addresses', '/payment_methods']));
      // Cursor pages carry nothing but the cursor and the limit.
      for (const r of gets.filter((g) => 'cursor' in g.query)) {
        expect(Object.keys(r.query).sort()).toEqual(['cursor', 'limit']);
      }
    }

    const first = (await search('', { sort: { key: 'id', dir: 'asc' } })).items[0]!;
    const changed = sandbox.admin.patchCustomer(first.id, { first_name: 'Incremental' });
    expect(changed.ok).toBe(true);
    sandbox.admin.clearRequests();
    ok(await core.router.call('sync:start', {}));
    const incremental = (sandbox.admin.requests({ limit: 10_000 }) as Logged[]).filter(
      (r) => r.path === '/customers',
    );
    expect(incremental[0]?.query['updated_at_min']).toBeDefined();
    expect((await detail(first.id)).customer.first_name).toBe('Incremental');
  });

  it('searches, and shows a customer with its payment methods and no secrets', async () => {
    const { items } = await search('', { pageSize: 100 });
    const withEmail = items.find((i) => i.email)!;
    expect((await search(withEmail.email!.slice(0, 6))).items.map((i) => i.id)).toContain(
      withEmail.id,
    );
    const tokens = await wireTokens(sandbox);
    expect(tokens.length).toBeGreaterThan(0);
    let methodsSeen = 0;
    for (const row of items.slice(0, 60)) {
      const shown = await detail(row.id);
      const text = JSON.stringify(shown);
      for (const token of tokens) expect(text).not.toContain(token);
      if (version === '2021-11') {
        methodsSeen += shown.payment_methods.length;
        const defaults = shown.payment_methods.filter((m) => m.is_default);
        expect(defaults.length).toBeLessThanOrEqual(1);
        if (defaults[0]) expect(shown.payment_methods[0]!.is_default).toBe(true);
        expect(shown.customer.status).toBeNull();
      } else {
        expect(shown.payment_methods).toEqual([]);
      }
    }
    if (version === '2021-11') expect(methodsSeen).toBeGreaterThan(0);
  });

  /** A customer whose billing address this version lets the app change. */
  async function editable(skip = 0): Promise<CustomerDetail> {
    const { items } = await search('', { pageSize: 100, sort: { key: 'id', dir: 'asc' } });
    let seen = 0;
    for (const row of items) {
      const shown = await detail(row.id);
      const method = shown.payment_methods.find((m) => m.is_default);
      const ok2101 = version === '2021-01';
      if (ok2101 || (method && !method.read_only)) {
        if (seen++ === skip) return shown;
      }
    }
    throw new Error('no editable customer');
  }

  /** Sends one edit with a clean request log, expects it pushed at once and returns its receipt. */
  async function editDone(channel: string, input: Record<string, unknown>): Promise<unknown> {
    sandbox.admin.clearRequests();
    const receipt = ok<{ edit: { state: string } }>(await core.router.call(channel, input));
    expect(receipt.edit.state).toBe('done');
    return receipt;
  }

  it('edits billing with the version’s own request', async () => {
    const target = await editable(0);
    await editDone('customers:updateBilling', {
      customerId: target.customer.id,
      patch: { billing_city: 'Billing Town', billing_zip: '10001' },
    });
    if (version === '2021-01') {
      const put = writes('PUT', /^\/customers\/\d+$/);
      expect(put.map((r) => r.path)).toEqual([`/customers/${target.customer.id}`]);
      expect(bodyKeys(put[0])).toEqual(['billing_city', 'billing_zip']);
    } else {
      const method = target.payment_methods.find((m) => m.is_default)!;
      const put = writes('PUT', /^\/payment_methods\/\d+$/);
      expect(put.map((r) => r.path)).toEqual([`/payment_methods/${method.id}`]);
      expect(bodyKeys(put[0])).toEqual(['billing_address']);
      expect(writes('PUT', /^\/customers\//)).toEqual([]);
    }
    expect((await detail(target.customer.id)).customer).toMatchObject({
      billing_city: 'Billing Town',
      billing_zip: '10001',
    });
  });

  it('replaces the payment token with the version’s own request', async () => {
    const target = await editable(1);
    // On 2021-11 each address names the method its subscriptions are charged to.
    const onOld = target.addresses
      .filter((a) => a.payment_method_id === target.customer.default_payment_method_id)
      .map((a) => a.id);
    const receipt = await editDone('customers:updatePaymentToken', {
      customerId: target.customer.id,
      processor: 'stripe',
      token: 'cus_IV0hD7FtykKe1a',
      ...(version === '2021-11' ? { paymentMethodToken: 'pm_1NqHvb2eZvKYlo2C' } : {}),
    });
    if (version === '2021-01') {
      const put = writes('PUT', /^\/customers\/\d+$/);
      expect(bodyKeys(put[0])).toEqual(['stripe_customer_token']);
    } else {
      const post = writes('POST', /^\/payment_methods$/);
      expect(post).toHaveLength(1);
      expect(bodyKeys(post[0])).toEqual(
        expect.arrayContaining([
          'customer_id',
          'default',
          'payment_type',
          'processor_customer_token',
          'processor_name',
          'processor_payment_method_token',
        ]),
      );
      const shown = await detail(target.customer.id);
      expect(shown.payment_methods[0]).toMatchObject({
        is_default: true,
        processor_name: 'stripe',
      });
      expect(shown.payment_methods.filter((m) => m.is_default)).toHaveLength(1);
      // The subscriptions follow the new card: every address on the old default names it now,
      // on the store and in the cache, and the request log shows each move.
      const created = shown.payment_methods[0]!.id;
      expect(onOld.length).toBeGreaterThan(0);
      for (const id of onOld) {
        expect(sandbox.store.addressRow(id)?.data.payment_method_id).toBe(created);
        expect(shown.addresses.find((a) => a.id === id)?.payment_method_id).toBe(created);
      }
      const moves = writes('PUT', /^\/addresses\/\d+$/);
      expect(moves.map((r) => r.path).sort()).toEqual(onOld.map((id) => `/addresses/${id}`).sort());
      for (const move of moves) expect(bodyKeys(move)).toEqual(['payment_method_id']);
    }
    // The token itself never comes back across IPC.
    expect(JSON.stringify(receipt)).not.toContain('IV0hD7FtykKe1a');
  });

  it('creates and updates delivery addresses with the version’s own requests', async () => {
    const target = await editable(2);
    sandbox.admin.clearRequests();
    const created = ok<{ edit: { state: string; addressId: number | null } }>(
      await core.router.call('addresses:create', {
        customerId: target.customer.id,
        address: {
          first_name: 'Ada',
          last_name: 'Lovelace',
          company: null,
          address1: '12 Analytical Way',
          address2: null,
          city: 'Toronto',
          province: 'Ontario',
          zip: 'M5V 2T6',
          country: 'Canada',
          phone: null,
        },
      }),
    );
    expect(created.edit.state).toBe('done');
    const post =
      version === '2021-01'
        ? writes('POST', new RegExp(`^/customers/${target.customer.id}/addresses$`))
        : writes('POST', /^\/addresses$/);
    expect(post).toHaveLength(1);
    const sent = post[0]!.body as Record<string, unknown>;
    if (version === '2021-11')
      expect(sent).toMatchObject({ customer_id: target.customer.id, country_code: 'CA' });
    else expect(sent).toMatchObject({ country: 'Canada' });

    const addressId = created.edit.addressId!;
    const updated = ok<{ edit: { state: string } }>(
      await core.router.call('addresses:update', {
        customerId: target.customer.id,
        addressId,
        patch: { city: 'Ottawa', country: 'United States' },
      }),
    );
    expect(updated.edit.state).toBe('done');
    const put = writes('PUT', new RegExp(`^/addresses/${addressId}$`));
    expect(bodyKeys(put[0])).toEqual(
      version === '2021-11' ? ['city', 'country_code'] : ['city', 'country'],
    );
    const shown = (await detail(target.customer.id)).addresses.find((a) => a.id === addressId);
    expect(shown).toMatchObject({ city: 'Ottawa', country: 'United States', country_code: 'US' });
  });

  it('pushes a bulk billing edit as one request of the version’s kind per customer', async () => {
    const { items } = await search('', { pageSize: 100, sort: { key: 'id', dir: 'desc' } });
    const ids = items.slice(0, 12).map((i) => i.id);
    const patch = { billing_company: 'Bulk Co' };
    const preview = ok<{ count: number; skipped: number }>(
      await core.router.call('customers:bulkPreview', { target: { kind: 'ids', ids }, patch }),
    );
    expect(preview.count + preview.skipped).toBeLessThanOrEqual(12);
    sandbox.admin.clearRequests();
    ok(
      await core.router.call('customers:bulkUpdate', {
        target: { kind: 'ids', ids },
        patch,
        expectedCount: preview.count,
      }),
    );
    const summary = ok<{ counts: { done: number; pending: number } }>(
      await core.router.call('outbox:push', undefined),
    );
    expect(summary.counts.pending).toBe(0);
    const puts =
      version === '2021-01'
        ? writes('PUT', /^\/customers\/\d+$/)
        : writes('PUT', /^\/payment_methods\/\d+$/);
    expect(puts).toHaveLength(preview.count);
    for (const put of puts) {
      if (version === '2021-11') {
        expect(
          (put.body as { billing_address: Record<string, unknown> }).billing_address,
        ).toMatchObject({
          company: 'Bulk Co',
        });
      } else expect(put.body).toEqual({ billing_company: 'Bulk Co' });
    }
  });

  it('leaves no processor token in any file of its data folder', async () => {
    ok(await core.router.call('sync:start', { full: true }));
    const tokens = await wireTokens(sandbox);
    expect(tokens.length).toBeGreaterThan(0);
    for (const file of filesUnder(dataDir)) {
      const bytes = readFileSync(file).toString('latin1');
      for (const token of tokens) expect(bytes.includes(token), `${token} in ${file}`).toBe(false);
    }
  });
});
