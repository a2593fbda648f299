import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox/index.ts';
import { AddressList, CustomerList } from '../../../src-shared/recharge/wire-2021-01.ts';
import { call, linkCursor } from './http.ts';
import { SORT_ORDERS } from '../../../src-main/sandbox/table.ts';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 11, customers: 3000, timeScale: 1e6 });
});
afterAll(async () => {
  await sandbox.close();
});

const get = (path: string) => call(sandbox.url, path, { token: sandbox.tokens.readOnly });

async function walkCursor(firstPath: string, key: 'customers' | 'addresses'): Promise<number[]> {
  const ids: number[] = [];
  let response = await get(firstPath);
  for (;;) {
    expect(response.status).toBe(200);
    const body =
      key === 'customers'
        ? CustomerList.parse(response.json).customers
        : AddressList.parse(response.json).addresses;
    ids.push(...body.map((item) => item.id));
    const next = linkCursor(response.headers, 'next');
    if (!next) return ids;
    response = await get(`/${key}?page_info=${next}&limit=250`);
  }
}

describe('paging', () => {
  it('page mode up to page 100, then the cursor, returns every customer exactly once', async () => {
    const ids: number[] = [];
    let last = await get('/customers?limit=25&page=1');
    for (let page = 1; page <= 100; page += 1) {
      last = await get(`/customers?limit=25&page=${page}`);
      expect(last.status).toBe(200);
      ids.push(...CustomerList.parse(last.json).customers.map((c) => c.id));
    }
    expect((await get('/customers?limit=25&page=101')).status).toBe(422);
    let cursor = linkCursor(last.headers, 'next');
    while (cursor) {
      const response = await get(`/customers?page_info=${cursor}&limit=25`);
      expect(response.status).toBe(200);
      ids.push(...CustomerList.parse(response.json).customers.map((c) => c.id));
      cursor = linkCursor(response.headers, 'next');
    }
    expect(ids).toHaveLength(3000);
    expect(new Set(ids).size).toBe(3000);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it('cursor mode from the first page returns everything once, in every sort order', async () => {
    for (const sortBy of SORT_ORDERS) {
      const ids = await walkCursor(`/customers?limit=250&sort_by=${sortBy}`, 'customers');
      expect(ids, sortBy).toHaveLength(3000);
      expect(new Set(ids).size, sortBy).toBe(3000);
    }
  });

  it('previous links walk back to the first page', async () => {
    const first = await get('/customers?limit=40&status=ACTIVE');
    const firstIds = CustomerList.parse(first.json).customers.map((c) => c.id);
    expect(linkCursor(first.headers, 'previous')).toBeNull();
    const second = await get(`/customers?page_info=${linkCursor(first.headers, 'next')}&limit=40`);
    const back = await get(
      `/customers?page_info=${linkCursor(second.headers, 'previous')}&limit=40`,
    );
    expect(CustomerList.parse(back.json).customers.map((c) => c.id)).toEqual(firstIds);
  });

  it('a cursor keeps the filters and only accepts limit beside it', async () => {
    const first = await get('/customers?limit=10&status=INACTIVE&sort_by=created_at-asc');
    const next = linkCursor(first.headers, 'next');
    const page = await get(`/customers?page_info=${next}&limit=10`);
    const customers = CustomerList.parse(page.json).customers;
    expect(customers.every((c) => c.status === 'INACTIVE')).toBe(true);
    const mixed = await get(`/customers?page_info=${next}&status=ACTIVE`);
    expect(mixed.status).toBe(422);
    expect((await get('/customers?page_info=garbage')).status).toBe(422);
    const addressCursor = await get(`/addresses?page_info=${next}`);
    expect(addressCursor.status).toBe(422);
  });

  it('a cursor walk stays exact while customers are created and updated', async () => {
    const seen: number[] = [];
    let response = await get('/customers?limit=100&sort_by=id-asc');
    let round = 0;
    const existing = new Set(sandbox.store.customers.rows.keys());
    for (;;) {
      seen.push(...CustomerList.parse(response.json).customers.map((c) => c.id));
      // Churn between pages: a new customer (sorts last) and an update of an already-seen one.
      round += 1;
      await call(sandbox.url, '/customers', {
        token: sandbox.tokens.full,
        method: 'POST',
        body: { email: `churn${round}@example.com`, first_name: 'C', last_name: 'Hurn' },
      });
      await call(sandbox.url, `/customers/${seen[0]}`, {
        token: sandbox.tokens.full,
        method: 'PUT',
        body: { billing_city: `City ${round}` },
      });
      const next = linkCursor(response.headers, 'next');
      if (!next) break;
      response = await get(`/customers?page_info=${next}&limit=100`);
    }
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of existing) expect(seen).toContain(id);
  });

  it('addresses page by cursor too', async () => {
    const ids = await walkCursor('/addresses?limit=250', 'addresses');
    expect(ids).toHaveLength(sandbox.store.addresses.size);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
