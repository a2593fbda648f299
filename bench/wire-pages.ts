// Wire JSON pages of generated customers and addresses, as the API sends them (250 a page).
import { generateCustomers } from '../src-main/sandbox/generate.ts';
import type { Address, Customer } from '../src-shared/recharge/wire-2021-01.ts';

export const PAGE = 250;

export interface WirePage {
  kind: 'customers' | 'addresses';
  json: string;
}

/** Chunk `n` of `size` customers; id blocks (and emails) are offset per chunk so chunks add up. */
export function chunkPages(n: number, size: number): WirePage[] {
  const data = generateCustomers(1000 + n, size);
  const shift = n * 10_000_000;
  const customers: Customer[] = data.customers.map((c) => ({
    ...c,
    id: c.id + shift,
    email: n ? `${n}.${c.email}` : c.email,
  }));
  const addresses: Address[] = data.addresses.map((a) => ({
    ...a,
    id: a.id + shift,
    customer_id: a.customer_id + shift,
  }));
  const pages: WirePage[] = [];
  for (let i = 0; i < customers.length; i += PAGE) {
    pages.push({
      kind: 'customers',
      json: JSON.stringify({ customers: customers.slice(i, i + PAGE) }),
    });
  }
  for (let i = 0; i < addresses.length; i += PAGE) {
    pages.push({
      kind: 'addresses',
      json: JSON.stringify({ addresses: addresses.slice(i, i + PAGE) }),
    });
  }
  return pages;
}
