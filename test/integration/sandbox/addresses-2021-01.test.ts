import { describe, expect, it } from 'vitest';
import {
  AddressEnvelope,
  AddressList,
  CustomerEnvelope,
  CustomerList,
} from '../../../src-shared/recharge/wire-2021-01.ts';
import { CountBody } from '../../../src-shared/recharge/wire-common.ts';
import { normalizeErrors } from '../../../src-shared/recharge/wire-errors.ts';
import { useWriteSandbox } from './write-sandbox.ts';

const env = useWriteSandbox();
const { api, newestId } = env;

describe('addresses', () => {
  const customerWithAddresses = () => {
    for (const row of env.sandbox.store.customers.rows.values()) {
      if (env.sandbox.store.addressIdsOf(row.data.id).length >= 2) return row.data.id;
    }
    throw new Error('no customer with addresses');
  };

  it('GET /customers/{id}/addresses lists that customer only', async () => {
    const id = customerWithAddresses();
    const response = await api(`/customers/${id}/addresses`);
    expect(response.status).toBe(200);
    const { addresses } = AddressList.parse(response.json);
    expect(addresses.map((a) => a.id).sort()).toEqual(env.sandbox.store.addressIdsOf(id));
    expect(addresses.every((a) => a.customer_id === id)).toBe(true);
    expect((await api('/customers/1/addresses')).status).toBe(404);
  });

  it('GET /addresses and /addresses/count filter by customer_id and ids', async () => {
    const id = customerWithAddresses();
    const list = AddressList.parse((await api(`/addresses?customer_id=${id}`)).json);
    expect(list.addresses.length).toBe(env.sandbox.store.addressIdsOf(id).length);
    const count = CountBody.parse((await api(`/addresses/count?customer_id=${id}`)).json);
    expect(count.count).toBe(list.addresses.length);
    const all = CountBody.parse((await api('/addresses/count')).json);
    expect(all.count).toBe(env.sandbox.store.addresses.size);
    const first = list.addresses[0];
    const byIds = AddressList.parse((await api(`/addresses?ids=${first?.id}`)).json);
    expect(byIds.addresses).toHaveLength(1);
    expect((await api('/addresses?customer_id=abc')).status).toBe(422);
  });

  it('POST /customers/{id}/addresses creates (201) and validates', async () => {
    const id = newestId();
    const body = {
      address1: '1 Infinite Loop',
      city: 'Cupertino',
      province: 'California',
      zip: '95014',
      country: 'United States',
      first_name: 'Ada',
      last_name: 'Lovelace',
      cart_attributes: [{ name: 'gift', value: 'yes' }],
    };
    const created = await api(`/customers/${id}/addresses`, { method: 'POST', body });
    expect(created.status).toBe(201);
    const address = AddressEnvelope.parse(created.json).address;
    expect(address.customer_id).toBe(id);
    const badZip = await api(`/customers/${id}/addresses`, {
      method: 'POST',
      body: { ...body, zip: 95014 },
    });
    expect(badZip.status).toBe(422);
    expect(normalizeErrors(badZip.json).fieldErrors).toEqual({ zip: ['Not a valid string.'] });
    const missing = await api(`/customers/${id}/addresses`, {
      method: 'POST',
      body: { address1: 'x' },
    });
    expect(Object.keys(normalizeErrors(missing.json).fieldErrors).sort()).toEqual([
      'city',
      'country',
      'first_name',
      'last_name',
      'zip',
    ]);
    expect((await api('/customers/1/addresses', { method: 'POST', body })).status).toBe(404);
    const readOnly = await api(`/customers/${id}/addresses`, {
      method: 'POST',
      body,
      token: env.sandbox.tokens.readOnly,
    });
    expect(readOnly.status).toBe(403);
  });

  it('GET, PUT and DELETE /addresses/{id}', async () => {
    const id = env.sandbox.store.addressIdsOf(customerWithAddresses())[0] ?? 0;
    const got = await api(`/addresses/${id}`);
    expect(got.status).toBe(200);
    const before = AddressEnvelope.parse(got.json).address;
    const put = await api(`/addresses/${id}`, {
      method: 'PUT',
      body: { address2: 'Suite 9', city: 'Berlin', country: 'Germany' },
    });
    expect(put.status).toBe(200);
    const after = AddressEnvelope.parse(put.json).address;
    expect(after.city).toBe('Berlin');
    expect((after.updated_at ?? '') > (before.updated_at ?? '')).toBe(true);
    const bad = await api(`/addresses/${id}`, { method: 'PUT', body: { note_attributes: 'x' } });
    expect(bad.status).toBe(422);
    expect((await api(`/addresses/${id}`, { method: 'DELETE' })).status).toBe(204);
    const gone = await api(`/addresses/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.json).toEqual({ errors: 'Not Found' });
  });

  it('deleting a customer removes its addresses', async () => {
    const id = customerWithAddresses();
    const addressIds = env.sandbox.store.addressIdsOf(id);
    expect((await api(`/customers/${id}`, { method: 'DELETE' })).status).toBe(204);
    for (const addressId of addressIds)
      expect((await api(`/addresses/${addressId}`)).status).toBe(404);
  });
});

describe('updated_at and incremental pulls', () => {
  it('a pull with updated_at_min = newest seen catches every later write, even in the same second', async () => {
    const newest = CustomerList.parse(
      (await api('/customers?sort_by=updated_at-desc&limit=1')).json,
    ).customers[0];
    if (!newest) throw new Error('no customers');
    const ids = [...env.sandbox.store.customers.rows.keys()].slice(0, 3);
    for (const id of ids) {
      await api(`/customers/${id}`, { method: 'PUT', body: { billing_phone: '310.384.3698' } });
    }
    const pulled = CustomerList.parse(
      (await api(`/customers?updated_at_min=${newest.updated_at}&sort_by=updated_at-asc&limit=250`))
        .json,
    );
    const seen = pulled.customers.map((customer) => customer.id);
    for (const id of ids) expect(seen).toContain(id);
    // Ordered by update, written order kept within one second.
    expect(seen.slice(-3)).toEqual(ids);
  });

  it('timestamps carry no offset and follow the injected clock in US Eastern time, DST included', async () => {
    const id = newestId();
    const put = async () =>
      CustomerEnvelope.parse(
        (await api(`/customers/${id}`, { method: 'PUT', body: { billing_zip: '10001' } })).json,
      ).customer;
    env.setNow(Date.UTC(2027, 0, 2, 12, 0, 0));
    expect((await put()).updated_at).toBe('2027-01-02T07:00:00');
    env.setNow(Date.UTC(2027, 6, 2, 12, 0, 0));
    expect((await put()).updated_at).toBe('2027-07-02T08:00:00');
  });
});
