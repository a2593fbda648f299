import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import App from '../../src-renderer/App.vue';
import type { SearchInput } from '../../src-shared/customers/views.ts';
import { useNavStore } from '../../src-renderer/stores/nav.ts';
import { fakeCore, freshPinia, plugins, type Handler } from './fake-api.ts';
import { detail, profilesState, row, summary, syncStatus } from './fixtures.ts';

const info = {
  name: 'ReCharge Desk',
  version: '1.0.0',
  mode: 'test',
  dataDir: '/tmp/d',
  platform: 'linux',
  nodeVersion: '24',
};

const wired: Record<string, Handler> = {
  'app:info': () => info,
  'sync:status': () => syncStatus(),
  'profiles:list': () => ({
    ...profilesState(['read_customer', 'write_customer', 'write_payments']),
    profiles: profilesState(['read_customer']).profiles.map((p) => ({
      ...p,
      label: 'Demo store',
      demo: true,
    })),
  }),
  'outbox:summary': () => summary({ pending: 2, conflict: 1 }),
  'customers:search': (input: SearchInput) => ({
    items: input.query.includes('ada') ? [row(101, { first_name: 'Ada' }), row(102)] : [],
    total: input.query.includes('ada') ? 2 : 0,
    page: 1,
    pageSize: 25,
    totalExact: true,
    next: null,
    tookMs: 1,
  }),
  'customers:get': () => detail({ pending_fields: ['billing_city'] }),
  'customers:history': () => ({ entries: [] }),
};

async function mountApp(handlers: Record<string, Handler>) {
  const core = fakeCore(handlers);
  const pinia = freshPinia();
  const wrapper = mount(App, { attachTo: document.body, global: plugins(pinia) });
  await flushPromises();
  return { core, wrapper };
}

function searchInput(): HTMLInputElement {
  const input = document.querySelector<HTMLInputElement>(
    '[data-testid="search-input"] input, input[data-testid="search-input"]',
  );
  if (!input) throw new Error('no search input');
  return input;
}

function key(target: EventTarget, k: string, extra: KeyboardEventInit = {}) {
  target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, ...extra }));
}

describe('app shell with the core wired', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('starts with the search box focused and shows store, sync and outbox state', async () => {
    await mountApp(wired);
    await vi.waitFor(() => expect(document.activeElement).toBe(searchInput()));
    const text = document.body.textContent ?? '';
    expect(text).toContain('Demo store');
    expect(document.querySelector('[data-testid="demo-chip"]')).not.toBeNull();
    expect(text).toContain('Online');
    expect(document.querySelector('[data-testid="outbox-badge"]')?.textContent).toContain('3');
  });

  it('goes from search to detail and back with the keyboard only', async () => {
    const { core } = await mountApp(wired);
    const input = searchInput();
    input.value = 'ada';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await vi.waitFor(() =>
      expect(document.querySelectorAll('[data-testid="customer-row"]')).toHaveLength(2),
    );
    key(input, 'ArrowDown');
    key(input, 'Enter');
    await vi.waitFor(() => expect(useNavStore().view).toBe('customer'));
    expect(core.callsTo('customers:get')).toEqual([{ id: 102 }]);
    await vi.waitFor(() =>
      expect(document.querySelector('[data-testid="customer-name"]')?.textContent).toContain(
        'Ada Lovelace',
      ),
    );
    expect(document.querySelector('[data-testid="pending-fields"]')?.textContent).toContain('City');
    await vi.waitFor(() =>
      expect(document.activeElement?.getAttribute('data-testid')).toBe('edit-billing'),
    );
    key(window, 'Escape');
    await flushPromises();
    expect(useNavStore().view).toBe('customers');
    await vi.waitFor(() => expect(document.activeElement).toBe(searchInput()));
  });

  it('Ctrl+K brings back the search box from another screen', async () => {
    await mountApp(wired);
    useNavStore().go('settings');
    await flushPromises();
    searchInput().blur();
    key(window, 'k', { ctrlKey: true });
    await flushPromises();
    expect(useNavStore().view).toBe('customers');
    await vi.waitFor(() => expect(document.activeElement).toBe(searchInput()));
  });

  it('highlights the match with marks, never as markup from the data', async () => {
    await mountApp({
      ...wired,
      'customers:search': () => ({
        items: [row(1, { first_name: '<b>ada</b>', email: 'ada@x.com' })],
        total: 1,
        page: 1,
        pageSize: 25,
        totalExact: true,
        next: null,
        tookMs: 1,
      }),
    });
    const input = searchInput();
    input.value = 'ada';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await vi.waitFor(() => expect(document.querySelectorAll('mark.hl').length).toBeGreaterThan(0));
    expect(document.querySelector('tbody b')).toBeNull();
    expect(document.body.textContent).toContain('<b>ada</b>');
  });
});

describe('app shell while services are not wired', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('explains what is missing instead of breaking', async () => {
    await mountApp({ 'app:info': () => info });
    await vi.waitFor(() =>
      expect(document.querySelector('[data-testid="error-alert"]')?.textContent).toContain(
        'not available yet',
      ),
    );
    const text = document.body.textContent ?? '';
    expect(text).toContain('No store');
    expect(text).toContain('Sync unknown');
    expect(document.querySelector('[data-testid="app-version"]')?.textContent).toContain('v1.0.0');
  });
});

describe('shell commands', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('follows the menu’s app:command events', async () => {
    const { core } = await mountApp({ ...wired, 'sync:start': () => syncStatus() });
    core.emit('app:command', { command: 'show-outbox' });
    expect(useNavStore().view).toBe('outbox');
    core.emit('app:command', { command: 'open-settings' });
    expect(useNavStore().view).toBe('settings');
    core.emit('app:command', { command: 'find-customer' });
    expect(useNavStore().view).toBe('customers');
    core.emit('app:command', { command: 'sync-now' });
    await flushPromises();
    expect(core.callsTo('sync:start')).toEqual([{ full: false }]);
  });

  it('shows app:notice messages', async () => {
    const { core } = await mountApp(wired);
    core.emit('app:notice', { level: 'warning', message: 'Token expires soon.' });
    await vi.waitFor(() => expect(document.body.textContent).toContain('Token expires soon.'));
  });
});
