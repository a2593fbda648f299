// "A sandbox as hostile as reality": the store's token is revoked through the sandbox's admin API
// (as a merchant revokes it in ReCharge), between two actions or in the middle of a bulk push.
// Through the app's own IPC router: pushes pause and the sync stops with an auth error, nothing is
// lost or sent twice, and replacing the token in the core resumes both without a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src-main/core/create-core.ts';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox/index.ts';
import type { ApiVersion } from '../../../src-shared/recharge/versions.ts';
import { addFullStore, ok, quietCore } from '../core/helpers.ts';

const dirs: string[] = [];
let sandbox: Sandbox | null = null;
let core: Core | null = null;
afterEach(async () => {
  await core?.close();
  await sandbox?.close();
  core = null;
  sandbox = null;
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const FULL_SCOPES = [
  'read_customers',
  'read_payment_methods',
  'write_customers',
  'write_payments',
  'write_payment_methods',
];

type Summary = {
  counts: { done: number; pending: number; in_flight: number; failed: number };
  pausedReason: { kind: string } | null;
};
type Status = { state: string; lastError: { kind: string } | null };

async function openStore(version: ApiVersion) {
  sandbox = await startSandbox({ seed: 19, customers: 40, timeScale: 50 });
  const dir = mkdtempSync(join(tmpdir(), 'rcd-revoked-'));
  dirs.push(dir);
  core = await quietCore(dir);
  const activeId = await addFullStore(core, sandbox, version);
  expect(ok<Status>(await core.router.call('sync:start', { full: true })).state).toBe('idle');
  const { items } = ok<{ items: { id: number }[] }>(
    await core.router.call('customers:search', {
      query: '',
      pageSize: 20,
      sort: { key: 'id', dir: 'asc' },
    }),
  );
  return { sandbox, core, profileId: activeId, ids: items.map((item) => item.id) };
}

/** Revokes a token as the tests' tooling would: over the admin API's HTTP route. */
async function revokeOverHttp(s: Sandbox, token: string) {
  const response = await fetch(`${s.url}/__sandbox/revoke-token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  expect(response.status).toBe(200);
}

describe.each(['2021-01', '2021-11'] as ApiVersion[])('a token revoked on %s', (version) => {
  it('pauses pushes and the sync with an auth error until it is replaced', async () => {
    const { sandbox: s, core: c, profileId, ids } = await openStore(version);
    const id = ids[0] ?? 0;
    await revokeOverHttp(s, s.tokens.full);

    const receipt = ok<{ edit: { state: string } }>(
      await c.router.call('customers:updateBilling', {
        customerId: id,
        patch: { last_name: 'Revoked' },
      }),
    );
    expect(receipt.edit.state).toBe('pending');
    const paused = ok<Summary>(await c.router.call('outbox:push', undefined));
    expect(paused.pausedReason?.kind).toBe('auth');
    expect(paused.counts.pending).toBe(1);
    expect(ok<Status>(await c.router.call('sync:start', {}))).toMatchObject({
      state: 'error',
      lastError: { kind: 'auth' },
    });
    // Still refused: the store keeps answering 401 to it.
    expect(ok<Summary>(await c.router.call('outbox:push', undefined)).pausedReason?.kind).toBe(
      'auth',
    );
    expect(s.store.customerRow(id)?.data.last_name).not.toBe('Revoked');

    const replacement = s.admin.addToken({ scopes: FULL_SCOPES }).token;
    ok(await c.router.call('profiles:replaceToken', { id: profileId, token: replacement }));
    const resumed = ok<Summary>(await c.router.call('outbox:push', undefined));
    expect(resumed).toMatchObject({ counts: { done: 1, pending: 0 }, pausedReason: null });
    expect(s.store.customerRow(id)?.data.last_name).toBe('Revoked');
    expect(ok<Status>(await c.router.call('sync:start', {})).state).toBe('idle');
  });

  it('revoked in the middle of a bulk push: nothing lost, nothing sent twice', async () => {
    const { sandbox: s, core: c, profileId, ids } = await openStore(version);
    const targets = ids.slice(0, 12);
    s.admin.schedule({
      when: { method: 'PUT', pathPrefix: '/customers/', nth: 3 },
      action: { kind: 'revokeToken', token: 'full' },
    });
    s.admin.clearRequests();
    const target = { kind: 'ids', ids: targets };
    const patch = { last_name: 'Bulk' };
    const preview = ok<{ count: number }>(
      await c.router.call('customers:bulkPreview', { target, patch }),
    );
    expect(preview.count).toBe(12);
    ok(
      await c.router.call('customers:bulkUpdate', { target, patch, expectedCount: preview.count }),
    );
    const paused = ok<Summary>(await c.router.call('outbox:push', undefined));
    expect(paused.pausedReason?.kind).toBe('auth');
    expect(paused.counts.done).toBe(2);
    expect(paused.counts.pending).toBe(10);
    expect(ok<Status>(await c.router.call('sync:start', {})).lastError?.kind).toBe('auth');

    const replacement = s.admin.addToken({ scopes: FULL_SCOPES }).token;
    const replaced = ok<{ profiles: { scopes: string[] }[] }>(
      await c.router.call('profiles:replaceToken', { id: profileId, token: replacement }),
    );
    // The scopes the store had (on 2021-01 ticked, then confirmed by the two writes that went
    // through) stay with the new token.
    expect(replaced.profiles[0]?.scopes).toContain('write_customer');
    const resumed = ok<Summary>(await c.router.call('outbox:push', undefined));
    expect(resumed).toMatchObject({ counts: { done: 12, pending: 0 }, pausedReason: null });

    const applied = s.admin
      .requests({ limit: 10_000 })
      .filter((r) => r.method === 'PUT' && r.status === 200);
    expect(applied.map((r) => r.path).sort()).toEqual(
      targets.map((id) => `/customers/${id}`).sort(),
    );
    for (const id of targets) expect(s.store.customerRow(id)?.data.last_name).toBe('Bulk');
    expect(ok<Status>(await c.router.call('sync:start', {})).state).toBe('idle');
  });
});
