// "No edit lost…", item 4: a token replaced in Settings reaches the running session at once: the
// queue paused on a 401 and the sync in its auth error both go on with the new token.
import { describe, expect, it } from 'vitest';
import { ok, quietCore, useDataDirs, useSandbox } from './helpers.ts';

const sandbox = useSandbox({ seed: 9, customers: 30, timeScale: 50 });
const dataDirs = useDataDirs('rcd-token-');

describe('replacing the token of the open store', () => {
  it('resumes the paused queue and the failed sync without a restart', async () => {
    const revoked = new Set<string>();
    // The store stops accepting a token, as when a merchant revokes it in ReCharge.
    const fetchWithRevocation: typeof fetch = (input, init) => {
      const token = new Headers(init?.headers).get('X-Recharge-Access-Token') ?? '';
      if (revoked.has(token)) {
        return Promise.resolve(new Response('{"errors":"bad authentication"}', { status: 401 }));
      }
      return fetch(input, init);
    };
    const core = await quietCore(dataDirs(), { fetch: fetchWithRevocation });
    const first = sandbox().tokens.full;
    const state = ok<{ activeId: string }>(
      await core.router.call('profiles:add', {
        label: 'Store',
        baseUrl: sandbox().url,
        version: '2021-01',
        token: first,
        writeScopes: ['write_customer'],
      }),
    );
    expect(ok<{ state: string }>(await core.router.call('sync:start', { full: true })).state).toBe(
      'idle',
    );
    const { items } = ok<{ items: { id: number }[] }>(
      await core.router.call('customers:search', { query: '' }),
    );
    const id = items[0]!.id;

    revoked.add(first);
    const receipt = ok<{ edit: { id: number; state: string } }>(
      await core.router.call('customers:updateBilling', {
        customerId: id,
        patch: { billing_city: 'Tokenville' },
      }),
    );
    expect(receipt.edit.state).toBe('pending');
    const paused = ok<{ pausedReason: { kind: string } | null }>(
      await core.router.call('outbox:summary', undefined),
    );
    expect(paused.pausedReason?.kind).toBe('auth');
    expect(
      ok<{ state: string; lastError: { kind: string } }>(await core.router.call('sync:start', {})),
    ).toMatchObject({ state: 'error', lastError: { kind: 'auth' } });

    const second = sandbox().admin.addToken({
      scopes: ['read_customers', 'write_customers', 'write_payments'],
    }).token;
    ok(await core.router.call('profiles:replaceToken', { id: state.activeId, token: second }));
    const summary = ok<{ counts: { done: number; pending: number }; pausedReason: unknown }>(
      await core.router.call('outbox:push', undefined),
    );
    expect(summary).toMatchObject({ counts: { done: 1, pending: 0 }, pausedReason: null });
    expect(sandbox().store.customer(id)?.billing_city).toBe('Tokenville');
    expect(ok<{ state: string }>(await core.router.call('sync:start', {})).state).toBe('idle');
    await core.close();
  });
});
