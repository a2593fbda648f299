// A token change on 2021-11 creates the new default method, then moves the addresses charged to
// the old one onto it. When the moves fail after the create, the next try must find the created
// method (never create a second) and finish the moves.
import { afterEach, describe, expect, it } from 'vitest';
import { createMethod } from '../../../src-main/sandbox/payment-method-writes.ts';
import { createOutboxEnv, writesTo, type OutboxEnv } from './env.ts';

let env: OutboxEnv;
afterEach(async () => {
  await env?.close();
});

/** A customer whose default method the app may replace, with an address charged to it. */
function customerOnDefault(e: OutboxEnv): { customerId: number; oldDefault: number } {
  const { store } = e.sandbox;
  const ids = e.store.db.prepare('SELECT id FROM customers ORDER BY id').pluck().all() as number[];
  for (const customerId of ids) {
    const method = store.defaultMethodOf(customerId)?.data;
    if (!method || method.processor_name === 'shopify_payments') continue;
    const onIt = store
      .addressIdsOf(customerId)
      .filter((id) => store.addressRow(id)?.data.payment_method_id === method.id);
    if (onIt.length > 0) return { customerId, oldDefault: method.id };
  }
  throw new Error('no customer with an address on its default method');
}

describe('a 2021-11 token change whose address moves fail after the create', () => {
  it('is finished on the next try: the method found, not created again, the addresses moved', async () => {
    env = await createOutboxEnv({ version: '2021-11' });
    const { sandbox } = env;
    const { store } = sandbox;
    const { customerId, oldDefault } = customerOnDefault(env);
    // One address is deliberately charged to another of the customer's methods: it stays there.
    const {
      id: _m,
      customer_id: _c,
      is_default: _d,
      ...fields
    } = store.methodRow(oldDefault)!.data;
    const other = createMethod(store, customerId, {
      ...fields,
      processor_customer_token: 'cus_OtherCardKept01',
      is_default: false,
    }).data.id;
    const template = store.addressRow(store.addressIdsOf(customerId)[0]!)!.data;
    const { id: _a, ...addressFields } = template;
    const kept = store.insertOwned('address', { ...addressFields, payment_method_id: other }).data
      .id;
    const onOld = store
      .addressIdsOf(customerId)
      .filter((id) => store.addressRow(id)?.data.payment_method_id === oldDefault);
    expect(onOld.length).toBeGreaterThan(0);

    // Every address PUT of the first try fails (the client's own retry included).
    sandbox.admin.addFault({
      kind: 'status',
      status: 503,
      method: 'PUT',
      pathPrefix: '/addresses/',
      count: 2,
    });
    sandbox.admin.clearRequests();
    const receipt = env.service.queuePaymentToken(
      customerId,
      'stripe',
      'cus_NewCardAfterMoves9',
      'pm_1NewCardAfterMoves9',
    );
    await env.pusher.pushNow();
    const first = env.service.list({ states: ['pending'], limit: 10, offset: 0 }).items;
    expect(first.map((e) => e.id)).toEqual([receipt.edit.id]);
    expect(writesTo(sandbox, 'POST', '/payment_methods')).toHaveLength(1);
    for (const id of onOld) expect(store.addressRow(id)?.data.payment_method_id).toBe(oldDefault);

    // The next try waits out the settle time, then looks before it creates.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    env.service.retry([receipt.edit.id]);
    await env.pusher.pushNow();
    expect(env.service.summary().counts).toMatchObject({ pending: 0, done: 1, failed: 0 });
    expect(writesTo(sandbox, 'POST', '/payment_methods')).toHaveLength(1);
    const created = store.defaultMethodOf(customerId)!.data;
    expect(created.processor_customer_token).toBe('cus_NewCardAfterMoves9');
    for (const id of onOld) {
      expect(store.addressRow(id)?.data.payment_method_id).toBe(created.id);
      expect(env.store.addresses.get(id)?.payment_method_id).toBe(created.id);
      expect(writesTo(sandbox, 'PUT', `/addresses/${id}`).at(-1)?.body).toEqual({
        payment_method_id: created.id,
      });
    }
    expect(store.addressRow(kept)?.data.payment_method_id).toBe(other);
    expect(writesTo(sandbox, 'PUT', `/addresses/${kept}`)).toEqual([]);
    const ending = env.service
      .history(customerId)
      .find((entry) => entry.editId === receipt.edit.id && entry.state === 'done');
    expect(ending?.message).toBe('found on the store after an interrupted send');
  });
});
