// "No edit lost…", item 9: a full page that comes without a next cursor (or Link) must not end
// the walk early, and a full pass that saw far fewer customers than it should deletes nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { cacheDiff, syncFixture, type SyncFixture } from '../../helpers/sync-fixture.ts';

let fixture: SyncFixture | null = null;
afterEach(async () => {
  await fixture?.close();
  fixture = null;
});

/** Drops the way to the next page from every list answer. */
const withoutCursors: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  const headers = new Headers(response.headers);
  headers.delete('Link');
  const text = await response.text();
  let body = text;
  try {
    const json = JSON.parse(text) as Record<string, unknown>;
    if ('next_cursor' in json) json['next_cursor'] = null;
    body = JSON.stringify(json);
  } catch {
    // not JSON: left as is
  }
  return new Response(body, { status: response.status, headers });
};

describe('a store that leaves out the next cursor', () => {
  it('is walked to the end anyway, and a full pass deletes nothing it should keep', async () => {
    let strip = false;
    fixture = await syncFixture({
      customers: 600,
      fetch: (input, init) => (strip ? withoutCursors(input, init) : fetch(input, init)),
    });
    expect((await fixture.engine.start({ full: true })).state).toBe('idle');
    expect(fixture.store.customers.count()).toBe(600);

    strip = true;
    const final = await fixture.engine.start({ full: true });
    expect(final.state).toBe('idle');
    expect(fixture.engine.lastSummary()?.deletedCustomers).toBe(0);
    expect(cacheDiff(fixture.sandbox, fixture.store)).toEqual([]);
  });

  it('refuses to sweep when a full pass saw far fewer customers than the cache holds', async () => {
    let empty = false;
    fixture = await syncFixture({
      customers: 300,
      fetch: async (input, init) => {
        const url = new URL(String(input));
        if (empty && url.pathname === '/customers' && !url.pathname.endsWith('/count')) {
          return new Response('{"customers": []}', { status: 200 });
        }
        if (empty && url.pathname === '/customers/count') {
          return new Response('{"count": 0}', { status: 200 });
        }
        return fetch(input, init);
      },
    });
    await fixture.engine.start({ full: true });
    expect(fixture.store.customers.count()).toBe(300);
    empty = true;
    const final = await fixture.engine.start({ full: true });
    expect(final.state).toBe('error');
    expect(final.lastError?.message).toMatch(/nothing was deleted/);
    expect(fixture.store.customers.count()).toBe(300);
  });
});
