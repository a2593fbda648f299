import { afterEach, describe, expect, it } from 'vitest';
import { createOutboxEnv, writesTo, type OutboxEnv } from './env.ts';

let env: OutboxEnv;
afterEach(async () => {
  await env?.close();
});

const customerIds = (e: OutboxEnv) =>
  e.store.db.prepare('SELECT id FROM customers ORDER BY id').pluck().all() as number[];

function serverCustomer(e: OutboxEnv, id: number): Record<string, unknown> {
  return { ...e.sandbox.store.customer(id) };
}

describe('outbox push against the sandbox', () => {
  it('an edit made offline is pushed once after reconnecting, and shows pending meanwhile', async () => {
    env = await createOutboxEnv({});
    const id = customerIds(env)[0]!;
    env.network.offline = true;
    const receipt = env.service.queueBilling(id, { billing_city: 'Offline City' });
    expect(receipt.edit.state).toBe('pending');
    expect(env.store.detail(id).pending_fields).toEqual(['billing_city']);
    expect(env.store.detail(id).customer.billing_city).toBe('Offline City');

    await env.pusher.pushNow();
    expect(env.service.summary().counts.pending).toBe(1);
    expect(writesTo(env.sandbox, 'PUT', `/customers/${id}`)).toHaveLength(0);

    env.network.offline = false;
    env.service.retry([receipt.edit.id]);
    await env.pusher.pushNow();
    expect(env.service.summary().counts).toMatchObject({ pending: 0, done: 1 });
    expect(serverCustomer(env, id)['billing_city']).toBe('Offline City');
    expect(writesTo(env.sandbox, 'PUT', `/customers/${id}`)).toHaveLength(1);
    // Pushing again sends nothing more.
    await env.pusher.pushNow();
    expect(writesTo(env.sandbox, 'PUT', `/customers/${id}`)).toHaveLength(1);
    expect(env.store.detail(id).pending_fields).toEqual([]);
  });

  it('a 422 from the store fails the edit with its field errors and does not block the queue', async () => {
    env = await createOutboxEnv({});
    const [a, b] = customerIds(env);
    // The IPC contract would refuse an empty name; this simulates a rule only the store knows.
    const bad = env.service.queueBilling(a!, { first_name: '' });
    const good = env.service.queueBilling(b!, { billing_zip: '10001' });
    await env.pusher.pushNow();
    const failed = env.service.list({ states: ['failed'], limit: 10, offset: 0 }).items;
    expect(failed.map((e) => e.id)).toEqual([bad.edit.id]);
    expect(failed[0]!.lastError).toMatchObject({
      kind: 'validation',
      fieldErrors: { first_name: ['Shorter than minimum length 1.'] },
    });
    expect(
      env.service.list({ states: ['done'], limit: 10, offset: 0 }).items.map((e) => e.id),
    ).toEqual([good.edit.id]);
  });

  it('a remote change to a touched field becomes a conflict; to an untouched field, merges', async () => {
    env = await createOutboxEnv({});
    const [a, b] = customerIds(env);
    const touched = env.service.queueBilling(a!, { billing_city: 'Mine City' });
    const untouched = env.service.queueBilling(b!, { billing_city: 'Mine Town' });
    env.sandbox.admin.patchCustomer(a!, { billing_city: 'Portal City' });
    env.sandbox.admin.patchCustomer(b!, { billing_zip: '99999' });
    await env.pusher.pushNow();

    const conflict = env.service.list({ states: ['conflict'], limit: 10, offset: 0 }).items;
    expect(conflict.map((e) => e.id)).toEqual([touched.edit.id]);
    expect(conflict[0]!.theirs).toEqual({ billing_city: 'Portal City' });
    expect(conflict[0]!.mine).toEqual({ billing_city: 'Mine City' });
    expect(serverCustomer(env, a!)['billing_city']).toBe('Portal City');

    expect(serverCustomer(env, b!)).toMatchObject({
      billing_city: 'Mine Town',
      billing_zip: '99999',
    });
    expect(env.service.summary().counts).toMatchObject({ conflict: 1, done: 1 });
    expect(untouched.edit.state).toBe('pending');
  });

  it.each([
    ['mine', { billing_city: 'Mine City', billing_zip: '11111' }],
    ['theirs', { billing_city: 'Portal City', billing_zip: '22222' }],
    [
      { fields: { billing_city: 'mine', billing_zip: 'theirs' } },
      { billing_city: 'Mine City', billing_zip: '22222' },
    ],
  ] as const)(
    'resolving a conflict with %j leaves the chosen values on the store',
    async (resolution, expected) => {
      env = await createOutboxEnv({});
      const id = customerIds(env)[2]!;
      const edit = env.service.queueBilling(id, {
        billing_city: 'Mine City',
        billing_zip: '11111',
      });
      env.sandbox.admin.patchCustomer(id, { billing_city: 'Portal City', billing_zip: '22222' });
      await env.pusher.pushNow();
      expect(env.service.summary().counts.conflict).toBe(1);

      env.service.resolve(edit.edit.id, resolution);
      await env.pusher.pushNow();
      expect(serverCustomer(env, id)).toMatchObject(expected);
      expect(env.service.summary().counts.conflict).toBe(0);
      const history = env.service.history(id).map((h) => h.event);
      expect(history).toContain('conflict');
    },
  );

  it('a payment token is sent, stored sealed while pending and only masked afterwards', async () => {
    env = await createOutboxEnv({});
    const id = customerIds(env)[3]!;
    const token = 'cus_SecretCustomerToken42';
    const receipt = env.service.queuePaymentToken(id, 'stripe', token);
    expect(JSON.stringify(receipt)).not.toContain(token);
    expect(receipt.edit.mine).toEqual({ stripe_customer_token: 'cus_…n42' });
    const rawRow = env.store.db
      .prepare('SELECT patch FROM outbox WHERE id = ?')
      .pluck()
      .get(receipt.edit.id);
    expect(String(rawRow)).not.toContain('SecretCustomerToken42');

    await env.pusher.pushNow();
    expect(env.sandbox.admin.paymentTokenHint(id)).toBe('cus_…n42');
    const after = String(
      env.store.db.prepare('SELECT patch FROM outbox WHERE id = ?').pluck().get(receipt.edit.id),
    );
    expect(after).toContain('masked:');
    expect(after).not.toContain('sealed:');
  });

  it('a store refusal that quotes the pushed token keeps it out of the edit, its events and the renderer', async () => {
    env = await createOutboxEnv({});
    const id = customerIds(env)[4]!;
    const token = 'cus_QuotedBackToken77';
    env.sandbox.admin.addFault({
      kind: 'status',
      status: 422,
      body: { errors: { stripe_customer_token: [`No such customer: '${token}'`] } },
      method: 'PUT',
      pathPrefix: `/customers/${id}`,
    });
    const receipt = env.service.queuePaymentToken(id, 'stripe', token);
    await env.pusher.pushNow();
    const failed = env.service.list({ states: ['failed'], limit: 10, offset: 0 }).items;
    expect(failed.map((e) => e.id)).toEqual([receipt.edit.id]);
    expect(JSON.stringify(failed[0]!.lastError)).toContain('cus_…n77');
    const rows = [
      ...env.store.db.prepare('SELECT * FROM outbox').all(),
      ...env.store.db.prepare('SELECT * FROM audit_log').all(),
    ];
    expect(JSON.stringify(failed)).not.toContain('QuotedBackToken77');
    expect(JSON.stringify(rows)).not.toContain('QuotedBackToken77');
  });

  it('a token without write_payments pauses the queue with the reason instead of failing edits', async () => {
    env = await createOutboxEnv({ token: 'readWrite' });
    const id = customerIds(env)[4]!;
    env.service.queuePaymentToken(id, 'stripe', 'cus_abcdefghijk');
    env.service.queueBilling(id, { billing_city: 'After Token' });
    const reason = await env.pusher.pushNow();
    expect(reason).toMatchObject({ kind: 'forbidden' });
    expect(env.service.summary()).toMatchObject({
      counts: { pending: 2, failed: 0 },
      pausedReason: { kind: 'forbidden' },
    });
  });

  it('addresses are created once and updated with conflict checks', async () => {
    env = await createOutboxEnv({});
    const id = customerIds(env)[5]!;
    const created = env.service.queueAddressCreate(id, {
      first_name: 'Ada',
      last_name: 'Lovelace',
      company: null,
      address1: '1 Analytical Way',
      address2: null,
      city: 'London',
      province: null,
      zip: 'N1 9GU',
      country: 'United Kingdom',
      phone: null,
    });
    await env.pusher.pushNow();
    const done = env.service.list({ states: ['done'], limit: 10, offset: 0 }).items[0]!;
    expect(done.id).toBe(created.edit.id);
    expect(done.addressId).toBeGreaterThan(0);
    expect(writesTo(env.sandbox, 'POST', `/customers/${id}/addresses`)).toHaveLength(1);

    env.service.queueAddressUpdate(id, done.addressId!, { city: 'Cambridge' });
    await env.pusher.pushNow();
    const address = env.sandbox.store.address(done.addressId!);
    expect(address?.city).toBe('Cambridge');
  });

  it('discarding a pending edit restores the cached view', async () => {
    env = await createOutboxEnv({});
    const id = customerIds(env)[6]!;
    const before = env.store.customers.get(id)!.billing_city;
    const edit = env.service.queueBilling(id, { billing_city: 'Never Sent' });
    env.network.offline = true;
    env.service.discard([edit.edit.id]);
    expect(env.store.detail(id).customer.billing_city).toBe(before);
    expect(env.store.detail(id).pending_fields).toEqual([]);
  });
});

describe('audit log export', () => {
  it('lists every event of an edit as RFC 4180 CSV, without the values it set', async () => {
    env = await createOutboxEnv({});
    const id = customerIds(env)[7]!;
    env.service.queueBilling(id, { billing_company: 'Secret Co', billing_city: 'Quoted, City' });
    await env.pusher.pushNow();
    const csv = env.service.exportAuditCsv();
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,edit_id,customer_id,kind,event,state,fields,message,at');
    expect(lines.slice(1).map((l) => l.split(',')[4])).toEqual(['queued', 'sending', 'pushed']);
    expect(lines[1]).toContain(`,${id},billing,queued,pending,billing_company billing_city,,`);
    // The log says which fields changed, never to what.
    expect(csv).not.toContain('Secret Co');
  });
});
