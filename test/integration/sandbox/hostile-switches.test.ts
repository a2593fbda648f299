// The hostile switches over real HTTP: the store's clock across the autumn fall-back, same-second
// updates, changes scheduled on the client's own requests (deletions mid-walk among them), pages
// without a next cursor, and tokens revoked through the admin API.
import { afterEach, describe, expect, it } from 'vitest';
import {
  startSandbox,
  type Sandbox,
  type SandboxOptions,
} from '../../../src-main/sandbox/index.ts';
import { refusedSandboxCli, startSandboxCli } from './cli-process.ts';
import { adminCall, call, linkCursor } from './http.ts';
import type { Json, Version } from './wire-helpers.ts';

const sandboxes: Sandbox[] = [];
afterEach(async () => {
  for (const sandbox of sandboxes.splice(0)) await sandbox.close();
});

async function open(options: SandboxOptions = {}): Promise<Sandbox> {
  const sandbox = await startSandbox({ seed: 21, customers: 30, timeScale: 1e6, ...options });
  sandboxes.push(sandbox);
  return sandbox;
}

const BEFORE_FALL_BACK = '2024-11-03T05:30:00Z'; // 01:30 EDT; at 06:00Z clocks go back to 01:00

const ids = (sandbox: Sandbox) => [...sandbox.store.customers.rows.keys()].sort((a, b) => a - b);

function put(sandbox: Sandbox, path: string, body: unknown, version: Version = '2021-01') {
  return call(sandbox.url, path, { token: sandbox.tokens.full, method: 'PUT', body, version });
}

const customerOf = (json: unknown) => (json as { customer: Json }).customer;

/** Every customer, ten a page, oldest id first, following the version's cursor. */
async function walk(sandbox: Sandbox, version: Version): Promise<number[]> {
  const seen: number[] = [];
  const get = (query: string) =>
    call(sandbox.url, `/customers?${query}`, { token: sandbox.tokens.full, version });
  let response = await get('limit=10&sort_by=id-asc');
  for (;;) {
    expect(response.status).toBe(200);
    const body = response.json as Json;
    seen.push(...(body['customers'] as Json[]).map((c) => c['id'] as number));
    const next =
      version === '2021-01'
        ? linkCursor(response.headers, 'next')
        : (body['next_cursor'] as string | null);
    if (!next) return seen;
    response = await get(`${version === '2021-01' ? 'page_info' : 'cursor'}=${next}&limit=10`);
  }
}

describe('the store clock across the autumn fall-back', () => {
  it('writes in both readings of the repeated hour, and filters and sorts them by instant', async () => {
    const sandbox = await open({ clock: BEFORE_FALL_BACK, frozenClock: true });
    const cutoff = Date.parse(BEFORE_FALL_BACK) / 1000;
    for (const row of sandbox.store.customerTable.rows.values()) {
      expect(row.updated).toBeLessThanOrEqual(cutoff);
    }
    const [a = 0, b = 0] = ids(sandbox);
    const admin = (path: string, method = 'GET', body?: unknown) =>
      adminCall(sandbox.url, path, method, body);

    const daylight = await admin('/clock', 'PUT', { at: '2024-11-03T05:40:00Z', frozen: true });
    expect(daylight.json).toMatchObject({ eastern: '2024-11-03T01:40:00', frozen: true });
    const first = await put(sandbox, `/customers/${a}`, { first_name: 'Daylight' });
    expect(customerOf(first.json)['updated_at']).toBe('2024-11-03T01:40:00');

    const standard = await admin('/clock', 'PUT', { advanceMs: 30 * 60_000 });
    expect(standard.json).toMatchObject({ utc: '2024-11-03T06:10:00+00:00' });
    expect((await admin('/clock')).json).toMatchObject({ eastern: '2024-11-03T01:10:00' });
    const second = await put(sandbox, `/customers/${b}`, { first_name: 'Standard' });
    expect(customerOf(second.json)['updated_at']).toBe('2024-11-03T01:10:00');
    const offset = await call(sandbox.url, `/addresses?customer_id=${b}`, {
      token: sandbox.tokens.full,
      version: '2021-11',
    });
    expect(offset.status).toBe(200);
    const v2021_11 = await call(sandbox.url, `/customers/${b}`, {
      token: sandbox.tokens.full,
      version: '2021-11',
    });
    expect(customerOf(v2021_11.json)['updated_at']).toBe('2024-11-03T06:10:00+00:00');

    // A naive filter value is read as the first (daylight) instant: both writes are after it,
    // and the later write sorts last although its naive text is the smaller.
    const since = await call(
      sandbox.url,
      '/customers?updated_at_min=2024-11-03T01:00:00&sort_by=updated_at-asc',
      { token: sandbox.tokens.full },
    );
    const listed = (since.json as { customers: Json[] }).customers;
    expect(listed.map((c) => c['id'])).toEqual([a, b]);
  });

  it('never goes back past the last write, and starts over earlier with reset({ clock })', async () => {
    const sandbox = await open({ clock: BEFORE_FALL_BACK });
    const [a = 0] = ids(sandbox);
    await adminCall(sandbox.url, '/clock', 'PUT', { at: '2024-11-03T06:20:00Z' });
    expect((await put(sandbox, `/customers/${a}`, { first_name: 'Late' })).status).toBe(200);
    const back = await adminCall(sandbox.url, '/clock', 'PUT', { at: BEFORE_FALL_BACK });
    expect(back.status).toBe(422);
    expect(back.text).toMatch(/never goes back/);
    expect(() => sandbox.admin.advanceClock(-3_600_000)).toThrow(/never goes back/);
    expect((await adminCall(sandbox.url, '/clock', 'PUT', { at: 'tomorrow' })).status).toBe(422);
    expect((await adminCall(sandbox.url, '/clock', 'PUT', {})).status).toBe(422);

    const spring = await adminCall(sandbox.url, '/reset', 'POST', {
      clock: '2024-03-10T06:30:00Z',
      frozenClock: true,
    });
    expect(spring.status).toBe(200);
    expect((spring.json as { clock: Json }).clock).toMatchObject({
      eastern: '2024-03-10T01:30:00',
      frozen: true,
    });
    sandbox.admin.advanceClock(3_600_000); // the skipped hour: 01:30 EST → 03:30 EDT
    const jumped = await put(sandbox, `/customers/${a}`, { first_name: 'Spring' });
    expect(customerOf(jumped.json)['updated_at']).toBe('2024-03-10T03:30:00');
    expect((await adminCall(sandbox.url, '/reset', 'POST', { clock: 'soon' })).status).toBe(422);
  });
});

describe('same-second updates', () => {
  it('keep one whole-second updated_at when switched on, and bump it when off', async () => {
    const sandbox = await open({ clock: BEFORE_FALL_BACK, frozenClock: true });
    const [a = 0] = ids(sandbox);
    const on = await adminCall(sandbox.url, '/options', 'PUT', { sameSecondUpdates: true });
    expect(on.json).toMatchObject({ sameSecondUpdates: true });
    const first = customerOf((await put(sandbox, `/customers/${a}`, { first_name: 'One' })).json);
    const second = customerOf((await put(sandbox, `/customers/${a}`, { last_name: 'Two' })).json);
    expect(second['updated_at']).toBe(first['updated_at']);
    expect(second).toMatchObject({ first_name: 'One', last_name: 'Two' });
    // A portal change in the same second too.
    const portal = sandbox.admin.patchCustomer(a, { billing_company: 'Portal' });
    expect(portal.ok && portal.value.updated_at).toBe(first['updated_at']);

    sandbox.admin.setSwitches({ sameSecondUpdates: false });
    const third = customerOf((await put(sandbox, `/customers/${a}`, { first_name: 'Three' })).json);
    expect(third['updated_at']).toBe('2024-11-03T01:30:01');
    expect((await adminCall(sandbox.url, '/options', 'PUT', { sameSecondUpdates: 1 })).status).toBe(
      422,
    );
  });

  it('can be on from the start', async () => {
    const sandbox = await open({
      sameSecondUpdates: true,
      clock: BEFORE_FALL_BACK,
      frozenClock: true,
    });
    expect(sandbox.admin.state()).toMatchObject({ sameSecondUpdates: true, dropCursors: 'never' });
  });
});

describe('changes scheduled on the client’s requests', () => {
  it('apply when the nth matching request arrives, before it is handled', async () => {
    const sandbox = await open();
    const [a = 0, b = 0, c = 0] = ids(sandbox);
    const added = await adminCall(sandbox.url, '/schedule', 'POST', {
      when: { method: 'PUT', pathPrefix: '/customers/', nth: 2 },
      action: { kind: 'patchCustomer', id: c, fields: { billing_company: 'Portal' } },
      label: 'portal',
    });
    expect(added.status).toBe(201);
    const [change] = (added.json as { schedule: Json[] }).schedule;
    await put(sandbox, `/customers/${a}`, { first_name: 'Ours' });
    expect(sandbox.store.customer(c)?.billing_company).not.toBe('Portal');
    await put(sandbox, `/customers/${b}`, { first_name: 'Ours' });
    expect(sandbox.store.customer(c)?.billing_company).toBe('Portal');

    const fired = sandbox.admin.requests({ limit: 1 })[0];
    expect(fired).toMatchObject({
      method: 'PUT',
      path: `/customers/${b}`,
      scheduled: [change?.['id']],
    });
    const listed = (await adminCall(sandbox.url, '/schedule')).json as { schedule: Json[] };
    expect(listed.schedule[0]).toMatchObject({ firedOn: fired?.seq, seen: 2, results: ['ok'] });

    // On the very request it answers: the client reads the change.
    sandbox.admin.schedule({
      when: { method: 'GET', path: `/customers/${a}` },
      action: [
        { kind: 'patchCustomer', id: a, fields: { first_name: 'Theirs' } },
        { kind: 'deleteCustomer', id: 999_999 },
      ],
    });
    const read = await call(sandbox.url, `/customers/${a}`, { token: sandbox.tokens.full });
    expect(customerOf(read.json)['first_name']).toBe('Theirs');
    expect(sandbox.admin.scheduled()[1]?.results).toEqual(['ok', '404 Not Found']);

    expect((await adminCall(sandbox.url, '/schedule', 'DELETE')).status).toBe(204);
    expect(sandbox.admin.state().schedule).toEqual([]);
    const bad = await adminCall(sandbox.url, '/schedule', 'POST', {
      when: {},
      action: { kind: 'deleteCustomer' },
    });
    expect(bad.status).toBe(422);
  });

  it.each(['2021-01', '2021-11'] as const)(
    'deletes customers while a walk is on its second page (%s)',
    async (version) => {
      const sandbox = await open();
      const all = ids(sandbox);
      const behind = [all[1] ?? 0, all[4] ?? 0];
      const ahead = [all[12] ?? 0, all[25] ?? 0, all[29] ?? 0];
      sandbox.admin.schedule({
        when: {
          method: 'GET',
          path: '/customers',
          query: { [version === '2021-01' ? 'page_info' : 'cursor']: '' },
        },
        action: [...behind, ...ahead].map((id) => ({ kind: 'deleteCustomer' as const, id })),
      });
      const seen = await walk(sandbox, version);
      // Seen before they went; those further on are gone from the walk; nothing repeats.
      expect(seen).toEqual(all.filter((id) => !ahead.includes(id)));
      expect(sandbox.store.customerTable.size).toBe(25);
    },
  );
});

describe('pages without a next cursor', () => {
  it.each(['2021-01', '2021-11'] as const)(
    'dropCursors: always leaves out Link / next_cursor (%s)',
    async (version) => {
      const sandbox = await open();
      const get = () =>
        call(sandbox.url, '/customers?limit=10', { token: sandbox.tokens.full, version });
      const before = await get();
      const nextOf = (response: Awaited<ReturnType<typeof get>>) =>
        version === '2021-01'
          ? linkCursor(response.headers, 'next')
          : ((response.json as Json)['next_cursor'] as string | null);
      expect(nextOf(before)).not.toBeNull();

      const state = await adminCall(sandbox.url, '/options', 'PUT', { dropCursors: 'always' });
      expect(state.json).toMatchObject({ dropCursors: 'always' });
      const after = await get();
      expect(after.status).toBe(200);
      expect(nextOf(after)).toBeNull();
      expect(after.headers.get('link')).toBeNull();
      expect(((after.json as Json)['customers'] as Json[]).length).toBe(10);
      if (version === '2021-11') expect(after.json).toMatchObject({ next_cursor: null });
      expect(sandbox.admin.requests({ limit: 1 })[0]?.nextDropped).toBe(true);
      // Single records keep their shape.
      const one = await call(sandbox.url, `/customers/${ids(sandbox)[0]}`, {
        token: sandbox.tokens.full,
        version,
      });
      expect(one.status).toBe(200);
      expect(
        (await adminCall(sandbox.url, '/options', 'PUT', { dropCursors: 'sometimes' })).status,
      ).toBe(422);
    },
  );

  it('a drop_cursor fault ends a walk early on the page it names', async () => {
    const sandbox = await open();
    const added = await adminCall(sandbox.url, '/faults', 'POST', {
      kind: 'drop_cursor',
      pathPrefix: '/customers',
      requests: [2],
    });
    expect(added.status).toBe(201);
    expect(await walk(sandbox, '2021-01')).toHaveLength(20);
    const [, second] = sandbox.admin.requests();
    expect(second).toMatchObject({ nextDropped: true, faults: [1] });
  });
});

describe('tokens revoked through the admin API', () => {
  it('are answered 401 until restored, by label or by value, with nothing secret shown', async () => {
    const sandbox = await open();
    const read = (token: string) => call(sandbox.url, '/customers?limit=1', { token });
    const revoked = await adminCall(sandbox.url, '/revoke-token', 'POST', { token: 'read-only' });
    expect(revoked.status).toBe(200);
    expect(revoked.json).toMatchObject({ token: { label: 'read-only', revoked: true } });
    expect(revoked.text).not.toContain(sandbox.tokens.readOnly);
    const refused = await read(sandbox.tokens.readOnly);
    expect(refused.status).toBe(401);
    expect(refused.json).toEqual({ error: 'bad authentication' });
    expect(sandbox.admin.requests({ limit: 1 })[0]).toMatchObject({
      status: 401,
      tokenLabel: 'read-only',
    });
    expect((await read(sandbox.tokens.full)).status).toBe(200);
    const state = sandbox.admin.state();
    expect(state.tokens.find((t) => t.label === 'read-only')?.revoked).toBe(true);

    const restored = await adminCall(sandbox.url, '/restore-token', 'POST', {
      token: sandbox.tokens.readOnly,
    });
    expect(restored.status).toBe(200);
    expect(restored.text).not.toContain(sandbox.tokens.readOnly);
    expect((await read(sandbox.tokens.readOnly)).status).toBe(200);
    expect(
      (await adminCall(sandbox.url, '/revoke-token', 'POST', { token: 'nobody' })).status,
    ).toBe(404);
    expect((await adminCall(sandbox.url, '/revoke-token', 'POST', {})).status).toBe(422);

    sandbox.admin.revokeToken('full');
    sandbox.admin.reset();
    expect((await read(sandbox.tokens.full)).status).toBe(200);
  });

  it('can be revoked by a scheduled change, mid-run', async () => {
    const sandbox = await open();
    sandbox.admin.schedule({
      when: { method: 'GET', path: '/customers', nth: 2 },
      action: { kind: 'revokeToken', token: sandbox.tokens.full },
    });
    expect(JSON.stringify(sandbox.admin.state())).not.toContain(sandbox.tokens.full);
    const get = () => call(sandbox.url, '/customers?limit=1', { token: sandbox.tokens.full });
    expect((await get()).status).toBe(200);
    expect((await get()).status).toBe(401);
    const replacement = sandbox.admin.addToken({ scopes: ['read_customers'] });
    expect(
      (await call(sandbox.url, '/customers?limit=1', { token: replacement.token })).status,
    ).toBe(200);
  });
});

describe('sandbox CLI switches', () => {
  it('starts at a clock, frozen, with same-second updates and cursors dropped', async () => {
    const { output, url, stop } = await startSandboxCli([
      '--customers',
      '10',
      '--clock',
      BEFORE_FALL_BACK,
      '--frozen-clock',
      '--same-second-updates',
      '--drop-cursors',
      'always',
    ]);
    expect(output).toContain('2024-11-03T01:30:00 New York, frozen');
    const state = await adminCall(url, '/state');
    expect(state.json).toMatchObject({
      sameSecondUpdates: true,
      dropCursors: 'always',
      clock: { utc: '2024-11-03T05:30:00+00:00', frozen: true },
    });
    expect(await stop()).toBe(0);

    expect(await refusedSandboxCli(['--clock', '2024-11-03'])).toBe(2);
  }, 30_000);
});
